/**
 * Soak: 500 orders (and edits of earlier ones) saved while Salesforce faults come and go at random — a
 * seeded PRNG, so every run is the same — with the retry queue running now and then. Then the faults
 * clear, the queue runs until nothing is due, and every order is in Salesforce exactly once with its lines
 * and amount. Prints a one-line summary.
 *
 * One of the faults is a latency longer than NetSuite's request timeout: NetSuite gives up on the request
 * (the save logs a timeout and the retry queue takes it) while the org, once the delay is over, still
 * applies it. Left alone, that late write could land after a later edit of the same order and put the
 * older values back. So after every save and every queue run the test waits until the org has answered
 * every request it received (settled, tests/support/wait.ts); no step depends on how long anything took.
 */
import { BODY, LOG, SCRIPTS, SETTINGS } from '../../bundle/catalogue';
import type { FaultSpec } from '../../tools/salesforce-local';
import { createOrder, seedCatalog, seedCustomer, type Catalog, type LineInput } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';
import { settled } from '../support/wait';

jest.setTimeout(240_000);

const ORDERS = 500;
const CUSTOMERS = 60;
// NetSuite's request timeout, and the injected latency beyond it. An ordinary answer that happens to take
// longer than the timeout on a busy machine is harmless too: it is retried like the injected ones.
const TIMEOUT_MS = 1000;
const LATENCY_MS = 1600;

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let clockOffsetMs = 0;
let stack: Stack;
let items: Catalog;

beforeAll(async () => {
  stack = await startStack({
    settings: { [SETTINGS.syncNetSuiteOriginatedUpdates]: true, [SETTINGS.maxAttempts]: 20 },
    runtime: {
      httpTimeouts: { requestMs: TIMEOUT_MS },
      now: () => new Date(Date.now() + clockOffsetMs),
    },
  });
  items = seedCatalog(stack.ns);
});
afterAll(async () => {
  await stack?.close();
});

function statusOf(entryId: string): string {
  return String(stack.ns.ui.record.load({ type: LOG.type, id: entryId }).getText({ fieldId: LOG.status }));
}

/** Open entries (not resolved) of the Sales Order flow. */
function openEntries(): Array<{ id: string; status: string; order: string }> {
  return stack.ns
    .list(LOG.type)
    .filter((e) => e.fields[LOG.netsuiteType] === 'salesorder' && !String(e.fields[LOG.key]).includes(':ok'))
    .map((e) => ({ id: e.id, status: statusOf(e.id), order: String(e.fields[LOG.netsuiteId]) }))
    .filter((e) => ['Error', 'Retrying', 'Failed'].includes(e.status));
}

