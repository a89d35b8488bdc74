/**
 * Writes the Integration Log (customrecord_sfsync_log): opens or updates the one open entry per record and
 * flow, resolves it on success, and (by setting) records successes. Every text that reaches the log is
 * redacted. Also keeps the retry queue's pause (Salesforce API limit reached), which any failure may set.
 */
import * as cache from 'N/cache';
import * as record from 'N/record';
import * as search from 'N/search';
import { LOG } from '../catalogue';
import type { SyncError } from '../core/errors';
import {
  afterFailure,
  DEFER_MS,
  logKey,
  nextAttemptAfter,
  OPEN_STATUSES,
  type LogStatus,
} from '../core/log-policy';
import { excerpt, redact } from '../core/text';

export type FlowName =
  | 'Sales Order to Opportunity'
  | 'Customer to Account'
  | 'Account to Customer'
  | 'Contact to Contact'
  | 'Opportunity to Sales Order'
  | 'Opportunity to Estimate'
  | 'Contract to Contract'
  | 'Update from NetSuite';

export interface LogSubject {
  flow: FlowName;
  direction: 'NetSuite to Salesforce' | 'Salesforce to NetSuite';
  netsuiteType: string;
  netsuiteId: string;
  salesforceObject: string;
  salesforceId?: string;
}

/**
 * The entry key: outbound entries by the NetSuite record; inbound entries (Salesforce to NetSuite) by the
 * Salesforce record, which exists before any NetSuite record does and stays the same across attempts.
 */
export function subjectKey(subject: LogSubject): string {
  return subject.direction === 'Salesforce to NetSuite' && subject.salesforceId
    ? logKey(subject.flow, subject.salesforceObject, subject.salesforceId)
    : logKey(subject.flow, subject.netsuiteType, subject.netsuiteId);
}

let statusIdCache: Map<string, string> | null = null;

/**
 * Internal IDs of Log Status list values, for search filters (a list field is filtered by ID). Read by
 * setting the text on an unsaved entry, which works whatever IDs the account gave the values.
 */
export function statusIds(statuses: readonly LogStatus[]): string[] {
  if (!statusIdCache) {
    statusIdCache = new Map();
    const probe = record.create({ type: LOG.type });
    for (const status of ['Error', 'Retrying', 'Resolved', 'Failed', 'Skipped', 'Success'] as LogStatus[]) {
      probe.setText({ fieldId: LOG.status, text: status });
      statusIdCache.set(status, String(probe.getValue({ fieldId: LOG.status })));
    }
  }
  return statuses.map((s) => statusIdCache!.get(s) ?? '').filter(Boolean);
}

interface OpenEntry {
  id: string;
  attempts: number;
  status: string;
  nextAttemptAt: Date | null;
}

function findOpen(key: string): OpenEntry | null {
  let found: OpenEntry | null = null;
  search
    .create({
      type: LOG.type,
      filters: [
        [LOG.key, 'is', key],
        'AND',
        ['isinactive', 'is', 'F'],
        'AND',
        [LOG.status, 'anyof', statusIds(OPEN_STATUSES)],
      ],
      columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.DESC }),
        LOG.status,
        LOG.attempts,
      ],
    })
    .run()
    .each((result) => {
      found = {
        id: String(result.id),
        attempts: Number(result.getValue({ name: LOG.attempts }) || 0),
        status: result.getText({ name: LOG.status }) ?? '',
        nextAttemptAt: null,
      };
      return false;
    });
  return found;
}

function fill(rec: record.Record, subject: LogSubject, key: string): void {
  rec.setValue({
    fieldId: 'name',
    value: `${subject.flow}: ${subject.netsuiteType} ${subject.netsuiteId}`.slice(0, 300),
  });
  rec.setValue({ fieldId: LOG.key, value: key });
  rec.setText({ fieldId: LOG.flow, text: subject.flow });
  rec.setText({ fieldId: LOG.direction, text: subject.direction });
  rec.setValue({ fieldId: LOG.netsuiteType, value: subject.netsuiteType });
  rec.setValue({ fieldId: LOG.netsuiteId, value: subject.netsuiteId });
  rec.setValue({ fieldId: LOG.salesforceObject, value: subject.salesforceObject });
  if (subject.salesforceId) rec.setValue({ fieldId: LOG.salesforceId, value: subject.salesforceId });
}

export interface FailureResult {
  entryId: string;
  status: LogStatus;
  attempts: number;
}

/**
 * Opens or updates the open entry for this record and flow. REQUEST_LIMIT_EXCEEDED also pauses the retry
 * queue, so the other waiting entries do not spend attempts against an exhausted org.
 */
