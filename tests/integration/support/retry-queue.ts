/**
 * The Integration Log and the retry queue as the integration tests use them: a record's entries as an
 * administrator reads them, an entry made due (its backoff passed), and one run of the retry queue.
 */
import { LOG, SCRIPTS } from '../../../bundle/catalogue';
import type { NetSuiteRuntime } from '../../../tools/netsuite-local';

export interface EntryView {
  id: string;
  status: string;
  retryable: boolean;
  code: string;
  message: string;
  attempts: number;
}

/** The log entries of one NetSuite record (a sales order unless `type` says otherwise). */
export function entriesOf(ns: NetSuiteRuntime, netsuiteId: string, type = 'salesorder'): EntryView[] {
  return ns
    .list(LOG.type)
    .filter((e) => e.fields[LOG.netsuiteId] === netsuiteId && e.fields[LOG.netsuiteType] === type)
    .map((e) => {
      const rec = ns.ui.record.load({ type: LOG.type, id: e.id });
      return {
        id: e.id,
        status: String(rec.getText({ fieldId: LOG.status })),
        retryable: e.fields[LOG.retryable] === true,
        code: String(e.fields[LOG.errorCode] ?? ''),
        message: String(e.fields[LOG.message] ?? ''),
        attempts: Number(e.fields[LOG.attempts] ?? 0),
      };
    });
}

/** Moves the entry's next attempt into the past, as if the backoff had passed. */
export function makeDue(ns: NetSuiteRuntime, entryId: string): void {
  ns.ui.record.submitFields({
    type: LOG.type,
    id: entryId,
    values: { [LOG.nextAttemptAt]: new Date(Date.now() - 60_000) },
  });
}

/** One run of the retry queue, which must end without a stage error. */
export function runRetryQueue(ns: NetSuiteRuntime) {
  const report = ns.runMapReduce(SCRIPTS.retryQueue.script, SCRIPTS.retryQueue.deploy);
  expect(report.mapErrors).toEqual([]);
  expect(report.status).toBe('COMPLETE');
  return report;
}
