/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { logStoppedStages } from '../adapters/stage-errors';
import * as runtime from 'N/runtime';
import { GOLIVE_PARAMS } from '../catalogue';
import { parseResyncList, type ExpectedOrder, type Finding } from '../core/golive-recon';
import { SUITESCRIPTS_FOLDER } from '../adapters/report-files';
import {
  checkCustomers,
  checkOrders,
  expectedOrder,
  noteResyncs,
  reconInput,
  resyncRecord,
  saveRecon,
  type ReconParams,
  type ReconWork,
} from '../flows/golive-recon';

function params(): ReconParams & { resync: string } {
  const script = runtime.getCurrentScript();
  const text = (name: string) => String(script.getParameter({ name }) ?? '').trim();
  const records = text(GOLIVE_PARAMS.reconRecords).toLowerCase() || 'customers,orders';
  const folder = Number(text(GOLIVE_PARAMS.reconFolder) || 0);
  return {
    orders: records.includes('order'),
    customers: records.includes('customer'),
    from: /^\d{4}-\d{2}-\d{2}$/.test(text(GOLIVE_PARAMS.reconFrom)) ? text(GOLIVE_PARAMS.reconFrom) : '',
    folder: Number.isFinite(folder) && folder !== 0 ? folder : SUITESCRIPTS_FOLDER,
    resync: text(GOLIVE_PARAMS.reconResync),
  };
}

/** The records chosen for re-sync, or everything linked (and the Salesforce records whose NetSuite side is gone). */
export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const p = params();
  if (p.resync) return parseResyncList(p.resync).map((r): ReconWork => ({ kind: 'resync', ...r }));
  return reconInput(p);
};

export const map: EntryPoints.MapReduce.map = (context) => {
  const work = JSON.parse(context.value) as ReconWork;
  if (work.kind === 'order') {
    const expected = expectedOrder(work.id, work.opportunityId);
    context.write({ key: `orders:${work.batch}`, value: JSON.stringify(expected) });
    context.write({ key: 'checked', value: 'order' });
  } else if (work.kind === 'customers') {
    for (const finding of checkCustomers(work.customers))
      context.write({ key: 'finding', value: JSON.stringify(finding) });
    for (let i = 0; i < work.customers.length; i++) context.write({ key: 'checked', value: 'customer' });
  } else if (work.kind === 'finding') {
    context.write({ key: 'finding', value: JSON.stringify(work.finding) });
  } else {
    context.write({
      key: 'resynced',
      value: JSON.stringify({
        record: `${work.type}:${work.id}`,
        result: resyncRecord(work.type, work.id, new Date()),
      }),
    });
  }
};

/** A batch of orders against Salesforce (two queries); findings and counts pass through. */
export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  if (context.key.startsWith('orders:')) {
    const expected = context.values.map((v) => JSON.parse(v) as ExpectedOrder);
    for (const finding of checkOrders(expected))
      context.write({ key: 'finding', value: JSON.stringify(finding) });
    return;
  }
  for (const value of context.values) context.write({ key: context.key, value });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const p = params();
  const findings: Finding[] = [];
  const checked = { orders: 0, customers: 0 };
  const resynced: Record<string, string> = {};
  summary.output.iterator().each((key, value) => {
    if (key === 'finding') findings.push(JSON.parse(value) as Finding);
    else if (key === 'checked') checked[value === 'order' ? 'orders' : 'customers'] += 1;
    else if (key === 'resynced') {
      const r = JSON.parse(value) as { record: string; result: string };
      resynced[r.record] = r.result;
    }
    return true;
  });
  logStoppedStages(summary, 'sfsync reconciliation: a stage stopped');
  if (p.resync) noteResyncs(resynced);
  else saveRecon(findings, checked, p.folder, new Date());
};
