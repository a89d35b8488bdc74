/**
 * Issue 12 item 5: two near-simultaneous upserts of one new customer's Account (the customer's own save
 * and another sync of it, e.g. its order's) can both miss each other in Salesforce; the one that loses gets
 * DUPLICATE_VALUE on NetSuite_Id__c. That is a race, not bad data: the Integration Log entry must be
 * Retrying (retryable), and the retry queue must then link the customer to the one Account the other
 * upsert made. The race itself is played by a loopback proxy (support/upsert-race.ts), since the local
 * org runs each request to its end.
 */
import { BODY, ENTITY, SETTINGS } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';
import { entriesOf, makeDue, runRetryQueue } from './support/retry-queue';
import { startUpsertRaceProxy, type UpsertRaceProxy } from './support/upsert-race';
import { settled } from '../support/wait';

let stack: Stack;
let proxy: UpsertRaceProxy;
let items: Catalog;

beforeAll(async () => {
  stack = await startStack({
    settings: { [SETTINGS.createAccountsForNewCustomers]: true, [SETTINGS.maxAttempts]: 6 },
  });
  items = seedCatalog(stack.ns);
  proxy = await startUpsertRaceProxy(stack.sf.instanceUrl);
  stack.setSettings({ [SETTINGS.instanceUrl]: proxy.url });
});
afterAll(async () => {
  await proxy?.close();
  await stack?.close();
});

/** Until the org has answered every request (the proxy's included). */
const settle = () => settled(stack.sf);

const accountsOf = async (customerId: string) =>
  (await stack.sf.records('Account')).filter((a) => a.NetSuite_Id__c === customerId);

describe('DUPLICATE_VALUE on NetSuite_Id__c from two upserts of one new customer', () => {
  test('Customer → Account: logged as Retrying, and the retry links the one Account', async () => {
    const customerId = seedCustomer(stack.ns, { companyname: 'Raced Customer Ltd' });
    await proxy.arm({ sobject: 'Account', field: 'NetSuite_Id__c', value: customerId });

    const rec = stack.ns.ui.record.load({ type: 'customer', id: customerId });
    rec.setValue({ fieldId: 'phone', value: '555-0142' });
    rec.save();
    await settle();

    // The other upsert made the Account; this save's upsert lost the race.
    const [made, ...others] = await accountsOf(customerId);
    expect(others).toEqual([]);
    expect(made).toMatchObject({ Name: 'Raced Customer Ltd', Phone: '555-0142' });
    const [entry, ...more] = entriesOf(stack.ns, customerId, 'customer');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      status: 'Retrying',
      retryable: true,
      code: 'DUPLICATE_VALUE',
      attempts: 1,
    });
    expect(entry!.message).toBe(
      `Salesforce was creating the same record for customer ${String(stack.ns.get('customer', customerId)!.fields.entityid)} in another sync at the same moment (same NetSuite_Id__c), so this one found the value taken. sfsync will try again automatically and update the record the other sync made.`,
    );
    const customer = stack.ns.get('customer', customerId)!;
    expect(customer.fields[ENTITY.accountId]).toBeFalsy();
    expect(String(customer.fields[ENTITY.syncStatus])).toMatch(/^Error, will retry .*: DUPLICATE_VALUE$/);

    makeDue(stack.ns, entry!.id);
    runRetryQueue(stack.ns);
    await settle();

    const after = await accountsOf(customerId);
    expect(after.map((a) => a.Id)).toEqual([made!.Id]);
    const linked = stack.ns.get('customer', customerId)!;
    expect(linked.fields[ENTITY.accountId]).toBe(made!.Id);
    expect(String(linked.fields[ENTITY.syncStatus])).toMatch(/^Synced /);
    expect(linked.fields[ENTITY.lastSyncError]).toBeFalsy();
    expect(entriesOf(stack.ns, customerId, 'customer')).toEqual([
      expect.objectContaining({ id: entry!.id, status: 'Resolved' }),
    ]);
  });

  test("an order's account step: the order is logged as Retrying and the retry sends it with the one Account", async () => {
    const customerId = seedCustomer(stack.ns, { companyname: 'Raced Buyer Inc' });
    await proxy.arm({ sobject: 'Account', field: 'NetSuite_Id__c', value: customerId });

    const orderId = createOrder(stack.ns, customerId, [{ item: items.widget, quantity: 2, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    await settle();

    const [made, ...others] = await accountsOf(customerId);
    expect(others).toEqual([]);
    expect(made).toMatchObject({ Name: 'Raced Buyer Inc' });
    expect((await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === orderId)).toEqual([]);
    const [entry, ...more] = entriesOf(stack.ns, orderId, 'salesorder');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      status: 'Retrying',
      retryable: true,
      code: 'DUPLICATE_VALUE',
      attempts: 1,
    });

    makeDue(stack.ns, entry!.id);
    runRetryQueue(stack.ns);
    await settle();

    expect((await accountsOf(customerId)).map((a) => a.Id)).toEqual([made!.Id]);
    const opps = (await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === orderId);
    expect(opps).toHaveLength(1);
    expect(opps[0]).toMatchObject({ AccountId: made!.Id, Amount: 200 });
    expect(stack.ns.get('customer', customerId)!.fields[ENTITY.accountId]).toBe(made!.Id);
    expect(stack.ns.get('salesorder', orderId)!.fields[BODY.opportunityId]).toBe(opps[0]!.Id);
    expect(entriesOf(stack.ns, orderId, 'salesorder')).toEqual([
      expect.objectContaining({ id: entry!.id, status: 'Resolved' }),
    ]);
  });
});
