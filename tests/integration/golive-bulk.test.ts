// Bulk initial sync on the local stand-ins: orders in a date range go to Salesforce with the real-time
// rules, many per call; the write-back makes a later unchanged save send nothing; a run stopped midway is
// finished by running it again, without duplicates.
import { BODY, ENTITY, GOLIVE_PARAMS, GOLIVE_SCRIPTS, LOG, SETTINGS } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';

let stack: Stack;
let items: Catalog;

beforeAll(async () => {
  stack = await startStack({ settings: { [SETTINGS.syncNetSuiteOriginatedUpdates]: true } });
  items = seedCatalog(stack.ns);
});
afterAll(async () => {
  await stack?.close();
});

const bulk = (params: Record<string, unknown>) =>
  stack.ns.runMapReduce(GOLIVE_SCRIPTS.bulk.script, GOLIVE_SCRIPTS.bulk.deploy, params);
const order = (id: string) => stack.ns.get('salesorder', id)!.fields;
const calls = async () => (await stack.sf.apiCalls()).total;

type Row = Record<string, unknown>;

async function opportunities(orderIds: string[]): Promise<Array<Row & { lines: Row[] }>> {
  const opps = (await stack.sf.records('Opportunity')).filter((o) =>
    orderIds.includes(String(o.NetSuite_Id__c)),
  );
  const lines = await stack.sf.records('OpportunityLineItem');
  return opps.map((o) => ({ ...o, lines: lines.filter((l) => l.OpportunityId === o.Id) }));
}

