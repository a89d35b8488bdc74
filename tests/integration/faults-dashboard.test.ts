/**
 * The sfsync dashboard Suitelet through its HTTP-shaped entry (callSuitelet): open entries grouped by flow
 * and error, Retry and Resolve (single, group, ticked rows), the governance limit of one request, the
 * open-errors saved search, and a form posted from another site.
 */
import { BODY, LOG, PARAMS, SCRIPTS } from '../../bundle/catalogue';
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

/** The page as the redirect after an action shows it (`notice` as post() returns it: done, n, left…). */
function page(notice: Record<string, string> = {}) {
  const parameters = Object.fromEntries(Object.entries(notice).map(([k, v]) => [`custparam_${k}`, v]));
  const res = stack.ns.callSuitelet(SCRIPTS.dashboard.script, SCRIPTS.dashboard.deploy, { parameters });
  expect(res.status).toBe(200);
  expect(res.headers['Content-Type']).toBe('text/html; charset=utf-8');
  return res.body;
}

/** Sends the form to the dashboard with the given headers; the raw answer. */
function send(body: string, headers: Record<string, string>) {
  return stack.ns.callSuitelet(SCRIPTS.dashboard.script, SCRIPTS.dashboard.deploy, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
}

/**
 * Posts the form as a browser on the page would; returns the redirect's notice parameters (custparam_done
 * etc., without the prefix).
 */
function post(body: string, headers: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin' }) {
  const res = send(body, headers);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.Location!, 'http://netsuite.local');
  expect(location.pathname).toBe('/app/site/hosting/scriptlet.nl');
  expect(location.searchParams.get('script')).toBe(SCRIPTS.dashboard.script);
  expect(location.searchParams.get('deploy')).toBe(SCRIPTS.dashboard.deploy);
  return Object.fromEntries(
    [...location.searchParams]
      .filter(([k]) => k.startsWith('custparam_'))
      .map(([k, v]) => [k.slice('custparam_'.length), v]),
  );
}

/** The page a refused POST answers with (no redirect); what it says. */
function refused(body: string, headers: Record<string, string>): string {
  const res = send(body, headers);
  expect(res.status).toBe(200);
  expect(res.headers.Location).toBeUndefined();
  expect(res.body).toContain('<h1>403 Forbidden</h1>');
  return /<p id="refused">([^<]*)<\/p>/.exec(res.body)![1]!;
}

