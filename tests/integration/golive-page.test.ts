/**
 * The go-live page Suitelet, directly (callSuitelet) and over HTTP (listen): a form posted from another site,
 * or from a page that does not say where it is, starts no job and says why; a form from the page itself
 * (Sec-Fetch-Site, or else Origin / Referer naming the account host) starts its job and redirects back to
 * the page, so reloading the page never starts the job a second time.
 */
import { GOLIVE_SCRIPTS } from '../../bundle/catalogue';
import { startStack, type Stack } from '../../tools/demo/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const ACCOUNT = { Host: '1234567.app.netsuite.com' };
const goliveScripts: string[] = [
  GOLIVE_SCRIPTS.link.script,
  GOLIVE_SCRIPTS.bulk.script,
  GOLIVE_SCRIPTS.recon.script,
];
/** Map/reduce tasks of the go-live jobs queued so far. */
const jobs = () =>
  stack.ns.tasks.filter((t) => t.taskType === 'MAP_REDUCE' && goliveScripts.includes(t.scriptId));

const send = (body: string, headers: Record<string, string>) =>
  stack.ns.callSuitelet(GOLIVE_SCRIPTS.page.script, GOLIVE_SCRIPTS.page.deploy, {
    method: 'POST',
    headers: { ...FORM, ...headers },
    body,
  });
const get = (parameters: Record<string, string> = {}) =>
  stack.ns.callSuitelet(GOLIVE_SCRIPTS.page.script, GOLIVE_SCRIPTS.page.deploy, { parameters });
const notice = (html: string) => /<p class="notice" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? '';

/** Posts as the page would; checks the redirect to the page and returns its parameters. */
function post(body: string, headers: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin' }) {
  const res = send(body, headers);
  expect(res.status).toBe(302);
  expect(res.body).toBe('');
  const location = new URL(res.headers.Location!, 'http://netsuite.local');
  expect(location.pathname).toBe('/app/site/hosting/scriptlet.nl');
  expect(location.searchParams.get('script')).toBe(GOLIVE_SCRIPTS.page.script);
  expect(location.searchParams.get('deploy')).toBe(GOLIVE_SCRIPTS.page.deploy);
  return Object.fromEntries(location.searchParams);
}

function refused(body: string, headers: Record<string, string>): string {
  const res = send(body, headers);
  expect(res.status).toBe(200);
  expect(res.headers.Location).toBeUndefined();
  expect(res.body).toContain('<title>403 Forbidden — sfsync go-live</title>');
  return /<p id="refused">([^<]*)<\/p>/.exec(res.body)![1]!;
}

test('a form from another site, or from a page that does not say where it is, starts nothing', () => {
  const start = 'action=link&link_kinds=customer&link_dry_run=T';
  const why = (reason: string) =>
    `sfsync refused this request: it may not have been sent from the sfsync go-live page. ${reason}`;
  expect(refused(start, { 'Sec-Fetch-Site': 'cross-site' })).toBe(
    why('The browser reported that the form came from another site (Sec-Fetch-Site: cross-site).'),
  );
  expect(refused(start, { 'Sec-Fetch-Site': 'same-site', Origin: 'https://1234567.app.netsuite.com' })).toBe(
    why(
      'The browser reported that the form came from another host of the same site (Sec-Fetch-Site: same-site).',
    ),
  );
  expect(refused(start, { ...ACCOUNT, Origin: 'https://attacker.example' })).toBe(
    why(
      'The form was sent from https://attacker.example, not from 1234567.app.netsuite.com (Origin header).',
    ),
  );
  expect(refused(start, { ...ACCOUNT, Origin: 'null' })).toBe(
    why('The form was sent from a page that has no origin (Origin: null).'),
  );
  expect(refused(start, { ...ACCOUNT, Referer: 'https://attacker.example/golive.html' })).toBe(
    why(
      'The form was sent from a page of attacker.example, not from 1234567.app.netsuite.com (Referer header).',
    ),
  );
  expect(refused(start, {})).toBe(
    why('The request does not say which page sent it (no Sec-Fetch-Site, Origin or Referer header).'),
  );
  expect(refused('action=recon', { 'Sec-Fetch-Site': 'cross-site' })).toContain('another site');
  expect(jobs()).toEqual([]);
});

