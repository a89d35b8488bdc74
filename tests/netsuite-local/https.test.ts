// N/https: real blocking HTTP to a loopback server in another thread, timeouts, secrets, errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_HTTP_TIMEOUTS } from '../../tools/netsuite-local/httpclient';
import { fixtureRuntime } from './support/fixture';
import { startLoopbackServer, startStalledServer, type Loopback } from './support/loopback-server';

let server: Loopback;
const secretsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ns-local-')), 'secrets.json');
fs.writeFileSync(secretsFile, JSON.stringify({ custsecret_fx_token: 's3cr3t-from-file' }));
const rt = fixtureRuntime({ secretsFile, httpTimeouts: { requestMs: 400 } });

beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(async () => {
  await rt.close();
  await server.close();
});

type Out = {
  code?: number;
  body?: string;
  headers?: Record<string, string>;
  error?: string;
  message?: string;
};
const call = (input: Record<string, unknown>, runtime = rt): Out =>
  runtime.callRestlet('customscript_fx_rl_http', 'customdeploy_fx_rl_http', 'POST', input).body as Out;

test('https.request reaches a loopback server and returns its status, body and headers', () => {
  const out = call({
    method: 'POST',
    url: `${server.url}/echo?x=1`,
    body: 'hello',
    headers: { 'Content-Type': 'text/plain' },
  });
  expect(out.code).toBe(200);
  expect(out.headers?.['Sforce-Limit-Info']).toBe('api-usage=1/15000');
  const echoed = JSON.parse(out.body as string) as {
    method: string;
    url: string;
    body: string;
    headers: Record<string, string>;
  };
  expect(echoed).toMatchObject({ method: 'POST', url: '/echo?x=1', body: 'hello' });
  expect(echoed.headers['content-type']).toBe('text/plain');
  const report = rt.executions.at(-1);
  expect(report).toMatchObject({
    scriptId: 'customscript_fx_rl_http',
    unitsUsed: 10,
    calls: { 'https.request': 1 },
  });
});

test('a non-2xx answer does not throw', () => {
  expect(call({ url: `${server.url}/status/503` })).toMatchObject({ code: 503, body: 'status 503' });
  expect(call({ url: `${server.url}/status/404` }).code).toBe(404);
});

test('a request slower than the request timeout fails with SSS_REQUEST_TIME_EXCEEDED', () => {
  const out = call({ url: `${server.url}/slow/3000` });
  expect(out.error).toBe('SSS_REQUEST_TIME_EXCEEDED');
  expect(call({ url: `${server.url}/slow/10` })).toMatchObject({ code: 200, body: 'slow done' });
});

test('a host that does not accept the connection within the connect timeout fails with SSS_REQUEST_TIME_EXCEEDED', async () => {
  const stalled = await startStalledServer(1500);
  const quick = fixtureRuntime({ httpTimeouts: { connectMs: 200, requestMs: 5000 } });
  const out = call({ url: `${stalled.url}/echo` }, quick);
  expect(out.error).toBe('SSS_REQUEST_TIME_EXCEEDED');
  expect(out.message).toContain('did not accept the connection within 200 ms');
  await quick.close();
  await stalled.close();
});

test("the default timeouts are NetSuite's: 5 s to connect, 45 s for the request", () => {
  expect(DEFAULT_HTTP_TIMEOUTS).toEqual({ connectMs: 5000, requestMs: 45000 });
});

test('a refused connection fails with SSS_CONNECTION_CLOSED', async () => {
  const closed = await startLoopbackServer();
  await closed.close();
  expect(call({ url: `${closed.url}/echo` }).error).toBe('SSS_CONNECTION_CLOSED');
});

test('a secret from the secrets file reaches the server as a header, while logs show [SecureString]', () => {
  const from = rt.logs.length;
  const out = call({ url: `${server.url}/echo`, secret: 'Bearer {custsecret_fx_token}' });
  const echoed = JSON.parse(out.body as string) as { headers: Record<string, string> };
  expect(echoed.headers.authorization).toBe('Bearer s3cr3t-from-file');
  const log = rt.logs.slice(from).find((l) => l.title.startsWith('auth header'));
  expect(log).toMatchObject({ title: 'auth header [SecureString]', details: '{"header":"[SecureString]"}' });
  expect(JSON.stringify(rt.logs)).not.toContain('s3cr3t');
});

test('secrets given in options override the file; an unknown secret is an error', () => {
  const other = fixtureRuntime({ secretsFile, secrets: { custsecret_fx_token: 'from-options' } });
  const echoed = JSON.parse(
    call({ url: `${server.url}/echo`, secret: '{custsecret_fx_token}' }, other).body as string,
  ) as {
    headers: Record<string, string>;
  };
  expect(echoed.headers.authorization).toBe('from-options');
  expect(call({ url: `${server.url}/echo`, secret: '{custsecret_missing}' }, other)).toMatchObject({
    error: 'SSS_SECRET_NOT_FOUND',
  });
  return other.close();
});

test('PATCH, relative URLs and a missing url are refused before any request', () => {
  const patch = call({ method: 'PATCH', url: `${server.url}/echo` });
  expect(patch.error).toBe('SSS_INVALID_HTTP_METHOD');
  expect(patch.message).toContain('PATCH');
  expect(call({ url: '/services/data' }).error).toBe('SSS_INVALID_URL');
  expect(call({ url: 'http://example.com/x' }).error).toBe('SSS_INVALID_URL'); // plain http only on loopback
  expect(call({ url: '' }).error).toBe('SSS_MISSING_REQD_ARGUMENT');
  expect(rt.executions.at(-1)?.unitsUsed).toBe(0);
});
