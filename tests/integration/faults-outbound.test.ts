/**
 * The fault matrix, outbound (Sales Order → Opportunity): for each fault the NetSuite save succeeds, exactly
 * one Integration Log entry says what happened (right retryable flag, words a user can act on), the order is
 * edited while the fault lasts, and after the fault clears the retry run sends the edited state — leaving
 * exactly one Opportunity, Account and line in Salesforce.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { BODY, LOG, SCRIPTS, SETTINGS } from '../../bundle/catalogue';
import { LIMITS } from '../../tools/netsuite-local/execution';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { createRuntime } from '../../tools/netsuite-local';
import { ACCOUNT_URL, projectRoot, startStack, type Stack } from '../../tools/demo/stack';
import { startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { entriesOf, makeDue, runRetryQueue } from './support/retry-queue';
import { logMark, requestsSince, settled } from '../support/wait';

const REQUEST_TIMEOUT_MS = 1500;
let clockOffsetMs = 0;
let stack: Stack;
let items: Catalog;
const results: Array<Record<string, string>> = [];

beforeAll(async () => {
  stack = await startStack({
    settings: { [SETTINGS.syncNetSuiteOriginatedUpdates]: true, [SETTINGS.maxAttempts]: 6 },
    runtime: {
      httpTimeouts: { requestMs: REQUEST_TIMEOUT_MS },
      now: () => new Date(Date.now() + clockOffsetMs),
    },
  });
  items = seedCatalog(stack.ns);
});
afterAll(async () => {
  if (results.length > 0) console.log(`Fault matrix (outbound):\n${JSON.stringify(results, null, 1)}`);
  await stack?.close();
});

function editOrder(ns: Stack['ns'], id: string, quantity: number, memo?: string): void {
  const so = ns.ui.record.load({ type: 'salesorder', id });
  so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: quantity });
  if (memo !== undefined) so.setValue({ fieldId: 'memo', value: memo });
  so.save();
}

/** The dashboard's Retry button for one entry, then the queued run. */
function pressRetry(ns: Stack['ns'], entryId: string): void {
  const page = ns.callSuitelet(SCRIPTS.dashboard.script, SCRIPTS.dashboard.deploy, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
    body: `single=retry%3A${entryId}`,
  });
  expect(page.status).toBe(302);
  const runs = ns.runQueuedTasks();
  expect(runs.length).toBeGreaterThan(0);
}

async function salesforceCopies(sf: SalesforceOrg, orderId: string, customerId: string) {
  const opps = (await sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === orderId);
  const accounts = (await sf.records('Account')).filter((a) => a.NetSuite_Id__c === customerId);
  const lines = (await sf.records('OpportunityLineItem')).filter((l) =>
    opps.some((o) => o.Id === l.OpportunityId),
  );
  return { opps, accounts, lines };
}

/** Expects the edited state (quantity 3 widgets at 100) in Salesforce, exactly once. */
async function expectOneSyncedCopy(sf: SalesforceOrg, ns: Stack['ns'], orderId: string, customerId: string) {
  await settled(sf);
  const { opps, accounts, lines } = await salesforceCopies(sf, orderId, customerId);
  expect(opps).toHaveLength(1);
  expect(accounts).toHaveLength(1);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ Quantity: 3, TotalPrice: 300 });
  expect(opps[0]).toMatchObject({ Amount: 300, AccountId: accounts[0]!.Id });
  const order = ns.get('salesorder', orderId)!;
  expect(order.fields[BODY.opportunityId]).toBe(opps[0]!.Id);
  expect(order.fields[BODY.syncStatus]).toMatch(/^Synced /);
  expect(order.fields[BODY.lastSyncError]).toBeFalsy();
  expect(ns.list('salesorder').filter((o) => o.id === orderId)).toHaveLength(1);
}

