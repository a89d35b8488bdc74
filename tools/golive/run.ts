/**
 * Runs the go-live jobs on the local stand-ins and measures them: Salesforce API calls (counted by the
 * local org), records written, governance units per stage invocation (metered by the local runtime) and
 * wall time. Used by the go-live rehearsal (main.ts) and the benchmark (tools/bench/bulk.ts).
 */
import { BODY, GOLIVE_PARAMS, GOLIVE_SCRIPTS } from '../../bundle/catalogue';
import type { Stack } from '../demo/stack';
import type { ExecutionReport, MapReduceReport } from '../netsuite-local';

export interface StageUnits {
  invocations: number;
  /** The most units one invocation used, and its limit. */
  maxUnits: number;
  meanUnits: number;
  limit: number;
}

export interface JobRun {
  report: MapReduceReport;
  apiCalls: number;
  wallMs: number;
  /** Of the wall time, how long the local org took to answer (its own processing). */
  salesforceMs: number;
  governance: Record<'getInputData' | 'map' | 'reduce' | 'summarize', StageUnits>;
  stageErrors: number;
}

function units(list: Array<ExecutionReport | undefined>, limit: number): StageUnits {
  const used = list.filter((r): r is ExecutionReport => !!r).map((r) => r.unitsUsed);
  return {
    invocations: used.length,
    maxUnits: used.length ? Math.max(...used) : 0,
    meanUnits: used.length ? Math.round(used.reduce((a, b) => a + b, 0) / used.length) : 0,
    limit,
  };
}

/**
 * A call to the local org after a long synchronous run: the org may have closed the idle keep-alive
 * connection meanwhile, so a failed fetch is tried again on a new one.
 */
export async function settle<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

export async function runJob(
  stack: Stack,
  script: string,
  deploy: string,
  params: Record<string, unknown>,
): Promise<JobRun> {
  const before = (await settle(() => stack.sf.apiCalls())).total;
  const logged = (await settle(() => stack.sf.requestLog())).length;
  const started = Date.now();
  const report = stack.ns.runMapReduce(script, deploy, params);
  const wallMs = Date.now() - started;
  const apiCalls = (await settle(() => stack.sf.apiCalls())).total - before;
  const requests = (await settle(() => stack.sf.requestLog())).slice(logged);
  return {
    report,
    apiCalls,
    wallMs,
    salesforceMs: requests.reduce((sum, r) => sum + r.ms, 0),
    governance: {
      getInputData: units([report.stages.getInputData], 10000),
      map: units(report.stages.map, 1000),
      reduce: units(report.stages.reduce, 5000),
      summarize: units([report.stages.summarize], 10000),
    },
    stageErrors:
      report.mapErrors.length +
      report.reduceErrors.length +
      (report.inputError ? 1 : 0) +
      (report.summarizeError ? 1 : 0),
  };
}

/** Records of each object in the local org. */
export async function countSalesforce(stack: Stack): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const o of ['Account', 'Opportunity', 'OpportunityLineItem', 'Product2', 'PricebookEntry'])
    out[o] = (await settle(() => stack.sf.records(o))).length;
  return out;
}

export const linkRun = (stack: Stack, dryRun: boolean, records = 'customers') =>
  runJob(stack, GOLIVE_SCRIPTS.link.script, GOLIVE_SCRIPTS.link.deploy, {
    [GOLIVE_PARAMS.linkDryRun]: dryRun,
    [GOLIVE_PARAMS.linkRecords]: records,
  });

export const bulkRun = (
  stack: Stack,
  params: { status?: 'open' | 'all'; max?: number; records?: string } = {},
) =>
  runJob(stack, GOLIVE_SCRIPTS.bulk.script, GOLIVE_SCRIPTS.bulk.deploy, {
    [GOLIVE_PARAMS.bulkRecords]: params.records ?? 'orders',
    [GOLIVE_PARAMS.bulkStatus]: params.status ?? 'all',
    ...(params.max ? { [GOLIVE_PARAMS.bulkMax]: params.max } : {}),
  });

export const reconRun = (stack: Stack) =>
  runJob(stack, GOLIVE_SCRIPTS.recon.script, GOLIVE_SCRIPTS.recon.deployNow, {});

/** Orders of the list that have an Opportunity ID in NetSuite. */
export function syncedOrders(stack: Stack, orders: string[]): number {
  return orders.filter((id) => stack.ns.get('salesorder', id)?.fields[BODY.opportunityId]).length;
}

/** The details of the last log entry with this title (the jobs summarise themselves in the log). */
export function logDetails(stack: Stack, title: string | RegExp): string {
  const entry = [...stack.ns.logs]
    .reverse()
    .find((l) => (typeof title === 'string' ? l.title === title : title.test(l.title)));
  return entry?.details ?? '';
}
