/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import type { Polled } from '../core/inbound/watermark';
import type { InboundObject, WriteBack } from '../core/inbound/types';
import { loadSettings } from '../adapters/settings-store';
import {
  logStoppedRecord,
  moveWatermark,
  pollInput,
  pollKey,
  pollRecord,
  sendPolledWriteBacks,
  type PollItem,
} from '../flows/inbound-poll';

/** Records whose write-backs share one reduce (one collection call). */
const WRITE_BACK_GROUP = 200;
/** Units summarize keeps for the watermarks (a search and a save per object). */
const SUMMARIZE_RESERVE = 100;

/** Changed records of every object since its watermark, keyed object|position|ID|SystemModstamp. */
export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const { settings } = loadSettings();
  if (!settings.instanceUrl || !settings.clientId) {
    log.audit({ title: 'Poller idle', details: 'sfsync is not connected to Salesforce (sfsync Settings).' });
    return {};
  }
  const script = runtime.getCurrentScript();
  const items = pollInput(
    settings,
    new Date(),
    () => script.getRemainingUsage(),
    (object, message) => log.error({ title: `Reading changed ${object} records stopped`, details: message }),
  );
  const input: Record<string, PollItem> = {};
  for (const item of items) input[pollKey(item)] = item;
  return input;
};

/** One record through the same handler as the RESTlet; the write-backs go to reduce in groups of 200. */
export const map: EntryPoints.MapReduce.map = (context) => {
  const { settings } = loadSettings();
  const item = JSON.parse(context.value) as PollItem;
  const { result, writeBacks } = pollRecord(settings, item, new Date());
  for (const writeBack of writeBacks) {
    context.write({
      key: `wb|${item.object}|${Math.floor(item.seq / WRITE_BACK_GROUP)}`,
      value: JSON.stringify(writeBack),
    });
  }
  const done: Polled & { status: string } = {
    seq: item.seq,
    id: item.id,
    stamp: item.stamp,
    status: result.status,
  };
  context.write({ key: `done|${item.object}`, value: JSON.stringify(done) });
};

/** Write-backs: one collection call per group. Finished records: handed on to summarize. */
export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  if (context.key.startsWith('wb|')) {
    const { settings } = loadSettings();
    const refused = sendPolledWriteBacks(
      settings,
      context.values.map((v) => JSON.parse(v) as WriteBack),
      new Date(),
    );
    context.write({ key: 'refused', value: String(refused) });
    return;
  }
  context.write({
    key: context.key,
    value: JSON.stringify(context.values.map((v) => JSON.parse(v) as Polled)),
  });
};

/**
 * Moves each watermark past the longest run of finished records. A record whose map stopped is logged
 * first (the retry queue takes it up), so it counts as finished; one that could not be logged holds the
 * watermark back and is read again next run.
 */
export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const { settings } = loadSettings();
  const now = new Date();
  const finished = new Map<InboundObject, Polled[]>();
  const add = (object: InboundObject, polled: Polled): void => {
    const list = finished.get(object) ?? [];
    list.push(polled);
    finished.set(object, list);
  };
  const counts: Record<string, number> = {};
  let refused = 0;
  summary.output.iterator().each((key, value) => {
    if (key === 'refused') {
      refused += Number(value) || 0;
      return true;
    }
    const object = key.split('|')[1] as InboundObject;
    for (const polled of JSON.parse(value) as Array<Polled & { status?: string }>) {
      add(object, polled);
      if (polled.status) counts[polled.status] = (counts[polled.status] ?? 0) + 1;
    }
    return true;
  });
  summary.mapSummary.errors.iterator().each((key, error) => {
    let message = String(error);
    try {
      const parsed = JSON.parse(error) as { name?: string; message?: string };
      message = `${parsed.name ?? 'ERROR'}: ${parsed.message ?? ''}`;
    } catch {
      // keep the raw text
    }
    // Without units to log it, the record holds the watermark back and is read again next run.
    if (runtime.getCurrentScript().getRemainingUsage() < SUMMARIZE_RESERVE) return false;
    try {
      const stopped = logStoppedRecord(settings, key, message, now);
      if (stopped) {
        add(stopped.object, stopped);
        counts.stopped = (counts.stopped ?? 0) + 1;
      }
    } catch (e) {
      log.error({ title: `Record ${key} stopped and could not be logged`, details: e });
    }
    return true;
  });
  for (const [object, list] of finished) {
    const moved = moveWatermark(object, list);
    if (moved.blockedAt !== null)
      log.audit({
        title: `${object} watermark held`,
        details: `Record ${moved.blockedAt} of this run did not finish; it is read again next run.`,
      });
  }
  log.audit({ title: 'Poll run', details: JSON.stringify({ ...counts, writeBacksRefused: refused }) });
};
