import { afterFailure, dueAction, nextAttemptAfter } from '../../bundle/core/log-policy';

const now = new Date('2026-03-01T10:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('log lifecycle', () => {
  test('a retryable failure waits 5, 10, 20 … minutes; the cap makes it Failed', () => {
    const seen = [0, 1, 2, 3, 4].map((previous) => afterFailure(previous, true, 6, now));
    expect(seen.map((o) => o.status)).toEqual(['Retrying', 'Retrying', 'Retrying', 'Retrying', 'Retrying']);
    expect(seen.map((o) => o.nextAttemptAt)).toEqual([later(5), later(10), later(20), later(40), later(80)]);
    expect(afterFailure(5, true, 6, now)).toEqual({ status: 'Failed', attempts: 6, nextAttemptAt: null });
  });

  test('the API limit and a hand-over defer without spending an attempt', () => {
    expect(afterFailure(3, true, 6, now, 'REQUEST_LIMIT_EXCEEDED')).toEqual({
      status: 'Retrying',
      attempts: 3,
      nextAttemptAt: later(60),
    });
    expect(afterFailure(0, true, 6, now, 'SFSYNC_DEFERRED')).toEqual({
      status: 'Retrying',
      attempts: 0,
      nextAttemptAt: now,
    });
  });

  test('an entry that becomes Failed keeps a pending alert until the queue reports it, once', () => {
    const failed = afterFailure(5, true, 6, now);
    expect(nextAttemptAfter(failed, { status: 'Retrying', nextAttemptAt: later(-1) }, now)).toEqual(now);
    expect(nextAttemptAfter(failed, null, now)).toEqual(now);
    // Failed already: a pending alert stays pending; a sent one is not sent again.
    expect(nextAttemptAfter(failed, { status: 'Failed', nextAttemptAt: later(-3) }, now)).toEqual(later(-3));
    expect(nextAttemptAfter(failed, { status: 'Failed', nextAttemptAt: null }, now)).toBeNull();
    const retrying = afterFailure(1, true, 6, now);
    expect(nextAttemptAfter(retrying, null, now)).toEqual(later(10));
  });

  test('the queue syncs Retrying entries, only reports Failed ones, and retries any open one chosen by hand', () => {
    expect(dueAction('Retrying', false)).toBe('retry');
    expect(dueAction('Failed', false)).toBe('alert');
    expect(dueAction('Error', false)).toBe('skip');
    expect(dueAction('Resolved', false)).toBe('skip');
    expect(['Error', 'Retrying', 'Failed', 'Resolved', 'Success'].map((s) => dueAction(s, true))).toEqual([
      'retry',
      'retry',
      'retry',
      'skip',
      'skip',
    ]);
  });
});
