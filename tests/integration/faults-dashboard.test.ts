/**
 * The sfsync dashboard Suitelet through its HTTP-shaped entry (callSuitelet): open entries grouped by flow
 * and error, Retry and Resolve (single, group, ticked rows), the governance limit of one request, the
 * open-errors saved search, and a form posted from another site.
 */
import { BODY, LOG, SCRIPTS } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';

let stack: Stack;
let items: Catalog;
const orders: Record<'down1' | 'down2' | 'rejected', string> = { down1: '', down2: '', rejected: '' };

beforeAll(async () => {
  stack = await startStack();
  items = seedCatalog(stack.ns);
  await stack.sf.fault({ kind: 'unavailable' });
  const order = (memo: string) =>
    createOrder(stack.ns, seedCustomer(stack.ns), [{ item: items.widget, quantity: 1, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
      memo,
    });
  orders.down1 = order('first');
  orders.down2 = order('second');
  await stack.sf.clearFaults();
  await stack.sf.addValidationRule({
    sobject: 'Opportunity',
    field: 'Description',
    operator: 'equals',
    value: 'rush',
    message: 'Rush orders need approval',
  });
  orders.rejected = order('rush');
  await stack.sf.clearFaults();
});
afterAll(async () => {
  await stack?.close();
});

function entryOf(orderId: string) {
  const e = stack.ns.list(LOG.type).find((l) => l.fields[LOG.netsuiteId] === orderId)!;
  const status = String(
    stack.ns.ui.record.load({ type: LOG.type, id: e.id }).getText({ fieldId: LOG.status }),
  );
  return { id: e.id, status, fields: e.fields };
}

function page(parameters: Record<string, string> = {}) {
  const res = stack.ns.callSuitelet(SCRIPTS.dashboard.script, SCRIPTS.dashboard.deploy, { parameters });
  expect(res.status).toBe(200);
  expect(res.headers['Content-Type']).toBe('text/html; charset=utf-8');
  return res.body;
}

/** Posts the form as a browser on the page would; returns the notice parameters of the redirect. */
function post(body: string, headers: Record<string, string> = {}): Record<string, string> {
  const res = stack.ns.callSuitelet(SCRIPTS.dashboard.script, SCRIPTS.dashboard.deploy, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Sec-Fetch-Site': 'same-origin',
      ...headers,
    },
    body,
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.Location!, 'http://netsuite.local');
  expect(location.pathname).toBe('/app/site/hosting/scriptlet.nl');
  expect(location.searchParams.get('script')).toBe(SCRIPTS.dashboard.script);
  return Object.fromEntries([...location.searchParams].filter(([k]) => ['done', 'n', 'left'].includes(k)));
}

