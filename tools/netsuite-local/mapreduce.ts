// Map/reduce: getInputData -> map -> shuffle -> reduce -> summarize, each function invocation a separate
// execution with its own usage limit (10,000 / 1,000 / 5,000 / 10,000). A failing map or reduce
// invocation is recorded against its key and the run goes on, as NetSuite does.
import { SuiteScriptError, errorSummary, nsError } from './errors';
import { Execution, LIMITS, type ExecutionReport } from './execution';
import type { Host } from './host';
import { createSearchModule } from './modules/search';
import { findDeployment, loadExports, runEntryPoint } from './scripts';
import type { DeploymentDef, ScriptDef } from './project';

export interface MapReduceReport {
  scriptId: string;
  deploymentId: string;
  status: 'COMPLETE' | 'FAILED';
  unitsUsed: number;
  stages: {
    getInputData?: ExecutionReport;
    map: ExecutionReport[];
    reduce: ExecutionReport[];
    summarize?: ExecutionReport;
  };
  inputCount: number;
  inputError?: { name: string; message: string };
  mapErrors: Array<{ key: string; name: string; message: string }>;
  reduceErrors: Array<{ key: string; name: string; message: string }>;
  summarizeError?: { name: string; message: string };
  output: Array<{ key: string; value: string }>;
}

