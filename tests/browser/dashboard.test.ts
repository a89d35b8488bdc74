/**
 * The sfsync dashboard in a real browser (headless Chromium driven by playwright-core), served by the local
 * NetSuite runtime over HTTP: a person presses Retry on a row, the queued retry run goes, and after a reload
 * the entry is resolved and the Opportunity exists; Resolve on ticked rows and the saved-search button work
 * the same way. Screenshots go to a temporary folder that is removed afterwards; set SFSYNC_SCREENSHOTS=<dir>
 * to keep them there and look at the page.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BODY, LOG, SCRIPTS } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  console.log(
    `Browser tests skipped: ${CHROMIUM} is missing (install Debian's chromium: apt-get update && apt-get install -y chromium).`,
  );
}
const browserTest = haveChromium ? describe : describe.skip;

let stack: Stack;
let items: Catalog;
let server: { url: string; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
let profileDir: string;
let shotsDir: string;

browserTest('dashboard in Chromium', () => {
  beforeAll(async () => {
    shotsDir = process.env.SFSYNC_SCREENSHOTS || fs.mkdtempSync(path.join(os.tmpdir(), 'sfsync-shots-'));
    stack = await startStack();
    items = seedCatalog(stack.ns);
    server = await stack.ns.listen(0);
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfsync-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 800 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  });
  afterAll(async () => {
    await context?.close();
    await server?.close();
    await stack?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    if (shotsDir && !process.env.SFSYNC_SCREENSHOTS) fs.rmSync(shotsDir, { recursive: true, force: true });
  });

  const dashboardUrl = () =>
    `${server.url}/app/site/hosting/scriptlet.nl?script=${SCRIPTS.dashboard.script}&deploy=${SCRIPTS.dashboard.deploy}`;

  function entryOf(orderId: string) {
    const e = stack.ns.list(LOG.type).find((l) => l.fields[LOG.netsuiteId] === orderId)!;
    const rec = stack.ns.ui.record.load({ type: LOG.type, id: e.id });
    return { id: e.id, status: String(rec.getText({ fieldId: LOG.status })) };
  }

  const newOrder = (memo: string) =>
    createOrder(stack.ns, seedCustomer(stack.ns), [{ item: items.widget, quantity: 2, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
      memo,
    });

  test('Retry on a row: the queued run syncs the order; after a reload the entry is gone from the page', async () => {
    await stack.sf.fault({ kind: 'unavailable' });
    const down = newOrder('while Salesforce was down');
    await stack.sf.clearFaults();
    await stack.sf.addValidationRule({
      sobject: 'Opportunity',
      field: 'Description',
      operator: 'contains',
      value: 'TBD',
      message: 'Describe the deal before closing it (no TBD).',
    });
    const rejected = newOrder('TBD');
    await stack.sf.clearFaults();
    const retrying = entryOf(down);
    expect(retrying.status).toBe('Retrying');

    await page.goto(dashboardUrl());
    await page.screenshot({ path: path.join(shotsDir, 'dashboard-before.png'), fullPage: true });
    expect(await page.title()).toBe('sfsync — open sync errors');
    expect(await page.textContent('#total')).toBe('2 open entries in 2 groups: 1 Error, 1 Retrying.');
    const row = page.locator(`tr[data-entry="${retrying.id}"]`);
    expect(await row.locator('td.status').textContent()).toBe('Retrying');
    expect(await row.textContent()).toContain('Salesforce was unavailable');
    expect(await row.locator(`a[href*="salesord.nl?id=${down}"]`).count()).toBe(1);

    await row.getByRole('button', { name: 'Retry' }).click();
    await page.waitForURL(/done=retry/);
    expect(await page.getByRole('status').textContent()).toBe(
      'Retry queued for 1 entry; it runs within a minute or two.',
    );
    expect(entryOf(down)).toMatchObject({ status: 'Retrying' });

    const runs = stack.ns.runQueuedTasks();
    expect(runs).toHaveLength(1);
    await page.reload();
    expect(await page.locator(`tr[data-entry="${retrying.id}"]`).count()).toBe(0);
    expect(await page.textContent('#total')).toBe('1 open entry in 1 group: 1 Error.');
    expect(entryOf(down).status).toBe('Resolved');
    const opportunityId = stack.ns.get('salesorder', down)!.fields[BODY.opportunityId];
    const opps = (await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === down);
    expect(opps.map((o) => o.Id)).toEqual([opportunityId]);
    expect(opps[0]).toMatchObject({ Amount: 200, Description: 'while Salesforce was down' });
    expect(entryOf(rejected).status).toBe('Error');
  });

  test('Resolve selected on a ticked row, and the saved-search button', async () => {
    const rejected = stack.ns.list(LOG.type).find((l) => {
      const rec = stack.ns.ui.record.load({ type: LOG.type, id: l.id });
      return rec.getText({ fieldId: LOG.status }) === 'Error';
    })!;
    await page.goto(dashboardUrl());
    await page.screenshot({ path: path.join(shotsDir, 'dashboard-error.png'), fullPage: true });
    expect(await page.locator(`tr[data-entry="${rejected.id}"]`).textContent()).toContain(
      'Describe the deal before closing it (no TBD).',
    );
    await page.getByLabel(`select entry ${rejected.id}`).check();
    await page.getByRole('button', { name: 'Resolve selected' }).click();
    await page.waitForURL(/done=resolve/);
    expect(await page.getByRole('status').textContent()).toBe('1 entry marked resolved.');
    expect(await page.textContent('tbody')).toContain('Nothing to do: every sync is up to date.');

    await page.getByRole('button', { name: 'Create the saved search' }).click();
    await page.waitForURL(/done=search-created/);
    expect(await page.getByRole('link', { name: 'sfsync Open Sync Errors' }).count()).toBe(1);
    await page.screenshot({ path: path.join(shotsDir, 'dashboard-after.png'), fullPage: true });
    if (process.env.SFSYNC_SCREENSHOTS) console.log(`Dashboard screenshots: ${shotsDir}`);
  });
});