interface Fault {
  name: string;
  retryable: boolean;
  code: RegExp;
  words: RegExp[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Composite requests NetSuite gave up on that the org still applied (it answers them late): the save
   * and the edit. The test settles the org before the fault is cleared, so both have landed by then.
   */
  lateComposites?: number;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const FAULTS: Fault[] = [
  {
    name: 'Salesforce unreachable (closed port)',
    retryable: true,
    code: /^SSS_CONNECTION_CLOSED$/,
    words: [/could not reach Salesforce/, /My Domain URL/, /try again automatically/],
    start: async () =>
      stack.setSettings({ [SETTINGS.instanceUrl]: `http://127.0.0.1:${await closedPort()}` }),
    stop: async () => stack.setSettings({ [SETTINGS.instanceUrl]: stack.sf.instanceUrl }),
  },
  {
    name: 'slower than the request timeout',
    retryable: true,
    code: /^SSS_REQUEST_TIME_EXCEEDED$/,
    words: [/did not answer in time/, /try again automatically/],
    start: () => stack.sf.fault({ kind: 'latency', ms: REQUEST_TIMEOUT_MS + 1000 }),
    // Both timed-out composite requests commit in the org later: the retry must still leave one copy.
    lateComposites: 2,
    stop: () => stack.sf.clearFaults(),
  },
  {
    name: '503 Service Unavailable',
    retryable: true,
    code: /^SERVER_UNAVAILABLE$/,
    words: [/Salesforce was unavailable/, /try again automatically/],
    start: () => stack.sf.fault({ kind: 'unavailable' }),
    stop: () => stack.sf.clearFaults(),
  },
  {
    name: 'UNABLE_TO_LOCK_ROW',
    retryable: true,
    code: /^UNABLE_TO_LOCK_ROW$/,
    words: [/could not lock it/, /try again automatically/],
    start: () => stack.sf.fault({ kind: 'lockRow' }),
    stop: () => stack.sf.clearFaults(),
  },
  {
    name: 'validation rule rejects the Opportunity',
    retryable: false,
    code: /^FIELD_CUSTOM_VALIDATION_EXCEPTION$/,
    words: [/validation rule/, /"Opportunities need an approval number"/, /press Retry/],
    start: () =>
      stack.sf.addValidationRule({
        sobject: 'Opportunity',
        field: 'Description',
        operator: 'startsWith',
        value: 'PO',
        message: 'Opportunities need an approval number',
      }),
    stop: () => stack.sf.clearFaults(),
  },
];

describe('fault matrix, Sales Order → Opportunity', () => {
  test('baseline: an order syncs with no fault (links the items for the rows below)', async () => {
    const customer = seedCustomer(stack.ns);
    const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 2, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    editOrder(stack.ns, id, 3);
    await expectOneSyncedCopy(stack.sf, stack.ns, id, customer);
    expect(entriesOf(stack.ns, id)).toEqual([]);
  });

  test.each(FAULTS.map((f) => [f.name, f] as const))('%s', async (_name, fault) => {
    const customer = seedCustomer(stack.ns);
    const since = await logMark(stack.sf);
    await fault.start();
    let id: string | undefined;
    try {
      // The save succeeds whatever Salesforce does.
      id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 2, rate: 100 }], {
        [BODY.sendAsOpportunity]: true,
        memo: 'PO 4711',
      });
      expect(stack.ns.get('salesorder', id)).toBeDefined();
      const [first, ...others] = entriesOf(stack.ns, id);
      expect(others).toEqual([]);
      expect(first).toMatchObject({ retryable: fault.retryable, attempts: 1 });
      expect(first!.code).toMatch(fault.code);
      expect(first!.status).toBe(fault.retryable ? 'Retrying' : 'Error');
      expect(first!.message).toMatch(/order SO\d+/i);
      for (const words of fault.words) expect(first!.message).toMatch(words);
      expect(stack.ns.get('salesorder', id)!.fields[BODY.lastSyncError]).toBe(first!.message);

      // Edited while the fault lasts: the same entry counts the second failure.
      editOrder(stack.ns, id, 3);
      const again = entriesOf(stack.ns, id);
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({ id: first!.id, attempts: 2, retryable: fault.retryable });
      // Whatever the org received while the fault lasted is answered (and applied) before it clears.
      const log = await requestsSince(stack.sf, since);
      if (fault.lateComposites !== undefined)
        expect(log.filter((r) => r.path.includes('/composite')).map((r) => r.status)).toEqual(
          Array<number>(fault.lateComposites).fill(200),
        );
    } finally {
      await fault.stop();
    }
    const [entry] = entriesOf(stack.ns, id);
    makeDue(stack.ns, entry!.id);
    runRetryQueue(stack.ns);
    if (!fault.retryable) {
      // Not retried automatically: someone fixes the cause and presses Retry on the dashboard.
      expect(entriesOf(stack.ns, id)[0]).toMatchObject({ status: 'Error', attempts: 2 });
      pressRetry(stack.ns, entry!.id);
    }
    expect(entriesOf(stack.ns, id)).toEqual([expect.objectContaining({ id: entry!.id, status: 'Resolved' })]);
    await expectOneSyncedCopy(stack.sf, stack.ns, id, customer);
    results.push({
      fault: fault.name,
      code: entry!.code,
      retryable: String(entry!.retryable),
      message: entry!.message,
    });
  });

