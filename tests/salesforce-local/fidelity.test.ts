// Fidelity of the local org where it used to be kinder than Salesforce: a composite's allOrNone covering its
// collections, datetimes kept to the second, the 100,000-character SOQL limit, and single-currency orgs.
import * as path from 'node:path';
import { startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { parseArgs } from '../../tools/salesforce-local/cli';
import { Org } from '../../tools/salesforce-local/org';
import type { FieldDef } from '../../tools/salesforce-local/schema';
import { MAX_SOQL_LENGTH, runSoql } from '../../tools/salesforce-local/soql';
import { coerceValue } from '../../tools/salesforce-local/values';
import { restClient, seedProduct, type Json, type RestClient } from './helpers';

const V = '/services/data/v62.0';
const ROOT = path.resolve(__dirname, '..', '..');

const HALTED = {
  errorCode: 'PROCESSING_HALTED',
  message: 'The transaction was rolled back since another operation in the same transaction failed.',
};
const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};
const NAME_MISSING = {
  statusCode: 'REQUIRED_FIELD_MISSING',
  message: 'Required fields are missing: [Name]',
  fields: ['Name'],
};

describe('a multi-currency org (the default)', () => {
  let org: SalesforceOrg;
  let api: RestClient;

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

  /** An account, a collection of two accounts (the second has no Name) and a contact, in one composite. */
  const composite = (outer: boolean, inner: boolean) =>
    api.call('POST', '/composite', {
      allOrNone: outer,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'first', body: { Name: 'First' } },
        {
          method: 'POST',
          url: `${V}/composite/sobjects`,
          referenceId: 'accounts',
          body: {
            allOrNone: inner,
            records: [
              { attributes: { type: 'Account' }, Name: 'Good' },
              { attributes: { type: 'Account' }, Website: 'no name' },
            ],
          },
        },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'contact', body: { LastName: 'Last' } },
      ],
    });

  describe('composite allOrNone and its sObject Collections subrequests', () => {
    test('allOrNone true covers a collection whose own allOrNone is false: everything is rolled back', async () => {
      const res = await composite(true, false);
      expect(res.status).toBe(200);
      expect(res.body.compositeResponse).toEqual([
        { body: [HALTED], httpHeaders: {}, httpStatusCode: 400, referenceId: 'first' },
        {
          body: [
            { success: false, errors: [ROLLED_BACK] },
            { success: false, errors: [NAME_MISSING] },
          ],
          httpHeaders: {},
          httpStatusCode: 200,
          referenceId: 'accounts',
        },
        { body: [HALTED], httpHeaders: {}, httpStatusCode: 400, referenceId: 'contact' },
      ]);
      expect(await org.records('Account')).toEqual([]);
      expect(await org.records('Contact')).toEqual([]);
    });

    test('an upsert collection in an all-or-none composite leaves existing records as they were', async () => {
      const existing = await org.insert('Account', { Name: 'Before', NetSuite_Id__c: '7' });
      const res = await api.call('POST', '/composite', {
        allOrNone: true,
        compositeRequest: [
          {
            method: 'PATCH',
            url: `${V}/composite/sobjects/Account/NetSuite_Id__c`,
            referenceId: 'upserts',
            body: {
              allOrNone: false,
              records: [
                { attributes: { type: 'Account' }, NetSuite_Id__c: '7', Name: 'After' },
                { attributes: { type: 'Account' }, NetSuite_Id__c: '8', Name: 'x'.repeat(256) },
              ],
            },
          },
        ],
      });
      const [upserts] = res.body.compositeResponse;
      expect(upserts.httpStatusCode).toBe(200);
      expect(upserts.body[0]).toEqual({ id: existing, success: false, errors: [ROLLED_BACK] });
      expect(upserts.body[1]).toMatchObject({ success: false, errors: [{ statusCode: 'STRING_TOO_LONG' }] });
      expect((await org.records('Account')).map((a) => [a.Id, a.Name])).toEqual([[existing, 'Before']]);
    });

    test('allOrNone false: each collection follows its own allOrNone (documented cases 1 and 2)', async () => {
      const own = await composite(false, false);
      expect(own.body.compositeResponse.map((r: Json) => r.httpStatusCode)).toEqual([201, 200, 201]);
      expect(own.body.compositeResponse[1].body[1]).toEqual({ success: false, errors: [NAME_MISSING] });
      expect((await org.records('Account')).map((a) => a.Name).sort()).toEqual(['First', 'Good']);

      await org.reset();
      const inner = await composite(false, true);
      expect(inner.body.compositeResponse.map((r: Json) => r.httpStatusCode)).toEqual([201, 200, 201]);
      expect(inner.body.compositeResponse[1].body).toEqual([
        { success: false, errors: [ROLLED_BACK] },
        { success: false, errors: [NAME_MISSING] },
      ]);
      expect((await org.records('Account')).map((a) => a.Name)).toEqual(['First']);
      expect(await org.records('Contact')).toHaveLength(1);
    });
  });

  describe('datetimes to the second', () => {
    test('audit stamps are returned with zero milliseconds, by the API and by SOQL', async () => {
      const created = await api.call('POST', '/sobjects/Account', { Name: 'Stamped' });
      const row = (await api.call('GET', `/sobjects/Account/${created.body.id}`)).body;
      for (const field of ['CreatedDate', 'LastModifiedDate', 'SystemModstamp'])
        expect(row[field]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/);
      const queried = await api.call(
        'GET',
        `/query?q=${encodeURIComponent('SELECT SystemModstamp FROM Account')}`,
      );
      expect(queried.body.records[0].SystemModstamp).toBe(row.SystemModstamp);
    });
  });

  describe('SOQL length', () => {
    /** A valid query of exactly `length` characters (an IN list padded with spaces). */
    const queryOf = (length: number): string => {
      const names = Array.from({ length: 8000 }, (_, i) => `'n${i}'`).join(',');
      const soql = `SELECT Id FROM Account WHERE Name IN (${names})`;
      return soql.padEnd(length, ' ');
    };
    const inComposite = (soql: string) =>
      api.call('POST', '/composite', {
        compositeRequest: [
          { method: 'GET', url: `${V}/query?q=${encodeURIComponent(soql)}`, referenceId: 'q' },
        ],
      });

    test('100,000 characters are accepted; one more is MALFORMED_QUERY', async () => {
      expect(MAX_SOQL_LENGTH).toBe(100000);
      await org.insert('Account', { Name: 'n7' });
      const longest = (await inComposite(queryOf(100000))).body.compositeResponse[0];
      expect(longest).toMatchObject({ httpStatusCode: 200, body: { totalSize: 1, done: true } });
      const tooLong = (await inComposite(queryOf(100001))).body.compositeResponse[0];
      expect(tooLong).toEqual({
        body: [
          {
            errorCode: 'MALFORMED_QUERY',
            message: 'SOQL statements can not be longer than 100000 characters.',
            fields: [],
          },
        ],
        httpHeaders: {},
        httpStatusCode: 400,
        referenceId: 'q',
      });
    });
  });
});

