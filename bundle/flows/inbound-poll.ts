/**
 * The poller: reads what changed in Salesforce since each object's watermark (SystemModstamp, then Id,
 * keyset-paged, so any number of records sharing a timestamp are read once), runs the same handlers as the
 * RESTlet for each record, writes results back in collections of 200, and moves each watermark past the
 * longest run of finished records only. The map/reduce entry script wires these steps to its stages.
 */
import { SyncError, toSyncError } from '../core/errors';
import { pollUntil } from '../core/inbound/soql';
import { advance, isAfter, type Advance, type Polled } from '../core/inbound/watermark';
import type { HandlerResult, InboundObject, SfRow, WriteBack } from '../core/inbound/types';
import type { Settings } from '../core/types';
import { qualifyingOpportunities, readChanges } from '../adapters/inbound-salesforce';
import { logFailure } from '../adapters/integration-log';
import { loadWatermark, saveWatermark } from '../adapters/watermark-store';
import { flushWriteBacks } from './inbound-flush';
import { logSubject, newContext, runRequest } from './inbound-run';

/** Records per query (Salesforce's largest batch): one API call per 2,000 changes. */
export const PAGE_SIZE = 2000;
/** Pages per object and run; the rest waits for the next run (the watermark is exact). */
export const MAX_PAGES = 5;
/** Units getInputData keeps for itself after the last page (one query costs 10). */
const INPUT_RESERVE = 200;

export interface PollItem extends Polled {
  object: InboundObject;
  row: SfRow;
  /** Opportunities: whether the SOQL order condition holds (only when one is set). */
  qualified?: boolean;
}

export function pollObjects(settings: Settings): InboundObject[] {
  const objects: InboundObject[] = [];
  if (settings.inboundAccountsEnabled) objects.push('Account');
  if (settings.inboundContactsEnabled) objects.push('Contact');
  // Opportunities are always read: quote requests handed over by the RESTlet come through them.
  objects.push('Opportunity');
  return objects;
}

/**
 * getInputData: the changed records of every object, numbered in query order. A failed query ends that
 * object's reading for this run (what was read is processed; the watermark stops there).
 */
export function pollInput(
  settings: Settings,
  now: Date,
  remaining: () => number,
  onError: (object: InboundObject, message: string) => void,
): PollItem[] {
  const ctx = newContext(settings, now);
  const until = pollUntil(now, settings.pollLagSeconds);
  const items: PollItem[] = [];
  for (const object of pollObjects(settings)) {
    let mark = loadWatermark(object).mark;
    let seq = 0;
    try {
      for (let page = 0; page < MAX_PAGES && remaining() > INPUT_RESERVE; page++) {
        const rows = readChanges<SfRow & { SystemModstamp: string }>(
          ctx.client,
          object,
          ctx.accountCondition,
          mark,
          PAGE_SIZE,
          until,
        );
        const soql = settings.orderQualificationSoql.trim();
        const qualified =
          object === 'Opportunity' && soql && rows.length > 0
            ? qualifyingOpportunities(
                ctx.client,
                soql,
                rows.map((r) => r.Id),
              )
            : null;
        for (const row of rows) {
          items.push({
            object,
            seq: seq++,
            id: row.Id,
            stamp: row.SystemModstamp,
            row,
            ...(qualified ? { qualified: qualified.has(row.Id) } : {}),
          });
        }
        const last = rows[rows.length - 1];
        if (!last || rows.length < PAGE_SIZE) break;
        mark = { time: last.SystemModstamp, lastId: last.Id };
      }
    } catch (thrown) {
      onError(object, toSyncError(thrown, `the changed Salesforce ${object} records`).message);
    }
  }
  return items;
}

export interface PolledResult {
  result: HandlerResult;
  writeBacks: WriteBack[];
}

/** map: one record through its handler. Write-backs are returned for the reduce stage to send. */
export function pollRecord(settings: Settings, item: PollItem, now: Date): PolledResult {
  const ctx = newContext(settings, now);
  if (item.object === 'Opportunity' && item.qualified !== undefined)
    ctx.soqlQualified = item.qualified ? new Set([item.id]) : new Set();
  const result = runRequest(ctx, { object: item.object, id: item.id, action: 'sync' }, item.row);
  return { result, writeBacks: ctx.writeBacks };
}

/** reduce: sends one group of write-backs; returns how many records Salesforce refused (they are logged). */
export function sendPolledWriteBacks(settings: Settings, items: WriteBack[], now: Date): number {
  const ctx = newContext(settings, now);
  return flushWriteBacks(ctx, items).length;
}

/** summarize: moves an object's watermark past the finished records (never backwards). */
export function moveWatermark(object: InboundObject, finished: Polled[]): Advance & { saved: boolean } {
  const stored = loadWatermark(object);
  const result = advance(stored.mark, finished);
  const moved = isAfter(result.mark, stored.mark);
  if (moved) saveWatermark(object, stored, result.mark);
  return { ...result, saved: moved };
}

/** The map/reduce key of a polled record: object, position, ID and timestamp (all a crash report needs). */
export function pollKey(item: Pick<PollItem, 'object' | 'seq' | 'id' | 'stamp'>): string {
  return `${item.object}|${String(item.seq).padStart(7, '0')}|${item.id}|${item.stamp}`;
}

export function parsePollKey(key: string): (Polled & { object: InboundObject }) | null {
  const [object, seq, id, stamp] = key.split('|');
  if (!object || !seq || !id || !stamp) return null;
  if (object !== 'Account' && object !== 'Contact' && object !== 'Opportunity') return null;
  return { object, seq: Number(seq), id, stamp };
}

/**
 * summarize: a record whose map invocation stopped without finishing (NetSuite ended it, or an error
 * escaped) goes to the Integration Log as retryable, so the retry queue takes it up and the watermark
 * may pass it.
 */
export function logStoppedRecord(
  settings: Settings,
  key: string,
  message: string,
  now: Date,
): (Polled & { object: InboundObject }) | null {
  const parsed = parsePollKey(key);
  if (!parsed) return null;
  const error = new SyncError({
    code: 'SFSYNC_POLL_STOPPED',
    message: `The poller stopped while syncing Salesforce ${parsed.object} ${parsed.id}: ${message}. The retry queue syncs it again.`,
    retryable: true,
    source: 'sfsync',
  });
  logFailure(
    logSubject({ object: parsed.object, id: parsed.id, action: 'sync' }, ''),
    error,
    settings.maxAttempts,
    now,
  );
  return parsed;
}
