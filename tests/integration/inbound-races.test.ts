/**
 * Issue 12 item 4: inbound creates that run at once must not make two records. NetSuite runs two RESTlet
 * calls (or a RESTlet call and the poller) in parallel; the local runtime runs one script at a time, so
 * each test places the second run where it hurts — entirely inside the first run's gap between its lookups
 * (which found nothing) and the commit of its new record (the runtime's beforeRecordWrite). The second run
 * creates the record; the first run's create must then find the Salesforce ID taken as the record's
 * external ID and update that record instead of making a second one.
 */
import { BODY, ENTITY, INBOUND_SCRIPTS, LOG } from '../../bundle/catalogue';
import type { RecordWrite } from '../../tools/netsuite-local';
import {
  nextSecond,
  opportunity,
  product,
  startInbound,
  unique,
  wonAccount,
  type InboundStack,
  type PushBody,
} from './support/inbound';

let stack: InboundStack;
let gap: ((write: RecordWrite) => void) | null = null;
let entry = '';

beforeAll(async () => {
  stack = await startInbound({ runtime: { beforeRecordWrite: (write) => gap?.(write) } });
  const widget = stack.ns.seed('inventoryitem', { itemid: 'RACE-WIDGET', baseprice: 100, subsidiary: '1' });
  entry = (await product(stack, 'Race Widget', widget, 100)).entry;
});
afterAll(async () => {
  gap = null;
  await stack?.close();
});

/** Runs `second` once, just before the first new `type` record of `context` commits. */
function inGap(type: string, context: string, second: () => void): void {
  gap = (write) => {
    if (write.type !== type || write.id !== null || write.context !== context) return;
    gap = null;
    second();
  };
}

/** The RESTlet call Salesforce makes, run in the gap (the first call is over HTTP and blocked there). */
function pushNow(body: unknown): PushBody {
  const { script, deploy } = INBOUND_SCRIPTS.restlet;
  const res = stack.ns.callRestlet(script, deploy, 'POST', body);
  expect(res.status).toBe(200);
  return res.body as PushBody;
}

const customersOf = (accountId: string) =>
  stack.ns.list('customer').filter((c) => c.fields[ENTITY.accountId] === accountId);
const ordersOf = (oppId: string) =>
  stack.ns.list('salesorder').filter((o) => o.fields[BODY.opportunityId] === oppId);
const errorsOf = (salesforceId: string) =>
  stack.logEntries(salesforceId).filter((e) => e.fields[LOG.errorCode]);

async function newOpportunity() {
  const accountId = await stack.sf.insert('Account', { Name: unique('Racing Buyer') });
  const oppId = await opportunity(stack, { Name: unique('Race Deal'), AccountId: accountId }, [
    { entry, quantity: 2, unitPrice: 100 },
  ]);
  return { accountId, oppId };
}

describe('two "Create NetSuite Order" pushes for one Opportunity at once', () => {
  test('account already a customer: one sales order; the later create becomes an update', async () => {
    const { accountId, oppId } = await newOpportunity();
    await stack.push({ object: 'Account', id: accountId });
    const [customer] = customersOf(accountId);
    const request = { object: 'Opportunity', id: oppId, action: 'order' };
    let second: PushBody = {};
    inGap('salesorder', 'RESTLET', () => {
      second = pushNow(request);
    });

    const first = await stack.push(request);

    const orders = ordersOf(oppId);
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order.fields).toMatchObject({ externalid: oppId, entity: customer!.id });
    const tranId = String(order.fields.tranid);
    expect(second.results).toEqual([
      expect.objectContaining({
        status: 'synced',
        netsuiteId: order.id,
        message: `Sales order ${tranId} (${order.id}) created with 1 line.`,
      }),
    ]);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([
      expect.objectContaining({
        status: 'unchanged',
        netsuiteId: order.id,
        message: `Sales order ${tranId} (${order.id}) already up to date with 1 line.`,
      }),
    ]);
    expect(await stack.row('Opportunity', oppId)).toMatchObject({
      NetSuite_Id__c: order.id,
      NetSuite_Sync_Status__c: 'Completed',
    });
    expect(errorsOf(oppId)).toEqual([]);
  });

  test('account new to NetSuite as well: one customer and one sales order', async () => {
    const { accountId, oppId } = await newOpportunity();
    const request = { records: [{ object: 'Opportunity', id: oppId, action: 'order' }] };
    let second: PushBody = {};
    inGap('customer', 'RESTLET', () => {
      second = pushNow(request);
    });

    const first = await stack.push(request);

    const customers = customersOf(accountId);
    expect(customers.map((c) => c.fields.externalid)).toEqual([accountId]);
    const orders = ordersOf(oppId);
    expect(orders.map((o) => [o.fields.externalid, o.fields.entity])).toEqual([[oppId, customers[0]!.id]]);
    expect(second.results?.map((r) => [r.status, r.netsuiteId])).toEqual([['synced', orders[0]!.id]]);
    expect(first.body.results?.map((r) => [r.status, r.netsuiteId])).toEqual([['unchanged', orders[0]!.id]]);
    expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBe(customers[0]!.id);
    expect((await stack.row('Opportunity', oppId)).NetSuite_Id__c).toBe(orders[0]!.id);
    expect([...errorsOf(accountId), ...errorsOf(oppId)]).toEqual([]);
  });
});

