// Reconciliation on the local stand-ins: a changed amount, a missing line and records deleted on either
// side are found and reported (File Cabinet + log); the go-live page shows them and re-syncs the chosen
// ones with the real-time flows.
import { BODY, ENTITY, GOLIVE_SCRIPTS, SETTINGS } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';
import { deleteInSalesforce, parseCsv } from './golive-support';

let stack: Stack;
let items: Catalog;
let customer = '';
const orders: Record<'amount' | 'line' | 'gone' | 'deletedInNs' | 'fine', string> = {
  amount: '',
  line: '',
  gone: '',
  deletedInNs: '',
  fine: '',
};
let goneOpportunity = '';
let orphanOpportunity = '';

beforeAll(async () => {
  stack = await startStack({ settings: { [SETTINGS.createAccountsForNewCustomers]: true } });
  items = seedCatalog(stack.ns);
  customer = seedCustomer(stack.ns, { companyname: 'Reconciled Inc', phone: '555-0100' });
  const lines = [
    { item: items.widget, quantity: 2, rate: 100 },
    { item: items.gadget, quantity: 1, rate: 300 },
    { item: items.service, quantity: 4, rate: 25 },
  ];
  for (const key of Object.keys(orders) as Array<keyof typeof orders>)
    orders[key] = createOrder(stack.ns, customer, lines, {
      [BODY.sendAsOpportunity]: true,
      trandate: new Date(2026, 2, 1),
    });
  const opp = (id: string) => String(stack.ns.get('salesorder', id)!.fields[BODY.opportunityId]);
  for (const id of Object.values(orders)) expect(opp(id)).toMatch(/^006/);

  // Out of sync on purpose: a price changed in Salesforce, a line deleted there, an Opportunity deleted
  // there, an order deleted in NetSuite, and the Account's phone changed in Salesforce.
  const sfLines = await stack.sf.records('OpportunityLineItem');
  const lineOf = (id: string) => sfLines.filter((l) => l.OpportunityId === opp(id));
  await stack.sf.update('OpportunityLineItem', String(lineOf(orders.amount)[0]!.Id), { UnitPrice: 90 });
  await deleteInSalesforce(stack.sf, 'OpportunityLineItem', String(lineOf(orders.line)[1]!.Id));
  goneOpportunity = opp(orders.gone);
  await deleteInSalesforce(stack.sf, 'Opportunity', goneOpportunity);
  orphanOpportunity = opp(orders.deletedInNs);
  stack.ns.ui.record.delete({ type: 'salesorder', id: orders.deletedInNs });
  const accountId = String(stack.ns.get('customer', customer)!.fields[ENTITY.accountId]);
  await stack.sf.update('Account', accountId, { Phone: '555-9999' });
});
afterAll(async () => {
  await stack?.close();
});

const recon = () => stack.ns.runMapReduce(GOLIVE_SCRIPTS.recon.script, GOLIVE_SCRIPTS.recon.deploy);
const latest = () => {
  const file = stack.ns.files().find((f) => f.path === 'SuiteScripts/sfsync-reconciliation-latest.json');
  return JSON.parse(file!.contents) as {
    summary: {
      total: number;
      counts: Record<string, number>;
      checked: { orders: number; customers: number };
    };
    findings: Array<{
      netsuiteType: string;
      netsuiteId: string;
      issue: string;
      detail: string;
      resync: boolean;
      salesforceId: string;
    }>;
    resynced: Record<string, string>;
  };
};
/** The page; with a body, the form posted from the page and the page its redirect leads to. */
const page = (parameters?: Record<string, string>, body?: string) => {
  if (!body)
    return stack.ns.callSuitelet(GOLIVE_SCRIPTS.page.script, GOLIVE_SCRIPTS.page.deploy, {
      ...(parameters ? { parameters } : {}),
    });
  const posted = stack.ns.callSuitelet(GOLIVE_SCRIPTS.page.script, GOLIVE_SCRIPTS.page.deploy, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
    body,
  });
  expect(posted.status).toBe(302);
  const location = new URL(posted.headers.Location!, 'http://netsuite.local');
  return stack.ns.callSuitelet(GOLIVE_SCRIPTS.page.script, GOLIVE_SCRIPTS.page.deploy, {
    parameters: Object.fromEntries(location.searchParams),
  });
};

