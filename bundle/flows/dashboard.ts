/** Dashboard actions: list open entries, queue retries, resolve by hand, create the open-errors saved search. */
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import * as task from 'N/task';
import * as url from 'N/url';
import { LOG, PARAMS, SCRIPTS } from '../catalogue';
import type { DashboardEntry, SavedSearchInfo } from '../core/dashboard';
import { OPEN_STATUSES } from '../core/log-policy';
import { resolveEntry, statusIds } from '../adapters/integration-log';

const MAX_ROWS = 1000;

/** The saved search of open errors the dashboard creates (search script IDs start with customsearch). */
export const OPEN_ERRORS_SEARCH = { id: 'customsearch_sfsync_open_errors', title: 'sfsync Open Sync Errors' };

function openFilters(): unknown[] {
  return [['isinactive', 'is', 'F'], 'AND', [LOG.status, 'anyof', statusIds(OPEN_STATUSES)]];
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The record's page, or '' for a record type this account does not know (shown without a link). */
function recordLink(type: string, id: string): string {
  if (!type || !id) return '';
  try {
    return url.resolveRecord({ recordType: type, recordId: id });
  } catch {
    return '';
  }
}

/** Open entries (Error, Retrying, Failed), newest first, at most 1,000. */
export function openEntries(): DashboardEntry[] {
  const entries: DashboardEntry[] = [];
  search
    .create({
      type: LOG.type,
      filters: openFilters(),
      columns: [
        search.createColumn({ name: LOG.lastSeen, sort: search.Sort.DESC }),
        LOG.flow,
        LOG.status,
        LOG.errorCode,
        LOG.message,
        LOG.netsuiteType,
        LOG.netsuiteId,
        LOG.attempts,
        LOG.nextAttemptAt,
      ],
    })
    .run()
    .each((r) => {
      const status = r.getText({ name: LOG.status }) ?? '';
      const type = text(r.getValue({ name: LOG.netsuiteType }));
      const id = text(r.getValue({ name: LOG.netsuiteId }));
      entries.push({
        id: String(r.id),
        flow: r.getText({ name: LOG.flow }) ?? '',
        status,
        errorCode: text(r.getValue({ name: LOG.errorCode })),
        message: text(r.getValue({ name: LOG.message })),
        netsuiteType: type,
        netsuiteId: id,
        recordUrl: recordLink(type, id),
        entryUrl: url.resolveRecord({ recordType: LOG.type, recordId: String(r.id) }),
        attempts: Number(r.getValue({ name: LOG.attempts }) || 0),
        lastSeen: text(r.getValue({ name: LOG.lastSeen })),
        // A Failed entry's time only marks its pending alert; it is not another attempt.
        nextAttempt: status === 'Retrying' ? text(r.getValue({ name: LOG.nextAttemptAt })) : '',
      });
      return entries.length < MAX_ROWS;
    });
  return entries;
}

/** Units kept for the page itself (search, task submission) while acting on entries. */
const PAGE_RESERVE = 80;

/** How many of `ids` fit in what is left of the Suitelet's governance, at `unitsEach`. */
function affordable(ids: string[], unitsEach: number): string[] {
  const left = runtime.getCurrentScript().getRemainingUsage() - PAGE_RESERVE;
  return ids.slice(0, Math.max(0, Math.floor(left / unitsEach)));
}

/**
 * Queues the chosen entries for the retry map/reduce; they run within a minute or two. A retry by hand
 * starts the automatic attempts over. If a run is already going, the scheduled run picks them up: they are
 * Retrying and due now. Returns the entries queued (as many as the page's governance allows).
 */
export function queueRetry(ids: string[], now: Date): string[] {
  const queued = affordable(ids, 2);
  const retrying = statusIds(['Retrying'])[0] ?? '';
  for (const id of queued) {
    record.submitFields({
      type: LOG.type,
      id,
      values: { [LOG.status]: retrying, [LOG.attempts]: 0, [LOG.nextAttemptAt]: now },
    });
  }
  if (queued.length === 0) return queued;
  const retry = task.create({
    taskType: task.TaskType.MAP_REDUCE,
    scriptId: SCRIPTS.retryQueue.script,
    deploymentId: SCRIPTS.retryQueue.deployNow,
    // More IDs than the parameter holds: a run of every due entry includes them (they are due now).
    params: { [PARAMS.retryEntries]: queued.join(',').length <= 3900 ? queued.join(',') : '' },
  });
  try {
    retry.submit();
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name !== 'MAP_REDUCE_ALREADY_RUNNING' && name !== 'NO_DEPLOYMENTS_AVAILABLE') throw e;
  }
  return queued;
}

/** Resolves the chosen entries by hand; returns those done (as many as the page's governance allows). */
export function resolveByHand(ids: string[], now: Date): string[] {
  const done = affordable(ids, 2);
  for (const id of done) resolveEntry(id, 'marked resolved on the sfsync dashboard.', now);
  return done;
}

/** The open-errors saved search, when it exists. */
export function findOpenErrorsSearch(): SavedSearchInfo | null {
  try {
    const saved = search.load({ id: OPEN_ERRORS_SEARCH.id });
    return {
      title: saved.title || OPEN_ERRORS_SEARCH.title,
      url: `/app/common/search/searchresults.nl?searchid=${encodeURIComponent(String(saved.searchId))}`,
    };
  } catch {
    return null;
  }
}

/**
 * Creates the open-errors saved search (SDF would need an exported definition, so it is made here, once).
 * Public, so it can be put on a home dashboard; Assumption: who sees results still follows the Integration
 * Log record's permissions (access type "use permission list"), as for any custom record search.
 */
export function createOpenErrorsSearch(): { created: boolean; saved: SavedSearchInfo | null } {
  const existing = findOpenErrorsSearch();
  if (existing) return { created: false, saved: existing };
  search
    .create({
      type: LOG.type,
      title: OPEN_ERRORS_SEARCH.title,
      id: OPEN_ERRORS_SEARCH.id,
      isPublic: true,
      filters: openFilters(),
      columns: [
        search.createColumn({ name: LOG.lastSeen, sort: search.Sort.DESC }),
        'name',
        LOG.flow,
        LOG.status,
        LOG.errorCode,
        LOG.message,
        LOG.netsuiteType,
        LOG.netsuiteId,
        LOG.attempts,
      ],
    } as search.SearchCreateOptions)
    .save();
  return { created: true, saved: findOpenErrorsSearch() };
}
