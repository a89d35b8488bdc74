/** Dashboard actions: list open entries, queue retries, resolve by hand, create the open-errors saved search. */
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import * as search from 'N/search';
import * as task from 'N/task';
import * as url from 'N/url';
import { LOG, PARAMS, SCRIPTS } from '../catalogue';
import {
  sortChosenEntries,
  type DashboardEntry,
  type EntryState,
  type SavedSearchInfo,
} from '../core/dashboard';
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

/** Units kept for the page itself (the status search, task submission) while acting on entries. */
const PAGE_RESERVE = 80;

/** How many of `ids` fit in what is left of the Suitelet's governance, at `unitsEach`. */
function affordable(ids: string[], unitsEach: number): string[] {
  const left = runtime.getCurrentScript().getRemainingUsage() - PAGE_RESERVE;
  return ids.slice(0, Math.max(0, Math.floor(left / unitsEach)));
}

/** The current status of each of `ids` (one search); an entry that does not exist is not in the map. */
function entryStates(ids: string[]): Map<string, EntryState> {
  const states = new Map<string, EntryState>();
  if (ids.length === 0) return states;
  search
    .create({
      type: LOG.type,
      filters: [['internalid', 'anyof', ids]],
      columns: [LOG.status, 'isinactive'],
    })
    .run()
    .getRange({ start: 0, end: 1000 })
    .forEach((r) => {
      const inactive = r.getValue({ name: 'isinactive' });
      states.set(String(r.id), {
        status: r.getText({ name: LOG.status }) ?? '',
        inactive: inactive === true || inactive === 'T',
      });
    });
  return states;
}

/** What an action did: entries acted on, entries missing, entries already closed, and how many did not fit. */
export interface ActOutcome {
  done: string[];
  gone: string[];
  closed: string[];
  left: number;
}

/** The chosen entries this request can afford, sorted into open, missing and closed ones. */
function choose(ids: string[], unitsEach: number) {
  const slice = affordable(ids, unitsEach);
  return { ...sortChosenEntries(slice, entryStates(slice)), left: ids.length - slice.length };
}

/** Runs `write` for each entry; one deleted meanwhile (after the status search) counts as missing. */
function eachExisting(ids: string[], gone: string[], write: (id: string) => void): string[] {
  const done: string[] = [];
  for (const id of ids) {
    try {
      write(id);
      done.push(id);
    } catch (e) {
      if ((e as { name?: string }).name !== 'RCRD_DSNT_EXIST') throw e;
      gone.push(id);
    }
  }
  return done;
}

/**
 * Queues the chosen open entries for the retry map/reduce; they run within a minute or two. A retry by hand
 * starts the automatic attempts over. If a run is already going, the scheduled run picks them up: they are
 * Retrying and due now. Entries that do not exist or are already resolved are left as they are (a Retry
 * never reopens an entry). As many entries as the page's governance allows are handled.
 */
export function queueRetry(ids: string[], now: Date): ActOutcome {
  const { open, gone, closed, left } = choose(ids, 2);
  const retrying = statusIds(['Retrying'])[0] ?? '';
  const queued = eachExisting(open, gone, (id) =>
    record.submitFields({
      type: LOG.type,
      id,
      values: { [LOG.status]: retrying, [LOG.attempts]: 0, [LOG.nextAttemptAt]: now },
    }),
  );
  const outcome = { done: queued, gone, closed, left };
  if (queued.length === 0) return outcome;
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
  return outcome;
}

/** Resolves the chosen open entries by hand; missing and already resolved ones are left as they are. */
export function resolveByHand(ids: string[], now: Date): ActOutcome {
  const { open, gone, closed, left } = choose(ids, 2);
  const done = eachExisting(open, gone, (id) =>
    resolveEntry(id, 'marked resolved on the sfsync dashboard.', now),
  );
  return { done, gone, closed, left };
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
