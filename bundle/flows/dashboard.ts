/** Dashboard actions: list open entries, queue retries, resolve by hand. */
import * as record from 'N/record';
import * as search from 'N/search';
import * as task from 'N/task';
import * as url from 'N/url';
import { LOG, PARAMS, SCRIPTS } from '../catalogue';
import type { DashboardEntry } from '../core/dashboard';
import { OPEN_STATUSES } from '../core/log-policy';
import { resolveEntry } from './retry';

const MAX_ROWS = 1000;

export function openEntries(): DashboardEntry[] {
  const entries: DashboardEntry[] = [];
  search
    .create({
      type: LOG.type,
      filters: [['isinactive', 'is', 'F']],
      columns: [
        search.createColumn({ name: LOG.lastSeen, sort: search.Sort.DESC }),
        LOG.flow,
        LOG.status,
        LOG.errorCode,
        LOG.message,
        LOG.netsuiteType,
        LOG.netsuiteId,
        LOG.attempts,
      ],
    })
    .run()
    .each((r) => {
      const status = r.getText({ name: LOG.status }) ?? '';
      if (!(OPEN_STATUSES as string[]).includes(status)) return true;
      const type = String(r.getValue({ name: LOG.netsuiteType }) ?? '');
      const id = String(r.getValue({ name: LOG.netsuiteId }) ?? '');
      entries.push({
        id: String(r.id),
        flow: r.getText({ name: LOG.flow }) ?? '',
        status,
        errorCode: String(r.getValue({ name: LOG.errorCode }) ?? ''),
        message: String(r.getValue({ name: LOG.message }) ?? ''),
        netsuiteType: type,
        netsuiteId: id,
        recordUrl: type && id ? url.resolveRecord({ recordType: type, recordId: id }) : '',
        entryUrl: url.resolveRecord({ recordType: LOG.type, recordId: String(r.id) }),
        attempts: Number(r.getValue({ name: LOG.attempts }) || 0),
        lastSeen: String(r.getValue({ name: LOG.lastSeen }) ?? ''),
      });
      return entries.length < MAX_ROWS;
    });
  return entries;
}

/** Queues the chosen entries for the retry map/reduce; they run within a minute or two. */
export function queueRetry(ids: string[]): string {
  for (const id of ids) {
    const rec = record.load({ type: LOG.type, id });
    rec.setText({ fieldId: LOG.status, text: 'Retrying' });
    rec.setValue({ fieldId: LOG.nextAttemptAt, value: new Date() });
    rec.save();
  }
  const retry = task.create({
    taskType: task.TaskType.MAP_REDUCE,
    scriptId: SCRIPTS.retryQueue.script,
    deploymentId: SCRIPTS.retryQueue.deployNow,
    params: { [PARAMS.retryEntries]: ids.join(',') },
  });
  try {
    return retry.submit();
  } catch (e) {
    // A run already in progress picks the entries up: they are due now.
    if ((e as { name?: string }).name === 'MAP_REDUCE_ALREADY_RUNNING') return '';
    throw e;
  }
}

export function resolveByHand(ids: string[], now: Date): void {
  for (const id of ids) resolveEntry(id, 'marked resolved on the sfsync dashboard.', now);
}
