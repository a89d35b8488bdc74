// Composite, composite graph and sObject Collections: references, all-or-none rollback, limits, counting.
import { startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { restClient, type Json, type RestClient } from './helpers';

let org: SalesforceOrg;
let api: RestClient;
const V = '/services/data/v62.0';

beforeAll(async () => {
  org = await startSalesforceOrg();
  api = await restClient(org);
});

afterAll(async () => {
  await org.stop();
});

beforeEach(async () => {
  await org.reset();
});

const HALTED = {
  errorCode: 'PROCESSING_HALTED',
  message: 'The transaction was rolled back since another operation in the same transaction failed.',
};

describe('composite', () => {
  test('allOrNone: a failure rolls back every subrequest; the others report PROCESSING_HALTED', async () => {
    const res = await api.call('POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'a', body: { Name: 'Kept?' } },
        {
          method: 'POST',
          url: `${V}/sobjects/Contact`,
          referenceId: 'bad',
          body: { LastName: 'x', Wrong__c: 1 },
        },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'later', body: { Name: 'Never' } },
      ],
    });
    expect(res.status).toBe(200);
    const [a, bad, later] = res.body.compositeResponse;
    expect(a).toEqual({ body: [HALTED], httpHeaders: {}, httpStatusCode: 400, referenceId: 'a' });
    expect(bad).toMatchObject({ httpStatusCode: 400, body: [{ errorCode: 'INVALID_FIELD' }] });
    expect(later).toEqual({ body: [HALTED], httpHeaders: {}, httpStatusCode: 400, referenceId: 'later' });
    expect(await org.records('Account')).toEqual([]);
  });

  test('without allOrNone: independent subrequests still run, dependents of a failure fail', async () => {
    const res = await api.call('POST', '/composite', {
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'bad', body: {} },
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'good', body: { Name: 'Good' } },
        {
          method: 'POST',
          url: `${V}/sobjects/Contact`,
          referenceId: 'dependent',
          body: { LastName: 'D', AccountId: '@{bad.id}' },
        },
        { method: 'GET', url: `${V}/sobjects/Account/@{good.id}?fields=Name`, referenceId: 'read' },
      ],
    });
    const [bad, good, dependent, read] = res.body.compositeResponse;
    expect(bad.body[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(good).toMatchObject({
      httpStatusCode: 201,
      httpHeaders: { Location: `${V}/sobjects/Account/${good.body.id}` },
    });
    expect(dependent).toMatchObject({
      httpStatusCode: 400,
      body: [{ message: expect.stringMatching(/^Invalid reference specified\./) }],
    });
    expect(read).toMatchObject({ httpStatusCode: 200, body: { Name: 'Good' } });
    expect((await org.records('Account')).map((r) => r.Name)).toEqual(['Good']);
  });

  test('subrequests: upsert by external ID, collections, query with @{ref.records[0].Id}; one API call', async () => {
    const before = await org.apiCalls();
    const res = await api.call('POST', '/composite', {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'PATCH',
          url: `${V}/sobjects/Account/NetSuite_Id__c/C-9`,
          referenceId: 'acct',
          body: { Name: 'Nine' },
        },
        {
          method: 'POST',
          url: `${V}/composite/sobjects`,
          referenceId: 'people',
          body: {
            allOrNone: true,
            records: [
              { attributes: { type: 'Contact' }, LastName: 'P1', AccountId: '@{acct.id}' },
              { attributes: { type: 'Contact' }, LastName: 'P2', Account: { NetSuite_Id__c: 'C-9' } },
            ],
          },
        },
        {
          method: 'GET',
          url: `${V}/query?q=SELECT+Id+FROM+Contact+WHERE+LastName='P2'`,
          referenceId: 'found',
        },
        {
          method: 'PATCH',
          url: `${V}/sobjects/Contact/@{found.records[0].Id}`,
          referenceId: 'edit',
          body: { Title: 'Buyer' },
        },
      ],
    });
    const codes = res.body.compositeResponse.map((r: Json) => r.httpStatusCode);
    expect(codes).toEqual([201, 200, 200, 204]);
    const after = await org.apiCalls();
    expect(after.total - before.total).toBe(1);
    expect(after.byEndpoint.composite).toBe(1);
    const contacts = await org.records('Contact');
    expect(contacts.map((c) => [c.LastName, c.Title])).toEqual([
      ['P1', null],
      ['P2', 'Buyer'],
    ]);
    expect(new Set(contacts.map((c) => c.AccountId))).toEqual(
      new Set([res.body.compositeResponse[0].body.id]),
    );
  });

  test('limits: at most 25 subrequests, at most 5 of them query or collections', async () => {
    const sub = (i: number, url = `${V}/sobjects/Account`): Json => ({
      method: 'POST',
      url,
      referenceId: `r${i}`,
      body: { Name: `n${i}` },
    });
    const tooMany = await api.call('POST', '/composite', {
      compositeRequest: Array.from({ length: 26 }, (_, i) => sub(i)),
    });
    expect(tooMany.status).toBe(400);
    const queries = Array.from({ length: 6 }, (_, i) => ({
      method: 'GET',
      url: `${V}/query?q=SELECT+Id+FROM+Account`,
      referenceId: `q${i}`,
    }));
    expect((await api.call('POST', '/composite', { compositeRequest: queries })).status).toBe(400);
    const ok = await api.call('POST', '/composite', {
      compositeRequest: Array.from({ length: 25 }, (_, i) => sub(i)),
    });
    expect(ok.body.compositeResponse).toHaveLength(25);
    expect(await org.records('Account')).toHaveLength(25);
  });
});

