// Orders in a currency other than the Salesforce org's corporate one: each price book entry sfsync uses or
// creates is in the order's currency (Salesforce refuses a line whose entry is in another), looked up and
// remembered per currency.
import { BODY, GOLIVE_PARAMS, GOLIVE_SCRIPTS, ITEM, SETTINGS } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';

let stack: Stack;
let items: Catalog;
let euro = '';

beforeAll(async () => {
  stack = await startStack({ settings: { [SETTINGS.syncNetSuiteOriginatedUpdates]: true } });
  items = seedCatalog(stack.ns);
  euro = stack.ns.seed('currency', { name: 'Euro', symbol: 'EUR', displaysymbol: '€', exchangerate: 1.08 });
});
afterAll(async () => {
  await stack?.close();
});

const entriesOf = async (itemId: string) => {
  const product = (await stack.sf.records('Product2')).find((p) => p.NetSuite_Id__c === itemId)!;
  return (await stack.sf.records('PricebookEntry'))
    .filter((e) => e.Product2Id === product.Id)
    .map((e) => [e.CurrencyIsoCode, e.UnitPrice])
    .sort();
};

test('a euro order after a dollar order: euro entries are created, each line uses its own currency', async () => {
  const dollars = seedCustomer(stack.ns, { companyname: 'Dollar Buyer' });
  const usd = createOrder(stack.ns, dollars, [{ item: items.widget, quantity: 1, rate: 100 }], {
    [BODY.sendAsOpportunity]: true,
  });
  expect(stack.ns.get('salesorder', usd)!.fields[BODY.syncStatus]).toMatch(/^Synced/);

  const euros = seedCustomer(stack.ns, { companyname: 'Euro Buyer', currency: euro });
  const eur = createOrder(
    stack.ns,
    euros,
    [
      { item: items.widget, quantity: 2, rate: 90 },
      { item: items.gadget, quantity: 1, rate: 280 },
    ],
    { [BODY.sendAsOpportunity]: true, currency: euro },
  );
  const order = stack.ns.get('salesorder', eur)!;
  expect(order.fields[BODY.lastSyncError]).toBeFalsy();
  expect(order.fields[BODY.syncStatus]).toMatch(/^Synced/);
  const opp = (await stack.sf.records('Opportunity')).find((o) => o.NetSuite_Id__c === eur)!;
  expect(opp).toMatchObject({ CurrencyIsoCode: 'EUR', Amount: 460 });
  const lines = (await stack.sf.records('OpportunityLineItem')).filter((l) => l.OpportunityId === opp.Id);
  expect(lines.map((l) => [l.CurrencyIsoCode, l.Quantity, l.TotalPrice]).sort()).toEqual([
    ['EUR', 1, 280],
    ['EUR', 2, 180],
  ]);
  expect(await entriesOf(items.widget)).toEqual([
    ['EUR', 90],
    ['USD', 100],
  ]);
  // Remembered per currency on the item.
  const map = JSON.parse(String(stack.ns.get('inventoryitem', items.widget)!.fields[ITEM.priceBookEntries]));
  expect(Object.keys(map).sort()).toEqual(['standard:EUR', 'standard:USD']);

  // The next euro order finds everything on the items: one call.
  const calls = (await stack.sf.apiCalls()).total;
  createOrder(stack.ns, euros, [{ item: items.widget, quantity: 3, rate: 90 }], {
    [BODY.sendAsOpportunity]: true,
    currency: euro,
  });
  expect((await stack.sf.apiCalls()).total - calls).toBe(1);
});

test('the bulk sync links and prices items per currency, then sends euro and dollar orders', async () => {
  const gizmo = stack.ns.seed('inventoryitem', {
    itemid: 'GIZMO',
    displayname: 'Gizmo',
    baseprice: 10,
    subsidiary: '1',
  });
  const euros = seedCustomer(stack.ns, { companyname: 'Bulk Euro', currency: euro });
  const dollars = seedCustomer(stack.ns, { companyname: 'Bulk Dollar' });
  const day = new Date(2024, 5, 3);
  const eur = createOrder(stack.ns, euros, [{ item: gizmo, quantity: 4, rate: 9 }], {
    trandate: day,
    currency: euro,
  });
  const usd = createOrder(stack.ns, dollars, [{ item: gizmo, quantity: 2, rate: 10 }], { trandate: day });
  const report = stack.ns.runMapReduce(GOLIVE_SCRIPTS.bulk.script, GOLIVE_SCRIPTS.bulk.deploy, {
    [GOLIVE_PARAMS.bulkRecords]: 'orders',
    [GOLIVE_PARAMS.bulkFrom]: '2024-06-01',
    [GOLIVE_PARAMS.bulkTo]: '2024-06-30',
  });
  expect(report.status).toBe('COMPLETE');
  expect(report.reduceErrors).toEqual([]);
  for (const [id, currency, amount] of [
    [eur, 'EUR', 36],
    [usd, 'USD', 20],
  ] as const) {
    const order = stack.ns.get('salesorder', id)!;
    expect(order.fields[BODY.lastSyncError]).toBeFalsy();
    const opp = (await stack.sf.records('Opportunity')).find(
      (o) => o.Id === order.fields[BODY.opportunityId],
    )!;
    expect(opp).toMatchObject({ CurrencyIsoCode: currency, Amount: amount });
  }
  expect(await entriesOf(gizmo)).toEqual([
    ['EUR', 9],
    ['USD', 10],
  ]);
});
