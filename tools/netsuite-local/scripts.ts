// Running script entry points: one Execution (with its own usage limit) per invocation, the module
// loaded from the build output through the AMD loader. User event dispatch, RESTlets, Suitelets and
// scheduled scripts live here; map/reduce in mapreduce.ts.
import * as path from 'node:path';
import { AmdLoader } from './amd';
import { errorSummary, notModeled, nsError } from './errors';
import { Execution, LIMITS, usageError, type ExecutionReport } from './execution';
import type { Host } from './host';
import { moduleResolver } from './modules';
import { requireOptions } from './modules/common';
import { REDIRECT_TYPE } from './modules/http';
import type { DeploymentDef, ScriptDef } from './project';
import type { LocalRecord } from './record';

export interface EntrySpec {
  script: ScriptDef;
  deployment: DeploymentDef;
  entryPoint: string;
  scriptType: string;
  executionContext: string;
  limit: number;
  recordType?: string;
  eventType?: string;
  params?: Record<string, unknown>;
  /** Skip quietly when the script does not export the entry point (user events). */
  optional?: boolean;
  args: unknown[];
}

export interface EntryOutcome {
  ran: boolean;
  result?: unknown;
  report?: ExecutionReport;
}

/** The script's exports, loaded outside any recorded execution (e.g. to read a map/reduce `config`). */
export function loadExports(
  host: Host,
  script: ScriptDef,
  deployment: DeploymentDef,
): Record<string, unknown> {
  const exec = new Execution({
    script,
    deployment,
    scriptType: script.type,
    entryPoint: '',
    executionContext: 'NONE',
    limit: 0,
  });
  return new AmdLoader(path.join(host.project.dir, 'src', 'FileCabinet'), moduleResolver(host, exec)).load(
    script.file,
  );
}

/** Loads the script afresh and calls one entry point. Rethrows the script's error (or the usage error). */
export function runEntryPoint(host: Host, spec: EntrySpec): EntryOutcome {
  const exec = new Execution(spec);
  const fileCabinet = path.join(host.project.dir, 'src', 'FileCabinet');
  let fn: unknown;
  try {
    const exports = new AmdLoader(fileCabinet, moduleResolver(host, exec)).load(spec.script.file);
    fn = exports[spec.entryPoint];
  } catch (e) {
    exec.finish(e);
    host.executions.push(exec.report);
    throw e;
  }
  if (typeof fn !== 'function') {
    if (spec.optional) return { ran: false };
    const error = nsError(
      'SSS_INVALID_SCRIPT',
      `${spec.script.id} does not export an entry point named ${spec.entryPoint}.`,
    );
    exec.finish(error);
    host.executions.push(exec.report);
    throw error;
  }
  host.executions.push(exec.report);
  let result: unknown;
  let error: unknown;
  try {
    result = (fn as (...a: unknown[]) => unknown)(...spec.args);
    if (result && typeof (result as { then?: unknown }).then === 'function') {
      throw notModeled('An entry point returning a promise (asynchronous entry points)');
    }
  } catch (e) {
    error = e;
  }
  exec.finish(error);
  if (exec.exhausted) throw usageError();
  if (error !== undefined) throw error;
  return { ran: true, result, report: exec.report };
}

export const USER_EVENT_TYPE = {
  APPROVE: 'approve',
  CANCEL: 'cancel',
  CHANGEPASSWORD: 'changepassword',
  COPY: 'copy',
  CREATE: 'create',
  DELETE: 'delete',
  DROPSHIP: 'dropship',
  EDIT: 'edit',
  EDITFORECAST: 'editforecast',
  EMAIL: 'email',
  MARKCOMPLETE: 'markcomplete',
  ORDERITEMS: 'orderitems',
  PACK: 'pack',
  PAYBILLS: 'paybills',
  PRINT: 'print',
  QUICKVIEW: 'quickview',
  REASSIGN: 'reassign',
  REJECT: 'reject',
  SHIP: 'ship',
  SPECIALORDER: 'specialorder',
  TRANSFORM: 'transform',
  VIEW: 'view',
  XEDIT: 'xedit',
} as const;

const RUNNING_STATUSES = ['RELEASED', 'TESTING']; // assumption: TESTING runs as if for the script owner

