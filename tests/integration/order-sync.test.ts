import { BODY, ENTITY, LOG } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { ACCOUNT_URL, startStack, type Stack } from '../../tools/demo/stack';

let stack: Stack;
let items: Catalog;

beforeAll(async () => {
  stack = await startStack({ settings: {} });
  items = seedCatalog(stack.ns);
});
afterAll(async () => {
  await stack?.close();
});

const order = (id: string) => stack.ns.get('salesorder', id)!;
async function opportunityOf(orderId: string) {
  const opps = (await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === orderId);
  expect(opps).toHaveLength(1);
  const opp = opps[0]!;
  const lines = (await stack.sf.records('OpportunityLineItem')).filter((l) => l.OpportunityId === opp.Id);
  return { opp, lines };
}

describe('Sales Order → Opportunity', () => {
  test('a new order with the box checked becomes a Closed Won Opportunity, customer account first', async () => {
    const customer = seedCustomer(stack.ns, { companyname: 'Globex' });
    const before = (await stack.sf.apiCalls()).total;
    const id = createOrder(
      stack.ns,
      customer,
      [
        { item: items.widget, quantity: 2, rate: 100 },
        { item: items.discount10 },
        { item: items.gadget, quantity: 1, rate: 300 },
        { item: items.service, quantity: 4, rate: 25 },
        { item: items.subtotal },
        { item: items.discountAmount },
        { item: items.description, description: 'Deliver to the back door' },
      ],
      { [BODY.sendAsOpportunity]: true, memo: 'First order', trandate: new Date(2026, 10, 20) },
    );
    const so = order(id);
    expect(so.fields[BODY.opportunityId]).toMatch(/^006/);
    expect(so.fields[BODY.netsuiteOriginated]).toBe(true);
    expect(so.fields[BODY.syncStatus]).toMatch(/^Synced /);
    expect(so.fields[BODY.lastSyncError]).toBeFalsy();

    const { opp, lines } = await opportunityOf(id);
    expect(opp).toMatchObject({
      Id: so.fields[BODY.opportunityId],
      StageName: 'Closed Won',
      CloseDate: '2026-11-20',
      Description: 'First order',
      NetSuite_Originated_Order__c: true,
      Skip_Export_To_NetSuite__c: true,
      NetSuite_Order_Number__c: so.fields.tranid,
      NetSuite_Order_Record__c: `${ACCOUNT_URL}/app/accounting/transactions/salesord.nl?id=${id}`,
    });
    // 200 - 10% = 180; then the subtotal group (180 + 300 + 100 = 580) less 50: 530.
    expect(opp.Amount).toBe(530);
    expect(Number(so.fields.total ?? so.fields.subtotal)).toBeCloseTo(530, 2);
    expect(lines).toHaveLength(3);
    const byQty = Object.fromEntries(lines.map((l) => [l.Quantity, l]));
    expect(byQty[2]).toMatchObject({ UnitPrice: 100 });
    expect(Number(byQty[2]!.TotalPrice)).toBeCloseTo(164.48, 2);

    const account = (await stack.sf.records('Account')).find((a) => a.NetSuite_Id__c === customer)!;
    expect(account).toMatchObject({ Name: 'Globex', Id: opp.AccountId });
    expect(stack.ns.get('customer', customer)!.fields[ENTITY.accountId]).toBe(account.Id);

    const products = await stack.sf.records('Product2');
    expect(products.map((p) => p.NetSuite_Id__c).sort()).toEqual(
      expect.arrayContaining([items.widget, items.gadget, items.service]),
    );
    // first sync: one lookup call for the unknown items, one composite for everything else
    expect((await stack.sf.apiCalls()).total - before).toBeLessThanOrEqual(3);
  });

  test('an order without the box checked sends nothing', async () => {
    const customer = seedCustomer(stack.ns);
    const before = (await stack.sf.apiCalls()).total;
    const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }]);
    expect(order(id).fields[BODY.opportunityId]).toBeFalsy();
    expect((await stack.sf.apiCalls()).total).toBe(before);
    expect(stack.ns.list(LOG.type).filter((l) => l.fields[LOG.netsuiteId] === id)).toHaveLength(0);
  });
});