test(`${ORDERS} orders while faults come and go: every order synced exactly once`, async () => {
  const random = prng(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const customers = Array.from({ length: CUSTOMERS }, (_, i) =>
    seedCustomer(stack.ns, { entityid: `SOAK-${i}`, companyname: `Soak Customer ${i}` }),
  );
  const kinds: FaultSpec['kind'][] = ['unavailable', 'lockRow', 'drop', 'expiredToken', 'limit', 'latency'];
  const injected: Record<string, number> = {};
  const orders: string[] = [];
  let edits = 0;
  let retryRuns = 0;
  let saves = 0;

  /**
   * Maybe starts a fault that lasts for the next 1–3 matching requests, then saves, then waits until the
   * org has applied whatever it received (a request NetSuite gave up on included).
   */
  async function save(action: () => void): Promise<void> {
    if (random() < 0.3) {
      const kind = pick(kinds);
      injected[kind] = (injected[kind] ?? 0) + 1;
      const times = kind === 'latency' ? 1 : 1 + Math.floor(random() * 3);
      await stack.sf.fault({ kind, times, ms: LATENCY_MS });
    }
    action();
    saves += 1;
    await settled(stack.sf);
  }

  /** One run of the retry queue; then the org settles as after a save. */
  async function runQueue(): Promise<void> {
    retryRuns += 1;
    const report = stack.ns.runMapReduce(SCRIPTS.retryQueue.script, SCRIPTS.retryQueue.deploy);
    expect(report.mapErrors).toEqual([]);
    await settled(stack.sf);
  }

  function makeAllDue(): number {
    const due = openEntries().filter((e) => e.status === 'Retrying');
    for (const e of due) {
      stack.ns.ui.record.submitFields({
        type: LOG.type,
        id: e.id,
        values: { [LOG.nextAttemptAt]: new Date(Date.now() - 60_000) },
      });
    }
    return due.length;
  }

  for (let i = 0; i < ORDERS; i++) {
    const lines: LineInput[] = Array.from({ length: 1 + Math.floor(random() * 4) }, () => ({
      item: pick([items.widget, items.gadget, items.service]),
      quantity: 1 + Math.floor(random() * 9),
      rate: 10 + Math.floor(random() * 400),
    }));
    if (random() < 0.25) lines.push({ item: items.discount10 });
    const customer = pick(customers);
    await save(() =>
      orders.push(
        createOrder(stack.ns, customer, lines, { [BODY.sendAsOpportunity]: true, memo: `soak ${i}` }),
      ),
    );

    if (random() < 0.2) {
      const id = pick(orders);
      const quantity = 1 + Math.floor(random() * 20);
      await save(() => {
        const so = stack.ns.ui.record.load({ type: 'salesorder', id });
        so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: quantity });
        so.setValue({ fieldId: 'memo', value: `soak edit ${edits}` });
        so.save();
      });
      edits += 1;
    }

    // The scheduled queue runs now and then, faults or not.
    if (i % 50 === 49) {
      makeAllDue();
      await runQueue();
    }
  }
  const logEntriesOpened = stack.ns.list(LOG.type).length;

  // The faults clear; the queue runs (an hour later each time, past any pause) until nothing is due.
  await stack.sf.clearFaults();
  for (let round = 0; round < 10; round++) {
    clockOffsetMs += 61 * 60 * 1000;
    if (makeAllDue() === 0) break;
    await runQueue();
  }

  expect(openEntries()).toEqual([]);
  const opps = await stack.sf.records('Opportunity');
  const sfLines = await stack.sf.records('OpportunityLineItem');
  const accounts = await stack.sf.records('Account');
  const oppsByOrder = new Map<string, Array<Record<string, unknown>>>();
  for (const o of opps)
    oppsByOrder.set(String(o.NetSuite_Id__c), [...(oppsByOrder.get(String(o.NetSuite_Id__c)) ?? []), o]);
  const linesByOpp = new Map<string, number>();
  for (const l of sfLines)
    linesByOpp.set(String(l.OpportunityId), (linesByOpp.get(String(l.OpportunityId)) ?? 0) + 1);

  const problems: string[] = [];
  let lineCount = 0;
  for (const id of orders) {
    const so = stack.ns.get('salesorder', id)!;
    const copies = oppsByOrder.get(id) ?? [];
    if (copies.length !== 1) {
      problems.push(`order ${id}: ${copies.length} Opportunities`);
      continue;
    }
    const opp = copies[0]!;
    const itemLines = so.sublists.item!.filter((l) => l.itemtype !== 'Discount').length;
    lineCount += itemLines;
    if (so.fields[BODY.opportunityId] !== opp.Id)
      problems.push(`order ${id}: linked to ${String(so.fields[BODY.opportunityId])}`);
    if (!String(so.fields[BODY.syncStatus]).startsWith('Synced'))
      problems.push(`order ${id}: ${String(so.fields[BODY.syncStatus])}`);
    if ((linesByOpp.get(String(opp.Id)) ?? 0) !== itemLines)
      problems.push(`order ${id}: ${linesByOpp.get(String(opp.Id)) ?? 0} lines, expected ${itemLines}`);
    if (Math.round(Number(opp.Amount) * 100) !== Math.round(Number(so.fields.total) * 100))
      problems.push(`order ${id}: amount ${String(opp.Amount)}, order total ${String(so.fields.total)}`);
  }
  expect(problems).toEqual([]);
  expect(opps).toHaveLength(ORDERS);
  expect(sfLines).toHaveLength(lineCount);
  const usedCustomers = new Set(orders.map((id) => String(stack.ns.get('salesorder', id)!.fields.entity)));
  expect(accounts.filter((a) => usedCustomers.has(String(a.NetSuite_Id__c)))).toHaveLength(
    usedCustomers.size,
  );
  expect(new Set(accounts.map((a) => a.NetSuite_Id__c)).size).toBe(accounts.length);
  expect(stack.ns.list('salesorder')).toHaveLength(ORDERS);

  const faults = Object.values(injected).reduce((a, b) => a + b, 0);
  const calls = (await stack.sf.apiCalls()).total;
  console.log(
    `soak: ${ORDERS} orders + ${edits} edits (${saves} saves), ${faults} faults injected ${JSON.stringify(injected)}, ` +
      `${logEntriesOpened} log entries opened, ${retryRuns} retry runs, ${calls} API calls; ` +
      `Salesforce: ${opps.length} Opportunities (1 per order), ${sfLines.length} lines, ${usedCustomers.size} Accounts; ` +
      `0 open entries`,
  );
});