/** Deployed user event deployments for a record type, event and triggering context, in script id order. */
export function userEventDeployments(host: Host, recordType: string, eventType: string, context: string) {
  const out: Array<{ script: ScriptDef; deployment: DeploymentDef }> = [];
  for (const script of [...host.project.scripts.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (script.type !== 'usereventscript' || script.inactive) continue;
    for (const deployment of script.deployments) {
      if (!deployment.isDeployed || !RUNNING_STATUSES.includes(deployment.status)) continue;
      if (deployment.recordType !== recordType) continue;
      if (deployment.eventType && deployment.eventType !== eventType.toUpperCase()) continue;
      if (deployment.executionContexts && !deployment.executionContexts.includes(context)) continue;
      out.push({ script, deployment });
    }
  }
  return out;
}

export function fireUserEvents(
  host: Host,
  entryPoint: 'beforeLoad' | 'beforeSubmit' | 'afterSubmit',
  recordType: string,
  eventType: string,
  triggerContext: string,
  newRecord: LocalRecord,
  oldRecord: LocalRecord | null,
): void {
  for (const { script, deployment } of userEventDeployments(host, recordType, eventType, triggerContext)) {
    const context: Record<string, unknown> = { type: eventType, newRecord, UserEventType: USER_EVENT_TYPE };
    if (entryPoint === 'beforeLoad') {
      context.form = undefined;
      context.request = undefined;
    } else {
      context.oldRecord = oldRecord;
    }
    runEntryPoint(host, {
      script,
      deployment,
      entryPoint,
      scriptType: 'usereventscript',
      // runtime.executionContext inside a user event is the context that triggered it.
      executionContext: triggerContext,
      limit: LIMITS.usereventscript as number,
      recordType,
      eventType,
      optional: true,
      args: [context],
    });
  }
}

export function findDeployment(host: Host, type: ScriptDef['type'], scriptRef: string, deployRef: string) {
  const script = [...host.project.scripts.values()].find(
    (s) => s.type === type && (s.id === scriptRef || String(s.internalId) === scriptRef),
  );
  const deployment = script?.deployments.find(
    (d) => d.id === deployRef || String(d.internalId) === deployRef,
  );
  return script && deployment ? { script, deployment } : undefined;
}

export interface WireResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json';

/**
 * A RESTlet call. Assumptions: the response of a thrown error is HTTP 400 with
 * {"error":{"code": name, "message": message}} (a plain Error gives code JS_EXCEPTION); an unknown or
 * undeployed script/deployment is 400 SSS_INVALID_SCRIPTLET_ID; a method the script does not export is 405.
 */
export function handleRestlet(
  host: Host,
  scriptRef: string,
  deployRef: string,
  method: string,
  request: { params: Record<string, string>; body?: string; contentType?: string },
): WireResponse {
  const isJson = (request.contentType ?? '').toLowerCase().includes(JSON_TYPE);
  const contentType = isJson ? JSON_TYPE : 'text/plain';
  const errorResponse = (status: number, code: string, message: string): WireResponse => ({
    status,
    contentType: JSON_TYPE,
    body: JSON.stringify({ error: { code, message } }),
  });
  const found = findDeployment(host, 'restlet', scriptRef, deployRef);
  if (
    !found ||
    !found.deployment.isDeployed ||
    !RUNNING_STATUSES.includes(found.deployment.status) ||
    found.script.inactive
  ) {
    return errorResponse(
      400,
      'SSS_INVALID_SCRIPTLET_ID',
      'That Suitelet is invalid, disabled, or no longer exists.',
    );
  }
  const entryPoint = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' }[method.toUpperCase()];
  if (!entryPoint)
    return errorResponse(405, 'METHOD_NOT_ALLOWED', `HTTP method ${method} is not supported by RESTlets.`);
  let arg: unknown = request.params;
  if (entryPoint === 'post' || entryPoint === 'put') {
    arg = request.body ?? '';
    if (isJson) {
      try {
        arg = request.body ? JSON.parse(request.body) : {};
      } catch (e) {
        return errorResponse(
          400,
          'SYNTAX_ERROR',
          `Invalid JSON in the request body: ${(e as Error).message}`,
        );
      }
    }
  }
  try {
    const outcome = runEntryPoint(host, {
      ...found,
      entryPoint,
      scriptType: 'restlet',
      executionContext: 'RESTLET',
      limit: LIMITS.restlet as number,
      optional: true,
      args: [arg],
    });
    if (!outcome.ran) {
      return errorResponse(405, 'METHOD_NOT_ALLOWED', `${found.script.id} has no ${entryPoint} entry point.`);
    }
    const result = outcome.result;
    const body = typeof result === 'string' ? result : result === undefined ? '' : JSON.stringify(result);
    return { status: 200, contentType, body };
  } catch (e) {
    const { name, message } = errorSummary(e);
    const isScriptError = Boolean(e && typeof e === 'object' && 'type' in e);
    return errorResponse(
      400,
      isScriptError ? name : 'JS_EXCEPTION',
      isScriptError ? message : `${name} ${message}`,
    );
  }
}

export interface SuiteletRequest {
  method?: string;
  parameters?: Record<string, string>;
  body?: string;
  headers?: Record<string, string>;
}

/**
 * The fields of a posted HTML form, which NetSuite adds to request.parameters. Assumption: a name sent
 * several times (ticked checkboxes) gives its values joined by \u0005, as NetSuite does for multi-selects.
 */
function formFields(method: string, req: SuiteletRequest): Record<string, string> {
  const type = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (method !== 'POST' || !/application\/x-www-form-urlencoded/i.test(type) || !req.body) return {};
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(req.body)) {
    const before = fields.get(name);
    fields.set(name, before === undefined ? value : `${before}\u0005${value}`);
  }
  return Object.fromEntries(fields);
}

