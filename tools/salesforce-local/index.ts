// Programmatic API of the local Salesforce org. The org always runs in a child process (the compiled CLI),
// never in the caller's thread: the local NetSuite runtime makes blocking HTTP calls from that thread,
// which would deadlock against a server living in it. Control goes over the /__local/ admin endpoints,
// so an org started elsewhere (CLI, demo) can be driven the same way with connectSalesforceOrg.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import type { FaultSpec, ValidationRuleSpec } from './faults';
import type { Delivery, OutboundSpec } from './outbound';
import type { LogEntry } from './usage';

export type { FaultKind, FaultSpec, ValidationOperator, ValidationRuleSpec } from './faults';
export type { Delivery, OutboundPayload, OutboundSpec } from './outbound';
export type { LogEntry } from './usage';

export interface StartOptions {
  /** Port on 127.0.0.1; 0 or omitted = any free port. */
  port?: number;
  /** Project whose salesforce/ metadata defines the custom fields (default: this project). */
  projectDir?: string;
  /** Daily API request limit (default 100000). */
  apiLimit?: number;
  defaultApiVersion?: string;
  clientId?: string;
  clientSecret?: string;
  /** false: a single-currency org, without CurrencyIsoCode on any object (default true: multi-currency). */
  multiCurrency?: boolean;
}

export interface ConnectionInfo {
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  tokenUrl?: string;
  apiVersion?: string;
}

