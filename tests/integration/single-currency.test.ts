// sfsync against a Salesforce org without multi-currency: no object has CurrencyIsoCode, and the org refuses
// any write or query that names it (INVALID_FIELD), so every sync that succeeds here sent and selected none.
import { BODY, ENTITY, SETTINGS } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startSalesforceOrg, type LogEntry } from '../../tools/salesforce-local';
import { opportunity, product, startInbound, unique, wonAccount, type InboundStack } from './support/inbound';

let stack: InboundStack;
let items: Catalog;

beforeAll(async () => {
  const org = await startSalesforceOrg({ multiCurrency: false });
  stack = await startInbound(
    { settings: { [SETTINGS.singleCurrencyOrg]: true, [SETTINGS.createAccountsForNewCustomers]: true } },
    org,
  );
  items = seedCatalog(stack.ns);
});
afterAll(async () => {
  await stack?.close();
});

/** Requests made from here on; `names()` lists those naming CurrencyIsoCode in their path or body. */
async function watchRequests(): Promise<{ entries(): Promise<LogEntry[]>; names(): Promise<string[]> }> {
  const start = (await stack.sf.requestLog()).length;
  const entries = async () => (await stack.sf.requestLog()).slice(start);
  return {
    entries,
    names: async () =>
      (await entries())
        .filter((e) => `${decodeURIComponent(e.path)} ${e.requestBody ?? ''}`.includes('CurrencyIsoCode'))
        .map((e) => `${e.method} ${e.path}`),
  };
}

describe('a single-currency Salesforce org', () => {
  test('the org has no CurrencyIsoCode', async () => {
    await expect(stack.sf.insert('Account', { Name: 'X', CurrencyIsoCode: 'USD' })).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'CurrencyIsoCode' on sobject of type Account",
    });
  });

  test('a new customer becomes an Account', async () => {
    const watch = await watchRequests();
    const rec = stack.ns.ui.record.create({ type: 'customer' });
    rec.setValue({ fieldId: 'entityid', value: 'ONE-CUR' });
    rec.setValue({ fieldId: 'companyname', value: 'One Currency Ltd' });
    rec.setValue({ fieldId: 'subsidiary', value: '1' });
    rec.setValue({ fieldId: 'currency', value: '1' });
    const id = String(rec.save());
    const customer = stack.ns.get('customer', id)!;
    expect(customer.fields[ENTITY.syncStatus]).toMatch(/^Synced /);
    const accounts = (await stack.sf.records('Account')).filter((a) => a.NetSuite_Id__c === id);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ Name: 'One Currency Ltd', Id: customer.fields[ENTITY.accountId] });
    expect(accounts[0]).not.toHaveProperty('CurrencyIsoCode');
    expect((await watch.entries()).map((e) => `${e.method} ${e.kind} ${e.status}`)).toEqual([
      'POST token 200',
      'POST composite 200',
    ]);
    expect(await watch.names()).toEqual([]);
  });

  test('a new order becomes an Opportunity with its lines, customer account and products first', async () => {
    const customer = seedCustomer(stack.ns, { companyname: 'Single Co' });
    const watch = await watchRequests();
    const id = createOrder(
      stack.ns,
      customer,
      [
        { item: items.widget, quantity: 2, rate: 100 },
        { item: items.gadget, quantity: 1, rate: 300 },
      ],
      { [BODY.sendAsOpportunity]: true, trandate: new Date(2026, 10, 20) },
    );
    const so = stack.ns.get('salesorder', id)!;
    expect(so.fields[BODY.lastSyncError]).toBeFalsy();
    expect(so.fields[BODY.syncStatus]).toMatch(/^Synced /);
    const [opp] = (await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === id);
    expect(opp).toMatchObject({ Id: so.fields[BODY.opportunityId], Amount: 500, StageName: 'Closed Won' });
    expect(opp).not.toHaveProperty('CurrencyIsoCode');
    const lines = (await stack.sf.records('OpportunityLineItem')).filter((l) => l.OpportunityId === opp!.Id);
    expect(lines.map((l) => l.TotalPrice).sort()).toEqual([200, 300]);
    expect(await watch.names()).toEqual([]);

    // An edit of the linked order (a NetSuite Originated Order update) goes through as well.
    stack.setSettings({ [SETTINGS.syncNetSuiteOriginatedUpdates]: true });
    const rec = stack.ns.ui.record.load({ type: 'salesorder', id });
    rec.setValue({ fieldId: 'memo', value: 'Changed' });
    rec.save();
    expect(stack.ns.get('salesorder', id)!.fields[BODY.lastSyncError]).toBeFalsy();
    const [updated] = (await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === id);
    expect(updated?.Description).toBe('Changed');
    expect(await watch.names()).toEqual([]);
  });

  test('a won Opportunity becomes a sales order: pushed, and found by the poller', async () => {
    const item = stack.ns.seed('inventoryitem', { itemid: 'ONE-CUR-ITEM', baseprice: 50, subsidiary: '1' });
    const { entry } = await product(stack, 'One Currency Item', item, 50);
    const pushedAccount = await stack.sf.insert('Account', { Name: unique('Pushed Buyer') });
    const pushed = await opportunity(stack, { Name: unique('Pushed Deal'), AccountId: pushedAccount }, [
      { entry, quantity: 3, unitPrice: 50 },
    ]);
    const watch = await watchRequests();
    const res = await stack.push({ object: 'Opportunity', id: pushed });
    expect(res.body.results?.[0]).toMatchObject({ status: 'synced' });
    const orders = stack.ns.list('salesorder').filter((o) => o.fields[BODY.opportunityId] === pushed);
    expect(orders).toHaveLength(1);
    expect(Number(orders[0]!.fields.total)).toBe(150);
    expect((await stack.row('Opportunity', pushed)).NetSuite_Id__c).toBe(orders[0]!.id);

    const polledAccount = await wonAccount(stack, { Name: unique('Polled Buyer') });
    const report = await stack.poll();
    expect(report.mapErrors).toEqual([]);
    expect(
      stack.ns.list('customer').filter((c) => c.fields[ENTITY.accountId] === polledAccount),
    ).toHaveLength(1);
    const queries = (await watch.entries()).filter((e) => e.kind === 'query');
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.every((e) => e.status === 200)).toBe(true);
    expect(await watch.names()).toEqual([]);
  });

  test('left on multi-currency, a sync fails with a message naming the setting to change', async () => {
    stack.setSettings({ [SETTINGS.singleCurrencyOrg]: false });
    try {
      const rec = stack.ns.ui.record.create({ type: 'customer' });
      rec.setValue({ fieldId: 'entityid', value: 'MULTI-CUR' });
      rec.setValue({ fieldId: 'companyname', value: 'Wrong Setting Inc' });
      rec.setValue({ fieldId: 'subsidiary', value: '1' });
      rec.setValue({ fieldId: 'currency', value: '1' });
      const id = String(rec.save());
      expect(stack.ns.get('customer', id)!.fields[ENTITY.lastSyncError]).toBe(
        'Salesforce refused customer MULTI-CUR: the org has no field CurrencyIsoCode, so multi-currency is not enabled there. Check "Salesforce Org Has One Currency" in sfsync Settings (sfsync then never sends or reads a currency), then save the record again or press Retry.',
      );
    } finally {
      stack.setSettings({ [SETTINGS.singleCurrencyOrg]: true });
    }
  });
});
