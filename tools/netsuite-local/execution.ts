// One script execution: who runs, under which limit, what it has used. Every N/* call is charged here
// (units from the governance table); past the limit the execution is exhausted for good.
import { nsError, USAGE_LIMIT } from './errors';
import type { DeploymentDef, ScriptDef } from './project';

export interface ExecutionReport {
  scriptId: string;
  deploymentId: string;
  scriptType: string;
  entryPoint: string;
  recordType?: string;
  eventType?: string;
  executionContext: string;
  unitsUsed: number;
  limit: number;
  /** Calls per API name, e.g. {"record.load": 3, "Record.save": 1}. */
  calls: Record<string, number>;
  wallMs: number;
  error?: { name: string; message: string };
}

/** Usage limits per script type [facts 2.3]; map/reduce per stage invocation. */
export const LIMITS: Record<string, number> = {
  usereventscript: 1000,
  suitelet: 1000,
  restlet: 5000,
  scheduledscript: 10000,
  getInputData: 10000,
  map: 1000,
  reduce: 5000,
  summarize: 10000,
};

export interface ExecutionInit {
  script?: ScriptDef;
  deployment?: DeploymentDef;
  scriptType: string;
  entryPoint: string;
  executionContext: string;
  limit: number;
  recordType?: string;
  eventType?: string;
  params?: Record<string, unknown>;
}

export class Execution {
  readonly report: ExecutionReport;
  readonly script?: ScriptDef;
  readonly deployment?: DeploymentDef;
  readonly params: Record<string, unknown>;
  exhausted = false;
  private readonly started = Date.now();

  constructor(init: ExecutionInit) {
    this.script = init.script;
    this.deployment = init.deployment;
    this.params = init.params ?? {};
    this.report = {
      scriptId: init.script?.id ?? '',
      deploymentId: init.deployment?.id ?? '',
      scriptType: init.scriptType,
      entryPoint: init.entryPoint,
      executionContext: init.executionContext,
      unitsUsed: 0,
      limit: init.limit,
      calls: {},
      wallMs: 0,
    };
    if (init.recordType) this.report.recordType = init.recordType;
    if (init.eventType) this.report.eventType = init.eventType;
  }

  get context(): string {
    return this.report.executionContext;
  }

  get scriptType(): string {
    return this.report.scriptType;
  }

  remaining(): number {
    return Math.max(0, this.report.limit - this.report.unitsUsed);
  }

  /**
   * Charges one API call. At the limit the script stops with SSS_USAGE_LIMIT_EXCEEDED; NetSuite does
   * not let a script catch that, so once exhausted every further call throws again and the runtime
   * fails the execution even if the script swallowed the error.
   */
  charge(api: string, units: number): void {
    if (this.exhausted) throw usageError();
    if (this.report.unitsUsed + units > this.report.limit) {
      this.exhausted = true;
      throw usageError();
    }
    this.report.unitsUsed += units;
    this.report.calls[api] = (this.report.calls[api] ?? 0) + 1;
  }

  finish(error?: unknown): void {
    this.report.wallMs = Date.now() - this.started;
    if (this.exhausted) {
      this.report.error = { name: USAGE_LIMIT, message: usageError().message };
    } else if (error !== undefined) {
      const e = error as { name?: unknown; message?: unknown };
      this.report.error = { name: String(e?.name ?? 'Error'), message: String(e?.message ?? error) };
    }
  }
}

export function usageError() {
  return nsError(USAGE_LIMIT, 'Script Execution Usage Limit Exceeded');
}