test('the report finds a changed amount, a missing line and records deleted on either side', async () => {
  const report = recon();
  expect(report.status).toBe('COMPLETE');
  expect(report.mapErrors).toEqual([]);
  expect(report.reduceErrors).toEqual([]);

  const { summary, findings } = latest();
  const of = (id: string, type = 'salesorder') =>
    findings.filter((f) => f.netsuiteType === type && f.netsuiteId === id).map((f) => f.issue);
  expect(of(orders.amount)).toEqual(['amount differs']);
  expect(
    findings.find((f) => f.netsuiteType === 'salesorder' && f.netsuiteId === orders.amount)!.detail,
  ).toBe('Order total after discounts 600.00, Opportunity Amount 580.00.');
  expect(of(orders.line)).toEqual(['amount differs', 'lines differ']);
  expect(findings.find((f) => f.issue === 'lines differ')!.detail).toMatch(
    /^3 line\(s\) in NetSuite, 2 in Salesforce; missing in Salesforce: \d+_\d+_\d+\.$/,
  );
  expect(of(orders.gone)).toEqual(['missing in Salesforce']);
  expect(
    findings.find((f) => f.netsuiteType === 'salesorder' && f.netsuiteId === orders.deletedInNs),
  ).toMatchObject({
    issue: 'missing in NetSuite',
    salesforceId: orphanOpportunity,
    resync: false,
  });
  expect(of(customer, 'customer')).toEqual(['fields differ']);
  expect(findings.find((f) => f.netsuiteType === 'customer')!.detail).toBe(
    'Phone: NetSuite 555-0100, Salesforce 555-9999',
  );
  expect(of(orders.fine)).toEqual([]);
  expect(summary.checked).toEqual({ orders: 4, customers: 1 });
  expect(summary.total).toBe(6);

  // The dated CSV has the same rows; the log has the summary.
  const csv = stack.ns.files().find((f) => /^sfsync-reconciliation-\d{8}-\d{6}\.csv$/.test(f.name))!;
  const rows = parseCsv(csv.contents);
  expect(rows).toHaveLength(1 + 6);
  expect(rows[0]![5]).toBe('Issue');
  const log = stack.ns.logs.find((l) => l.title === 'sfsync reconciliation')!;
  expect(log.details).toMatch(
    /^Checked 4 linked order\(s\) and 1 linked customer\(s\): 6 out of sync \(.*1 missing in NetSuite.*\)\. Report: sfsync-reconciliation-/,
  );
});

test('the go-live page lists what is out of sync, re-sendable records with a box', () => {
  const res = page();
  expect(res.status).toBe(200);
  expect(res.body).toContain('4 linked order(s) and 1 linked customer(s) compared; 6 out of sync');
  for (const id of [orders.amount, orders.line, orders.gone])
    expect(res.body).toContain(`name="records" value="salesorder:${id}"`);
  expect(res.body).toContain(`name="records" value="customer:${customer}"`);
  // An order deleted in NetSuite cannot be sent again: listed, without a box.
  expect(res.body).toContain(`data-record="salesorder:${orders.deletedInNs}"`);
  expect(res.body).not.toContain(`value="salesorder:${orders.deletedInNs}"`);
});

test('re-sync of the selected records puts them back in step; the next report is clean for them', async () => {
  const selected = [orders.amount, orders.line, orders.gone].map((id) => `records=salesorder%3A${id}`);
  const res = page(undefined, ['action=resync', ...selected, `records=customer%3A${customer}`].join('&'));
  expect(res.body).toContain('Re-sync queued for 4 records.');
  const ran = stack.ns.runQueuedTasks();
  expect(ran).toHaveLength(1);

  const opps = await stack.sf.records('Opportunity');
  const lines = await stack.sf.records('OpportunityLineItem');
  for (const id of [orders.amount, orders.line, orders.gone]) {
    const oppId = String(stack.ns.get('salesorder', id)!.fields[BODY.opportunityId]);
    const opp = opps.find((o) => o.Id === oppId)!;
    expect(opp.Amount).toBe(600);
    expect(lines.filter((l) => l.OpportunityId === oppId)).toHaveLength(3);
  }
  // The deleted Opportunity was sent again as a new one and linked.
  expect(stack.ns.get('salesorder', orders.gone)!.fields[BODY.opportunityId]).not.toBe(goneOpportunity);
  const account = String(stack.ns.get('customer', customer)!.fields[ENTITY.accountId]);
  expect((await stack.sf.records('Account')).find((a) => a.Id === account)!.Phone).toBe('555-0100');

  expect(Object.keys(latest().resynced).sort()).toEqual(
    [
      ...[orders.amount, orders.line, orders.gone].map((id) => `salesorder:${id}`),
      `customer:${customer}`,
    ].sort(),
  );
  expect(page().body).toContain('Re-synced: synced: Synced.');

  recon();
  expect(latest().findings.map((f) => [f.netsuiteId, f.issue])).toEqual([
    [orders.deletedInNs, 'missing in NetSuite'],
  ]);
});

test('the page starts the other jobs with their parameters and refuses empty choices', () => {
  const link = page(undefined, 'action=link&link_kinds=customer&link_kinds=item&link_dry_run=T');
  expect(link.body).toContain('Linking customer, item started as a dry run');
  const task = stack.ns.tasks.at(-1)!;
  expect(task).toMatchObject({
    scriptId: GOLIVE_SCRIPTS.link.script,
    params: { custscript_sfsync_link_dry_run: true, custscript_sfsync_link_records: 'customer,item' },
  });
  const bulk = page(
    undefined,
    'action=bulk&bulk_records=orders&bulk_from=2026-01-01&bulk_status=all&bulk_max=500',
  );
  expect(bulk.body).toContain('Bulk sync of orders started.');
  expect(stack.ns.tasks.at(-1)!.params).toMatchObject({
    custscript_sfsync_bulk_records: 'orders',
    custscript_sfsync_bulk_from: '2026-01-01',
    custscript_sfsync_bulk_status: 'all',
    custscript_sfsync_bulk_max: 500,
  });
  expect(page(undefined, 'action=resync').body).toContain('Select at least one record to re-sync.');
  expect(
    page(undefined, 'action=bulk&bulk_from=2026-02-01&bulk_to=2026-01-01&bulk_records=orders').body,
  ).toContain('The first order date is after the last one.');
  // A second start of a job still queued is refused politely.
  expect(page(undefined, 'action=link&link_kinds=customer').body).toContain('That job is already running');
});