describe('the other records the inbound flows create', () => {
  test('two Create Quote pushes at once: one estimate, beside the sales order of the same Opportunity', async () => {
    const { oppId } = await newOpportunity();
    await stack.push({ object: 'Opportunity', id: oppId, action: 'order' });
    const request = { object: 'Opportunity', id: oppId, action: 'quote' };
    let second: PushBody = {};
    inGap('estimate', 'RESTLET', () => {
      second = pushNow(request);
    });

    const first = await stack.push(request);

    const estimates = stack.ns.list('estimate').filter((e) => e.fields[BODY.opportunityId] === oppId);
    expect(estimates.map((e) => e.fields.externalid)).toEqual([`${oppId}_estimate`]);
    expect(ordersOf(oppId).map((o) => o.fields.externalid)).toEqual([oppId]);
    const estimate = estimates[0]!;
    expect(second.results?.map((r) => [r.status, r.netsuiteId])).toEqual([['synced', estimate.id]]);
    expect(first.body.results).toEqual([
      expect.objectContaining({
        status: 'unchanged',
        netsuiteId: estimate.id,
        message: `Estimate ${String(estimate.fields.tranid)} (${estimate.id}) already up to date: Open, total 200.`,
      }),
    ]);
    expect((await stack.row('Opportunity', oppId)).NetSuite_Estimate_Id__c).toBe(estimate.id);
    expect(errorsOf(oppId)).toEqual([]);
  });

  test('two pushes of one new Contact at once: one contact', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Contact Home') });
    await stack.push({ object: 'Account', id: accountId });
    const contactId = await stack.sf.insert('Contact', { LastName: 'Racer', AccountId: accountId });
    let second: PushBody = {};
    inGap('contact', 'RESTLET', () => {
      second = pushNow({ object: 'Contact', id: contactId });
    });

    const first = await stack.push({ object: 'Contact', id: contactId });

    const contacts = stack.ns.list('contact').filter((c) => c.fields[ENTITY.contactId] === contactId);
    expect(contacts.map((c) => [c.fields.externalid, c.fields.lastname])).toEqual([[contactId, 'Racer']]);
    const id = contacts[0]!.id;
    expect(second.results?.map((r) => [r.status, r.message])).toEqual([
      ['synced', `Contact Racer (${id}) created.`],
    ]);
    expect(first.body.results?.map((r) => [r.status, r.message])).toEqual([
      ['unchanged', `Contact Racer (${id}) already up to date.`],
    ]);
    expect((await stack.row('Contact', contactId)).NetSuite_Id__c).toBe(id);
    expect(errorsOf(contactId)).toEqual([]);
  });
});