/** A Suitelet call: context.request / context.response. Assumption: an uncaught error answers HTTP 500. */
export function handleSuitelet(
  host: Host,
  scriptRef: string,
  deployRef: string,
  req: SuiteletRequest,
): WireResponse {
  const found = findDeployment(host, 'suitelet', scriptRef, deployRef);
  if (
    !found ||
    !found.deployment.isDeployed ||
    !RUNNING_STATUSES.includes(found.deployment.status) ||
    found.script.inactive
  ) {
    return {
      status: 400,
      contentType: 'text/plain',
      body: 'SSS_INVALID_SCRIPTLET_ID: That Suitelet is invalid, disabled, or no longer exists.',
    };
  }
  const out: string[] = [];
  const headers: Record<string, string> = {};
  let status = 200;
  const method = (req.method ?? 'GET').toUpperCase();
  const parameters = {
    ...(req.parameters ?? {}),
    ...formFields(method, req),
    script: String(found.script.internalId),
    deploy: String(found.deployment.internalId),
  };
  const request = {
    method,
    parameters,
    body: req.body ?? '',
    headers: { ...(req.headers ?? {}) },
    url: `${host.baseUrl()}/app/site/hosting/scriptlet.nl`,
    clientIpAddress: '127.0.0.1',
    files: {},
    getLineCount: () => -1,
    getSublistValue: () => null,
  };
  const text = (o: unknown) =>
    o && typeof o === 'object' && 'output' in o ? String((o as { output: unknown }).output) : String(o);
  const response = {
    headers,
    write: (o: unknown) => void out.push(text(o)),
    writeLine: (o: unknown) => void out.push(`${text(o)}\n`),
    setHeader: (o: { name: string; value: string }) => void (headers[o.name] = String(o.value)),
    addHeader: (o: { name: string; value: string }) =>
      void (headers[o.name] = headers[o.name] ? `${headers[o.name]}, ${o.value}` : String(o.value)),
    getHeader: (o: { name: string }) => headers[o.name] ?? null,
    sendRedirect: (o: RedirectOptions) => {
      headers.Location = redirectTarget(o);
      status = 302;
    },
    writePage: () => {
      throw notModeled('ServerResponse.writePage (N/ui/serverWidget)');
    },
    writeFile: () => {
      throw notModeled('ServerResponse.writeFile');
    },
    renderPdf: () => {
      throw notModeled('ServerResponse.renderPdf');
    },
    setCdnCacheable: () => undefined,
  };
  try {
    runEntryPoint(host, {
      ...found,
      entryPoint: 'onRequest',
      scriptType: 'suitelet',
      executionContext: 'SUITELET',
      limit: LIMITS.suitelet as number,
      args: [{ request, response }],
    });
  } catch (e) {
    const { name, message } = errorSummary(e);
    return { status: 500, contentType: 'text/plain', body: `${name}: ${message}` };
  }
  const contentType = headers['Content-Type'] ?? headers['content-type'] ?? 'text/html; charset=utf-8';
  return { status, contentType, body: out.join(''), headers };
}

