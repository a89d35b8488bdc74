import { ENTITY, LOG, WATERMARK } from '../../bundle/catalogue';
import { startInbound, startOrgWithEnv, unique, wonAccount, type InboundStack } from './support/inbound';

let stack: InboundStack;

beforeAll(async () => {
  stack = await startInbound();
});
afterAll(async () => {
  await stack?.close();
});

const watermark = (object: string) =>
  stack.ns.list(WATERMARK.type).find((w) => w.fields[WATERMARK.object] === object);
const customerOf = (accountId: string) =>
  stack.ns.list('customer').filter((c) => c.fields[ENTITY.accountId] === accountId);

describe('the poller', () => {
  test('finds changed accounts and contacts, syncs them and writes back in collections', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Polled') });
    const contactId = await stack.sf.insert('Contact', { LastName: 'Polled', AccountId: accountId });
    const report = await stack.poll();
    expect(report.status).toBe('COMPLETE');
    expect(report.mapErrors).toEqual([]);
    const [customer] = customerOf(accountId);
    expect(customer).toBeDefined();
    expect(stack.ns.list('contact').filter((c) => c.fields[ENTITY.contactId] === contactId)).toHaveLength(1);
    expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBe(customer?.id);
    expect((await stack.row('Contact', contactId)).NetSuite_Id__c).toMatch(/^\d+$/);
    expect(report.stages.getInputData?.calls['https.request']).toBeGreaterThan(0);
    const account = watermark('Account');
    expect(account?.fields[WATERMARK.time]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(account?.fields[WATERMARK.lastId]).toMatch(/^001/);
  });

  test('a record already delivered by push changes nothing when the poller sees it', async () => {
    await stack.poll();
    const accountId = await wonAccount(stack, { Name: unique('Both Ways') });
    await stack.push({ object: 'Account', id: accountId });
    const [customer] = customerOf(accountId);
    const saved = stack.ns.get('customer', customer!.id)!.fields.lastmodified;
    const before = await stack.sf.apiCalls();
    const report = await stack.poll();
    expect(report.mapErrors).toEqual([]);
    expect(customerOf(accountId)).toHaveLength(1);
    expect(stack.ns.get('customer', customer!.id)!.fields.lastmodified).toEqual(saved);
    const after = await stack.sf.apiCalls();
    expect(after.byEndpoint.collections ?? 0).toBe(before.byEndpoint.collections ?? 0);
    const output = report.output.filter((o) => o.key.startsWith('done|Account'));
    const statuses = output.flatMap((o) =>
      (JSON.parse(o.value) as Array<{ status: string; id: string }>)
        .filter((d) => d.id === accountId)
        .map((d) => d.status),
    );
    expect(statuses).toEqual(['unchanged']);
  });

  test('nothing changed: the poller reads and writes nothing else', async () => {
    await stack.poll();
    const before = await stack.sf.apiCalls();
    const report = await stack.poll();
    expect(report.inputCount).toBe(0);
    const after = await stack.sf.apiCalls();
    expect(after.total - before.total).toBe(3); // one query per object
  });
});

