// Fault injection and limits: each fault with the response a client sees, for N requests or until cleared.
import { startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { fetchToken, restClient, type RawResponse, type RestClient } from './helpers';

let org: SalesforceOrg;
let api: RestClient;

beforeAll(async () => {
  org = await startSalesforceOrg({ apiLimit: 1000 });
  api = await restClient(org);
});

afterAll(async () => {
  await org.stop();
});

beforeEach(async () => {
  await org.reset();
});

const account = (name = 'A'): Promise<RawResponse> => api.call('POST', '/sobjects/Account', { Name: name });

describe('faults', () => {
  test('latency delays the matching request', async () => {
    await org.fault({ kind: 'latency', ms: 300, times: 1 });
    expect((await account()).status).toBe(201);
    expect((await account()).status).toBe(201);
    const [slow, normal] = await org.requestLog();
    // A lower bound only: the delay is added, whatever the machine's speed.
    expect(slow?.ms).toBeGreaterThanOrEqual(250);
    expect(normal?.status).toBe(201);
  });

  test('a dropped connection gets no response; the next request works; neither a drop nor a 503 is counted', async () => {
    await org.fault({ kind: 'drop', times: 1 });
    await expect(account()).rejects.toThrow();
    await org.fault({ kind: 'unavailable', times: 2 });
    const unavailable = await account();
    expect(unavailable).toMatchObject({ status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE' }] });
    expect((await account()).status).toBe(503);
    expect((await account()).status).toBe(201);
    expect((await org.records('Account')).length).toBe(1);
    expect((await org.apiCalls()).total).toBe(1);
    expect((await org.requestLog()).map((e) => e.status)).toEqual([0, 503, 503, 201]);
  });

  test('UNABLE_TO_LOCK_ROW hits writes only; in a collection every record fails', async () => {
    await org.fault({ kind: 'lockRow', times: 2 });
    expect((await api.call('GET', '/query?q=SELECT+Id+FROM+Account')).status).toBe(200);
    const locked = await account();
    expect(locked).toMatchObject({ status: 400, body: [{ errorCode: 'UNABLE_TO_LOCK_ROW' }] });
    const collection = await api.call('POST', '/composite/sobjects', {
      records: [
        { attributes: { type: 'Account' }, Name: 'x' },
        { attributes: { type: 'Account' }, Name: 'y' },
      ],
    });
    expect(
      collection.body.map((r: { errors: Array<{ statusCode: string }> }) => r.errors[0]?.statusCode),
    ).toEqual(['UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW']);
    expect((await account()).status).toBe(201);
  });

  test('expired sessions: injected for N requests, or every issued token expired on demand', async () => {
    await org.fault({ kind: 'expiredToken', times: 1 });
    expect(await account()).toMatchObject({
      status: 401,
      body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }],
    });
    expect((await account()).status).toBe(201);
    await org.expireTokens();
    expect((await account()).status).toBe(401);
    api.token = await fetchToken(org);
    expect((await account()).status).toBe(201);
    expect((await org.apiCalls()).total).toBe(2);
  });

  test('method and path filters; a path filter can target the token endpoint; clearFaults', async () => {
    await org.fault({ kind: 'unavailable', method: 'POST', path: '/composite' });
    const composite = await api.call('POST', '/composite/sobjects', {
      records: [{ attributes: { type: 'Account' }, Name: 'c' }],
    });
    expect(composite.status).toBe(503);
    expect((await account()).status).toBe(201);
    await org.fault({ kind: 'unavailable', path: '^/services/oauth2/token', times: 1 });
    const token = await fetch(org.tokenUrl, { method: 'POST', body: 'grant_type=client_credentials' });
    expect(token.status).toBe(503);
    await org.clearFaults();
    const retry = await api.call('POST', '/composite/sobjects', {
      records: [{ attributes: { type: 'Account' }, Name: 'c' }],
    });
    expect(retry.status).toBe(200);
  });

  test('validation rule: FIELD_CUSTOM_VALIDATION_EXCEPTION with the configured message, for N saves', async () => {
    await org.addValidationRule({
      sobject: 'Account',
      field: 'Name',
      operator: 'contains',
      value: 'Test',
      message: 'Test accounts are not allowed',
      times: 1,
    });
    await org.addValidationRule({
      sobject: 'Opportunity',
      field: 'Description',
      operator: 'isBlank',
      message: 'Describe it',
      onField: false,
    });
    expect(await account('A Test Co')).toMatchObject({
      status: 400,
      body: [
        {
          errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
          message: 'Test accounts are not allowed',
          fields: ['Name'],
        },
      ],
    });
    expect((await account('A Test Co')).status).toBe(201);
    const opp = { Name: 'o', StageName: 'Prospecting', CloseDate: '2026-01-01' };
    expect((await api.call('POST', '/sobjects/Opportunity', opp)).body).toEqual([
      { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Describe it', fields: [] },
    ]);
    await expect(org.insert('Opportunity', opp)).rejects.toMatchObject({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    });
    expect((await api.call('POST', '/sobjects/Opportunity', { ...opp, Description: 'ok' })).status).toBe(201);
  });
});

describe('limits and counting', () => {
  test('Sforce-Limit-Info on API responses, none on the token or version list; /limits', async () => {
    const res = await account();
    expect(res.headers.get('sforce-limit-info')).toBe('api-usage=1/1000');
    const limits = await api.call('GET', '/limits');
    expect(limits.body.DailyApiRequests).toEqual({ Max: 1000, Remaining: 998 });
    const token = await fetch(org.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: org.clientId,
        client_secret: org.clientSecret,
      }),
    });
    expect(token.headers.get('sforce-limit-info')).toBeNull();
    const versions = await fetch(`${org.instanceUrl}/services/data/`);
    expect(versions.headers.get('sforce-limit-info')).toBeNull();
    expect((await org.apiCalls()).total).toBe(2);
  });

  test('past the daily limit: 403 REQUEST_LIMIT_EXCEEDED; injected exhaustion for N requests', async () => {
    await org.setApiLimit(5, 4);
    const last = await account();
    expect(last.status).toBe(201);
    expect(last.headers.get('sforce-limit-info')).toBe('api-usage=5/5');
    expect(await account()).toMatchObject({
      status: 403,
      body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }],
    });
    await org.setApiLimit(1000, 0);
    await org.fault({ kind: 'limit', times: 1 });
    expect((await account()).status).toBe(403);
    expect((await account()).status).toBe(201);
  });

  test('API calls per endpoint kind', async () => {
    await account();
    await api.call('GET', '/sobjects/Account/describe');
    await api.call('GET', '/query?q=SELECT+Id+FROM+Account');
    await api.call('PATCH', '/sobjects/Account/NetSuite_Id__c/Z', { Name: 'z' });
    await api.call('POST', '/composite', {
      compositeRequest: [{ method: 'GET', url: '/services/data/v62.0/limits', referenceId: 'l' }],
    });
    expect(await org.apiCalls()).toEqual({
      total: 5,
      byEndpoint: { sobject: 1, describe: 1, query: 1, upsert: 1, composite: 1 },
    });
  });
});
