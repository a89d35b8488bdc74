// The HTTP server of the local org (loopback only): the OAuth token endpoint, the REST API with its
// usage header, limits and injected faults, and the /__local/ admin endpoints that tests, the CLI and the
// demo use to seed, inspect and break the org (admin.ts).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { endpointKind, parseApiUrl } from './api';
import { SfError, notFound } from './errors';
import { Org, type OrgOptions } from './org';
import { RestApi } from './rest';
import { InFlight } from './settle';
import { versionList } from './versions';

export interface ServerInfo {
  instanceUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  apiVersion: string;
}

export interface RunningServer {
  info: ServerInfo;
  org: Org;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A client that closes before sending the whole body: the request ends here (no-op after 'end').
    req.on('close', () => reject(new Error('the client closed the connection before the body ended')));
  });
}

function send(res: http.ServerResponse, reply: Reply): string | undefined {
  const text = reply.body === undefined || reply.status === 204 ? undefined : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(text !== undefined ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}),
    ...reply.headers,
  });
  res.end(text);
  return text;
}

const sessionError = (): Reply => ({
  status: 401,
  body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
});

export interface ServerOptions extends OrgOptions {
  port?: number;
  /** Called after the server closed because of POST /__local/stop. */
  onStop?: () => void;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const org = new Org(options);
  const api = new RestApi(org);
  // Token and API requests from arrival until answered or dropped; POST /__local/settle waits on them.
  const inFlight = new InFlight();

  /** Token endpoint, version list and REST API; everything but the admin endpoints. */
  async function handle(
    method: string,
    url: string,
    headers: http.IncomingHttpHeaders,
    raw: string,
  ): Promise<Reply | 'drop'> {
    const path = url.split('?')[0] ?? '';
    const parsed = parseApiUrl(url);
    const faults = org.faults.match(method, url, parsed !== undefined);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (faults.drop) return 'drop';
    if (faults.unavailable) {
      return { status: 503, body: [{ message: 'Server is unavailable', errorCode: 'SERVER_UNAVAILABLE' }] };
    }
    if (path === '/services/oauth2/token') {
      if (method !== 'POST')
        return { status: 405, body: { error: 'invalid_request', error_description: 'must use HTTP POST' } };
      const reply = org.auth.token(new URLSearchParams(raw), headers.authorization, org.instanceUrl);
      return {
        ...reply,
        headers: { 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private' },
      };
    }
    if (path === '/services/data' || path === '/services/data/') return { status: 200, body: versionList() };
    const limitHeader = (): Record<string, string> => ({ 'Sforce-Limit-Info': org.usage.header() });
    if (!parsed) return { status: 404, body: notFound().toBody(), headers: limitHeader() };
    if (!org.auth.check(headers.authorization) || faults.expiredToken)
      return { ...sessionError(), headers: limitHeader() };
    if (faults.limit || org.usage.exhausted()) {
      return {
        status: 403,
        body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
        headers: limitHeader(),
      };
    }
    org.usage.count(endpointKind(parsed.path));
    let body: unknown;
    try {
      body = raw.trim() === '' ? undefined : JSON.parse(raw);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return {
        status: 400,
        body: new SfError('JSON_PARSER_ERROR', message).toBody(),
        headers: limitHeader(),
      };
    }
    const lowered = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
    );
    const reply = api.dispatch({ method, ...parsed, body, headers: lowered }, { lockRow: faults.lockRow });
    org.commit();
    return { ...reply, headers: { ...reply.headers, ...limitHeader() } };
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const admin = url.startsWith('/__local/');
    const answered = admin ? () => undefined : inFlight.begin(method, url);
    void (async () => {
      const raw = await readBody(req);
      if (admin) {
        const { reply, stop } = await handleAdmin(org, method, url, raw, req.headers, {
          settle: (maxMs) => inFlight.settle(() => org.outbound.idle(), maxMs),
        });
        send(res, reply);
        if (stop) void close().then(() => options.onStop?.());
        return;
      }
      let reply: Reply | 'drop';
      try {
        reply = await handle(method, url, req.headers, raw);
      } catch (err) {
        reply = { status: 500, body: [{ message: String(err), errorCode: 'UNKNOWN_EXCEPTION' }] };
      }
      const parsed = parseApiUrl(url);
      const entry = {
        method,
        path: url,
        kind: parsed ? endpointKind(parsed.path) : url.startsWith('/services/oauth2') ? 'token' : 'other',
        requestBody: raw || undefined,
      };
      if (reply === 'drop') {
        // A dropped connection: the socket is destroyed without any response.
        req.socket.destroy();
        org.usage.record({ ...entry, status: 0, ms: Date.now() - started });
        return;
      }
      const text = send(res, reply);
      org.usage.record({ ...entry, status: reply.status, ms: Date.now() - started, responseBody: text });
    })()
      .catch((err: unknown) => {
        if (!res.headersSent)
          send(res, { status: 500, body: [{ message: String(err), errorCode: 'UNKNOWN_EXCEPTION' }] });
      })
      .finally(answered);
  });

  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  org.instanceUrl = `http://127.0.0.1:${port}`;
  const info: ServerInfo = {
    instanceUrl: org.instanceUrl,
    tokenUrl: `${org.instanceUrl}/services/oauth2/token`,
    clientId: org.auth.clientId,
    clientSecret: org.auth.clientSecret,
    apiVersion: org.defaultApiVersion,
  };
  return { info, org, close };
}