describe('paging through more than 2,000 changes with one timestamp', () => {
  const FROZEN = '2026-03-01T10:00:00.000Z';
  const COUNT = 2100;
  let bulk: InboundStack;
  let accountId: string;
  let customerId: string;
  const contactIds: string[] = [];
  let failingId: string;

  beforeAll(async () => {
    // The org's clock stands still (a module preloaded into its process), so every record written below has
    // the same SystemModstamp, as after a bulk load: only the Id tie-breaker orders them.
    const org = await startOrgWithEnv({
      NODE_OPTIONS: `--require ${require.resolve('./support/frozen-clock.js')}`,
      SFSYNC_FROZEN_NOW: FROZEN,
    });
    bulk = await startInbound({}, org);
    accountId = await bulk.sf.insert('Account', { Name: 'Bulk Holdings' });
    customerId = bulk.ns.seed('customer', {
      entityid: 'Bulk Holdings',
      companyname: 'Bulk Holdings',
      subsidiary: '1',
      currency: '1',
      [ENTITY.accountId]: accountId,
    });
    await bulk.sf.update('Account', accountId, {
      NetSuite_Id__c: customerId,
      NetSuite_Sync__c: 'Synced 2026-03-01 09:00 UTC',
    });
    // Two NetSuite contacts share an address: the Salesforce contact with it cannot be matched (a failure).
    for (const name of ['Twin One', 'Twin Two'])
      bulk.ns.seed('contact', {
        entityid: name,
        lastname: name,
        email: 'twin@bulk.example',
        company: customerId,
        subsidiary: '1',
      });
    for (let i = 0; i < COUNT; i++) {
      const email = i === 1000 ? 'twin@bulk.example' : `c${i}@bulk.example`;
      contactIds.push(
        await bulk.sf.insert('Contact', { LastName: `Contact ${i}`, Email: email, AccountId: accountId }),
      );
    }
    failingId = contactIds[1000]!;
  });
  afterAll(async () => {
    await bulk?.close();
  });

  test('every record is synced exactly once or logged; the watermark never skips one', async () => {
    const rows = await bulk.sf.records('Contact');
    expect(new Set(rows.map((r) => r.SystemModstamp))).toEqual(new Set(['2026-03-01T10:00:00.000+0000']));

    // Run 1: the second page of contacts cannot be read (Salesforce unavailable once) …
    // (the first page's WHERE has only the upper bound; the next ones start with the watermark's keyset)
    await bulk.sf.fault({
      kind: 'unavailable',
      times: 1,
      method: 'GET',
      path: 'FROM%20Contact%20WHERE%20\\(SystemModstamp',
    });
    // … and Salesforce refuses one collection of write-backs (row lock).
    await bulk.sf.fault({
      kind: 'lockRow',
      times: 1,
      method: 'POST',
      path: 'composite/sobjects\\?_HttpMethod=PATCH',
    });
    const first = await bulk.poll();
    expect(first.inputError).toBeUndefined();
    expect(first.mapErrors).toEqual([]);
    const afterFirst = bulk.ns
      .list('contact')
      .filter((c) => contactIds.includes(String(c.fields[ENTITY.contactId])));
    expect(afterFirst).toHaveLength(1999); // the first page less the failing contact
    const sorted = [...contactIds].sort();
    expect(watermarkOf(bulk, 'Contact')).toEqual({
      time: '2026-03-01T10:00:00.000+0000',
      lastId: sorted[1999],
    });

    // Run 2 reads on from the watermark: the last 100, none again.
    const second = await bulk.poll();
    expect(second.mapErrors).toEqual([]);
    const contactInputs = second.inputCount; // contacts after the watermark (plus nothing else: all one timestamp)
    expect(contactInputs).toBe(COUNT - 2000);
    expect(watermarkOf(bulk, 'Contact').lastId).toBe(sorted[COUNT - 1]);

    const synced = bulk.ns.list('contact').filter((c) => c.fields[ENTITY.contactId]);
    const bySalesforceId = new Map<string, number>();
    for (const c of synced)
      bySalesforceId.set(
        String(c.fields[ENTITY.contactId]),
        (bySalesforceId.get(String(c.fields[ENTITY.contactId])) ?? 0) + 1,
      );
    expect(bySalesforceId.size).toBe(COUNT - 1);
    expect([...bySalesforceId.values()].every((n) => n === 1)).toBe(true);
    expect(bySalesforceId.has(failingId)).toBe(false);

    // The failure is in the Integration Log, and on the contact in Salesforce.
    const failed = bulk.logEntries(failingId);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.fields[LOG.errorCode]).toBe('SFSYNC_AMBIGUOUS_MATCH');
    expect((await bulk.row('Contact', failingId)).NetSuite_Sync__c).toMatch(/^Error: .*twin@bulk.example/);

    // The refused write-backs are in the log as well (to retry), and their contacts have no NetSuite ID yet.
    const lockEntries = bulk.ns
      .list(LOG.type)
      .filter((e) => e.fields[LOG.errorCode] === 'UNABLE_TO_LOCK_ROW');
    expect(lockEntries).toHaveLength(200);
    const unlinked = (await bulk.sf.records('Contact')).filter((r) => !r.NetSuite_Id__c).map((r) => r.Id);
    expect(unlinked.sort()).toEqual(
      [...lockEntries.map((e) => String(e.fields[LOG.salesforceId])), failingId].sort(),
    );

    // The retry queue takes them up: the write-backs go through, nothing is created twice.
    const retry = bulk.ns.runMapReduce(INBOUND_SCRIPTS_RETRY.script, INBOUND_SCRIPTS_RETRY.deployNow, {
      custscript_sfsync_retry_entries: lockEntries.map((e) => e.id).join(','),
    });
    await bulk.settle();
    expect(retry.mapErrors).toEqual([]);
    const stillUnlinked = (await bulk.sf.records('Contact'))
      .filter((r) => !r.NetSuite_Id__c)
      .map((r) => r.Id);
    expect(stillUnlinked).toEqual([failingId]);
    expect(bulk.ns.list('contact').filter((c) => c.fields[ENTITY.contactId])).toHaveLength(COUNT - 1);
    const statuses = lockEntries.map((e) => {
      const f = bulk.ns.ui.search.lookupFields({ type: LOG.type, id: e.id, columns: [LOG.status] });
      return (f[LOG.status] as Array<{ text: string }>)[0]?.text;
    });
    expect(new Set(statuses)).toEqual(new Set(['Resolved']));
  }, 300000);
});

const INBOUND_SCRIPTS_RETRY = {
  script: 'customscript_sfsync_mr_retry',
  deployNow: 'customdeploy_sfsync_mr_retry_now',
};

function watermarkOf(s: InboundStack, object: string): { time: unknown; lastId: unknown } {
  const w = s.ns.list(WATERMARK.type).find((r) => r.fields[WATERMARK.object] === object);
  return { time: w?.fields[WATERMARK.time], lastId: w?.fields[WATERMARK.lastId] };
}