describe('a push and the poller at once on one new Account', () => {
  test('the poller runs while the push is about to create the customer: one customer', async () => {
    await stack.poll();
    const accountId = await wonAccount(stack, { Name: unique('Pushed And Polled') });
    await nextSecond(); // the poller in the gap runs at once, not through stack.poll()
    let polled: ReturnType<InboundStack['poll']> extends Promise<infer R> ? R | null : never = null;
    inGap('customer', 'RESTLET', () => {
      const { script, deploy } = INBOUND_SCRIPTS.poller;
      polled = stack.ns.runMapReduce(script, deploy);
    });

    const pushed = await stack.push({ object: 'Account', id: accountId });

    expect(polled).toMatchObject({ status: 'COMPLETE', mapErrors: [] });
    const customers = customersOf(accountId);
    expect(customers.map((c) => c.fields.externalid)).toEqual([accountId]);
    expect(pushed.body.results).toEqual([
      expect.objectContaining({
        status: 'unchanged',
        netsuiteId: customers[0]!.id,
        message: `Customer ${customers[0]!.id} already up to date.`,
      }),
    ]);
    expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBe(customers[0]!.id);
    expect(errorsOf(accountId)).toEqual([]);
  });

  test('the push runs while the poller is about to create the customer: one customer', async () => {
    await stack.poll();
    const accountId = await wonAccount(stack, { Name: unique('Polled And Pushed') });
    let pushed: PushBody = {};
    inGap('customer', 'MAPREDUCE', () => {
      pushed = pushNow({ object: 'Account', id: accountId });
    });

    const report = await stack.poll();

    expect(report).toMatchObject({ status: 'COMPLETE', mapErrors: [] });
    const customers = customersOf(accountId);
    expect(customers.map((c) => c.fields.externalid)).toEqual([accountId]);
    expect(pushed.results).toEqual([
      expect.objectContaining({
        status: 'synced',
        netsuiteId: customers[0]!.id,
        message: `Customer ${customers[0]!.id} created.`,
      }),
    ]);
    const done = report.output
      .filter((o) => o.key.startsWith('done|Account'))
      .flatMap((o) => JSON.parse(o.value) as Array<{ id: string; status: string }>)
      .filter((d) => d.id === accountId);
    expect(done.map((d) => d.status)).toEqual(['unchanged']);
    expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBe(customers[0]!.id);
    expect(errorsOf(accountId)).toEqual([]);
  });
});

describe('an external ID taken by a record that is not this one', () => {
  test('another kind of entity holds it: the sync fails and says what to clear; no customer is made', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Taken By Employee') });
    stack.ns.seed('employee', { entityid: unique('Pat'), externalid: accountId });

    const res = await stack.push({ object: 'Account', id: accountId });

    expect(res.body.results?.map((r) => [r.status, r.code])).toEqual([
      ['failed', 'SFSYNC_EXTERNAL_ID_TAKEN'],
    ]);
    expect(res.body.results?.[0]?.message).toBe(
      `Salesforce Account ${accountId}: Another NetSuite record (not a customer) already has external ID ${accountId}, which sfsync gives the customer it creates from this Salesforce record; NetSuite keeps external IDs unique across entities and across transactions. Clear that record's External ID (e.g. with a CSV import), then sync again; nothing was written.`,
    );
    expect(customersOf(accountId)).toEqual([]);
    expect(stack.ns.list('customer').filter((c) => c.fields.externalid === accountId)).toEqual([]);
    expect(errorsOf(accountId).map((e) => [e.fields[LOG.errorCode], e.fields[LOG.retryable]])).toEqual([
      ['SFSYNC_EXTERNAL_ID_TAKEN', false],
    ]);
  });

  test('a customer linked to another Account holds it: the sync fails naming that customer', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Taken By Customer') });
    const holder = stack.ns.seed('customer', {
      companyname: unique('Someone Else'),
      externalid: accountId,
      [ENTITY.accountId]: '001000000000999AAA',
    });
    const label = String(stack.ns.get('customer', holder)!.fields.companyname);

    const res = await stack.push({ object: 'Account', id: accountId });

    expect(res.body.results?.map((r) => [r.status, r.code])).toEqual([
      ['failed', 'SFSYNC_EXTERNAL_ID_TAKEN'],
    ]);
    expect(res.body.results?.[0]?.message).toBe(
      `NetSuite customer ${label} (internal ID ${holder}) has external ID ${accountId}, the ID of Salesforce Account ${accountId}, but is linked to 001000000000999AAA. Correct the link or the External ID of that customer; nothing was written.`,
    );
    expect(customersOf(accountId)).toEqual([]);
    expect(stack.ns.get('customer', holder)!.fields[ENTITY.accountId]).toBe('001000000000999AAA');
  });
});