test('the Origin fallback: a job starts once; reloading the page it redirects to starts nothing more', () => {
  const params = post('action=link&link_kinds=customer&link_kinds=item&link_dry_run=T', {
    ...ACCOUNT,
    Origin: 'https://1234567.app.netsuite.com',
  });
  expect(params).toEqual({
    script: GOLIVE_SCRIPTS.page.script,
    deploy: GOLIVE_SCRIPTS.page.deploy,
    custparam_done: 'link',
    custparam_kinds: 'customer,item',
    custparam_dry: 'T',
  });
  expect(jobs()).toHaveLength(1);
  expect(jobs()[0]).toMatchObject({
    scriptId: GOLIVE_SCRIPTS.link.script,
    status: 'PENDING',
    params: { custscript_sfsync_link_dry_run: true, custscript_sfsync_link_records: 'customer,item' },
  });
  for (let reload = 0; reload < 3; reload++) {
    const page = get(params);
    expect(page.status).toBe(200);
    expect(notice(page.body)).toBe(
      'Linking customer, item started as a dry run (nothing is written). The match report appears in the File Cabinet (SuiteScripts) when it is done.',
    );
  }
  expect(jobs()).toHaveLength(1);

  // The Referer is the last fallback; a job still queued is not queued twice.
  expect(
    post('action=link&link_kinds=customer', {
      ...ACCOUNT,
      Referer: 'https://1234567.app.netsuite.com/app/site/hosting/scriptlet.nl?script=1&deploy=1',
    }),
  ).toMatchObject({ custparam_done: 'busy' });
  expect(notice(get({ custparam_done: 'busy' }).body)).toBe(
    'That job is already running; try again when it has finished.',
  );
  expect(jobs()).toHaveLength(1);
});

test('a form that asks for nothing valid redirects with what is missing, and starts nothing', () => {
  const before = jobs().length;
  const dates = post('action=bulk&bulk_records=orders&bulk_from=2026-02-01&bulk_to=2026-01-01');
  expect(dates).toMatchObject({ custparam_done: 'invalid', custparam_why: 'bulk-dates' });
  expect(notice(get(dates).body)).toBe('The first order date is after the last one.');
  const none = post('action=resync');
  expect(notice(get(none).body)).toBe('Select at least one record to re-sync.');
  expect(notice(get(post('')).body)).toBe('Nothing to do: use one of the buttons below.');
  expect(jobs()).toHaveLength(before);
});

test('over HTTP: the POST answers 302, the reload is a GET of the page, and only one job was queued', async () => {
  const server = await stack.ns.listen(0);
  try {
    const pageUrl = `${server.url}/app/site/hosting/scriptlet.nl?script=${GOLIVE_SCRIPTS.page.script}&deploy=${GOLIVE_SCRIPTS.page.deploy}`;
    const before = jobs().length;
    const crossSite = await fetch(pageUrl, {
      method: 'POST',
      headers: { ...FORM, Origin: 'http://attacker.example' },
      body: 'action=recon',
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(200);
    expect(await crossSite.text()).toContain(
      `The form was sent from http://attacker.example, not from ${new URL(server.url).host} (Origin header).`,
    );
    expect(jobs()).toHaveLength(before);

    const res = await fetch(pageUrl, {
      method: 'POST',
      headers: { ...FORM, Origin: server.url },
      body: 'action=recon',
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location).toBe(
      `/app/site/hosting/scriptlet.nl?script=${GOLIVE_SCRIPTS.page.script}&deploy=${GOLIVE_SCRIPTS.page.deploy}&custparam_done=recon`,
    );
    expect(jobs()).toHaveLength(before + 1);
    expect(jobs().at(-1)).toMatchObject({
      scriptId: GOLIVE_SCRIPTS.recon.script,
      deploymentId: GOLIVE_SCRIPTS.recon.deployNow,
    });
    for (let reload = 0; reload < 2; reload++) {
      const page = await fetch(`${server.url}${location}`);
      expect(page.status).toBe(200);
      expect(notice(await page.text())).toBe(
        'Reconciliation started. Reload this page when it has finished.',
      );
    }
    expect(jobs()).toHaveLength(before + 1);
  } finally {
    await server.close();
  }
});
