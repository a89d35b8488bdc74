/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { logStoppedStages } from '../adapters/stage-errors';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { GOLIVE_PARAMS } from '../catalogue';
import {
  bulkInput,
  linkItems,
  logDeferred,
  readBulkOrder,
  syncCustomerBatch,
  syncOrderBatch,
  type BatchCounts,
  type BulkParams,
  type BulkWork,
  type OrderInput,
  type Unlogged,
} from '../flows/golive-bulk';

function params(): BulkParams {
  const script = runtime.getCurrentScript();
  const text = (name: string) => String(script.getParameter({ name }) ?? '').trim();
  const records = text(GOLIVE_PARAMS.bulkRecords).toLowerCase() || 'customers,orders';
  const date = (name: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text(name)) ? text(name) : '');
  const max = Number(text(GOLIVE_PARAMS.bulkMax) || 0);
  return {
    customers: records.includes('customer'),
    orders: records.includes('order'),
    from: date(GOLIVE_PARAMS.bulkFrom),
    to: date(GOLIVE_PARAMS.bulkTo),
    status: text(GOLIVE_PARAMS.bulkStatus).toLowerCase() === 'all' ? 'all' : 'open',
    subsidiary: text(GOLIVE_PARAMS.bulkSubsidiary),
    max: Number.isFinite(max) && max > 0 ? Math.floor(max) : 0,
  };
}

/** The items to link, the customer batches, and every order in scope with the batch it goes in. */
export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const chosen = params();
  const work = bulkInput(chosen);
  log.audit({
    title: 'sfsync bulk sync: started',
    details: `${JSON.stringify(chosen)}: ${work.filter((w) => w.kind === 'order').length} order(s), ${work
      .filter((w) => w.kind === 'customers')
      .reduce((n, w) => n + (w.kind === 'customers' ? w.ids.length : 0), 0)} customer(s) in scope.`,
  });
  return work;
};

/** Items are linked here (all before any order goes); orders are read; customer batches pass on. */
export const map: EntryPoints.MapReduce.map = (context) => {
  const work = JSON.parse(context.value) as BulkWork;
  if (work.kind === 'items') {
    const r = linkItems(work.items);
    if (r.errors.length > 0)
      log.error({ title: 'sfsync bulk sync: items not linked', details: r.errors.join('\n').slice(0, 3900) });
    context.write({ key: 'stats', value: JSON.stringify({ itemsLinked: r.linked, itemsFailed: r.failed }) });
  } else if (work.kind === 'customers') {
    context.write({ key: `customers:${work.batch}`, value: JSON.stringify(work.ids) });
  } else {
    const order = readBulkOrder(work.id);
    if (order) context.write({ key: `orders:${work.batch}`, value: JSON.stringify(order) });
    else context.write({ key: 'stats', value: JSON.stringify({ skipped: 1 }) });
  }
};

/** One batch of orders or customers: a few composite calls, then the write-back. */
export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  const now = new Date();
  let counts: BatchCounts | null = null;
  if (context.key.startsWith('orders:')) {
    counts = syncOrderBatch(
      context.values.map((v) => JSON.parse(v) as OrderInput),
      now,
    );
    context.write({
      key: 'stats',
      value: JSON.stringify({ ordersSynced: counts.synced, ordersFailed: counts.failed }),
    });
  } else if (context.key.startsWith('customers:')) {
    counts = syncCustomerBatch(
      context.values.flatMap((v) => JSON.parse(v) as string[]),
      now,
    );
    context.write({
      key: 'stats',
      value: JSON.stringify({
        customersSynced: counts.synced,
        customersFailed: counts.failed,
        customersUnchanged: counts.unchanged,
      }),
    });
  } else {
    for (const value of context.values) context.write({ key: 'stats', value });
  }
  for (const u of counts?.unlogged ?? []) context.write({ key: 'unlogged', value: JSON.stringify(u) });
};

/** Totals, governance per stage, failures that still need their log entry. */
export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const totals: Record<string, number> = {};
  const unlogged: Unlogged[] = [];
  summary.output.iterator().each((key, value) => {
    if (key === 'unlogged') unlogged.push(JSON.parse(value) as Unlogged);
    else
      for (const [k, n] of Object.entries(JSON.parse(value) as Record<string, number>))
        totals[k] = (totals[k] ?? 0) + n;
    return true;
  });
  const stopped = logStoppedStages(summary, 'sfsync bulk sync: a stage stopped');
  const logged = logDeferred(unlogged, new Date());
  log.audit({
    title: 'sfsync bulk sync: finished',
    details: JSON.stringify({
      ...totals,
      stagesStopped: stopped.length,
      failuresLoggedLate: logged,
      failuresNotLogged: unlogged.length - logged,
      units: {
        input: summary.inputSummary.usage,
        map: summary.mapSummary.usage,
        reduce: summary.reduceSummary.usage,
      },
      rerun:
        stopped.length > 0 || (totals.ordersFailed ?? 0) > 0 ? 'run it again to finish what is left' : '',
    }),
  });
};