  test('401 with an expired token: one token refresh, the sync succeeds, nothing is logged', async () => {
    const customer = seedCustomer(stack.ns);
    const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 2, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    await stack.sf.expireTokens();
    const since = await logMark(stack.sf);
    editOrder(stack.ns, id, 3);
    const log = await requestsSince(stack.sf, since);
    expect(log.filter((r) => r.path.includes('/oauth2/token'))).toHaveLength(1);
    expect(log.filter((r) => r.status === 401)).toHaveLength(1);
    expect(entriesOf(stack.ns, id)).toEqual([]);
    await expectOneSyncedCopy(stack.sf, stack.ns, id, customer);
    results.push({ fault: '401 expired token', code: '(none)', retryable: '-', message: '(no entry)' });
  });

  test('401 that a new token does not cure: retryable, after one refresh only', async () => {
    const customer = seedCustomer(stack.ns);
    const since = await logMark(stack.sf);
    await stack.sf.fault({ kind: 'expiredToken' });
    let id: string | undefined;
    try {
      id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 2, rate: 100 }], {
        [BODY.sendAsOpportunity]: true,
      });
      const log = await requestsSince(stack.sf, since);
      expect(log.filter((r) => r.path.includes('/oauth2/token'))).toHaveLength(1);
      const [entry] = entriesOf(stack.ns, id);
      expect(entry).toMatchObject({ code: 'INVALID_SESSION_ID', retryable: true, status: 'Retrying' });
      expect(entry!.message).toMatch(/even after getting a new one/);
      editOrder(stack.ns, id, 3);
    } finally {
      await stack.sf.clearFaults();
    }
    const [entry] = entriesOf(stack.ns, id);
    makeDue(stack.ns, entry!.id);
    runRetryQueue(stack.ns);
    expect(entriesOf(stack.ns, id)[0]!.status).toBe('Resolved');
    await expectOneSyncedCopy(stack.sf, stack.ns, id, customer);
  });

  test('REQUEST_LIMIT_EXCEEDED defers the whole queue without spending attempts', async () => {
    const customers = [seedCustomer(stack.ns), seedCustomer(stack.ns)];
    await stack.sf.fault({ kind: 'limit' });
    let ids: string[] | undefined;
    try {
      ids = customers.map((c) =>
        createOrder(stack.ns, c, [{ item: items.widget, quantity: 2, rate: 100 }], {
          [BODY.sendAsOpportunity]: true,
        }),
      );
      for (const id of ids) {
        const [entry] = entriesOf(stack.ns, id);
        expect(entry).toMatchObject({ code: 'REQUEST_LIMIT_EXCEEDED', retryable: true, attempts: 0 });
        expect(entry!.status).toBe('Retrying');
        expect(entry!.message).toMatch(/API request limit/);
        expect(entry!.message).toMatch(/pauses its retry queue for an hour/);
      }
      editOrder(stack.ns, ids[0]!, 3);
      editOrder(stack.ns, ids[1]!, 3);
      // Due now, but the queue is paused: the run reads nothing and calls nothing.
      for (const id of ids) makeDue(stack.ns, entriesOf(stack.ns, id)[0]!.id);
      const before = await logMark(stack.sf);
      const paused = runRetryQueue(stack.ns);
      expect(paused.inputCount).toBe(0);
      expect(await requestsSince(stack.sf, before)).toEqual([]);
      for (const id of ids) expect(entriesOf(stack.ns, id)[0]).toMatchObject({ attempts: 0 });
    } finally {
      await stack.sf.clearFaults();
    }
    // An hour later (the runtime's clock moves; the pause lives in N/cache) the queue runs again.
    clockOffsetMs += 61 * 60 * 1000;
    for (const id of ids) makeDue(stack.ns, entriesOf(stack.ns, id)[0]!.id);
    const run = runRetryQueue(stack.ns);
    expect(run.inputCount).toBeGreaterThanOrEqual(2);
    for (const [i, id] of ids.entries()) {
      expect(entriesOf(stack.ns, id)[0]!.status).toBe('Resolved');
      await expectOneSyncedCopy(stack.sf, stack.ns, id, customers[i]!);
    }
    results.push({
      fault: 'REQUEST_LIMIT_EXCEEDED',
      code: 'REQUEST_LIMIT_EXCEEDED',
      retryable: 'true',
      message: 'paused, 0 attempts spent',
    });
  });

  test('a limit hit during a retry run pauses the rest of that run', async () => {
    const customers = [seedCustomer(stack.ns), seedCustomer(stack.ns), seedCustomer(stack.ns)];
    await stack.sf.fault({ kind: 'unavailable' });
    const ids = customers.map((c) =>
      createOrder(stack.ns, c, [{ item: items.widget, quantity: 2, rate: 100 }], {
        [BODY.sendAsOpportunity]: true,
      }),
    );
    await stack.sf.clearFaults();
    await stack.sf.fault({ kind: 'limit' });
    for (const id of ids) makeDue(stack.ns, entriesOf(stack.ns, id)[0]!.id);
    const run = runRetryQueue(stack.ns);
    const outcomes = run.output.map((o) => o.key).sort();
    expect(outcomes).toEqual(['failed', 'paused', 'paused']);
    // No entry spent an attempt on the limit.
    for (const id of ids) expect(entriesOf(stack.ns, id)[0]).toMatchObject({ attempts: 1 });
    await stack.sf.clearFaults();
    clockOffsetMs += 61 * 60 * 1000;
    for (const id of ids) makeDue(stack.ns, entriesOf(stack.ns, id)[0]!.id);
    runRetryQueue(stack.ns);
    for (const id of ids) expect(entriesOf(stack.ns, id)[0]!.status).toBe('Resolved');
  });

  test('a failed retry spends one attempt and one call: its status write-back syncs nothing again', async () => {
    const customer = seedCustomer(stack.ns);
    await stack.sf.fault({ kind: 'unavailable' });
    try {
      const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 2, rate: 100 }], {
        [BODY.sendAsOpportunity]: true,
      });
      const [entry] = entriesOf(stack.ns, id);
      makeDue(stack.ns, entry!.id);
      const since = await logMark(stack.sf);
      runRetryQueue(stack.ns);
      expect(
        (await requestsSince(stack.sf, since)).filter((r) => r.path.includes('/composite')),
      ).toHaveLength(1);
      expect(entriesOf(stack.ns, id)).toEqual([expect.objectContaining({ attempts: 2, status: 'Retrying' })]);
      expect(stack.ns.get('salesorder', id)!.fields[BODY.syncStatus]).toMatch(
        /^Error, will retry .*SERVER_UNAVAILABLE/,
      );
    } finally {
      await stack.sf.clearFaults();
    }
  });

  test('a deleted Opportunity: not recreated behind anyone’s back; clearing the link sends it again', async () => {
    const customer = seedCustomer(stack.ns);
    const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 2, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    const opportunityId = String(stack.ns.get('salesorder', id)!.fields[BODY.opportunityId]);
    await deleteInSalesforce(stack.sf, 'Opportunity', opportunityId);

    editOrder(stack.ns, id, 5);
    const [first, ...others] = entriesOf(stack.ns, id);
    expect(others).toEqual([]);
    expect(first).toMatchObject({ code: 'ENTITY_IS_DELETED', retryable: false, status: 'Error' });
    expect(first!.message).toMatch(/was deleted in Salesforce/);
    expect(first!.message).toMatch(/Salesforce Opportunity ID/);
    expect(first!.message).toMatch(/recycle bin/);
    editOrder(stack.ns, id, 3);
    expect(entriesOf(stack.ns, id)).toEqual([expect.objectContaining({ id: first!.id, attempts: 2 })]);
    runRetryQueue(stack.ns);
    expect(entriesOf(stack.ns, id)[0]!.status).toBe('Error');

    // The fix the message names: clear the link and save.
    stack.ns.ui.record.submitFields({ type: 'salesorder', id, values: { [BODY.opportunityId]: '' } });
    expect(entriesOf(stack.ns, id)).toEqual([expect.objectContaining({ id: first!.id, status: 'Resolved' })]);
    runRetryQueue(stack.ns);
    await expectOneSyncedCopy(stack.sf, stack.ns, id, customer);
    expect(stack.ns.get('salesorder', id)!.fields[BODY.opportunityId]).not.toBe(opportunityId);
    results.push({
      fault: 'deleted Opportunity',
      code: first!.code,
      retryable: String(first!.retryable),
      message: first!.message,
    });
  });

  test('a user event low on governance hands the order to the retry queue', () => {
    const customer = seedCustomer(stack.ns);
    const limit = LIMITS.usereventscript!;
    LIMITS.usereventscript = 50;
    let id: string | undefined;
    try {
      id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 2, rate: 100 }], {
        [BODY.sendAsOpportunity]: true,
      });
    } finally {
      LIMITS.usereventscript = limit;
    }
    const ue = stack.ns.executions.filter((e) => e.scriptId === SCRIPTS.salesOrderEvent.script).at(-1)!;
    expect(ue.error).toBeUndefined();
    const [entry, ...others] = entriesOf(stack.ns, id);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      code: 'SFSYNC_DEFERRED',
      retryable: true,
      status: 'Retrying',
      attempts: 0,
    });
    expect(entry!.message).toMatch(/handed to the sfsync retry queue/);
    expect(stack.ns.get('salesorder', id)!.fields[BODY.syncStatus]).toMatch(/^Queued /);
    // Due at once: the next scheduled run syncs it, with no clock change.
    runRetryQueue(stack.ns);
    expect(entriesOf(stack.ns, id)[0]!.status).toBe('Resolved');
    expect(stack.ns.get('salesorder', id)!.fields[BODY.opportunityId]).toMatch(/^006/);
  });

  test('success logging: off by default (no row per sync), one Success row per sync when turned on', () => {
    const customer = seedCustomer(stack.ns);
    const quiet = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    expect(stack.ns.list(LOG.type).filter((e) => e.fields[LOG.netsuiteId] === quiet)).toEqual([]);
    stack.setSettings({ [SETTINGS.logSuccesses]: true });
    try {
      const logged = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }], {
        [BODY.sendAsOpportunity]: true,
      });
      const entries = entriesOf(stack.ns, logged);
      expect(entries).toEqual([expect.objectContaining({ status: 'Success', attempts: 1 })]);
      expect(entries[0]!.message).toMatch(/^Opportunity 006\w+ synced with 1 line\(s\), amount 100\.00\.$/);
    } finally {
      stack.setSettings({ [SETTINGS.logSuccesses]: false });
    }
  });

  test('no token, secret or Authorization header reached the Integration Log or N/log', () => {
    const texts = [
      ...stack.ns.list(LOG.type).map((e) => JSON.stringify(e.fields)),
      ...stack.ns.logs.map((l) => `${l.title} ${l.details}`),
    ].join('\n');
    expect(texts).not.toContain(stack.sf.clientSecret);
    expect(texts).not.toMatch(/Bearer\s+(?!\[REDACTED\])\S+/);
    expect(texts).not.toMatch(/access_token"?\s*[:=]\s*"?(?!\[REDACTED\])[A-Za-z0-9]/);
  });
});