describe('orders in a date range', () => {
  const ids: Record<string, string> = {};
  let parent = '';
  let child = '';
  let other = '';

  beforeAll(() => {
    const { ns } = stack;
    parent = seedCustomer(ns, { companyname: 'Parent Holdings' });
    child = seedCustomer(ns, { companyname: 'Child Trading', parent });
    other = seedCustomer(ns, { companyname: 'Other Co' });
    const lines = [
      { item: items.widget, quantity: 2, rate: 100 },
      { item: items.discount10 },
      { item: items.gadget, quantity: 1, rate: 300 },
      { item: items.service, quantity: 4, rate: 25 },
      { item: items.subtotal },
      { item: items.discountAmount },
      { item: items.description, description: 'Deliver to the back door' },
    ];
    const day = (d: number) => new Date(2025, 0, d);
    ids.open = createOrder(ns, child, lines, { trandate: day(10), memo: 'open order' });
    ids.billed = createOrder(ns, other, [{ item: items.widget, quantity: 3, rate: 90 }], {
      trandate: day(12),
      orderstatus: 'G',
    });
    ids.plain = createOrder(ns, parent, [{ item: items.service, quantity: 1, rate: 40 }], {
      trandate: day(20),
    });
    ids.early = createOrder(ns, other, [{ item: items.widget, quantity: 1, rate: 100 }], {
      trandate: day(2),
    });
    ids.cancelled = createOrder(ns, other, [{ item: items.widget, quantity: 1, rate: 100 }], {
      trandate: day(15),
      orderstatus: 'C',
    });
  });

  test('open only: billed, cancelled and out-of-range orders stay behind', async () => {
    const report = bulk({
      [GOLIVE_PARAMS.bulkRecords]: 'orders',
      [GOLIVE_PARAMS.bulkFrom]: '2025-01-05',
      [GOLIVE_PARAMS.bulkTo]: '2025-01-31',
    });
    expect(report.status).toBe('COMPLETE');
    expect(report.reduceErrors).toEqual([]);
    expect(order(ids.open!)[BODY.opportunityId]).toMatch(/^006/);
    expect(order(ids.plain!)[BODY.opportunityId]).toMatch(/^006/);
    for (const id of [ids.billed!, ids.early!, ids.cancelled!])
      expect(order(id)[BODY.opportunityId]).toBeFalsy();
  });

  test('with historical orders: the same mapping, lines, amounts and write-back as the real-time flow', async () => {
    const before = await calls();
    const report = bulk({
      [GOLIVE_PARAMS.bulkRecords]: 'orders',
      [GOLIVE_PARAMS.bulkFrom]: '2025-01-05',
      [GOLIVE_PARAMS.bulkTo]: '2025-01-31',
      [GOLIVE_PARAMS.bulkStatus]: 'all',
    });
    expect(report.status).toBe('COMPLETE');
    // The billed order, its items already linked and its customer new: one query for the Standard Price
    // Book (remembered from the first run), then the Account, Opportunity and line in one call.
    expect((await calls()) - before).toBeLessThanOrEqual(2);
    expect(order(ids.billed!)[BODY.opportunityId]).toMatch(/^006/);
    expect(order(ids.cancelled!)[BODY.opportunityId]).toBeFalsy();

    const [opp] = await opportunities([ids.open!]);
    const so = order(ids.open!);
    expect(opp).toMatchObject({
      Id: so[BODY.opportunityId],
      StageName: 'Closed Won',
      CloseDate: '2025-01-10',
      Description: 'open order',
      NetSuite_Originated_Order__c: true,
      NetSuite_Order_Number__c: so.tranid,
      Name: `Child Trading - ${String(so.tranid)}`,
    });
    // 200 - 10% = 180; the subtotal group (180 + 300 + 100 = 580) less 50: 530, as NetSuite totals it.
    expect(opp!.Amount).toBe(530);
    expect(Number(so.total)).toBeCloseTo(530, 2);
    const lineKeys = (stack.ns.get('salesorder', ids.open!)!.sublists.item ?? [])
      .filter((l) => ['InvtPart', 'Service'].includes(String(l.itemtype)))
      .map((l) => `${ids.open}_${String(l.lineuniquekey)}_${String(l.item)}`);
    expect(opp!.lines.map((l) => l.NetSuite_Line_Id__c).sort()).toEqual([...lineKeys].sort());
    const lineMap = JSON.parse(String(so[BODY.lineMap])) as Record<string, string>;
    expect(Object.keys(lineMap).sort()).toEqual([...lineKeys].sort());
    expect(Object.values(lineMap).sort()).toEqual(opp!.lines.map((l) => l.Id).sort());
    expect(so[BODY.payloadHash]).toMatch(/^[0-9a-f]{16}$/);
    expect(so[BODY.syncStatus]).toMatch(/^Synced /);

    // Customers: parent before child, both linked, and the child's Account under the parent's.
    const accounts = await stack.sf.records('Account');
    const acct = (id: string) => accounts.find((a) => a.NetSuite_Id__c === id)!;
    expect(stack.ns.get('customer', child)!.fields[ENTITY.accountId]).toBe(acct(child).Id);
    expect(stack.ns.get('customer', parent)!.fields[ENTITY.accountId]).toBe(acct(parent).Id);
    expect(acct(child).ParentId).toBe(acct(parent).Id);
    expect(opp!.AccountId).toBe(acct(child).Id);
  });

  test('a later save of an unchanged order, or its customer, sends nothing', async () => {
    const before = await calls();
    const so = stack.ns.ui.record.load({ type: 'salesorder', id: ids.open! });
    so.setValue({ fieldId: 'memo', value: 'open order' });
    so.save();
    const customer = stack.ns.ui.record.load({ type: 'customer', id: child });
    customer.save();
    expect((await calls()) - before).toBe(0);
    // And a real change still goes, as an update of the same Opportunity.
    const edit = stack.ns.ui.record.load({ type: 'salesorder', id: ids.open! });
    edit.setValue({ fieldId: 'memo', value: 'changed after go-live' });
    edit.save();
    const [opp] = await opportunities([ids.open!]);
    expect(opp!.Description).toBe('changed after go-live');
    expect(await opportunities([ids.open!])).toHaveLength(1);
  });
});