describe('dashboard', () => {
  test('lists open entries grouped by flow and error, with counts and links', () => {
    const html = page();
    expect(html).toContain('<p id="total">3 open entries in 2 groups: 1 Error, 2 Retrying.</p>');
    expect(html).toMatch(
      /Sales Order to Opportunity — Salesforce was unavailable <code>SERVER_UNAVAILABLE<\/code><span class="count">2<\/span>/,
    );
    expect(html).toMatch(
      /— Rejected by a Salesforce validation rule <code>FIELD_CUSTOM_VALIDATION_EXCEPTION<\/code><span class="count">1<\/span>/,
    );
    expect(html).toContain(
      `<a href="/app/accounting/transactions/salesord.nl?id=${orders.rejected}">Sales Order ${orders.rejected}</a>`,
    );
    expect(html).toContain('Rush orders need approval');
    expect(html).toContain(`value="retry:${entryOf(orders.down1).id}"`);
  });

  test('a form posted from another site changes nothing', () => {
    const before = entryOf(orders.rejected);
    expect(post(`single=resolve%3A${before.id}`, { 'Sec-Fetch-Site': 'cross-site' })).toMatchObject({
      done: 'refused',
    });
    expect(entryOf(orders.rejected).status).toBe('Error');
    expect(page({ done: 'refused' })).toContain('Refused: the form was not sent from this page.');
  });

  test('Retry all on a group queues the retry run; the run syncs both orders', async () => {
    const ids = [entryOf(orders.down1).id, entryOf(orders.down2).id];
    expect(post(`group=retry%3A${ids.join('%2C')}`)).toEqual({ done: 'retry', n: '2', left: '0' });
    expect(page({ done: 'retry', n: '2', left: '0' })).toContain(
      'Retry queued for 2 entries; it runs within a minute or two.',
    );
    expect(stack.ns.tasks.at(-1)).toMatchObject({ status: 'PENDING' });
    stack.ns.runQueuedTasks();
    for (const id of [orders.down1, orders.down2]) {
      expect(entryOf(id).status).toBe('Resolved');
      expect(stack.ns.get('salesorder', id)!.fields[BODY.opportunityId]).toMatch(/^006/);
    }
    expect(page()).toContain('<p id="total">1 open entry in 1 group: 1 Error.</p>');
  });

  test('Resolve on the ticked rows closes them', () => {
    const id = entryOf(orders.rejected).id;
    expect(post(`ids=${id}&bulk=resolve`)).toEqual({ done: 'resolve', n: '1', left: '0' });
    expect(entryOf(orders.rejected).status).toBe('Resolved');
    expect(String(entryOf(orders.rejected).fields[LOG.message])).toBe(
      'Resolved: marked resolved on the sfsync dashboard.',
    );
    expect(page()).toContain('Nothing to do: every sync is up to date.');
    expect(post('bulk=resolve')).toEqual({ done: 'none', n: '0', left: '0' });
  });

  test('the saved search of open errors is created once, and lists what the page lists', () => {
    expect(page()).toContain('value="createSearch"');
    expect(post('action=createSearch')).toMatchObject({ done: 'search-created' });
    expect(post('action=createSearch')).toMatchObject({ done: 'search-exists' });
    const html = page();
    expect(html).not.toContain('value="createSearch"');
    expect(html).toMatch(
      /<a href="\/app\/common\/search\/searchresults\.nl\?searchid=\d+">sfsync Open Sync Errors<\/a>/,
    );

    const open = stack.ns.ui.search.load({ id: 'customsearch_sfsync_open_errors' });
    expect(open.title).toBe('sfsync Open Sync Errors');
    const count = () => open.run().getRange({ start: 0, end: 1000 }).length;
    expect(count()).toBe(0);
    const rejected = entryOf(orders.rejected);
    stack.ns.ui.record.submitFields({ type: LOG.type, id: rejected.id, values: { [LOG.status]: '1' } });
    expect(entryOf(orders.rejected).status).toBe('Error');
    expect(count()).toBe(1);
  });

  test('a bulk action larger than one request can afford does what fits and says how many are left', () => {
    const template = entryOf(orders.rejected).fields;
    const seeded = Array.from({ length: 600 }, (_, i) =>
      stack.ns.seed(LOG.type, {
        ...template,
        name: `bulk ${i}`,
        [LOG.netsuiteId]: `9${i}`,
        [LOG.key]: `bulk:${i}`,
      }),
    );
    const first = post(`bulk=resolve&${seeded.map((id) => `ids=${id}`).join('&')}`);
    const done = Number(first.n);
    expect(first.done).toBe('resolve');
    expect(done).toBeGreaterThan(300);
    expect(Number(first.left)).toBe(600 - done);
    const executions = stack.ns.executions.filter((e) => e.scriptId === SCRIPTS.dashboard.script);
    expect(executions.at(-1)!.error).toBeUndefined();
    expect(page(first)).toContain(`${600 - done} entries did not fit in one request`);

    const rest = seeded.slice(done);
    expect(post(`bulk=resolve&${rest.map((id) => `ids=${id}`).join('&')}`)).toEqual({
      done: 'resolve',
      n: String(rest.length),
      left: '0',
    });
    expect(
      seeded.filter((id) => stack.ns.get(LOG.type, id)!.fields[LOG.status] !== template[LOG.status]),
    ).toHaveLength(600);
  });
});
