/**
 * The retry queue: re-syncs records whose Integration Log entry is due, reading their current state (the
 * latest state wins, never a stale payload). Entries whose record synced meanwhile, or no longer needs a
 * sync, are resolved. REQUEST_LIMIT_EXCEEDED pauses the whole queue for an hour instead of spending
 * attempts. Failed entries whose alert is pending are only reported, not synced.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { LOG } from '../catalogue';
import { dueAction, isOpenStatus } from '../core/log-policy';
import { pausedUntil, pauseQueue, resolveEntry, statusIds, type FlowName } from '../adapters/integration-log';
import { syncCustomer } from './customer-sync';
import { retryContractEntry } from './contract-retry';
import { isInboundFlow, retryInbound } from './inbound-retry';
import { syncOrder } from './order-sync';

export { pausedUntil, resolveEntry };

export interface DueEntry {
  entryId: string;
  flow: string;
  netsuiteType: string;
  netsuiteId: string;
  status: string;
  /** Chosen on the dashboard (or by the run's parameter): retried whatever its status and time. */
  chosen?: boolean;
  /** Inbound entries (Salesforce → NetSuite) name the Salesforce record. */
  salesforceObject?: string;
  salesforceId?: string;
}

/**
 * Entries whose next attempt is due: Retrying ones to sync again, Failed ones whose alert is pending.
 * With `onlyIds` (the dashboard's Retry), exactly those entries while they are open.
 */
export function dueEntries(now: Date, onlyIds: string[] = []): DueEntry[] {
  const chosen = onlyIds.length > 0;
  const filters: unknown[] = [['isinactive', 'is', 'F']];
  if (chosen) {
    filters.push('AND', ['internalid', 'anyof', onlyIds]);
    filters.push('AND', [LOG.status, 'anyof', statusIds(['Error', 'Retrying', 'Failed'])]);
  } else {
    filters.push('AND', [LOG.status, 'anyof', statusIds(['Retrying', 'Failed'])]);
    filters.push('AND', [LOG.nextAttemptAt, 'isnotempty', '']);
    filters.push('AND', [LOG.nextAttemptAt, 'onorbefore', now]);
  }
  const due: DueEntry[] = [];
  const paged = search
    .create({
      type: LOG.type,
      filters,
      columns: [
        search.createColumn({ name: LOG.nextAttemptAt, sort: search.Sort.ASC }),
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
      if (dueAction(status, chosen) === 'skip') return;
      due.push({
        entryId: String(r.id),
        flow: r.getText({ name: LOG.flow }) ?? '',
        netsuiteType: String(r.getValue({ name: LOG.netsuiteType }) ?? ''),
        netsuiteId: String(r.getValue({ name: LOG.netsuiteId }) ?? ''),
        status,
        ...(chosen ? { chosen: true } : {}),
        salesforceObject: String(r.getValue({ name: LOG.salesforceObject }) ?? ''),
        salesforceId: String(r.getValue({ name: LOG.salesforceId }) ?? ''),
      });
    });
  });
  return due;
}

export type RetryOutcome = 'synced' | 'resolved' | 'failed' | 'paused' | 'unsupported';

function currentStatus(entryId: string): string {
  const values = search.lookupFields({ type: LOG.type, id: entryId, columns: [LOG.status] }) as Record<
    string,
    unknown
  >;
  const value = values[LOG.status];
  return Array.isArray(value) ? String((value as Array<{ text?: string }>)[0]?.text ?? '') : '';
}

/** Clears a Failed entry's pending alert once the run's e-mail went out (or there is no one to tell). */
export function markAlerted(entryIds: string[]): void {
  for (const id of entryIds) {
    record.submitFields({ type: LOG.type, id, values: { [LOG.nextAttemptAt]: null } });
  }
}

/** Retries one entry against the record's current state. */
export function retryEntry(entry: DueEntry, now: Date): { outcome: RetryOutcome; status?: string } {
  const action = dueAction(entry.status, entry.chosen === true);
  if (action === 'alert') return { outcome: 'failed', status: 'Failed' };
  if (action === 'skip') return { outcome: 'resolved', status: entry.status };
  if (pausedUntil(now)) return { outcome: 'paused' };
  let result: { outcome: string; reason: string; error?: { code: string } };
  const flow = entry.flow as FlowName;
  if (flow === 'Sales Order to Opportunity') {
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
  } else if (flow === 'Customer to Account') {
    result = syncCustomer(entry.netsuiteId, 'retry', now);
  } else if (flow === 'Contract to Contract') {
    const retried = retryContractEntry(entry.netsuiteType, entry.netsuiteId, now);
    if (!retried) {
      resolveEntry(entry.entryId, 'the record no longer exists in NetSuite.', now);
      return { outcome: 'resolved' };
    }
    result = retried;
  } else if (isInboundFlow(flow)) {
    const inbound = retryInbound({ flow, salesforceId: entry.salesforceId ?? '' }, now);
    if (inbound.status !== 'failed') {
      resolveEntry(entry.entryId, inbound.message, now);
      return { outcome: inbound.status === 'synced' ? 'synced' : 'resolved' };
    }
    result = { outcome: 'failed', reason: inbound.message, error: { code: inbound.code ?? '' } };
  } else {
    return { outcome: 'unsupported' };
  }
  if (result.outcome === 'synced') {
    // The sync resolves the entry it knows about; one it could not see (the record's error field was
    // cleared meanwhile) is resolved here, so nothing stays open after a success.
    if (isOpenStatus(currentStatus(entry.entryId)))
      resolveEntry(entry.entryId, `${result.reason} (retry queue)`, now);
    return { outcome: 'synced' };
  }
  if (result.outcome === 'unchanged' || result.outcome === 'skipped') {
    resolveEntry(entry.entryId, result.reason, now);
    return { outcome: 'resolved' };
  }
  if (result.error?.code === 'REQUEST_LIMIT_EXCEEDED') pauseQueue(now);
  return { outcome: 'failed', status: currentStatus(entry.entryId) };
}
