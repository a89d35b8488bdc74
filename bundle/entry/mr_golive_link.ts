/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { logStoppedStages } from '../adapters/stage-errors';
import * as runtime from 'N/runtime';
import { GOLIVE_PARAMS } from '../catalogue';
import type { LinkKind } from '../core/golive-match';
import { SUITESCRIPTS_FOLDER } from '../adapters/report-files';
import {
  finishLinking,
  linkInput,
  NETSUITE_WRITES_PER_REDUCE,
  parseKinds,
  writeNetSuiteLinks,
  writeSalesforceLinks,
  type LinkItem,
  type LinkResult,
} from '../flows/golive-link';

function params() {
  const script = runtime.getCurrentScript();
  const get = (name: string) => script.getParameter({ name });
  const folder = Number(get(GOLIVE_PARAMS.linkFolder) || 0);
  return {
    dryRun: get(GOLIVE_PARAMS.linkDryRun) !== false && get(GOLIVE_PARAMS.linkDryRun) !== 'F',
    kinds: parseKinds(String(get(GOLIVE_PARAMS.linkRecords) ?? '')),
    subsidiary: String(get(GOLIVE_PARAMS.linkSubsidiary) ?? ''),
    folder: Number.isFinite(folder) && folder !== 0 ? folder : SUITESCRIPTS_FOLDER,
  };
}

/** Matches both sides and saves the match report; a real run hands the links to write to map. */
export const getInputData: EntryPoints.MapReduce.getInputData = () => linkInput(params(), new Date());

/** One batch: NetSuite_Id__c on up to 1,000 Salesforce records in one call. */
export const map: EntryPoints.MapReduce.map = (context) => {
  const batch = JSON.parse(context.value) as { kind: LinkKind; links: LinkItem[] };
  const { pending, done } = writeSalesforceLinks(batch.kind, batch.links);
  for (const r of done) context.write({ key: 'done', value: JSON.stringify(r) });
  for (let i = 0; i < pending.length; i += NETSUITE_WRITES_PER_REDUCE)
    context.write({
      key: `netsuite:${context.key}:${i}`,
      value: JSON.stringify(pending.slice(i, i + NETSUITE_WRITES_PER_REDUCE)),
    });
};

/** The NetSuite side of the links (5 units each); finished results pass through. */
export const reduce: EntryPoints.MapReduce.reduce = (context) => {
  if (context.key === 'done') {
    for (const value of context.values) context.write({ key: 'result', value });
    return;
  }
  const links = context.values.flatMap((v) => JSON.parse(v) as LinkItem[]);
  for (const r of writeNetSuiteLinks(links, new Date()))
    context.write({ key: 'result', value: JSON.stringify(r) });
};

export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const results: LinkResult[] = [];
  summary.output.iterator().each((_key, value) => {
    results.push(JSON.parse(value) as LinkResult);
    return true;
  });
  logStoppedStages(summary, 'sfsync link run: a stage stopped');
  if (results.length > 0 || !params().dryRun) finishLinking(results, params().folder, new Date());
};