export interface SalesforceOrg {
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  /** Default API version (e.g. "62.0"). */
  apiVersion: string;
  /** Records as the API shows them (computed fields included); deleted ones only with includeDeleted. */
  records(sobject: string, opts?: { includeDeleted?: boolean }): Promise<Array<Record<string, unknown>>>;
  /** Seeds a record (not counted as an API call; rules still apply). Returns the 18-character id. */
  insert(sobject: string, record: Record<string, unknown>): Promise<string>;
  /** Edits a record as a Salesforce user would (not counted; rules apply; triggers outbound pushes). */
  update(sobject: string, id: string, fields: Record<string, unknown>): Promise<void>;
  apiCalls(): Promise<{ total: number; byEndpoint: Record<string, number> }>;
  requestLog(): Promise<LogEntry[]>;
  fault(spec: FaultSpec): Promise<void>;
  /** Removes faults and validation rules. */
  clearFaults(): Promise<void>;
  expireTokens(): Promise<void>;
  /** Sets the daily limit and optionally the calls already used today. */
  setApiLimit(max: number, used?: number): Promise<void>;
  addValidationRule(rule: ValidationRuleSpec): Promise<void>;
  /** POST records of an object to a URL when they change (like a flow with an HTTP callout). */
  pushOnChange(spec: OutboundSpec): Promise<void>;
  /** Pushes attempted so far (waits for the ones in flight). */
  outboundDeliveries(): Promise<Delivery[]>;
  /**
   * Resolves once the org has no request in flight and no push left to deliver. A request counts from
   * its arrival until the org answered it, even when its caller gave up (a NetSuite timeout) and the org
   * still applies it late, so the org's records are final when this resolves. Throws a LocalOrgError
   * (SETTLE_TIMEOUT, naming the requests still in flight) after `maxMs` (default 30 s).
   */
  settle(options?: { maxMs?: number }): Promise<void>;
  /** Back to a new org (records, counters, log, faults, pushes); issued tokens stay valid. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Error of an admin call; errorCode/fields as Salesforce reports them (e.g. REQUIRED_FIELD_MISSING). */
export class LocalOrgError extends Error {
  constructor(
    message: string,
    readonly errorCode: string,
    readonly status: number,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = errorCode;
  }
}

/**
 * One admin request on a connection of its own (no keep-alive). A pooled connection could have been closed
 * by the org while the caller's thread was blocked (a long synchronous run of the local NetSuite runtime)
 * without the caller having seen it yet; a new connection each time cannot be stale.
 */
function adminRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; text: string }> {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function connectSalesforceOrg(info: ConnectionInfo): SalesforceOrg {
  const base = info.instanceUrl.replace(/\/$/, '');
  async function call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await adminRequest(
      `${base}/__local/${route}`,
      method,
      {
        'x-local-secret': info.clientSecret,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
    const text = res.text;
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (res.status >= 400) {
      const first = (Array.isArray(parsed) ? parsed[0] : parsed) as
        { message?: string; errorCode?: string; fields?: string[]; error?: string } | undefined;
      throw new LocalOrgError(
        first?.message ?? first?.error ?? `HTTP ${res.status}`,
        first?.errorCode ?? 'LOCAL_ORG_ERROR',
        res.status,
        first?.fields,
      );
    }
    return parsed as T;
  }
  const seg = encodeURIComponent;
  return {
    instanceUrl: base,
    clientId: info.clientId,
    clientSecret: info.clientSecret,
    tokenUrl: info.tokenUrl ?? `${base}/services/oauth2/token`,
    apiVersion: info.apiVersion ?? '62.0',
    records: (sobject, opts) =>
      call('GET', `records/${seg(sobject)}${opts?.includeDeleted ? '?includeDeleted=true' : ''}`),
    insert: async (sobject, record) =>
      (await call<{ id: string }>('POST', `records/${seg(sobject)}`, record)).id,
    update: async (sobject, id, fields) => {
      await call('PATCH', `records/${seg(sobject)}/${seg(id)}`, fields);
    },
    apiCalls: async () => {
      const r = await call<{ total: number; byEndpoint: Record<string, number> }>('GET', 'api-calls');
      return { total: r.total, byEndpoint: r.byEndpoint };
    },
    requestLog: () => call('GET', 'request-log'),
    fault: async (spec) => {
      await call('POST', 'faults', spec);
    },
    clearFaults: async () => {
      await call('DELETE', 'faults');
    },
    expireTokens: async () => {
      await call('POST', 'expire-tokens');
    },
    setApiLimit: async (max, used) => {
      await call('POST', 'api-limit', { max, used });
    },
    addValidationRule: async (rule) => {
      await call('POST', 'validation-rules', rule);
    },
    pushOnChange: async (spec) => {
      await call('POST', 'outbound', spec);
    },
    outboundDeliveries: () => call('GET', 'outbound'),
    settle: async (options) => {
      await call('POST', 'settle', options?.maxMs === undefined ? {} : { maxMs: options.maxMs });
    },
    reset: async () => {
      await call('POST', 'reset');
    },
    stop: async () => {
      await call('POST', 'stop');
    },
  };
}

/** Path of the compiled CLI (build/tools/salesforce-local/cli.js), from the TS source or from build/. */
export function cliPath(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'build', 'tools', 'salesforce-local', 'cli.js');
}

/** Starts an org in a child process; resolves once it serves. `stop()` ends the process. */
export async function startSalesforceOrg(options: StartOptions = {}): Promise<SalesforceOrg> {
  const cli = cliPath();
  if (!fs.existsSync(cli)) throw new Error(`${cli} not found: run \`npm run build\` first`);
  const args = [cli, '--port', String(options.port ?? 0), '--exit-with-stdin'];
  if (options.projectDir) args.push('--project-dir', options.projectDir);
  if (options.apiLimit !== undefined) args.push('--api-limit', String(options.apiLimit));
  if (options.defaultApiVersion) args.push('--api-version', options.defaultApiVersion);
  if (options.clientId) args.push('--client-id', options.clientId);
  if (options.clientSecret) args.push('--client-secret', options.clientSecret);
  if (options.multiCurrency === false) args.push('--single-currency');
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const info = await new Promise<ConnectionInfo>((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      child.stdout.off('data', onData);
      child.stdout.resume(); // keep draining anything printed later
      try {
        resolve(JSON.parse(buffered.slice(0, newline)) as ConnectionInfo);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`local Salesforce org exited with code ${code} before starting`)),
    );
    child.once('error', reject);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The child ends with its stdin: when this process ends (even without stop()), so does the org.
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  const org = connectSalesforceOrg(info);
  return {
    ...org,
    stop: async () => {
      if (child.exitCode !== null) return;
      try {
        await org.stop();
      } catch {
        child.kill();
      }
      const timer = setTimeout(() => child.kill(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
