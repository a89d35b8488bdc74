/**
 * Alerts: when entries become Failed (retries exhausted), the retry queue sends one e-mail per run to the
 * configured recipients, listing them all — never one mail per error, never the same entry twice.
 */
import { BODY, LOG, SCRIPTS, SETTINGS } from '../../bundle/catalogue';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';

let stack: Stack;
let items: Catalog;

beforeAll(async () => {
  stack = await startStack({
    settings: {
      [SETTINGS.maxAttempts]: 2,
      [SETTINGS.alertRecipients]: 'ops@example.com, sales-admin@example.com',
      [SETTINGS.syncNetSuiteOriginatedUpdates]: true,
    },
  });
  items = seedCatalog(stack.ns);
});
afterAll(async () => {
  await stack?.close();
});

function entryOf(orderId: string) {
  const found = stack.ns
    .list(LOG.type)
    .filter((e) => e.fields[LOG.netsuiteId] === orderId && e.fields[LOG.netsuiteType] === 'salesorder');
  expect(found).toHaveLength(1);
  const rec = stack.ns.ui.record.load({ type: LOG.type, id: found[0]!.id });
  return {
    id: found[0]!.id,
    status: String(rec.getText({ fieldId: LOG.status })),
    attempts: Number(found[0]!.fields[LOG.attempts]),
    next: found[0]!.fields[LOG.nextAttemptAt] as Date | null,
  };
}

function makeDue(entryId: string): void {
  stack.ns.ui.record.submitFields({
    type: LOG.type,
    id: entryId,
    values: { [LOG.nextAttemptAt]: new Date(Date.now() - 60_000) },
  });
}

const runQueue = () => stack.ns.runMapReduce(SCRIPTS.retryQueue.script, SCRIPTS.retryQueue.deploy);
const newOrder = () =>
  createOrder(stack.ns, seedCustomer(stack.ns), [{ item: items.widget, quantity: 1, rate: 100 }], {
    [BODY.sendAsOpportunity]: true,
  });

describe('alerts when entries fail for good', () => {
  test('three entries exhausting their retries in one run: one e-mail listing all three', async () => {
    await stack.sf.fault({ kind: 'unavailable' });
    try {
      const orders = [newOrder(), newOrder(), newOrder()];
      for (const id of orders) expect(entryOf(id)).toMatchObject({ status: 'Retrying', attempts: 1 });
      expect(stack.ns.emails).toHaveLength(0);

      for (const id of orders) makeDue(entryOf(id).id);
      const run = runQueue();
      expect(run.status).toBe('COMPLETE');
      for (const id of orders)
        expect(entryOf(id)).toMatchObject({ status: 'Failed', attempts: 2, next: null });

      expect(stack.ns.emails).toHaveLength(1);
      const mail = stack.ns.emails[0]!;
      expect(mail.recipients).toEqual(['ops@example.com', 'sales-admin@example.com']);
      expect(mail.subject).toBe('sfsync: 3 syncs failed after every retry');
      for (const id of orders) {
        expect(mail.body).toContain(
          `- Sales Order to Opportunity: salesorder ${id} (log entry ${entryOf(id).id}:`,
        );
      }
      expect(mail.body).toContain('press Retry on the sfsync dashboard');

      // The next runs have nothing new to report.
      runQueue();
      runQueue();
      expect(stack.ns.emails).toHaveLength(1);
    } finally {
      await stack.sf.clearFaults();
    }
  });

  test('an entry that becomes Failed on a save is reported by the next run, once, without a sync attempt', async () => {
    await stack.sf.fault({ kind: 'unavailable' });
    try {
      const id = newOrder();
      const so = stack.ns.ui.record.load({ type: 'salesorder', id });
      so.setValue({ fieldId: 'memo', value: 'saved again while Salesforce is down' });
      so.save();
      expect(entryOf(id)).toMatchObject({ status: 'Failed', attempts: 2 });
      expect(entryOf(id).next).toBeInstanceOf(Date); // the pending alert
      const before = stack.ns.emails.length;
      const calls = (await stack.sf.requestLog()).length;

      const run = runQueue();
      expect(run.output).toEqual([{ key: 'failed', value: expect.stringContaining(`"netsuiteId":"${id}"`) }]);
      expect(stack.ns.emails).toHaveLength(before + 1);
      expect(stack.ns.emails.at(-1)!.subject).toBe('sfsync: 1 sync failed after every retry');
      expect(stack.ns.emails.at(-1)!.body).toContain(`salesorder ${id}`);
      expect(entryOf(id)).toMatchObject({ status: 'Failed', attempts: 2, next: null });
      expect((await stack.sf.requestLog()).length).toBe(calls);

      runQueue();
      expect(stack.ns.emails).toHaveLength(before + 1);
    } finally {
      await stack.sf.clearFaults();
    }
  });

  test('a Failed entry is resolved by a later successful save, and Retry on the dashboard starts over', async () => {
    await stack.sf.fault({ kind: 'unavailable' });
    const first = newOrder();
    const second = newOrder();
    for (const id of [first, second]) {
      makeDue(entryOf(id).id);
    }
    runQueue();
    await stack.sf.clearFaults();
    expect(entryOf(first).status).toBe('Failed');

    const so = stack.ns.ui.record.load({ type: 'salesorder', id: first });
    so.setValue({ fieldId: 'memo', value: 'fixed' });
    so.save();
    expect(entryOf(first).status).toBe('Resolved');

    const entry = entryOf(second).id;
    const page = stack.ns.callSuitelet(SCRIPTS.dashboard.script, SCRIPTS.dashboard.deploy, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
      body: `single=retry%3A${entry}`,
    });
    expect(page.status).toBe(302);
    expect(entryOf(second)).toMatchObject({ status: 'Retrying', attempts: 0 });
    stack.ns.runQueuedTasks();
    expect(entryOf(second).status).toBe('Resolved');
  });

  test('without recipients nothing is sent, and the alert is not kept for later', async () => {
    stack.setSettings({ [SETTINGS.alertRecipients]: '' });
    await stack.sf.fault({ kind: 'unavailable' });
    try {
      const id = newOrder();
      makeDue(entryOf(id).id);
      const before = stack.ns.emails.length;
      runQueue();
      expect(entryOf(id)).toMatchObject({ status: 'Failed', next: null });
      expect(stack.ns.emails).toHaveLength(before);
    } finally {
      await stack.sf.clearFaults();
      stack.setSettings({ [SETTINGS.alertRecipients]: 'ops@example.com' });
    }
  });
});
