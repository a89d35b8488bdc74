// Conformance: jsforce (the common Node client for Salesforce) drives the local org through the calls the
// sync makes and gets the values a real org returns.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Connection } from 'jsforce';
import { startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import type { Json } from './helpers';

jest.setTimeout(120000);

let org: SalesforceOrg;
let conn: Connection;

beforeAll(async () => {
  org = await startSalesforceOrg();
  conn = new Connection({
    oauth2: { clientId: org.clientId, clientSecret: org.clientSecret, loginUrl: org.instanceUrl },
    version: '62.0',
  });
  await conn.authorize({ grant_type: 'client_credentials' });
});

afterAll(async () => {
  await org.stop();
});

async function errorOf(p: PromiseLike<unknown>): Promise<Json> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describe('jsforce against the local org', () => {
  test('client credentials flow establishes a session on the instance', async () => {
    expect(conn.instanceUrl).toBe(org.instanceUrl);
    expect(conn.accessToken).toMatch(/^00D\w{12}!AQ/);
    expect(conn.userInfo?.organizationId).toMatch(/^00D\w{15}$/);
  });

  test('create, retrieve, update, delete', async () => {
    const created = await conn
      .sobject('Account')
      .create({ Name: 'Acme Corp', NetSuite_Id__c: 'C-1', Industry: 'Retail' });
    expect(created).toEqual({ id: expect.stringMatching(/^001\w{15}$/), success: true, errors: [] });

    const fetched = await conn.sobject('Account').retrieve(created.id as string);
    expect(fetched).toMatchObject({
      Id: created.id,
      Name: 'Acme Corp',
      NetSuite_Id__c: 'C-1',
      Industry: 'Retail',
      IsDeleted: false,
    });

    const updated = await conn
      .sobject('Account')
      .update({ Id: created.id as string, Name: 'Acme Corporation' });
    expect(updated).toEqual({ id: created.id, success: true, errors: [] });
    expect((await conn.sobject('Account').retrieve(created.id as string)).Name).toBe('Acme Corporation');

    const deleted = await conn.sobject('Account').destroy(created.id as string);
    expect(deleted).toEqual({ id: created.id, success: true, errors: [] });
    const gone = await errorOf(conn.sobject('Account').retrieve(created.id as string));
    expect(gone.errorCode).toBe('ENTITY_IS_DELETED');
  });

  test('upsert by external ID: created, then updated', async () => {
    const first = await conn
      .sobject('Account')
      .upsert({ NetSuite_Id__c: 'U-77', Name: 'Upserted' }, 'NetSuite_Id__c');
    expect(first).toEqual({ id: expect.stringMatching(/^001/), success: true, errors: [], created: true });
    const second = await conn
      .sobject('Account')
      .upsert({ NetSuite_Id__c: 'U-77', Name: 'Upserted again' }, 'NetSuite_Id__c');
    expect(second).toEqual({ id: first.id, success: true, errors: [], created: false });
    const rows = await conn.query<{ Name: string }>("SELECT Name FROM Account WHERE NetSuite_Id__c = 'U-77'");
    expect(rows.totalSize).toBe(1);
    expect(rows.records[0]?.Name).toBe('Upserted again');
  });

  test('query with paging over more than 2,000 records (autoFetch)', async () => {
    const records = Array.from({ length: 2150 }, (_, i) => ({
      Name: `Paged ${String(i).padStart(4, '0')}`,
      Site: 'paging',
    }));
    const results = await conn.sobject('Account').create(records, { allowRecursive: true });
    expect(results).toHaveLength(2150);
    expect(results.every((r) => r.success)).toBe(true);

    const query = conn.query<{ Name: string }>(
      "SELECT Id, Name FROM Account WHERE Site = 'paging' ORDER BY Name",
      {
        autoFetch: true,
        maxFetch: 5000,
      },
    );
    const all = await query;
    expect(all.totalSize).toBe(2150);
    expect(all.records).toHaveLength(2150);
    expect(all.records[0]?.Name).toBe('Paged 0000');
    expect(all.records[2149]?.Name).toBe('Paged 2149');

    const firstPage = await conn.query("SELECT Id FROM Account WHERE Site = 'paging'");
    expect(firstPage.done).toBe(false);
    expect(firstPage.records).toHaveLength(2000);
    expect(firstPage.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g\w+-2000$/);
    const next = await conn.queryMore(firstPage.nextRecordsUrl as string);
    expect(next.done).toBe(true);
    expect(next.records).toHaveLength(150);
  });

  test('composite/sobjects create of 200 records is one API call with results in order', async () => {
    const before = await org.apiCalls();
    const records = Array.from({ length: 200 }, (_, i) => ({
      LastName: `Bulk ${i}`,
      NetSuite_Id__c: `K-${i}`,
    }));
    const results = await conn.sobject('Contact').create(records);
    const after = await org.apiCalls();
    expect(results).toHaveLength(200);
    expect(results.every((r) => r.success && /^003/.test(String(r.id)))).toBe(true);
    expect(after.total - before.total).toBe(1);
    expect((after.byEndpoint.collections ?? 0) - (before.byEndpoint.collections ?? 0)).toBe(1);
    const contacts = await org.records('Contact');
    const byId = new Map(contacts.map((c) => [c.Id, c.LastName]));
    expect(byId.get(results[0]?.id)).toBe('Bulk 0');
    expect(byId.get(results[199]?.id)).toBe('Bulk 199');
  });

  test('composite request with references between subrequests', async () => {
    const res = await conn.request<{
      compositeResponse: Array<{ httpStatusCode: number; referenceId: string; body: Json }>;
    }>({
      method: 'POST',
      url: '/composite',
      body: JSON.stringify({
        allOrNone: true,
        compositeRequest: [
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Account',
            referenceId: 'acct',
            body: { Name: 'Ref Parent' },
          },
          {
            method: 'POST',
            url: '/services/data/v62.0/sobjects/Contact',
            referenceId: 'person',
            body: { LastName: 'Ref Child', AccountId: '@{acct.id}' },
          },
          {
            method: 'GET',
            url: "/services/data/v62.0/query?q=SELECT+Id,Account.Name+FROM+Contact+WHERE+AccountId='@{acct.id}'",
            referenceId: 'check',
          },
          {
            method: 'PATCH',
            url: '/services/data/v62.0/sobjects/Account/@{acct.id}',
            referenceId: 'rename',
            body: { Description: 'Contact @{person.id}' },
          },
        ],
      }),
      headers: { 'content-type': 'application/json' },
    });
    const [acct, person, check, rename] = res.compositeResponse;
    expect(acct).toMatchObject({ httpStatusCode: 201, referenceId: 'acct', body: { success: true } });
    expect(person).toMatchObject({ httpStatusCode: 201, body: { success: true } });
    expect(check?.body.records[0].Account.Name).toBe('Ref Parent');
    expect(check?.body.records[0].Id).toBe(person?.body.id);
    expect(rename?.httpStatusCode).toBe(204);
    const account = (await conn.sobject('Account').retrieve(acct?.body.id)) as Json;
    expect(account.Description).toBe(`Contact ${person?.body.id}`);
  });

  test('errors come back as jsforce errors with the Salesforce errorCode', async () => {
    expect((await errorOf(conn.sobject('Account').create({ Nope__c: 1 }))).errorCode).toBe('INVALID_FIELD');
    expect((await errorOf(conn.sobject('Account').create({ Description: 'no name' }))).errorCode).toBe(
      'REQUIRED_FIELD_MISSING',
    );
    expect((await errorOf(conn.sobject('Account').create({ Name: 'x'.repeat(256) }))).errorCode).toBe(
      'STRING_TOO_LONG',
    );
    expect((await errorOf(conn.sobject('Account').retrieve('001notanid'))).errorCode).toBe('MALFORMED_ID');
    expect((await errorOf(conn.sobject('Account').retrieve('001000000000000AAA'))).errorCode).toBe(
      'NOT_FOUND',
    );
    expect((await errorOf(conn.query('SELECT Id FROM'))).errorCode).toBe('MALFORMED_QUERY');
    expect((await errorOf(conn.query('SELECT Bogus FROM Account'))).errorCode).toBe('INVALID_FIELD');
    const opp = await errorOf(
      conn.sobject('Opportunity').create({
        Name: 'x',
        StageName: 'Closed Won',
        CloseDate: '2026-01-31',
        NetSuite_Sync_Status__c: 'Maybe',
      }),
    );
    expect(opp.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const contact = await errorOf(
      conn.sobject('Contact').create({ LastName: 'x', AccountId: '001000000000000AAA' }),
    );
    expect(contact.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');

    await conn.sobject('Account').create({ Name: 'Dup 1', NetSuite_Id__c: 'DUP' });
    const dup = await errorOf(conn.sobject('Account').create({ Name: 'Dup 2', NetSuite_Id__c: 'dup' }));
    expect(dup.errorCode).toBe('DUPLICATE_VALUE');
  });

  test('limit info is parsed from Sforce-Limit-Info', async () => {
    await conn.query('SELECT Id FROM Account LIMIT 1');
    const calls = await org.apiCalls();
    expect(conn.limitInfo.apiUsage).toEqual({ used: calls.total, limit: 100000 });
  });
});

describe('jsforce against an org with a non-unique External ID field', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sf-local-meta-'));
  let other: SalesforceOrg;
  let c: Connection;

  beforeAll(async () => {
    const fields = path.join(
      dir,
      'salesforce',
      'force-app',
      'main',
      'default',
      'objects',
      'Account',
      'fields',
    );
    fs.mkdirSync(fields, { recursive: true });
    fs.writeFileSync(
      path.join(fields, 'Legacy_Id__c.field-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Legacy_Id__c</fullName>
    <externalId>true</externalId>
    <label>Legacy ID</label>
    <length>20</length>
    <type>Text</type>
</CustomField>
`,
    );
    other = await startSalesforceOrg({ projectDir: dir });
    c = new Connection({ instanceUrl: other.instanceUrl, accessToken: await token(other), version: '62.0' });
  });

  afterAll(async () => {
    await other.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an upsert matching two records fails with MULTIPLE_CHOICES and the matching URLs', async () => {
    const a = await other.insert('Account', { Name: 'A', Legacy_Id__c: 'L1' });
    const b = await other.insert('Account', { Name: 'B', Legacy_Id__c: 'l1' });
    const err = await errorOf(c.sobject('Account').upsert({ Legacy_Id__c: 'L1', Name: 'C' }, 'Legacy_Id__c'));
    expect(err.errorCode).toBe('MULTIPLE_CHOICES');
    expect(err.data).toEqual([
      `/services/data/v62.0/sobjects/Account/${a}`,
      `/services/data/v62.0/sobjects/Account/${b}`,
    ]);
  });

  test('fields of the project metadata only exist in the org that loaded them', async () => {
    expect((await errorOf(conn.sobject('Account').create({ Name: 'x', Legacy_Id__c: '1' }))).errorCode).toBe(
      'INVALID_FIELD',
    );
    const describe = await c.sobject('Account').describe();
    expect(describe.fields.find((f) => f.name === 'Legacy_Id__c')).toMatchObject({
      externalId: true,
      unique: false,
      length: 20,
      type: 'string',
    });
  });
});

async function token(o: SalesforceOrg): Promise<string> {
  const res = await fetch(o.tokenUrl, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: o.clientId,
      client_secret: o.clientSecret,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
