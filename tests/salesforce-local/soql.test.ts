// SOQL of the local org: selection, relationships, filters, literals, ordering, paging and errors.
import { startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { restClient, seedProduct, type Json, type RestClient } from './helpers';

let org: SalesforceOrg;
let api: RestClient;
const ids: Record<string, string> = {};

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number): string => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

async function q(soql: string, headers?: Record<string, string>): Promise<Json> {
  return (await api.call('GET', `/query?q=${encodeURIComponent(soql)}`, undefined, headers)).body;
}

const names = async (soql: string): Promise<unknown[]> => (await q(soql)).records.map((r: Json) => r.Name);

beforeAll(async () => {
  org = await startSalesforceOrg();
  api = await restClient(org);
  ids.acme = await org.insert('Account', {
    Name: 'Acme',
    NetSuite_Id__c: 'A1',
    Industry: 'Retail',
    NetSuite_Balance__c: 100,
  });
  ids.beta = await org.insert('Account', {
    Name: 'beta_co',
    NetSuite_Id__c: 'A2',
    Industry: 'Banking',
    NetSuite_Balance__c: 50,
  });
  ids.gamma = await org.insert('Account', {
    Name: 'Gamma 100%',
    Industry: null,
    NetSuite_Balance__c: null,
    ParentId: ids.acme,
  });
  ids.o1 = await org.insert('Opportunity', {
    Name: 'Won deal',
    StageName: 'Closed Won',
    CloseDate: today,
    AccountId: ids.acme,
    NetSuite_Id__c: 'SO-1',
  });
  ids.o2 = await org.insert('Opportunity', {
    Name: 'Old deal',
    StageName: 'Prospecting',
    CloseDate: daysAgo(10),
    AccountId: ids.beta,
    Amount: 10,
  });
  ids.o3 = await org.insert('Opportunity', {
    Name: 'Lonely',
    StageName: 'Qualification',
    CloseDate: '2024-01-01',
  });
  const { entryId } = await seedProduct(org, 'Widget', 5, { NetSuite_Id__c: 'ITEM-9' });
  ids.line = await org.insert('OpportunityLineItem', {
    OpportunityId: ids.o1,
    PricebookEntryId: entryId,
    Quantity: 2,
    UnitPrice: 5,
  });
});

afterAll(async () => {
  await org.stop();
});