export function logFailure(
  subject: LogSubject,
  error: SyncError,
  maxAttempts: number,
  now = new Date(),
): FailureResult {
  const key = subjectKey(subject);
  const open = findOpen(key);
  const outcome = afterFailure(open?.attempts ?? 0, error.retryable, maxAttempts, now, error.code);
  const rec = open ? record.load({ type: LOG.type, id: open.id }) : record.create({ type: LOG.type });
  if (open) {
    const pending = rec.getValue({ fieldId: LOG.nextAttemptAt });
    open.nextAttemptAt = pending instanceof Date ? pending : null;
  }
  fill(rec, subject, key);
  if (!open) rec.setValue({ fieldId: LOG.firstSeen, value: now });
  rec.setText({ fieldId: LOG.status, text: outcome.status });
  rec.setValue({ fieldId: LOG.retryable, value: error.retryable });
  rec.setValue({ fieldId: LOG.errorCode, value: error.code.slice(0, 100) });
  rec.setValue({ fieldId: LOG.message, value: redact(error.message).slice(0, 3900) });
  rec.setValue({ fieldId: LOG.request, value: excerpt(error.request, 20000) });
  rec.setValue({ fieldId: LOG.response, value: excerpt(error.response, 20000) });
  rec.setValue({ fieldId: LOG.attempts, value: outcome.attempts });
  rec.setValue({ fieldId: LOG.nextAttemptAt, value: nextAttemptAfter(outcome, open, now) });
  rec.setValue({ fieldId: LOG.lastSeen, value: now });
  const id = String(rec.save());
  if (error.code === 'REQUEST_LIMIT_EXCEEDED') pauseQueue(now);
  return { entryId: id, status: outcome.status, attempts: outcome.attempts };
}

/**
 * Marks an entry Resolved (a later sync succeeded, the record is gone, or someone resolved it by hand).
 * One submitFields: 2 units, so a page of entries can be resolved within a Suitelet's budget.
 */
export function resolveEntry(entryId: string, message: string, now: Date): void {
  record.submitFields({
    type: LOG.type,
    id: entryId,
    values: {
      [LOG.status]: statusIds(['Resolved'])[0] ?? '',
      [LOG.message]: redact(`Resolved: ${message}`).slice(0, 3900),
      [LOG.lastSeen]: now,
      [LOG.nextAttemptAt]: null,
    },
  });
}

/**
 * After a successful sync: resolves the open entry if there is one (only looked for when the record showed
 * an error, so ordinary syncs spend no units here), and records the success when the setting asks for it.
 */
export function logSuccess(
  subject: LogSubject,
  options: { hadError: boolean; logSuccesses: boolean; message: string },
  now = new Date(),
): void {
  const key = subjectKey(subject);
  const open = options.hadError ? findOpen(key) : null;
  if (open) {
    const rec = record.load({ type: LOG.type, id: open.id });
    rec.setText({ fieldId: LOG.status, text: 'Resolved' });
    rec.setValue({ fieldId: LOG.nextAttemptAt, value: null });
    rec.setValue({ fieldId: LOG.lastSeen, value: now });
    if (subject.salesforceId) rec.setValue({ fieldId: LOG.salesforceId, value: subject.salesforceId });
    rec.setValue({ fieldId: LOG.message, value: redact(`Resolved: ${options.message}`).slice(0, 3900) });
    rec.save();
  }
  if (options.logSuccesses) {
    const rec = record.create({ type: LOG.type });
    fill(rec, subject, `${key}:ok`);
    rec.setText({ fieldId: LOG.status, text: 'Success' });
    rec.setValue({ fieldId: LOG.message, value: redact(options.message).slice(0, 3900) });
    rec.setValue({ fieldId: LOG.attempts, value: 1 });
    rec.setValue({ fieldId: LOG.firstSeen, value: now });
    rec.setValue({ fieldId: LOG.lastSeen, value: now });
    rec.save();
  }
}

/** A skip the administrator should know about (not an error). */
export function logSkip(subject: LogSubject, message: string, now = new Date()): void {
  const rec = record.create({ type: LOG.type });
  fill(rec, subject, `${subjectKey(subject)}:skip`);
  rec.setText({ fieldId: LOG.status, text: 'Skipped' });
  rec.setValue({ fieldId: LOG.message, value: redact(message).slice(0, 3900) });
  rec.setValue({ fieldId: LOG.firstSeen, value: now });
  rec.setValue({ fieldId: LOG.lastSeen, value: now });
  rec.save();
}

// ---- the retry queue's pause --------------------------------------------------------------------------

const QUEUE_CACHE = 'sfsync_retry';
const PAUSE_KEY = 'pausedUntil';

function queueCache(): cache.Cache {
  return cache.getCache({ name: QUEUE_CACHE, scope: cache.Scope.PROTECTED });
}

/** When the queue is paused, the time (ms) it resumes; 0 when it runs. */
export function pausedUntil(now: Date): number {
  const until = Number(queueCache().get({ key: PAUSE_KEY }) || 0);
  return until > now.getTime() ? until : 0;
}

/**
 * Pauses the retry queue for an hour. Assumption: N/cache may drop the value early; the entry that hit
 * the limit is deferred for the same hour on its own, so an early resume costs at most a few calls.
 */
export function pauseQueue(now: Date): void {
  queueCache().put({
    key: PAUSE_KEY,
    value: String(now.getTime() + DEFER_MS),
    ttl: Math.ceil(DEFER_MS / 1000),
  });
}
