/**
 * Writes the Integration Log (customrecord_sfsync_log): opens or updates the one open entry per record and
 * flow, resolves it on success, and (by setting) records successes. Every text that reaches the log is
 * redacted.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { LOG } from '../catalogue';
import type { SyncError } from '../core/errors';
import { afterFailure, logKey, OPEN_STATUSES, type LogStatus } from '../core/log-policy';
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

interface OpenEntry {
  id: string;
  attempts: number;
  status: string;
}

function findOpen(key: string): OpenEntry | null {
  let found: OpenEntry | null = null;
  search
    .create({
      type: LOG.type,
      filters: [[LOG.key, 'is', key], 'AND', ['isinactive', 'is', 'F']],
      columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.DESC }),
        LOG.status,
        LOG.attempts,
      ],
    })
    .run()
    .each((result) => {
      const status = result.getText({ name: LOG.status }) ?? '';
      if ((OPEN_STATUSES as string[]).includes(status)) {
        found = {
          id: String(result.id),
          attempts: Number(result.getValue({ name: LOG.attempts }) || 0),
          status,
        };
        return false;
      }
      return true;
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

/** Opens or updates the open entry for this record and flow. */
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
  fill(rec, subject, key);
  if (!open) rec.setValue({ fieldId: LOG.firstSeen, value: now });
  rec.setText({ fieldId: LOG.status, text: outcome.status });
  rec.setValue({ fieldId: LOG.retryable, value: error.retryable });
  rec.setValue({ fieldId: LOG.errorCode, value: error.code.slice(0, 100) });
  rec.setValue({ fieldId: LOG.message, value: redact(error.message).slice(0, 3900) });
  rec.setValue({ fieldId: LOG.request, value: excerpt(error.request, 20000) });
  rec.setValue({ fieldId: LOG.response, value: excerpt(error.response, 20000) });
  rec.setValue({ fieldId: LOG.attempts, value: outcome.attempts });
  rec.setValue({ fieldId: LOG.nextAttemptAt, value: outcome.nextAttemptAt });
  rec.setValue({ fieldId: LOG.lastSeen, value: now });
  const id = String(rec.save());
  return { entryId: id, status: outcome.status, attempts: outcome.attempts };
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
    rec.setValue({ fieldId: LOG.message, value: `Resolved: ${options.message}`.slice(0, 3900) });
    rec.save();
  }
  if (options.logSuccesses) {
    const rec = record.create({ type: LOG.type });
    fill(rec, subject, `${key}:ok`);
    rec.setText({ fieldId: LOG.status, text: 'Success' });
    rec.setValue({ fieldId: LOG.message, value: options.message.slice(0, 3900) });
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
  rec.setValue({ fieldId: LOG.message, value: message.slice(0, 3900) });
  rec.setValue({ fieldId: LOG.firstSeen, value: now });
  rec.setValue({ fieldId: LOG.lastSeen, value: now });
  rec.save();
}
