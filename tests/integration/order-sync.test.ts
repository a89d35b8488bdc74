import { BODY, ENTITY, LOG, SETTINGS } from '../../bundle/catalogue';
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

describe('gates and settings', () => {
  test('updates of NetSuite-originated orders follow "Sync updates for NetSuite Originated Orders"', async () => {
    const customer = seedCustomer(stack.ns);
    const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    const edit = (memo: string) => {
      const so = stack.ns.ui.record.load({ type: 'salesorder', id });
      so.setValue({ fieldId: 'memo', value: memo });
      so.save();
    };
    edit('changed while updates are off');
    expect((await opportunityOf(id)).opp.Description).toBeNull();
    stack.setSettings({ [SETTINGS.syncNetSuiteOriginatedUpdates]: true });
    try {
      edit('changed while updates are on');
      expect((await opportunityOf(id)).opp.Description).toBe('changed while updates are on');
    } finally {
      stack.setSettings({ [SETTINGS.syncNetSuiteOriginatedUpdates]: false });
    }
  });

  test('Salesforce-originated orders sync back only with "Sync Salesforce Originated Orders"', async () => {
    const customer = seedCustomer(stack.ns, { companyname: 'Initech' });
    const accountId = await stack.sf.insert('Account', { Name: 'Initech', NetSuite_Id__c: customer });
    stack.ns.ui.record.submitFields({
      type: 'customer',
      id: customer,
      values: { [ENTITY.accountId]: accountId },
    });
    const oppId = await stack.sf.insert('Opportunity', {
      Name: 'From Salesforce',
      StageName: 'Closed Won',
      CloseDate: '2026-11-01',
      AccountId: accountId,
    });
    const id = stack.ns.seed(
      'salesorder',
      {
        entity: customer,
        trandate: new Date(2026, 10, 1),
        [BODY.salesforceOriginated]: true,
        [BODY.opportunityId]: oppId,
      },
      { item: [{ item: items.widget, quantity: 3, rate: 100, amount: 300 }] },
    );
    const edit = () => {
      const so = stack.ns.ui.record.load({ type: 'salesorder', id });
      so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 4 });
      so.save();
    };
    const before = (await stack.sf.apiCalls()).total;
    edit();
    expect((await stack.sf.apiCalls()).total).toBe(before);
    stack.setSettings({ [SETTINGS.syncSalesforceOriginated]: true });
    try {
      edit();
      const opp = (await stack.sf.records('Opportunity')).find((o) => o.Id === oppId)!;
      expect(opp.Amount).toBe(400);
      expect(opp.Name).toBe('From Salesforce'); // Salesforce owns the name and stage of its own opportunities
      expect(order(id).fields[BODY.netsuiteOriginated]).toBe(false);
    } finally {
      stack.setSettings({ [SETTINGS.syncSalesforceOriginated]: false });
    }
  });

  test('advanced mode: the qualification saved search decides instead of the checkbox', async () => {
    stack.ns.registerSavedSearch('customsearch_big_orders', {
      type: 'salesorder',
      filters: [['memo', 'contains', 'BIG']],
    });
    stack.setSettings({
      [SETTINGS.advancedMode]: true,
      [SETTINGS.orderQualificationSearch]: 'customsearch_big_orders',
    });
    try {
      const customer = seedCustomer(stack.ns);
      const small = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }], {
        [BODY.sendAsOpportunity]: true,
        memo: 'small',
      });
      const big = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }], {
        memo: 'BIG deal',
      });
      expect(order(small).fields[BODY.opportunityId]).toBeFalsy();
      expect(order(big).fields[BODY.opportunityId]).toMatch(/^006/);
    } finally {
      stack.setSettings({ [SETTINGS.advancedMode]: false, [SETTINGS.orderQualificationSearch]: '' });
    }
  });
});

