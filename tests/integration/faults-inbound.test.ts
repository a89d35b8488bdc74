/**
 * The fault matrix, inbound (Salesforce pushes an Account to the RESTlet): when Salesforce fails while the
 * RESTlet reads the record, the RESTlet answers with the error (HTTP 400, the code and plain words) and
 * writes nothing; once the fault clears the same push creates exactly one customer. A failed write-back
 * (the NetSuite ID sent to Salesforce) keeps the customer, opens one retryable entry, and the retry run
 * finishes it.
 */
import { ENTITY, LOG, SCRIPTS } from '../../bundle/catalogue';
import type { FaultSpec } from '../../tools/salesforce-local';
import { logMark, requestsSince, settled } from '../support/wait';
import { startInbound, unique, wonAccount, type InboundStack } from './support/inbound';

const TIMEOUT_MS = 1000;
let stack: InboundStack;
const results: Array<Record<string, string>> = [];

beforeAll(async () => {
  stack = await startInbound({ runtime: { httpTimeouts: { requestMs: TIMEOUT_MS } } });
});
afterAll(async () => {
  if (results.length > 0) console.log(`Fault matrix (inbound):\n${JSON.stringify(results, null, 1)}`);
  await stack?.close();
});

const customersOf = (accountId: string) =>
  stack.ns.list('customer').filter((c) => c.fields[ENTITY.accountId] === accountId);

const WHOLE_REQUEST: Array<[string, FaultSpec, string, boolean, RegExp]> = [
  ['503', { kind: 'unavailable' }, 'SERVER_UNAVAILABLE', true, /Salesforce was unavailable/],
  ['API limit', { kind: 'limit' }, 'REQUEST_LIMIT_EXCEEDED', true, /API request limit/],
  ['connection dropped', { kind: 'drop' }, 'SSS_CONNECTION_CLOSED', true, /could not reach Salesforce/],
  [
    'slower than the timeout',
    { kind: 'latency', ms: TIMEOUT_MS + 500 },
    'SSS_REQUEST_TIME_EXCEEDED',
    true,
    /did not answer in time/,
  ],
  [
    '401 after a new token',
    { kind: 'expiredToken' },
    'INVALID_SESSION_ID',
    true,
    /even after getting a new one/,
  ],
];

describe('fault matrix, Account → Customer over the RESTlet', () => {
  test.each(WHOLE_REQUEST)(
    '%s: the RESTlet answers with the error and writes nothing',
    async (name, fault, code, retryable, words) => {
      const accountId = await wonAccount(stack, { Name: unique(`Inbound ${name}`) });
      const before = { customers: stack.ns.list('customer').length, log: stack.ns.list(LOG.type).length };
      await stack.sf.fault(fault);
      let answer: Awaited<ReturnType<InboundStack['push']>>;
      try {
        answer = await stack.push({ object: 'Account', id: accountId });
        // A request NetSuite gave up on (the latency) is still answered by the org before the fault clears.
        await settled(stack.sf);
      } finally {
        await stack.sf.clearFaults();
      }
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe(code);
      expect(answer.body.error?.message).toMatch(words);
      expect(answer.body.error?.message).toMatch(
        retryable ? /try again automatically|pauses its retry queue/ : /./,
      );
      expect(stack.ns.list('customer')).toHaveLength(before.customers);
      expect(stack.ns.list(LOG.type)).toHaveLength(before.log);

      // Salesforce (or the poller) sends it again once the fault is gone: one customer, linked both ways.
      const again = await stack.push({ object: 'Account', id: accountId });
      expect(again.status).toBe(200);
      expect(again.body.results?.[0]).toMatchObject({ status: 'synced' });
      expect(customersOf(accountId)).toHaveLength(1);
      expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBe(customersOf(accountId)[0]!.id);
      results.push({ fault: name, answer: `HTTP 400 ${code}`, message: String(answer.body.error?.message) });
    },
  );

  test('401 with an expired token: one token refresh, the push succeeds', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Inbound expired token') });
    await stack.sf.expireTokens();
    const since = await logMark(stack.sf);
    const answer = await stack.push({ object: 'Account', id: accountId });
    expect(answer.status).toBe(200);
    expect(answer.body.results?.[0]).toMatchObject({ status: 'synced' });
    const log = await requestsSince(stack.sf, since);
    expect(log.filter((r) => r.path.includes('/oauth2/token'))).toHaveLength(1);
    expect(customersOf(accountId)).toHaveLength(1);
    expect(stack.logEntries(accountId)).toEqual([]);
    results.push({ fault: '401 expired token', answer: 'HTTP 200 synced', message: '(no entry)' });
  });

  test('UNABLE_TO_LOCK_ROW on the write-back: the customer stays, one entry, the retry run writes the ID back', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Inbound locked') });
    await stack.sf.fault({ kind: 'lockRow' });
    let answer: Awaited<ReturnType<InboundStack['push']>>;
    try {
      answer = await stack.push({ object: 'Account', id: accountId });
    } finally {
      await stack.sf.clearFaults();
    }
    expect(answer.status).toBe(200);
    expect(answer.body.results?.[0]?.message).toMatch(
      /Writing the result back to Salesforce failed: .*could not lock it/,
    );
    expect(customersOf(accountId)).toHaveLength(1);
    expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBeFalsy();
    const entries = stack.logEntries(accountId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.fields).toMatchObject({
      [LOG.errorCode]: 'UNABLE_TO_LOCK_ROW',
      [LOG.retryable]: true,
    });

    stack.ns.ui.record.submitFields({
      type: LOG.type,
      id: entries[0]!.id,
      values: { [LOG.nextAttemptAt]: new Date(Date.now() - 60_000) },
    });
    const run = stack.ns.runMapReduce(SCRIPTS.retryQueue.script, SCRIPTS.retryQueue.deploy);
    await stack.settle();
    expect(run.mapErrors).toEqual([]);
    const status = stack.ns.ui.record
      .load({ type: LOG.type, id: entries[0]!.id })
      .getText({ fieldId: LOG.status });
    expect(status).toBe('Resolved');
    expect(customersOf(accountId)).toHaveLength(1);
    expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBe(customersOf(accountId)[0]!.id);
    results.push({
      fault: 'UNABLE_TO_LOCK_ROW (write-back)',
      answer: 'HTTP 200 synced + 1 Retrying entry',
      message: String(entries[0]!.fields[LOG.message]),
    });
  });
});