describe('composite graph', () => {
  test('each graph is all-or-nothing; results per graph', async () => {
    const res = await api.call('POST', '/composite/graph', {
      graphs: [
        {
          graphId: 'g1',
          compositeRequest: [
            { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acc', body: { Name: 'G1' } },
            {
              method: 'POST',
              url: `${V}/sobjects/Contact`,
              referenceId: 'con',
              body: { LastName: 'G1', AccountId: '@{acc.id}' },
            },
          ],
        },
        {
          graphId: 'g2',
          compositeRequest: [
            { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'acc', body: { Name: 'G2' } },
            {
              method: 'POST',
              url: `${V}/sobjects/Contact`,
              referenceId: 'con',
              body: { AccountId: '@{acc.id}' },
            },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    const [g1, g2] = res.body.graphs;
    expect(g1).toMatchObject({ graphId: 'g1', isSuccessful: true });
    expect(g1.graphResponse.compositeResponse.map((r: Json) => r.httpStatusCode)).toEqual([201, 201]);
    expect(g2).toMatchObject({ graphId: 'g2', isSuccessful: false });
    expect(g2.graphResponse.compositeResponse[0]).toMatchObject({ httpStatusCode: 400, body: [HALTED] });
    expect(g2.graphResponse.compositeResponse[1].body[0].errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect((await org.records('Account')).map((a) => a.Name)).toEqual(['G1']);
    expect((await org.apiCalls()).byEndpoint.graph).toBe(1);
  });

  test('at most 500 nodes per payload; only sObject row operations as nodes', async () => {
    const node = (i: number): Json => ({
      method: 'POST',
      url: `${V}/sobjects/Account`,
      referenceId: `n${i}`,
      body: { Name: `N${i}` },
    });
    const big = await api.call('POST', '/composite/graph', {
      graphs: [
        { graphId: 'a', compositeRequest: Array.from({ length: 300 }, (_, i) => node(i)) },
        { graphId: 'b', compositeRequest: Array.from({ length: 201 }, (_, i) => node(i)) },
      ],
    });
    expect(big.status).toBe(400);
    const full = await api.call('POST', '/composite/graph', {
      graphs: [{ graphId: 'a', compositeRequest: Array.from({ length: 500 }, (_, i) => node(i)) }],
    });
    expect(full.body.graphs[0].isSuccessful).toBe(true);
    const query = await api.call('POST', '/composite/graph', {
      graphs: [
        {
          graphId: 'q',
          compositeRequest: [{ method: 'GET', url: `${V}/query?q=SELECT+Id+FROM+Account`, referenceId: 'q' }],
        },
      ],
    });
    expect(query.body.graphs[0].isSuccessful).toBe(false);
  });
});

describe('sObject Collections', () => {
  test('create: per-record results in order; allOrNone false keeps the valid records', async () => {
    const res = await api.call('POST', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, Name: 'One' },
        { attributes: { type: 'Account' }, Website: 'no name' },
        { attributes: { type: 'Contact' }, LastName: 'Three' },
      ],
    });
    expect(res.body).toEqual([
      { id: expect.stringMatching(/^001/), success: true, errors: [] },
      {
        success: false,
        errors: [
          {
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required fields are missing: [Name]',
            fields: ['Name'],
          },
        ],
      },
      { id: expect.stringMatching(/^003/), success: true, errors: [] },
    ]);
    expect(await org.records('Account')).toHaveLength(1);
  });

  test('create with allOrNone: nothing saved, valid records reported as rolled back', async () => {
    const res = await api.call('POST', '/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Account' }, Name: 'One' },
        { attributes: { type: 'Account' }, Name: 'x'.repeat(300) },
      ],
    });
    expect(res.body[0]).toEqual({
      success: false,
      errors: [
        {
          statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
          message:
            'Record rolled back because not all records were valid and the request was using AllOrNone header',
          fields: [],
        },
      ],
    });
    expect(res.body[1]).toMatchObject({ success: false, errors: [{ statusCode: 'STRING_TOO_LONG' }] });
    expect(await org.records('Account')).toEqual([]);
  });

  test('update, upsert by external ID, retrieve, delete', async () => {
    const a = await org.insert('Account', { Name: 'A', NetSuite_Id__c: 'X1' });
    const b = await org.insert('Account', { Name: 'B' });
    const update = await api.call('PATCH', '/composite/sobjects', {
      records: [
        { attributes: { type: 'Account' }, id: a, Phone: '1' },
        { attributes: { type: 'Account' }, id: '001000000000009AAA', Phone: '2' },
      ],
    });
    expect(update.body).toEqual([
      { id: a, success: true, errors: [] },
      {
        id: '001000000000009AAA',
        success: false,
        errors: [expect.objectContaining({ statusCode: 'NOT_FOUND' })],
      },
    ]);
    const upsert = await api.call('PATCH', '/composite/sobjects/Account/NetSuite_Id__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, NetSuite_Id__c: 'X1', Name: 'A2' },
        { attributes: { type: 'Account' }, NetSuite_Id__c: 'X2', Name: 'New' },
      ],
    });
    expect(upsert.body).toEqual([
      { id: a, success: true, errors: [], created: false },
      { id: expect.stringMatching(/^001/), success: true, errors: [], created: true },
    ]);
    const retrieve = await api.call(
      'GET',
      `/composite/sobjects/Account?ids=${a},${b},001000000000009AAA&fields=Name,Phone`,
    );
    expect(retrieve.body).toEqual([
      { attributes: { type: 'Account', url: `${V}/sobjects/Account/${a}` }, Name: 'A2', Phone: '1', Id: a },
      { attributes: { type: 'Account', url: `${V}/sobjects/Account/${b}` }, Name: 'B', Phone: null, Id: b },
      null,
    ]);
    const del = await api.call('DELETE', `/composite/sobjects?ids=${a},${b}&allOrNone=true`);
    expect(del.body).toEqual([
      { id: a, success: true, errors: [] },
      { id: b, success: true, errors: [] },
    ]);
    expect((await org.records('Account')).map((r) => r.Name)).toEqual(['New']);
    expect((await org.apiCalls()).byEndpoint.collections).toBe(4);
  });

  test('more than 200 records is rejected', async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({
      attributes: { type: 'Account' },
      Name: `n${i}`,
    }));
    const res = await api.call('POST', '/composite/sobjects', { records });
    expect(res.status).toBe(400);
    expect(res.body[0].errorCode).toBe('EXCEEDED_ID_LIMIT');
  });
});