describe('selection', () => {
  test('fields and parent relationship fields, nested as Salesforce returns them', async () => {
    const res = await q(
      `SELECT Id, Quantity, Opportunity.NetSuite_Id__c, Opportunity.Account.Name, Product2.NetSuite_Id__c FROM OpportunityLineItem`,
    );
    expect(res).toEqual({
      totalSize: 1,
      done: true,
      records: [
        {
          attributes: {
            type: 'OpportunityLineItem',
            url: `/services/data/v62.0/sobjects/OpportunityLineItem/${ids.line}`,
          },
          Id: ids.line,
          Quantity: 2,
          Opportunity: {
            attributes: { type: 'Opportunity', url: `/services/data/v62.0/sobjects/Opportunity/${ids.o1}` },
            NetSuite_Id__c: 'SO-1',
            Account: {
              attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${ids.acme}` },
              Name: 'Acme',
            },
          },
          Product2: {
            attributes: expect.objectContaining({ type: 'Product2' }),
            NetSuite_Id__c: 'ITEM-9',
          },
        },
      ],
    });
    const lonely = await q(`SELECT Name, Account.Name FROM Opportunity WHERE Name = 'Lonely'`);
    expect(lonely.records[0].Account).toBeNull();
  });

  test('child subqueries, COUNT() and aggregates', async () => {
    const res = await q(
      `SELECT Name, (SELECT Quantity FROM OpportunityLineItems) FROM Opportunity ORDER BY Name`,
    );
    expect(res.records.map((r: Json) => [r.Name, r.OpportunityLineItems?.totalSize ?? null])).toEqual([
      ['Lonely', null],
      ['Old deal', null],
      ['Won deal', 1],
    ]);
    expect(await q('SELECT COUNT() FROM Account')).toEqual({ totalSize: 3, done: true, records: [] });
    const agg = await q('SELECT COUNT(Id) n, SUM(NetSuite_Balance__c), MAX(Name) FROM Account');
    expect(agg.records).toEqual([
      { attributes: { type: 'AggregateResult' }, n: 3, expr0: 150, expr1: 'Gamma 100%' },
    ]);
  });
});

describe('filters', () => {
  test('comparison operators, null, booleans, IN / NOT IN, case-insensitive text', async () => {
    expect(await names(`SELECT Name FROM Account WHERE NetSuite_Balance__c > 60`)).toEqual(['Acme']);
    expect(await names(`SELECT Name FROM Account WHERE NetSuite_Balance__c <= 100 ORDER BY Name`)).toEqual([
      'Acme',
      'beta_co',
    ]);
    expect(await names(`SELECT Name FROM Account WHERE Industry = null`)).toEqual(['Gamma 100%']);
    expect(await names(`SELECT Name FROM Account WHERE Industry != null ORDER BY Name`)).toEqual([
      'Acme',
      'beta_co',
    ]);
    expect(await names(`SELECT Name FROM Account WHERE Name = 'ACME'`)).toEqual(['Acme']);
    expect(
      await names(`SELECT Name FROM Account WHERE NetSuite_Id__c IN ('a1', 'A2') ORDER BY Name`),
    ).toEqual(['Acme', 'beta_co']);
    expect(await names(`SELECT Name FROM Account WHERE Industry NOT IN ('Retail') ORDER BY Name`)).toEqual([
      'beta_co',
      'Gamma 100%',
    ]);
    expect(await names(`SELECT Name FROM Opportunity WHERE IsWon = true`)).toEqual(['Won deal']);
    expect(await names(`SELECT Name FROM Account WHERE Id = '${ids.acme?.slice(0, 15)}'`)).toEqual(['Acme']);
    expect(await names(`SELECT Name FROM Account WHERE Parent.NetSuite_Id__c = 'A1'`)).toEqual([
      'Gamma 100%',
    ]);
  });

  test('AND / OR / NOT with parentheses; mixing AND and OR without them is rejected', async () => {
    expect(
      await names(
        `SELECT Name FROM Account WHERE NOT (Industry = 'Retail' OR Industry = 'Banking') AND Name != 'x'`,
      ),
    ).toEqual(['Gamma 100%']);
    expect(
      await names(
        `SELECT Name FROM Account WHERE (Industry = 'Retail' AND NetSuite_Balance__c = 100) OR Name = 'beta_co' ORDER BY Name`,
      ),
    ).toEqual(['Acme', 'beta_co']);
    expect(await names(`SELECT Name FROM Account WHERE Industry = 'Banking' AND NOT Name LIKE 'a%'`)).toEqual(
      ['beta_co'],
    );
    const mixed = await api.call(
      'GET',
      `/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'")}`,
    );
    expect(mixed.body[0].errorCode).toBe('MALFORMED_QUERY');
  });

  test('LIKE with % and _ wildcards and escapes', async () => {
    expect(await names(`SELECT Name FROM Account WHERE Name LIKE 'ac%'`)).toEqual(['Acme']);
    expect(await names(`SELECT Name FROM Account WHERE Name LIKE 'beta_co'`)).toEqual(['beta_co']);
    expect(await names(`SELECT Name FROM Account WHERE Name LIKE 'beta\\_%'`)).toEqual(['beta_co']);
    expect(await names(`SELECT Name FROM Account WHERE Name LIKE '%100\\%'`)).toEqual(['Gamma 100%']);
  });

  test('date and datetime literals', async () => {
    expect(await names(`SELECT Name FROM Opportunity WHERE CloseDate = TODAY`)).toEqual(['Won deal']);
    expect(
      await names(`SELECT Name FROM Opportunity WHERE CloseDate = LAST_N_DAYS:30 ORDER BY Name`),
    ).toEqual(['Old deal', 'Won deal']);
    expect(await names(`SELECT Name FROM Opportunity WHERE CloseDate < LAST_N_DAYS:30`)).toEqual(['Lonely']);
    expect(await names(`SELECT Name FROM Opportunity WHERE CloseDate >= 2024-01-02 ORDER BY Name`)).toEqual([
      'Old deal',
      'Won deal',
    ]);
    expect(await names(`SELECT Name FROM Opportunity WHERE CreatedDate = TODAY ORDER BY Name`)).toHaveLength(
      3,
    );
    expect(
      await names(`SELECT Name FROM Opportunity WHERE CreatedDate > 2024-01-01T00:00:00Z ORDER BY Name`),
    ).toHaveLength(3);
    expect(await names(`SELECT Name FROM Opportunity WHERE LastModifiedDate < 2024-01-01T00:00:00Z`)).toEqual(
      [],
    );
    const wrong = await api.call(
      'GET',
      `/query?q=${encodeURIComponent('SELECT Id FROM Opportunity WHERE CreatedDate > 2024-01-01')}`,
    );
    expect(wrong.body[0].errorCode).toBe('INVALID_FIELD');
  });

  test('semi-join: accounts with a won opportunity', async () => {
    expect(
      await names(
        `SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity WHERE IsWon = true)`,
      ),
    ).toEqual(['Acme']);
  });
});

describe('ordering, limits, paging', () => {
  test('ORDER BY several fields, DESC, NULLS FIRST (default) / LAST; LIMIT and OFFSET', async () => {
    expect(await names(`SELECT Name FROM Account ORDER BY Industry, Name`)).toEqual([
      'Gamma 100%',
      'beta_co',
      'Acme',
    ]);
    expect(await names(`SELECT Name FROM Account ORDER BY Industry DESC NULLS LAST`)).toEqual([
      'Acme',
      'beta_co',
      'Gamma 100%',
    ]);
    expect(await names(`SELECT Name FROM Account ORDER BY Name DESC LIMIT 2`)).toEqual([
      'Gamma 100%',
      'beta_co',
    ]);
    expect(await names(`SELECT Name FROM Account ORDER BY Name LIMIT 1 OFFSET 1`)).toEqual(['beta_co']);
  });

  test('Sforce-Query-Options batchSize, query locators, queryAll with deleted rows', async () => {
    const many = Array.from({ length: 450 }, (_, i) => ({
      attributes: { type: 'Contact' },
      LastName: `L${i}`,
    }));
    for (let i = 0; i < many.length; i += 200) {
      const res = await api.call('POST', '/composite/sobjects', { records: many.slice(i, i + 200) });
      expect(res.status).toBe(200);
    }
    const first = await q('SELECT Id FROM Contact', { 'Sforce-Query-Options': 'batchSize=200' });
    expect(first).toMatchObject({ totalSize: 450, done: false });
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w{12}-200$/);
    const second = (await api.call('GET', first.nextRecordsUrl)).body;
    expect(second).toMatchObject({ totalSize: 450, done: false });
    const third = (await api.call('GET', second.nextRecordsUrl)).body;
    expect(third).toMatchObject({ done: true });
    expect(third.records).toHaveLength(50);
    expect(third.nextRecordsUrl).toBeUndefined();
    expect((await api.call('GET', '/query/01gAAAAAAAAAAAA-200')).body[0].errorCode).toBe(
      'INVALID_QUERY_LOCATOR',
    );

    await api.call('DELETE', `/sobjects/Account/${ids.gamma}`);
    expect((await q('SELECT COUNT() FROM Account')).totalSize).toBe(2);
    const all = (
      await api.call(
        'GET',
        `/queryAll?q=${encodeURIComponent('SELECT Name, IsDeleted FROM Account ORDER BY Name')}`,
      )
    ).body;
    expect(all.records.map((r: Json) => [r.Name, r.IsDeleted])).toEqual([
      ['Acme', false],
      ['beta_co', false],
      ['Gamma 100%', true],
    ]);
  });
});

describe('errors', () => {
  const error = async (soql: string): Promise<Json> =>
    (await api.call('GET', `/query?q=${encodeURIComponent(soql)}`)).body[0];

  test('MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE with Salesforce messages', async () => {
    expect((await error('SELECT FROM Account')).errorCode).toBe('MALFORMED_QUERY');
    expect(await error('SELECT Foo__c FROM Account')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringMatching(/^No such column 'Foo__c' on entity 'Account'/),
    });
    expect((await error('SELECT Owner.Bogus FROM Account')).errorCode).toBe('INVALID_FIELD');
    expect((await error('SELECT Nope.Name FROM Account')).message).toMatch(
      /^Didn't understand relationship 'Nope'/,
    );
    expect((await error("SELECT Id FROM Account WHERE NetSuite_Balance__c = '5'")).message).toBe(
      "value of filter criterion for field 'NetSuite_Balance__c' must be of type double and should not be enclosed in quotes",
    );
    expect((await error('SELECT Id FROM Account WHERE Name = 5')).errorCode).toBe('INVALID_FIELD');
    expect(await error('SELECT Id FROM Widget__c')).toMatchObject({ errorCode: 'INVALID_TYPE' });
    expect((await error('SELECT Name FROM Account GROUP BY Name')).errorCode).toBe('MALFORMED_QUERY');
    expect((await api.call('GET', '/query')).body[0].errorCode).toBe('MALFORMED_QUERY');
  });
});
