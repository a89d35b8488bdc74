/**
 * Opportunity amounts against NetSuite order totals on the local stand-ins (issue 12, items 2 and 3): the
 * discount amounts NetSuite stored on the lines are what is sent, a fixed discount larger than its line
 * still syncs, and line errors name the NetSuite line and item.
 */
import { BODY, LOG } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';

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
const send = { [BODY.sendAsOpportunity]: true };

async function opportunityOf(orderId: string) {
  const opps = (await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === orderId);
  expect(opps).toHaveLength(1);
  const opp = opps[0]!;
  const lines = (await stack.sf.records('OpportunityLineItem')).filter((l) => l.OpportunityId === opp.Id);
  const product = new Map(
    (await stack.sf.records('Product2')).map((p) => [p.Id as string, p.NetSuite_Id__c as string]),
  );
  const entries = new Map(
    (await stack.sf.records('PricebookEntry')).map((e) => [
      e.Id as string,
      product.get(e.Product2Id as string),
    ]),
  );
  /** Lines by NetSuite item ID. */
  const byItem = (itemId: string) => {
    const found = lines.filter((l) => entries.get(l.PricebookEntryId as string) === itemId);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  return { opp, lines, byItem };
}

const logOf = (id: string) => stack.ns.list(LOG.type).filter((l) => l.fields[LOG.netsuiteId] === id);

describe('Opportunity Amount equals the NetSuite order total', () => {
  test('a percent discount after a second subtotal takes the amount NetSuite stored (136, not 135)', async () => {
    const customer = seedCustomer(stack.ns);
    const id = createOrder(
      stack.ns,
      customer,
      [
        { item: items.widget, quantity: 1, rate: 100 },
        { item: items.subtotal },
        { item: items.discount10 },
        { item: items.service, quantity: 2, rate: 25 },
        { item: items.subtotal },
        { item: items.discount10 },
      ],
      send,
    );
    const so = order(id);
    // NetSuite: the second subtotal sums the lines since the first one (-10 + 50 = 40), so its 10 % is -4.
    expect(so.sublists.item!.map((l) => l.amount)).toEqual([100, 100, -10, 50, 40, -4]);
    expect(so.fields.total).toBe(136);
    expect(so.fields[BODY.syncStatus]).toMatch(/^Synced \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);

    const { opp, lines, byItem } = await opportunityOf(id);
    expect(opp.Amount).toBe(136);
    expect(lines).toHaveLength(2);
    expect(byItem(items.widget)).toMatchObject({ Quantity: 1, UnitPrice: 100, Discount: 10, TotalPrice: 90 });
    // The -4 goes to the item line the second subtotal sums: 50 - 4 = 46, a discount of 8 %.
    expect(byItem(items.service)).toMatchObject({ Quantity: 2, UnitPrice: 25, Discount: 8, TotalPrice: 46 });
  });

  test('a fixed discount larger than the line above it syncs: that line goes to 0, the rest comes off the lines above', async () => {
    const customer = seedCustomer(stack.ns);
    const id = createOrder(
      stack.ns,
      customer,
      [
        { item: items.gadget, quantity: 1, rate: 300 },
        { item: items.widget, quantity: 1, rate: 100 },
        { item: items.discountAmount, rate: -150 },
      ],
      send,
    );
    const so = order(id);
    expect(so.fields.total).toBe(250);
    expect(so.fields[BODY.lastSyncError]).toBeFalsy();
    expect(so.fields[BODY.syncStatus]).toMatch(/^Synced .* with 1 warning$/);

    const { opp, lines, byItem } = await opportunityOf(id);
    expect(opp.Amount).toBe(250);
    expect(lines).toHaveLength(2);
    expect(byItem(items.widget)).toMatchObject({ Quantity: 1, UnitPrice: 100, Discount: 100, TotalPrice: 0 });
    // 300 - 50 = 250: 16.67 % off, sent as the total so that it lands on 250.00 exactly.
    expect(byItem(items.gadget)).toMatchObject({ Quantity: 1, Discount: 16.67, TotalPrice: 250 });

    const [entry] = logOf(id);
    expect(String(entry?.fields[LOG.message])).toContain(
      'Line 3 (DISC-AMT): the discount of 150.00 is more than the 100.00 of the line it applies to; the other 50.00 was taken off line 1 (GADGET-B)',
    );
  });

  test('a fixed discount larger than the first line of the order comes off the lines below it', async () => {
    const customer = seedCustomer(stack.ns);
    const id = createOrder(
      stack.ns,
      customer,
      [
        { item: items.widget, quantity: 3, rate: 33.33 },
        { item: items.discountAmount, rate: -120 },
        { item: items.service, quantity: 4, rate: 25 },
        { item: items.gadget, quantity: 1, rate: 300 },
      ],
      send,
    );
    const so = order(id);
    expect(so.fields.total).toBe(379.99);
    expect(so.fields[BODY.lastSyncError]).toBeFalsy();

    const { opp, byItem } = await opportunityOf(id);
    expect(opp.Amount).toBe(379.99);
    expect(byItem(items.widget)).toMatchObject({ Quantity: 3, Discount: 100, TotalPrice: 0 });
    // 20.01 spread over 100 and 300 in proportion: 5.00 and 15.01 (the larger remainder).
    expect(byItem(items.service)).toMatchObject({ Quantity: 4, UnitPrice: 25, Discount: 5, TotalPrice: 95 });
    expect(byItem(items.gadget)).toMatchObject({ Quantity: 1, Discount: 5, TotalPrice: 284.99 });
  });
});

describe('line errors name the NetSuite line and item', () => {
  afterEach(async () => {
    await stack.sf.clearFaults();
  });

  test('a line Salesforce rejects is named by its line number and item, not its external ID', async () => {
    const customer = seedCustomer(stack.ns);
    await stack.sf.addValidationRule({
      sobject: 'OpportunityLineItem',
      field: 'Description',
      operator: 'contains',
      value: 'REJECT',
      message: 'Line descriptions may not say REJECT',
    });
    const id = createOrder(
      stack.ns,
      customer,
      [
        { item: items.widget, quantity: 1, rate: 100 },
        { item: items.description, description: 'Gift wrap' },
        { item: items.gadget, quantity: 1, rate: 300, description: 'REJECT me' },
      ],
      send,
    );
    const so = order(id);
    const message = String(so.fields[BODY.lastSyncError]);
    expect(message).toBe(
      'Salesforce rejected line 3 (GADGET-B) of order ' +
        `${so.fields.tranid} with a validation rule: "Line descriptions may not say REJECT". Change the record in NetSuite (or ask your Salesforce admin about the rule), then save it again or press Retry.`,
    );
    expect(message).not.toContain(`${id}_`);
    const [entry] = logOf(id);
    expect(entry?.fields[LOG.message]).toBe(message);
  });
});