describe('updates', () => {
  let id: string;
  beforeAll(() => {
    stack.setSettings({ [SETTINGS.syncNetSuiteOriginatedUpdates]: true });
    const customer = seedCustomer(stack.ns);
    id = createOrder(
      stack.ns,
      customer,
      [
        { item: items.widget, quantity: 1, rate: 100 },
        { item: items.gadget, quantity: 2, rate: 300 },
        { item: items.service, quantity: 3, rate: 25 },
      ],
      { [BODY.sendAsOpportunity]: true },
    );
  });
  afterAll(() => stack.setSettings({ [SETTINGS.syncNetSuiteOriginatedUpdates]: false }));

  test('a re-save that changes nothing sends nothing', async () => {
    const before = (await stack.sf.apiCalls()).total;
    const so = stack.ns.ui.record.load({ type: 'salesorder', id });
    so.save();
    expect((await stack.sf.apiCalls()).total).toBe(before);
  });

  test('lines added, changed and removed in NetSuite are added, changed and removed in Salesforce, in one call', async () => {
    const { lines: beforeLines } = await opportunityOf(id);
    const keptId = beforeLines.find((l) => l.Quantity === 2)!.Id;
    const before = (await stack.sf.apiCalls()).total;
    const so = stack.ns.ui.record.load({ type: 'salesorder', id });
    so.removeLine({ sublistId: 'item', line: 0 }); // widget
    so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 5 }); // gadget 2 → 5
    const n = so.getLineCount({ sublistId: 'item' });
    so.insertLine({ sublistId: 'item', line: n });
    so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: n, value: items.widget });
    so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: n, value: 7 });
    so.setSublistValue({ sublistId: 'item', fieldId: 'rate', line: n, value: 10 });
    so.save();
    const { opp, lines } = await opportunityOf(id);
    expect(lines.map((l) => [l.Quantity, l.UnitPrice]).sort()).toEqual(
      [
        [3, 25],
        [5, 300],
        [7, 10],
      ].sort(),
    );
    expect(lines.find((l) => l.Quantity === 5)!.Id).toBe(keptId);
    expect(opp.Amount).toBe(1500 + 75 + 70);
    // the composite plus the delete of the removed line
    expect((await stack.sf.apiCalls()).total - before).toBe(2);
  });

  test('an inline edit (xedit) reads the rest of the order', async () => {
    stack.ns.ui.record.submitFields({ type: 'salesorder', id, values: { memo: 'inline edit' } });
    const { opp, lines } = await opportunityOf(id);
    expect(opp.Description).toBe('inline edit');
    expect(lines).toHaveLength(3);
  });
});