describe('a run stopped midway', () => {
  const orderIds: string[] = [];

  beforeAll(() => {
    const { ns } = stack;
    const customers = Array.from({ length: 20 }, (_, i) => seedCustomer(ns, { companyname: `Resume ${i}` }));
    for (let i = 0; i < 320; i++) {
      orderIds.push(
        ns.seed(
          'salesorder',
          { entity: customers[i % 20], trandate: new Date(2024, 5, 1 + (i % 28)), currency: '1' },
          {
            item: [
              { item: items.widget, quantity: 1 + (i % 3), rate: 100 },
              { item: items.gadget, quantity: 1, rate: 300 },
              { item: items.service, quantity: 2, rate: 25 },
            ],
          },
        ),
      );
    }
  });

  const range = {
    [GOLIVE_PARAMS.bulkRecords]: 'orders',
    [GOLIVE_PARAMS.bulkFrom]: '2024-06-01',
    [GOLIVE_PARAMS.bulkTo]: '2024-06-30',
  };

  test('a batch whose call is dropped fails and is logged; the others finish', async () => {
    await stack.sf.fault({ kind: 'drop', times: 1, method: 'POST', path: '/composite$' });
    const report = bulk(range);
    await stack.sf.clearFaults();
    expect(report.status).toBe('COMPLETE');
    const synced = orderIds.filter((id) => order(id)[BODY.opportunityId]);
    const failed = orderIds.filter((id) => !order(id)[BODY.opportunityId]);
    expect(failed.length).toBeGreaterThan(0);
    expect(synced.length).toBeGreaterThan(0);
    expect(synced.length + failed.length).toBe(320);
    // The failed orders say why, are ready for the retry queue, and each has one open log entry.
    const f = order(failed[0]!);
    expect(f[BODY.syncStatus]).toMatch(/^Error, will retry .*: SSS_CONNECTION_CLOSED$/);
    expect(f[BODY.sendAsOpportunity]).toBe(true);
    const entries = stack.ns.list(LOG.type).filter((l) => failed.includes(String(l.fields[LOG.netsuiteId])));
    expect(entries).toHaveLength(failed.length);
  });

  test('after a stop between the Salesforce write and the write-back, the next run finishes without duplicates', async () => {
    // The state a stop after the call leaves: Salesforce has these orders, NetSuite does not know.
    const written = orderIds.filter((id) => order(id)[BODY.opportunityId]).slice(0, 40);
    const oppBefore = new Map((await opportunities(written)).map((o) => [String(o.NetSuite_Id__c), o.Id]));
    for (const id of written)
      stack.ns.as('CSVIMPORT').record.submitFields({
        type: 'salesorder',
        id,
        values: { [BODY.opportunityId]: '', [BODY.lineMap]: '', [BODY.payloadHash]: '' },
      });

    const before = await calls();
    const report = bulk(range);
    expect(report.status).toBe('COMPLETE');
    expect(report.reduceErrors).toEqual([]);
    for (const id of orderIds) expect(order(id)[BODY.opportunityId]).toMatch(/^006/);
    // Orders of 3 lines: up to 150 per call.
    expect((await calls()) - before).toBeLessThanOrEqual(Math.ceil(orderIds.length / 150) + 1);

    const opps = await opportunities(orderIds);
    expect(opps).toHaveLength(320);
    expect(new Set(opps.map((o) => o.NetSuite_Id__c)).size).toBe(320);
    for (const id of written) expect(oppBefore.get(id)).toBe(order(id)[BODY.opportunityId]);
    const lines = opps.flatMap((o) => o.lines);
    expect(lines).toHaveLength(960);
    expect(new Set(lines.map((l) => l.NetSuite_Line_Id__c)).size).toBe(960);
    // The failures of the first run are resolved in the Integration Log.
    const open = stack.ns
      .list(LOG.type)
      .filter((l) => orderIds.includes(String(l.fields[LOG.netsuiteId])))
      .filter((l) => ['Retrying', 'Error', 'Failed'].includes(String(l.fields[LOG.status] ?? '')));
    expect(open).toEqual([]);

    // A third run finds nothing left to do.
    const third = await calls();
    bulk(range);
    expect((await calls()) - third).toBeLessThanOrEqual(1);
  });
});

describe('customers only', () => {
  test('unlinked customers get Accounts, linked ones are updated; a re-run sends nothing', async () => {
    const { ns, sf } = stack;
    const fresh = seedCustomer(ns, { companyname: 'Bulk Fresh', subsidiary: '1' });
    const linkedAccount = await sf.insert('Account', { Name: 'Stale Name' });
    const linked = seedCustomer(ns, { companyname: 'Bulk Linked', [ENTITY.accountId]: linkedAccount });
    const report = bulk({ [GOLIVE_PARAMS.bulkRecords]: 'customers' });
    expect(report.status).toBe('COMPLETE');
    const accounts = await sf.records('Account');
    const freshAccount = accounts.find((a) => a.NetSuite_Id__c === fresh)!;
    expect(freshAccount.Name).toBe('Bulk Fresh');
    expect(ns.get('customer', fresh)!.fields[ENTITY.accountId]).toBe(freshAccount.Id);
    expect(accounts.find((a) => a.Id === linkedAccount)!.Name).toBe('Bulk Linked');
    expect(ns.get('customer', linked)!.fields[ENTITY.syncStatus]).toMatch(/^Synced /);

    const before = await calls();
    bulk({ [GOLIVE_PARAMS.bulkRecords]: 'customers' });
    expect((await calls()) - before).toBe(0);
  });
});