describe('datetimes to the second (in process, with a fixed clock)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('writes stamp whole seconds; datetime values lose their milliseconds; literals compare by the second', () => {
    jest.useFakeTimers({ now: Date.parse('2026-03-01T10:00:05.678Z') });
    const org = new Org({ projectDir: ROOT });
    const id = org.dml.create('Account', { Name: 'Clocked' });
    const rec = org.store.get('Account', id)!;
    expect([rec.CreatedDate, rec.LastModifiedDate, rec.SystemModstamp]).toEqual([
      '2026-03-01T10:00:05.000+0000',
      '2026-03-01T10:00:05.000+0000',
      '2026-03-01T10:00:05.000+0000',
    ]);
    const datetime = { name: 'When__c', label: 'When', type: 'datetime' } as FieldDef;
    expect(coerceValue(datetime, '2026-03-01T10:00:05.999Z')).toBe('2026-03-01T10:00:05.000+0000');
    expect(coerceValue(datetime, '2026-03-01T12:00:05.250+02:00')).toBe('2026-03-01T10:00:05.000+0000');

    const count = (where: string) =>
      runSoql(org.soqlEnv('62.0'), `SELECT Id FROM Account WHERE ${where}`, false).totalSize;
    expect(count('SystemModstamp = 2026-03-01T10:00:05.678Z')).toBe(1);
    expect(count('SystemModstamp = 2026-03-01T10:00:05Z')).toBe(1);
    expect(count('SystemModstamp > 2026-03-01T10:00:05.999Z')).toBe(0);
    expect(count('SystemModstamp < 2026-03-01T10:00:05.999Z')).toBe(0);
    expect(count('SystemModstamp <= 2026-03-01T10:00:05.001Z')).toBe(1);
    expect(count('SystemModstamp > 2026-03-01T10:00:04.999Z')).toBe(1);
  });
});

