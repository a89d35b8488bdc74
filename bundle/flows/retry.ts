/**
 * The retry queue: re-syncs records whose Integration Log entry is due, reading their current state.
 * REQUEST_LIMIT_EXCEEDED pauses the whole queue for an hour instead of spending attempts.
 */
import * as cache from 'N/cache';
import * as record from 'N/record';
import * as search from 'N/search';
import { LOG } from '../catalogue';
import { DEFER_MS } from '../core/log-policy';
import { syncCustomer } from './customer-sync';
import { isInboundFlow, retryInbound } from './inbound-retry';
import { syncOrder } from './order-sync';

export interface DueEntry {
  entryId: string;
  flow: string;
  netsuiteType: string;
  netsuiteId: string;
  status: string;
  /** Inbound entries (Salesforce → NetSuite) name the Salesforce record. */
  salesforceObject?: string;
  salesforceId?: string;
}

const QUEUE_CACHE = 'sfsync_retry';
const PAUSE_KEY = 'pausedUntil';

function queueCache(): cache.Cache {
  return cache.getCache({ name: QUEUE_CACHE, scope: cache.Scope.PROTECTED });
}

export function pausedUntil(now: Date): number {
  const until = Number(queueCache().get({ key: PAUSE_KEY }) || 0);
  return until > now.getTime() ? until : 0;
}

export function pauseQueue(now: Date): void {
  queueCache().put({
    key: PAUSE_KEY,
    value: String(now.getTime() + DEFER_MS),
    ttl: Math.ceil(DEFER_MS / 1000),
  });
}

/** Entries whose next attempt is due (or the chosen ones, from the dashboard). */
export function dueEntries(now: Date, onlyIds: string[] = []): DueEntry[] {
  const filters: unknown[] = [['isinactive', 'is', 'F']];
  if (onlyIds.length > 0) filters.push('AND', ['internalid', 'anyof', onlyIds]);
  else filters.push('AND', [LOG.retryable, 'is', 'T'], 'AND', [LOG.nextAttemptAt, 'onorbefore', now]);
  const due: DueEntry[] = [];
  const paged = search
    .create({
      type: LOG.type,
      filters,
      columns: [
        LOG.flow,
        LOG.netsuiteType,
        LOG.netsuiteId,
        LOG.status,
        LOG.salesforceObject,
        LOG.salesforceId,
      ],
    })
    .runPaged({ pageSize: 1000 });
  paged.pageRanges.forEach((range) => {
    paged.fetch({ index: range.index }).data.forEach((r) => {
      const status = r.getText({ name: LOG.status }) ?? '';
      if (onlyIds.length === 0 && status !== 'Retrying') return;
      if (status === 'Resolved' || status === 'Success' || status === 'Skipped') return;
      due.push({
        entryId: String(r.id),
        flow: r.getText({ name: LOG.flow }) ?? '',
        netsuiteType: String(r.getValue({ name: LOG.netsuiteType }) ?? ''),
        netsuiteId: String(r.getValue({ name: LOG.netsuiteId }) ?? ''),
        status,
        salesforceObject: String(r.getValue({ name: LOG.salesforceObject }) ?? ''),
        salesforceId: String(r.getValue({ name: LOG.salesforceId }) ?? ''),
      });
    });
  });
  return due;
}

export function resolveEntry(entryId: string, message: string, now: Date): void {
  const rec = record.load({ type: LOG.type, id: entryId });
  rec.setText({ fieldId: LOG.status, text: 'Resolved' });
  rec.setValue({ fieldId: LOG.message, value: `Resolved: ${message}`.slice(0, 3900) });
  rec.setValue({ fieldId: LOG.lastSeen, value: now });
  rec.setValue({ fieldId: LOG.nextAttemptAt, value: null });
  rec.save();
}

export type RetryOutcome = 'synced' | 'resolved' | 'failed' | 'paused' | 'unsupported';

/** Retries one entry against the record's current state. */
export function retryEntry(entry: DueEntry, now: Date): { outcome: RetryOutcome; status?: string } {
  if (pausedUntil(now)) return { outcome: 'paused' };
  let result: { outcome: string; reason: string; error?: { code: string } };
  if (entry.flow === 'Sales Order to Opportunity') {
    let order: record.Record;
    try {
      order = record.load({ type: record.Type.SALES_ORDER, id: entry.netsuiteId });
    } catch (e) {
      if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') {
        resolveEntry(entry.entryId, 'the order no longer exists in NetSuite.', now);
        return { outcome: 'resolved' };
      }
      throw e;
    }
    result = syncOrder(order, 'retry', now);
  } else if (entry.flow === 'Customer to Account') {
    result = syncCustomer(entry.netsuiteId, 'retry', now);
  } else if (isInboundFlow(entry.flow)) {
    const inbound = retryInbound({ flow: entry.flow, salesforceId: entry.salesforceId ?? '' }, now);
    if (inbound.status !== 'failed') {
      resolveEntry(entry.entryId, inbound.message, now);
      return { outcome: inbound.status === 'synced' ? 'synced' : 'resolved' };
    }
    result = { outcome: 'failed', reason: inbound.message, error: { code: inbound.code ?? '' } };
  } else {
    return { outcome: 'unsupported' };
  }
  if (result.outcome === 'synced') return { outcome: 'synced' };
  if (result.outcome === 'unchanged' || result.outcome === 'skipped') {
    resolveEntry(entry.entryId, result.reason, now);
    return { outcome: 'resolved' };
  }
  if (result.error?.code === 'REQUEST_LIMIT_EXCEEDED') pauseQueue(now);
  const status = search.lookupFields({ type: LOG.type, id: entry.entryId, columns: [LOG.status] }) as Record<
    string,
    unknown
  >;
  const text = Array.isArray(status[LOG.status])
    ? String((status[LOG.status] as Array<{ text?: string }>)[0]?.text ?? '')
    : '';
  return { outcome: 'failed', status: text };
}
