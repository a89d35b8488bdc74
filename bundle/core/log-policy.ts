/**
 * Integration Log lifecycle: one open entry per record and flow. A failure opens the entry or updates the
 * open one (attempts, last seen, latest error); retryable failures wait with exponential backoff before the
 * retry queue picks them up again; after the last allowed attempt the entry is Failed. A later success
 * resolves it.
 */

export type LogStatus = 'Error' | 'Retrying' | 'Resolved' | 'Failed' | 'Skipped' | 'Success';

export const OPEN_STATUSES: LogStatus[] = ['Error', 'Retrying', 'Failed'];

/** First retry after 5 minutes, then 10, 20, 40… capped at 12 hours. */
export const BASE_DELAY_MS = 5 * 60 * 1000;
export const MAX_DELAY_MS = 12 * 60 * 60 * 1000;

export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface FailureOutcome {
  status: LogStatus;
  attempts: number;
  nextAttemptAt: Date | null;
}

/** Codes that say "not now" about the whole org rather than about this record: wait without using an attempt. */
export const DEFER_CODES = new Set(['REQUEST_LIMIT_EXCEEDED', 'SFSYNC_DEFERRED']);
export const DEFER_MS = 60 * 60 * 1000;

/** What an entry becomes after one more failure. */
export function afterFailure(
  previousAttempts: number,
  retryable: boolean,
  maxAttempts: number,
  now: Date,
  code = '',
): FailureOutcome {
  if (DEFER_CODES.has(code)) {
    const wait = code === 'SFSYNC_DEFERRED' ? 0 : DEFER_MS;
    return { status: 'Retrying', attempts: previousAttempts, nextAttemptAt: new Date(now.getTime() + wait) };
  }
  const attempts = previousAttempts + 1;
  if (!retryable) return { status: 'Error', attempts, nextAttemptAt: null };
  if (attempts >= maxAttempts) return { status: 'Failed', attempts, nextAttemptAt: null };
  return { status: 'Retrying', attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)) };
}

export function logKey(flow: string, recordType: string, recordId: string): string {
  return `${flow}:${recordType}:${recordId}`;
}

export function isOpenStatus(status: string): boolean {
  return (OPEN_STATUSES as string[]).includes(status);
}

/**
 * The next-attempt time to store after a failure. A Failed entry keeps one only while its alert is still to
 * be sent: the retry queue picks it up, syncs nothing, and lists it in the run's single e-mail. So an entry
 * that fails for good anywhere (a save, the queue, an inbound request) is reported once, in a batch. An
 * entry that was Failed already keeps its pending alert, or stays quiet if it was reported.
 */
export function nextAttemptAfter(
  outcome: FailureOutcome,
  previous: { status: string; nextAttemptAt: Date | null } | null,
  now: Date,
): Date | null {
  if (outcome.status !== 'Failed') return outcome.nextAttemptAt;
  if (previous?.status === 'Failed') return previous.nextAttemptAt;
  return now;
}

/** What the retry queue does with a due entry: sync it again, or only report that it failed for good. */
export function dueAction(status: string, chosenByHand: boolean): 'retry' | 'alert' | 'skip' {
  if (chosenByHand) return isOpenStatus(status) ? 'retry' : 'skip';
  if (status === 'Retrying') return 'retry';
  if (status === 'Failed') return 'alert';
  return 'skip';
}