describe('a single-currency org', () => {
  let org: SalesforceOrg;
  let api: RestClient;

  beforeAll(async () => {
    org = await startSalesforceOrg({ multiCurrency: false });
    api = await restClient(org);
  });
  afterAll(async () => {
    await org.stop();
  });

  test('the command line option', () => {
    expect(parseArgs(['--single-currency']).multiCurrency).toBe(false);
    expect(parseArgs([]).multiCurrency).toBeUndefined();
  });

  test('no object describes CurrencyIsoCode', async () => {
    for (const sobject of ['Account', 'Contact', 'Opportunity', 'OpportunityLineItem', 'Product2']) {
      const described = (await api.call('GET', `/sobjects/${sobject}/describe`)).body;
      expect(described.fields.map((f: Json) => f.name)).not.toContain('CurrencyIsoCode');
    }
  });

  test('sending CurrencyIsoCode is INVALID_FIELD; selecting it is "No such column"', async () => {
    const write = await api.call('POST', '/sobjects/Account', { Name: 'Acme', CurrencyIsoCode: 'USD' });
    expect(write).toMatchObject({
      status: 400,
      body: [
        {
          errorCode: 'INVALID_FIELD',
          message: "No such column 'CurrencyIsoCode' on sobject of type Account",
          fields: ['CurrencyIsoCode'],
        },
      ],
    });
    const read = await api.call(
      'GET',
      `/query?q=${encodeURIComponent('SELECT Id, CurrencyIsoCode FROM Opportunity')}`,
    );
    expect(read.status).toBe(400);
    expect(read.body[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringMatching(/^No such column 'CurrencyIsoCode' on entity 'Opportunity'\./),
    });
  });

  test('opportunities, price book entries and lines work without a currency', async () => {
    const { entryId } = await seedProduct(org, 'Widget', 25);
    const accountId = await org.insert('Account', { Name: 'Acme' });
    const opp = await api.call('POST', '/sobjects/Opportunity', {
      Name: 'Acme - SO1',
      StageName: 'Closed Won',
      CloseDate: '2026-03-01',
      AccountId: accountId,
    });
    const line = await api.call('POST', '/sobjects/OpportunityLineItem', {
      OpportunityId: opp.body.id,
      PricebookEntryId: entryId,
      Quantity: 2,
      UnitPrice: 25,
    });
    expect(line.status).toBe(201);
    const [saved] = await org.records('Opportunity');
    expect(saved?.Amount).toBe(50);
    expect(saved).not.toHaveProperty('CurrencyIsoCode');
    const [savedLine] = await org.records('OpportunityLineItem');
    expect(savedLine).not.toHaveProperty('CurrencyIsoCode');
  });
});