/** Deletes a record through the REST API, as a Salesforce user would. */
async function deleteInSalesforce(sf: SalesforceOrg, sobject: string, id: string): Promise<void> {
  const auth = await fetch(sf.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sf.clientId,
      client_secret: sf.clientSecret,
    }),
  });
  const token = ((await auth.json()) as { access_token: string }).access_token;
  const res = await fetch(`${sf.instanceUrl}/services/data/v${sf.apiVersion}/sobjects/${sobject}/${id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(204);
}

/** Like startStack, but the org reads its custom fields from another copy of the Salesforce metadata. */
async function stackWithMetadata(metadataDir: string): Promise<Stack> {
  const sf = await startSalesforceOrg({ projectDir: metadataDir });
  const ns = createRuntime({
    projectDir: projectRoot(),
    secrets: { custsecret_sfsync_client_secret: sf.clientSecret },
  });
  const settingsId = ns.seed(SETTINGS.type, {
    name: 'sfsync',
    [SETTINGS.instanceUrl]: sf.instanceUrl,
    [SETTINGS.clientId]: sf.clientId,
    [SETTINGS.apiVersion]: '62.0',
    [SETTINGS.netsuiteAccountUrl]: ACCOUNT_URL,
    [SETTINGS.syncNetSuiteOriginatedUpdates]: true,
  });
  return {
    ns,
    sf,
    settingsId,
    setSettings: () => {
      throw new Error('not used');
    },
    close: async () => {
      await ns.close();
      await sf.stop();
    },
  };
}

describe('several Opportunities with the same NetSuite ID', () => {
  // The project's metadata makes NetSuite_Id__c unique, so Salesforce itself prevents this. An org where
  // the field was created without "Unique" can hold duplicates: the org here loads such a copy.
  let dupStack: Stack;
  let dupItems: Catalog;
  let metadataDir: string;
  beforeAll(async () => {
    metadataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfsync-nonunique-'));
    fs.cpSync(path.join(projectRoot(), 'salesforce'), path.join(metadataDir, 'salesforce'), {
      recursive: true,
    });
    const field = path.join(
      metadataDir,
      'salesforce/force-app/main/default/objects/Opportunity/fields/NetSuite_Id__c.field-meta.xml',
    );
    fs.writeFileSync(
      field,
      fs.readFileSync(field, 'utf8').replace('<unique>true</unique>', '<unique>false</unique>'),
    );
    dupStack = await stackWithMetadata(metadataDir);
    dupItems = seedCatalog(dupStack.ns);
  });
  afterAll(async () => {
    await dupStack?.close();
    fs.rmSync(metadataDir, { recursive: true, force: true });
  });

  test('a 300 answer: one non-retryable entry naming the duplicates; after a merge, Retry updates the survivor', async () => {
    const { ns, sf } = dupStack;
    const customer = seedCustomer(ns);
    // Not sent yet (box unchecked); then two Opportunities claim the order in Salesforce.
    const id = createOrder(ns, customer, [{ item: dupItems.widget, quantity: 2, rate: 100 }]);
    const twin = {
      Name: 'Imported twice',
      StageName: 'Prospecting',
      CloseDate: '2026-12-01',
      NetSuite_Id__c: id,
    };
    const keep = await sf.insert('Opportunity', twin);
    const extra = await sf.insert('Opportunity', twin);

    const so = ns.ui.record.load({ type: 'salesorder', id });
    so.setValue({ fieldId: BODY.sendAsOpportunity, value: true });
    so.save();
    const [first, ...others] = entriesOf(ns, id);
    expect(others).toEqual([]);
    expect(first).toMatchObject({ code: 'MULTIPLE_CHOICES', retryable: false, status: 'Error' });
    expect(first!.message).toMatch(/Several Salesforce records carry the same NetSuite ID/);
    expect(first!.message).toMatch(/Merge or delete the duplicates/);
    editOrder(ns, id, 3);
    expect(entriesOf(ns, id)).toEqual([expect.objectContaining({ id: first!.id, attempts: 2 })]);

    await deleteInSalesforce(sf, 'Opportunity', extra);
    pressRetry(ns, first!.id);
    expect(entriesOf(ns, id)[0]!.status).toBe('Resolved');
    await expectOneSyncedCopy(sf, ns, id, customer);
    expect(ns.get('salesorder', id)!.fields[BODY.opportunityId]).toBe(keep);
    results.push({
      fault: 'several records match the external ID',
      code: first!.code,
      retryable: String(first!.retryable),
      message: first!.message,
    });
  });
});