interface RedirectOptions {
  type: string;
  identifier: string | number;
  id?: string | number;
  editMode?: boolean;
  parameters?: Record<string, unknown>;
}

/**
 * ServerResponse.sendRedirect's Location. `type` must be an http.RedirectType (or https.RedirectType) value;
 * anything else is refused. Assumption: NetSuite's error name for a wrong type is not documented;
 * SSS_INVALID_TYPE_ARG is used. TASK_LINK needs NetSuite's task ID table, which the runtime does not have.
 */
function redirectTarget(o: RedirectOptions): string {
  requireOptions('ServerResponse.sendRedirect', o, 'type', 'identifier');
  const params = Object.entries(o.parameters ?? {})
    .map(([k, v]) => `&${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('');
  const identifier = encodeURIComponent(String(o.identifier));
  const id = o.id === undefined || o.id === null ? '' : encodeURIComponent(String(o.id));
  switch (o.type) {
    case REDIRECT_TYPE.RECORD:
      return `/app/common/record.nl?type=${identifier}${id ? `&id=${id}` : ''}${o.editMode ? '&e=T' : ''}${params}`;
    case REDIRECT_TYPE.SUITELET:
      return `/app/site/hosting/scriptlet.nl?script=${identifier}&deploy=${id}${params}`;
    case REDIRECT_TYPE.RESTLET:
      return `/app/site/hosting/restlet.nl?script=${identifier}&deploy=${id}${params}`;
    case REDIRECT_TYPE.MEDIA_ITEM:
      return `/core/media/media.nl?id=${identifier}${params}`;
    case REDIRECT_TYPE.TASK_LINK:
      throw notModeled('ServerResponse.sendRedirect to a TASK_LINK');
    default:
      throw nsError(
        'SSS_INVALID_TYPE_ARG',
        `ServerResponse.sendRedirect: options.type must be an http.RedirectType value (${Object.keys(REDIRECT_TYPE).join(', ')}), not ${JSON.stringify(o.type)}.`,
      );
  }
}

/** Runs a scheduled script's execute(); the error (if any) is in the returned report, not thrown. */
export function runScheduledScript(
  host: Host,
  scriptId: string,
  deploymentId: string,
  params: Record<string, unknown>,
  invocationType: string,
): ExecutionReport {
  const found = findDeployment(host, 'scheduledscript', scriptId, deploymentId);
  if (!found) throw new Error(`No scheduled script deployment ${scriptId}/${deploymentId} in the project.`);
  if (!found.deployment.isDeployed)
    throw nsError('SSS_INVALID_DEPLOYMENT', `Deployment ${deploymentId} is not deployed.`);
  const before = host.executions.length;
  try {
    runEntryPoint(host, {
      ...found,
      entryPoint: 'execute',
      scriptType: 'scheduledscript',
      executionContext: 'SCHEDULED',
      limit: LIMITS.scheduledscript as number,
      params,
      args: [{ type: invocationType, InvocationType: INVOCATION_TYPE }],
    });
  } catch {
    // recorded in the execution report
  }
  return host.executions
    .slice(before)
    .find((r) => r.scriptId === found.script.id && r.entryPoint === 'execute') as ExecutionReport;
}

// Assumption: InvocationType values are the upper-case names (ON_DEMAND is 'ONDEMAND').
export const INVOCATION_TYPE = {
  SCHEDULED: 'SCHEDULED',
  ON_DEMAND: 'ONDEMAND',
  USER_INTERFACE: 'USERINTERFACE',
  ABORTED: 'ABORTED',
  SKIPPED: 'SKIPPED',
};