describe('names, items and price books', () => {
  test('quotes, accents and emoji survive; over-long text is cut to the Salesforce length with a warning', async () => {
    const name = `O'Brien "Ünïcødé" Café 🚀 & Söhne ${'x'.repeat(40)}`; // NetSuite allows 83 characters
    const customer = seedCustomer(stack.ns, { companyname: name });
    const description = `Ünïcødé 🚀 ${'y'.repeat(290)}`; // 300 characters
    const id = createOrder(
      stack.ns,
      customer,
      [{ item: items.widget, quantity: 1, rate: 100, description }],
      { [BODY.sendAsOpportunity]: true },
    );
    const account = (await stack.sf.records('Account')).find((a) => a.NetSuite_Id__c === customer)!;
    expect(account.Name).toBe(name);
    const { opp, lines } = await opportunityOf(id);
    expect(opp.Name).toBe(`${name} - ${order(id).fields.tranid}`);
    expect(lines[0]!.Description).toBe(description.slice(0, 255)); // the emoji counts as two, as in Salesforce
    const entries = stack.ns.list(LOG.type).filter((l) => l.fields[LOG.netsuiteId] === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.fields[LOG.message]).toContain(
      'Line 1 (WIDGET-A): OpportunityLineItem.Description was cut to the Salesforce limit of 255 characters.',
    );
    expect(order(id).fields[BODY.syncStatus]).toMatch(/with 1 warning$/);
  });

  test('a customer with a parent chain: parents first, in the same request', async () => {
    const top = seedCustomer(stack.ns, { companyname: 'Holding' });
    const mid = seedCustomer(stack.ns, { companyname: 'Division', parent: top });
    const leaf = seedCustomer(stack.ns, { companyname: 'Branch', parent: mid });
    const before = (await stack.sf.apiCalls()).total;
    const id = createOrder(stack.ns, leaf, [{ item: items.widget, quantity: 1, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    expect((await stack.sf.apiCalls()).total - before).toBe(1);
    const accounts = await stack.sf.records('Account');
    const byNs = (c: string) => accounts.find((a) => a.NetSuite_Id__c === c)!;
    expect(byNs(mid).ParentId).toBe(byNs(top).Id);
    expect(byNs(leaf).ParentId).toBe(byNs(mid).Id);
    expect((await opportunityOf(id)).opp.AccountId).toBe(byNs(leaf).Id);
    for (const c of [top, mid, leaf])
      expect(stack.ns.get('customer', c)!.fields[ENTITY.accountId]).toBe(byNs(c).Id);
  });

  test('an item never synced, with product creation off: the log names the item and the order still saves', async () => {
    stack.setSettings({ [SETTINGS.createMissingProducts]: false });
    try {
      const lonely = stack.ns.seed('inventoryitem', {
        itemid: 'LONELY-1',
        displayname: 'Lonely Item',
        subsidiary: '1',
      });
      const id = createOrder(stack.ns, seedCustomer(stack.ns), [{ item: lonely, quantity: 1, rate: 10 }], {
        [BODY.sendAsOpportunity]: true,
      });
      expect(order(id).fields.tranid).toBeTruthy();
      expect(order(id).fields[BODY.opportunityId]).toBeFalsy();
      expect(order(id).fields[BODY.syncStatus]).toMatch(/^Error .*SFSYNC_ITEM_NOT_LINKED/);
      const entries = stack.ns.list(LOG.type).filter((l) => l.fields[LOG.netsuiteId] === id);
      expect(entries).toHaveLength(1);
      expect(entries[0]!.fields).toMatchObject({
        [LOG.errorCode]: 'SFSYNC_ITEM_NOT_LINKED',
        [LOG.retryable]: false,
      });
      expect(entries[0]!.fields[LOG.message]).toContain(`LONELY-1 (internal ID ${lonely})`);
      expect((await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === id)).toHaveLength(0);
    } finally {
      stack.setSettings({ [SETTINGS.createMissingProducts]: true });
    }
  });

  test('a mapped price level uses its price book; an unmapped one falls back with a warning', async () => {
    const wholesale = stack.ns.seed('pricelevel', { name: 'Wholesale', discountpct: -20 });
    const online = stack.ns.seed('pricelevel', { name: 'Online', discountpct: 5 });
    const book = await stack.sf.insert('Pricebook2', { Name: 'Wholesale Book', IsActive: true });
    stack.setSettings({ [SETTINGS.priceLevelBooks]: JSON.stringify({ [wholesale]: book }) });
    try {
      const mapped = createOrder(
        stack.ns,
        seedCustomer(stack.ns),
        [{ item: items.gadget, quantity: 1, price: wholesale }],
        { [BODY.sendAsOpportunity]: true },
      );
      const { opp, lines } = await opportunityOf(mapped);
      expect(opp.Pricebook2Id).toBe(book);
      expect(lines[0]).toMatchObject({ UnitPrice: 240 });
      const unmapped = createOrder(
        stack.ns,
        seedCustomer(stack.ns),
        [{ item: items.gadget, quantity: 1, price: online }],
        { [BODY.sendAsOpportunity]: true },
      );
      const standard = (await stack.sf.records('Pricebook2')).find((b) => b.IsStandard === true)!;
      expect((await opportunityOf(unmapped)).opp.Pricebook2Id).toBe(standard.Id);
      const entry = stack.ns.list(LOG.type).find((l) => l.fields[LOG.netsuiteId] === unmapped)!;
      expect(entry.fields[LOG.message]).toContain(
        `Price level ${online} has no Salesforce price book in sfsync Settings; the Standard price book was used.`,
      );
    } finally {
      stack.setSettings({ [SETTINGS.priceLevelBooks]: '' });
    }
  });

  test('zero-quantity lines: skipped with a warning by default, or sent as 1 at price 0', async () => {
    const customer = seedCustomer(stack.ns);
    const skipped = createOrder(
      stack.ns,
      customer,
      [
        { item: items.widget, quantity: 2, rate: 100 },
        { item: items.gadget, quantity: 0, rate: 300 },
      ],
      { [BODY.sendAsOpportunity]: true },
    );
    expect((await opportunityOf(skipped)).lines).toHaveLength(1);
    stack.setSettings({ [SETTINGS.zeroQuantityPolicy]: 'Send as 1 at price 0' });
    try {
      const sent = createOrder(
        stack.ns,
        customer,
        [
          { item: items.widget, quantity: 2, rate: 100 },
          { item: items.gadget, quantity: 0, rate: 300 },
        ],
        { [BODY.sendAsOpportunity]: true },
      );
      const { opp, lines } = await opportunityOf(sent);
      expect(lines).toHaveLength(2);
      expect(lines.find((l) => l.UnitPrice === 0)).toMatchObject({
        Quantity: 1,
        Description: 'Small gadget (Quantity in NetSuite: 0)',
      });
      expect(opp.Amount).toBe(200);
    } finally {
      stack.setSettings({ [SETTINGS.zeroQuantityPolicy]: 'Skip with a warning' });
    }
  });

  test('an item group: members are sent, a discount after the group applies to all of them', async () => {
    const id = createOrder(
      stack.ns,
      seedCustomer(stack.ns),
      [{ item: items.bundle, quantity: 1 }, { item: items.discountAmount }],
      { [BODY.sendAsOpportunity]: true },
    );
    const so = order(id);
    const { opp, lines } = await opportunityOf(id);
    expect(lines).toHaveLength(2);
    expect(opp.Amount).toBeCloseTo(Number(so.fields.total), 2);
    expect(lines.every((l) => Number(l.Discount) > 0)).toBe(true);
  });
});