const dashboardTasks = () => stack.ns.tasks.filter((t) => t.scriptId === SCRIPTS.retryQueue.script).length;

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

  test('a form posted from another site, or from nowhere it says, changes nothing and says why', () => {
    const before = entryOf(orders.rejected);
    const tasks = dashboardTasks();
    for (const action of [`single=resolve%3A${before.id}`, `single=retry%3A${before.id}`]) {
      expect(refused(action, { 'Sec-Fetch-Site': 'cross-site' })).toBe(
        'sfsync refused this request: it may not have been sent from the sfsync dashboard page. The browser reported that the form came from another site (Sec-Fetch-Site: cross-site).',
      );
      expect(refused(action, { Origin: 'https://evil.example' })).toBe(
        'sfsync refused this request: it may not have been sent from the sfsync dashboard page. The form was sent from https://evil.example, not from 127.0.0.1 (Origin header).',
      );
      expect(refused(action, { Referer: 'https://evil.example/page.html' })).toBe(
        'sfsync refused this request: it may not have been sent from the sfsync dashboard page. The form was sent from a page of evil.example, not from 127.0.0.1 (Referer header).',
      );
      expect(refused(action, {})).toBe(
        'sfsync refused this request: it may not have been sent from the sfsync dashboard page. The request does not say which page sent it (no Sec-Fetch-Site, Origin or Referer header).',
      );
    }
    const after = entryOf(orders.rejected);
    expect(after.status).toBe('Error');
    expect(after.fields).toEqual(before.fields);
    expect(dashboardTasks()).toBe(tasks);
  });

  test('without Sec-Fetch-Site, an Origin (or Referer) naming the account host is accepted', () => {
    const id = entryOf(orders.rejected).id;
    // Nothing ticked: accepted, and nothing to do (the check comes first, then the form).
    expect(
      post('bulk=retry', { Host: '1234567.app.netsuite.com', Origin: 'https://1234567.app.netsuite.com' }),
    ).toEqual({ done: 'none', n: '0', left: '0' });
    expect(
      post('bulk=resolve', {
        Host: '1234567.app.netsuite.com',
        Referer: `https://1234567.app.netsuite.com/app/site/hosting/scriptlet.nl?script=1&deploy=1`,
      }),
    ).toEqual({ done: 'none', n: '0', left: '0' });
    expect(post('bulk=retry', { Origin: 'http://127.0.0.1' })).toEqual({ done: 'none', n: '0', left: '0' });
    expect(entryOf(orders.rejected).status).toBe('Error');
    expect(
      refused(`single=resolve%3A${id}`, {
        Host: '1234567.app.netsuite.com',
        Origin: 'https://1234567.app.netsuite.com.evil.example',
      }),
    ).toBe(
      'sfsync refused this request: it may not have been sent from the sfsync dashboard page. The form was sent from https://1234567.app.netsuite.com.evil.example, not from 1234567.app.netsuite.com (Origin header).',
    );
  });

  test('Retry or Resolve on an entry that does not exist answers with a message, not an error', () => {
    const missing = String(Number(entryOf(orders.rejected).id) + 100000);
    const tasks = dashboardTasks();
    for (const action of ['retry', 'resolve']) {
      const params = post(`single=${action}%3A${missing}`);
      expect(params).toEqual({ done: action, n: '0', left: '0', gone: missing, ngone: '1' });
      expect(page(params)).toContain(
        `<p class="notice" role="status">Nothing was ${action === 'retry' ? 'retried' : 'marked resolved'}. Entry ${missing} no longer exists: nothing was done to it.</p>`,
      );
    }
    expect(stack.ns.get(LOG.type, missing)).toBeUndefined();
    expect(dashboardTasks()).toBe(tasks);
    const executions = stack.ns.executions.filter((e) => e.scriptId === SCRIPTS.dashboard.script);
    expect(executions.at(-1)!.error).toBeUndefined();
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

  test('Retry or Resolve on an entry already resolved leaves it as it was and says so', () => {
    const resolved = entryOf(orders.rejected);
    expect(resolved.status).toBe('Resolved');
    const tasks = dashboardTasks();
    const retried = post(`single=retry%3A${resolved.id}`);
    expect(retried).toEqual({ done: 'retry', n: '0', left: '0', closed: resolved.id, nclosed: '1' });
    expect(page(retried)).toContain(
      `<p class="notice" role="status">Nothing was retried. Entry ${resolved.id} is not open any more (already resolved): left as it was.</p>`,
    );
    expect(post(`single=resolve%3A${resolved.id}`)).toEqual({
      done: 'resolve',
      n: '0',
      left: '0',
      closed: resolved.id,
      nclosed: '1',
    });
    expect(entryOf(orders.rejected)).toEqual(resolved);
    expect(dashboardTasks()).toBe(tasks);

    // A group mixing an open entry, a resolved one and a missing one: only the open one is acted on.
    const open = stack.ns.seed(LOG.type, {
      ...resolved.fields,
      name: 'mixed',
      [LOG.status]: '1',
      [LOG.netsuiteId]: '777',
      [LOG.key]: 'mixed:777',
    });
    expect(stack.ns.ui.record.load({ type: LOG.type, id: open }).getText({ fieldId: LOG.status })).toBe(
      'Error',
    );
    const missing = String(Number(open) + 100000);
    const mixed = post(`group=retry%3A${[resolved.id, open, missing].join('%2C')}`);
    expect(mixed).toEqual({
      done: 'retry',
      n: '1',
      left: '0',
      gone: missing,
      ngone: '1',
      closed: resolved.id,
      nclosed: '1',
    });
    expect(page(mixed)).toContain(
      `Retry queued for 1 entry; it runs within a minute or two. Entry ${missing} no longer exists: nothing was done to it. Entry ${resolved.id} is not open any more (already resolved): left as it was.`,
    );
    expect(stack.ns.tasks.at(-1)).toMatchObject({
      scriptId: SCRIPTS.retryQueue.script,
      status: 'PENDING',
      params: { [PARAMS.retryEntries]: open },
    });
    expect(dashboardTasks()).toBe(tasks + 1);
    expect(entryOf(orders.rejected)).toEqual(resolved);
    expect(post(`single=resolve%3A${open}`)).toEqual({ done: 'resolve', n: '1', left: '0' });
    expect(stack.ns.ui.record.load({ type: LOG.type, id: open }).getText({ fieldId: LOG.status })).toBe(
      'Resolved',
    );
  });

  test('a reload of the page after an action does not do it again', () => {
    stack.ns.runQueuedTasks(); // the retry run queued before, so that this one can be queued
    const open = stack.ns.seed(LOG.type, {
      ...entryOf(orders.rejected).fields,
      name: 'reload',
      [LOG.status]: '1',
      [LOG.netsuiteId]: '778',
      [LOG.key]: 'reload:778',
    });
    const tasks = dashboardTasks();
    const res = send(`single=retry%3A${open}`, { 'Sec-Fetch-Site': 'same-origin' });
    expect(res.status).toBe(302);
    expect(dashboardTasks()).toBe(tasks + 1);
    // The browser follows the redirect with a GET; reloading repeats that GET, never the POST.
    const target = new URL(res.headers.Location!, 'http://netsuite.local');
    const parameters = Object.fromEntries(target.searchParams);
    for (let i = 0; i < 3; i++) {
      const again = stack.ns.callSuitelet(SCRIPTS.dashboard.script, SCRIPTS.dashboard.deploy, { parameters });
      expect(again.status).toBe(200);
      expect(again.body).toContain('Retry queued for 1 entry; it runs within a minute or two.');
    }
    expect(dashboardTasks()).toBe(tasks + 1);
    expect(post(`single=resolve%3A${open}`)).toEqual({ done: 'resolve', n: '1', left: '0' });
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
