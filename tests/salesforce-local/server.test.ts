// The org as a process: the CLI, the token endpoint, versions and routing, the admin API and outbound pushes.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { connectSalesforceOrg, startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { restClient, type Json, type RestClient } from './helpers';

const root = path.resolve(__dirname, '..', '..');

describe('command line', () => {
  test('`npm run --silent salesforce:local -- --port 0` prints its connection JSON first, then serves', async () => {
    const child = spawn('npm', ['run', '--silent', 'salesforce:local', '--', '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const end = text.indexOf('\n');
          if (end >= 0) resolve(text.slice(0, end));
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const info = JSON.parse(firstLine) as { instanceUrl: string; clientId: string; clientSecret: string };
      expect(info.instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info).toMatchObject({ clientId: expect.any(String), clientSecret: expect.any(String) });
      const org = connectSalesforceOrg(info);
      const api = await restClient(org);
      expect((await api.call('POST', '/sobjects/Account', { Name: 'From CLI' })).status).toBe(201);
      expect((await org.records('Account')).map((a) => a.Name)).toEqual(['From CLI']);
      await org.stop();
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    } finally {
      if (child.exitCode === null && child.pid) process.kill(-child.pid);
    }
  });
});

describe('a running org', () => {
  let org: SalesforceOrg;
  let api: RestClient;

  beforeAll(async () => {
    org = await startSalesforceOrg({ clientId: 'my-id', clientSecret: 'my-secret' });
    api = await restClient(org);
  });

  afterAll(async () => {
    await org.stop();
  });

  const tokenRequest = (
    body: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<Response> => fetch(org.tokenUrl, { method: 'POST', headers, body: new URLSearchParams(body) });

  test('client credentials: form or HTTP Basic; the Salesforce response fields; wrong credentials', async () => {
    const form = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'my-id',
      client_secret: 'my-secret',
    });
    const json = (await form.json()) as Record<string, string>;
    expect(json).toEqual({
      access_token: expect.stringMatching(/^00D\w{12}!/),
      signature: expect.any(String),
      scope: 'api',
      instance_url: org.instanceUrl,
      id: expect.stringMatching(new RegExp(`^${org.instanceUrl}/id/00D\\w{15}/005\\w{15}$`)),
      token_type: 'Bearer',
      issued_at: expect.stringMatching(/^\d{13}$/),
    });
    expect(json.signature).toBe(
      createHmac('sha256', 'my-secret').update(`${json.id}${json.issued_at}`).digest('base64'),
    );
    const basic = await tokenRequest(
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${Buffer.from('my-id:my-secret').toString('base64')}` },
    );
    expect(basic.status).toBe(200);
    const wrong = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: 'my-id',
      client_secret: 'nope',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({
      error: 'invalid_client',
      error_description: 'invalid client credentials',
    });
    const grant = await tokenRequest({
      grant_type: 'password',
      client_id: 'my-id',
      client_secret: 'my-secret',
    });
    expect(((await grant.json()) as Json).error).toBe('unsupported_grant_type');
  });

  test('API calls need a bearer token', async () => {
    const res = await fetch(`${org.instanceUrl}/services/data/v62.0/sobjects/Account/describe`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual([
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });

  test('versions 50.0–67.0 are served and listed; others are 404', async () => {
    const list = (await (await fetch(`${org.instanceUrl}/services/data/`)).json()) as Json[];
    expect(list[0]).toEqual({ label: "Winter '21", url: '/services/data/v50.0', version: '50.0' });
    expect(list[list.length - 1]).toEqual({
      label: "Summer '26",
      url: '/services/data/v67.0',
      version: '67.0',
    });
    expect((await api.call('GET', '/services/data/v50.0/limits')).status).toBe(200);
    expect((await api.call('GET', '/services/data/v67.0/limits')).status).toBe(200);
    expect(await api.call('GET', '/services/data/v49.0/limits')).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND' }],
    });
    expect((await api.call('GET', '/services/data/v68.0/limits')).status).toBe(404);
    expect((await api.call('GET', '/services/data/v62.0/')).body.sobjects).toBe(
      '/services/data/v62.0/sobjects',
    );
    expect((await api.call('GET', '/nowhere')).status).toBe(404);
    expect(await api.call('PUT', '/sobjects/Account')).toMatchObject({
      status: 405,
      body: [{ errorCode: 'METHOD_NOT_ALLOWED' }],
    });
    expect(
      await api.call('POST', '/sobjects/Account', undefined, { 'content-type': 'application/json' }),
    ).toMatchObject({
      status: 400,
      body: [{ errorCode: 'JSON_PARSER_ERROR' }],
    });
  });

  test('admin endpoints need the client secret and count no API calls; reset restores a new org', async () => {
    const anonymous = await fetch(`${org.instanceUrl}/__local/records/Account`);
    expect(anonymous.status).toBe(401);
    const before = (await org.apiCalls()).total;
    const id = await org.insert('Account', { Name: 'Seeded' });
    await org.update('Account', id, { Phone: '555' });
    await expect(org.insert('Account', { Phone: 'x' })).rejects.toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
      status: 400,
    });
    expect((await org.records('Account')).map((a) => [a.Name, a.Phone])).toEqual([['Seeded', '555']]);
    expect((await org.apiCalls()).total).toBe(before);
    await org.reset();
    expect(await org.records('Account')).toEqual([]);
    expect((await org.records('Pricebook2')).map((b) => b.Name)).toEqual(['Standard Price Book']);
    expect(await org.apiCalls()).toEqual({ total: 0, byEndpoint: {} });
    expect(await org.requestLog()).toEqual([]);
  });

  test('the request log keeps method, path, status, time and truncated bodies', async () => {
    await org.reset();
    await api.call('POST', '/sobjects/Account', { Name: 'Logged', Description: 'd'.repeat(5000) });
    const [entry] = await org.requestLog();
    expect(entry).toMatchObject({
      method: 'POST',
      path: '/services/data/v62.0/sobjects/Account',
      status: 201,
      kind: 'sobject',
    });
    expect(entry?.ms).toEqual(expect.any(Number));
    expect(entry?.requestBody?.length).toBeLessThan(2100);
    expect(entry?.responseBody).toContain('"success":true');
  });

  test('outbound pushes: a change of a watched field POSTs the record to the configured URL', async () => {
    await org.reset();
    const received: Json[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(body) });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/restlet`;
      await org.pushOnChange({
        sobject: 'Opportunity',
        url,
        fields: ['StageName'],
        headers: { authorization: 'NLAuth test' },
      });
      const id = await org.insert('Opportunity', {
        Name: 'Push',
        StageName: 'Prospecting',
        CloseDate: '2026-05-01',
      });
      await org.update('Opportunity', id, { Description: 'not watched' });
      await org.update('Opportunity', id, { StageName: 'Closed Won' });
      await api.call('PATCH', `/sobjects/Opportunity/${id}`, { StageName: 'Closed Lost' });
      const deliveries = await org.outboundDeliveries();
      expect(deliveries.map((d) => [d.event, d.status])).toEqual([
        ['created', 200],
        ['updated', 200],
        ['updated', 200],
      ]);
      expect(received[1].headers.authorization).toBe('NLAuth test');
      expect(received[1].body).toMatchObject({
        sobject: 'Opportunity',
        event: 'updated',
        id,
        changedFields: expect.arrayContaining(['StageName', 'IsWon', 'IsClosed']),
        record: { Id: id, StageName: 'Closed Won', IsWon: true, Description: 'not watched' },
      });
      expect(received[2].body.record.StageName).toBe('Closed Lost');
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