type Pair = { key: string; value: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function errorJson(e: unknown): string {
  if (e instanceof SuiteScriptError) return JSON.stringify(e);
  const { name, message } = errorSummary(e);
  return JSON.stringify({
    type: 'error.SuiteScriptError',
    name,
    message,
    stack: [],
    cause: null,
    id: '',
    notifyOff: false,
  });
}

function iterator<T extends unknown[]>(items: T[]) {
  return {
    iterator: () => ({
      each: (callback: (...args: T) => boolean) => {
        for (const item of items) if (callback(...item) !== true) return;
      },
    }),
  };
}

export function runMapReduce(
  host: Host,
  scriptId: string,
  deploymentId: string,
  params: Record<string, unknown> = {},
): MapReduceReport {
  const found = findDeployment(host, 'mapreducescript', scriptId, deploymentId);
  if (!found) throw new Error(`No map/reduce deployment ${scriptId}/${deploymentId} in the project.`);
  if (!found.deployment.isDeployed)
    throw nsError('SSS_INVALID_DEPLOYMENT', `Deployment ${deploymentId} is not deployed.`);
  const { script, deployment } = found;
  const report: MapReduceReport = {
    scriptId: script.id,
    deploymentId: deployment.id,
    status: 'COMPLETE',
    unitsUsed: 0,
    stages: { map: [], reduce: [] },
    inputCount: 0,
    mapErrors: [],
    reduceErrors: [],
    output: [],
  };
  const stage = (entryPoint: string, args: unknown[], optional = true) => {
    const before = host.executions.length;
    let error: unknown;
    let outcome: ReturnType<typeof runEntryPoint> = { ran: false };
    try {
      outcome = runEntryPoint(host, {
        script,
        deployment,
        entryPoint,
        scriptType: 'mapreducescript',
        executionContext: 'MAPREDUCE',
        limit: LIMITS[entryPoint] as number,
        params,
        optional,
        args,
      });
    } catch (e) {
      error = e;
    }
    const own = host.executions
      .slice(before)
      .find((r) => r.scriptId === script.id && r.entryPoint === entryPoint);
    if (own) report.unitsUsed += own.unitsUsed;
    return { ran: outcome.ran || own !== undefined, result: outcome.result, error, report: own };
  };
  const config = readConfig(host, script, deployment);

  // getInputData
  const input = stage('getInputData', [{ isRestarted: false, ObjectRef: undefined }], false);
  report.stages.getInputData = input.report;
  let pairs: Pair[] = [];
  if (input.error !== undefined) {
    report.inputError = errorSummary(input.error);
  } else {
    try {
      pairs = inputPairs(host, input.result);
    } catch (e) {
      report.inputError = errorSummary(e);
    }
  }
  report.inputCount = pairs.length;

  // map
  const mapKeys: Array<[string, number, string]> = [];
  const mapErrors: Array<[string, string, number]> = [];
  let mapped: Pair[] = pairs;
  let stop = false;
  if (!report.inputError && pairs.length > 0) {
    const out: Pair[] = [];
    let hasMap = true;
    for (const pair of pairs) {
      if (stop) break;
      const r = invoke(
        'map',
        pair.key,
        (write) => ({ key: pair.key, value: pair.value, write }),
        mapErrors,
        mapKeys,
      );
      if (r === 'absent') {
        hasMap = false;
        break;
      }
      if (r === 'failed' && config.exitOnError) stop = true;
      if (Array.isArray(r)) out.push(...r);
    }
    if (hasMap) mapped = out;
  }

  // shuffle + reduce
  const reduceKeys: Array<[string, number, string]> = [];
  const reduceErrors: Array<[string, string, number]> = [];
  let output: Pair[] = mapped;
  if (!report.inputError && !stop && mapped.length > 0) {
    const groups = new Map<string, string[]>();
    for (const p of mapped) {
      if (!groups.has(p.key)) groups.set(p.key, []);
      groups.get(p.key)?.push(p.value);
    }
    const out: Pair[] = [];
    let hasReduce = true;
    for (const [key, values] of groups) {
      if (stop) break;
      const r = invoke(
        'reduce',
        key,
        (write) => ({ key, values: [...values], write }),
        reduceErrors,
        reduceKeys,
      );
      if (r === 'absent') {
        hasReduce = false;
        break;
      }
      if (r === 'failed' && config.exitOnError) stop = true;
      if (Array.isArray(r)) out.push(...r);
    }
    if (hasReduce) output = out;
  }
  report.output = report.inputError ? [] : output;

  // summarize
  const usage = (list: ExecutionReport[]) => list.reduce((n, r) => n + r.unitsUsed, 0);
  const now = new Date();
  const summary = {
    isRestarted: false,
    dateCreated: now,
    seconds: 0,
    usage: report.unitsUsed,
    concurrency: 1,
    yields: 0,
    inputSummary: {
      dateCreated: now,
      error: report.inputError ? errorJson(input.error) : undefined,
      seconds: 0,
      usage: input.report?.unitsUsed ?? 0,
    },
    mapSummary: {
      dateCreated: now,
      seconds: 0,
      usage: usage(report.stages.map),
      concurrency: 1,
      yields: 0,
      keys: iterator(mapKeys),
      errors: iterator(mapErrors),
    },
    reduceSummary: {
      dateCreated: now,
      seconds: 0,
      usage: usage(report.stages.reduce),
      concurrency: 1,
      yields: 0,
      keys: iterator(reduceKeys),
      errors: iterator(reduceErrors),
    },
    output: iterator(report.output.map((p) => [p.key, p.value] as [string, string])),
  };
  const sum = stage('summarize', [summary]);
  report.stages.summarize = sum.report;
  if (sum.error !== undefined) report.summarizeError = errorSummary(sum.error);
  if (report.inputError || report.summarizeError) report.status = 'FAILED';
  return report;

  /** One map or reduce invocation per key, retried up to config.retryCount times. */
  function invoke(
    entryPoint: 'map' | 'reduce',
    key: string,
    context: (write: (k: unknown, v?: unknown) => void) => Record<string, unknown>,
    errors: Array<[string, string, number]>,
    keys: Array<[string, number, string]>,
  ): Pair[] | 'absent' | 'failed' {
    const list = entryPoint === 'map' ? report.mapErrors : report.reduceErrors;
    for (let executionNo = 1; executionNo <= 1 + config.retryCount; executionNo++) {
      const written: Pair[] = [];
      const write = (k: unknown, v?: unknown) => {
        if (k && typeof k === 'object' && 'key' in k && v === undefined) {
          const o = k as { key: unknown; value: unknown };
          written.push({ key: str(o.key), value: str(o.value) });
        } else {
          written.push({ key: str(k), value: str(v) });
        }
      };
      const ctx = {
        ...context(write),
        isRestarted: executionNo > 1,
        executionNo,
        errors: iterator(errors.filter((e) => e[0] === key)),
      };
      const r = stage(entryPoint, [ctx]);
      if (!r.ran) return 'absent';
      if (r.report) report.stages[entryPoint].push(r.report);
      if (r.error === undefined) {
        keys.push([key, executionNo, 'COMPLETE']);
        return written;
      }
      errors.push([key, errorJson(r.error), executionNo]);
      list.push({ key, ...errorSummary(r.error) });
    }
    keys.push([key, 1 + config.retryCount, 'FAILED']);
    return 'failed';
  }
}

function readConfig(host: Host, script: ScriptDef, deployment: DeploymentDef) {
  // The optional `config` export: {retryCount 0-3, exitOnError}.
  let config: { retryCount?: number; exitOnError?: boolean } = {};
  try {
    config = (loadExports(host, script, deployment).config as typeof config) ?? {};
  } catch {
    // a script that does not load fails in getInputData, where the error is reported
  }
  return {
    retryCount: Math.min(3, Math.max(0, Number(config.retryCount ?? 0))),
    exitOnError: Boolean(config.exitOnError),
  };
}

function inputPairs(host: Host, result: unknown): Pair[] {
  if (result === undefined || result === null) return [];
  if (Array.isArray(result)) return result.map((v, i) => ({ key: String(i), value: str(v) }));
  if (typeof result === 'object') {
    const r = result as Record<string, unknown>;
    if (typeof r.allResults === 'function')
      return searchPairs(r.allResults as () => Array<{ id: string; toJSON(): unknown }>);
    if (r.type === 'search' && r.id !== undefined) {
      const exec = new Execution({
        scriptType: 'framework',
        entryPoint: 'getInputData',
        executionContext: 'MAPREDUCE',
        limit: Infinity,
      });
      const search = createSearchModule(host, exec).load({ id: r.id as string }) as unknown as {
        allResults: () => Array<{ id: string; toJSON(): unknown }>;
      };
      return searchPairs(search.allResults);
    }
    return Object.entries(r).map(([key, v]) => ({ key, value: str(v) }));
  }
  throw nsError(
    'INVALID_INPUT_DATA',
    'getInputData must return an array, an object, a search.Search or a search reference.',
  );
}

function searchPairs(all: () => Array<{ id: string; toJSON(): unknown }>): Pair[] {
  return all().map((r) => ({ key: r.id, value: JSON.stringify(r.toJSON()) }));
}
