// sObject rows: field checks, ids, references by external ID, upsert, describe, contracts, account
// hierarchies, the Contract Item custom object from the project's metadata.
import { caseSafeSuffix } from '../../tools/salesforce-local/ids';
import { startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { restClient, type Json, type RestClient } from './helpers';

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

const err = (res: { body: Json }): { errorCode: string; message: string; fields: string[] } => res.body[0];

describe('field checks', () => {
  test('unknown field, missing required field, too long, read-only field', async () => {
    expect(err(await api.call('POST', '/sobjects/Account', { Name: 'a', Colour__c: 'red' }))).toEqual({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Colour__c' on sobject of type Account",
      fields: ['Colour__c'],
    });
    expect(err(await api.call('POST', '/sobjects/Opportunity', { Name: 'o' }))).toEqual({
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [StageName, CloseDate]',
      fields: ['StageName', 'CloseDate'],
    });
    const tooLong = await api.call('POST', '/sobjects/Account', {
      Name: 'a',
      NetSuite_On_Hold__c: 'x'.repeat(21),
    });
    expect(tooLong.status).toBe(400);
    expect(err(tooLong)).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['NetSuite_On_Hold__c'] });
    expect(err(tooLong).message).toMatch(/max length=20\)$/);
    expect(err(await api.call('POST', '/sobjects/Contact', { LastName: 'x', Name: 'y' }))).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['Name'],
    });
  });

  test('numbers: rounded to the field scale (assumption), range checked; bad dates and booleans rejected', async () => {
    const { body } = await api.call('POST', '/sobjects/Account', {
      Name: 'n',
      NetSuite_Balance__c: '1234.565',
    });
    expect((await org.records('Account'))[0]).toMatchObject({ Id: body.id, NetSuite_Balance__c: 1234.57 });
    expect(
      err(await api.call('POST', '/sobjects/Account', { Name: 'n', NetSuite_Balance__c: 1e14 })),
    ).toMatchObject({
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      fields: ['NetSuite_Balance__c'],
    });
    const date = await api.call('POST', '/sobjects/Opportunity', {
      Name: 'o',
      StageName: 'Prospecting',
      CloseDate: '2026-02-30',
    });
    expect(err(date)).toMatchObject({ errorCode: 'JSON_PARSER_ERROR', fields: ['CloseDate'] });
    const flag = await api.call('POST', '/sobjects/Opportunity', {
      Name: 'o',
      StageName: 'Prospecting',
      CloseDate: '2026-02-28',
      Skip_Export_To_NetSuite__c: 'yes',
    });
    expect(err(flag).errorCode).toBe('JSON_PARSER_ERROR');
  });

  test('an empty string is stored as null; field names are case-insensitive', async () => {
    const { body } = await api.call('POST', '/sobjects/Account', { name: 'lower', Phone: '' });
    const rec = await api.call('GET', `/sobjects/Account/${body.id}?fields=Name,Phone`);
    expect(rec.body).toEqual({
      attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${body.id}` },
      Name: 'lower',
      Phone: null,
      Id: body.id,
    });
  });
});

describe('ids', () => {
  test('18-character ids with the object key prefix and a correct case-safe suffix; 15 characters accepted', async () => {
    const ids = {
      Account: await org.insert('Account', { Name: 'a' }),
      Product2: await org.insert('Product2', { Name: 'p' }),
      Pricebook2: await org.insert('Pricebook2', { Name: 'b' }),
      Contract: '',
    };
    ids.Contract = await org.insert('Contract', { AccountId: ids.Account });
    expect(ids.Account.slice(0, 3)).toBe('001');
    expect(ids.Product2.slice(0, 3)).toBe('01t');
    expect(ids.Pricebook2.slice(0, 3)).toBe('01s');
    expect(ids.Contract.slice(0, 3)).toBe('800');
    for (const id of Object.values(ids)) expect(id.slice(15)).toBe(caseSafeSuffix(id.slice(0, 15)));
    const short = ids.Account.slice(0, 15);
    const res = await api.call('GET', `/sobjects/Account/${short}`);
    expect(res.body.Id).toBe(ids.Account);
    expect((await api.call('PATCH', `/sobjects/Account/${short}`, { Name: 'b' })).status).toBe(204);
  });

  test('malformed, wrong-object and unknown ids', async () => {
    const acct = await org.insert('Account', { Name: 'a' });
    expect(await api.call('GET', '/sobjects/Account/xyz')).toMatchObject({
      status: 400,
      body: [{ errorCode: 'MALFORMED_ID' }],
    });
    const contactId = await org.insert('Contact', { LastName: 'c' });
    expect(err(await api.call('GET', `/sobjects/Account/${contactId}`)).errorCode).toBe('MALFORMED_ID');
    expect(await api.call('GET', '/sobjects/Account/001000000000001AAA')).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    });
    expect(
      err(await api.call('POST', '/sobjects/Contact', { LastName: 'c', AccountId: contactId })),
    ).toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      fields: ['AccountId'],
    });
    expect(
      err(await api.call('POST', '/sobjects/Contact', { LastName: 'c', AccountId: 'bad' })).errorCode,
    ).toBe('MALFORMED_ID');
    await api.call('DELETE', `/sobjects/Account/${acct}`);
    expect(await api.call('PATCH', `/sobjects/Account/${acct}`, { Name: 'z' })).toMatchObject({
      status: 404,
      body: [{ errorCode: 'ENTITY_IS_DELETED' }],
    });
    expect(
      err(await api.call('POST', '/sobjects/Contact', { LastName: 'c', AccountId: acct })).errorCode,
    ).toBe('INVALID_CROSS_REFERENCE_KEY');
  });
});

describe('relationships by external ID', () => {
  test('"Account": {"NetSuite_Id__c": …} resolves AccountId; an unknown value is an error', async () => {
    const acct = await org.insert('Account', { Name: 'Parent', NetSuite_Id__c: 'NS-5' });
    const res = await api.call('POST', '/sobjects/Contact', {
      LastName: 'Kid',
      Account: { NetSuite_Id__c: 'ns-5' },
    });
    expect(res.status).toBe(201);
    expect((await api.call('GET', `/sobjects/Contact/${res.body.id}?fields=AccountId`)).body.AccountId).toBe(
      acct,
    );
    const missing = await api.call('POST', '/sobjects/Contact', {
      LastName: 'Kid',
      Account: { NetSuite_Id__c: 'NS-404' },
    });
    expect(err(missing)).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: 'Foreign key external ID: NS-404 not found for field NetSuite_Id__c in entity Account',
    });
    const notExternal = await api.call('POST', '/sobjects/Contact', {
      LastName: 'Kid',
      Account: { Name: 'Parent' },
    });
    expect(err(notExternal).errorCode).toBe('INVALID_FIELD');
  });

  test('custom lookups resolve through their __r relationship', async () => {
    const acct = await org.insert('Account', { Name: 'A' });
    const contract = await org.insert('Contract', { AccountId: acct, NetSuite_Id__c: 'CT-1' });
    const product = await org.insert('Product2', { Name: 'P', NetSuite_Id__c: 'IT-1' });
    const res = await api.call('PATCH', '/sobjects/NetSuite_Contract_Item__c/NetSuite_Id__c/CI-1', {
      Name: 'Line 1',
      Contract__r: { NetSuite_Id__c: 'CT-1' },
      Product__r: { NetSuite_Id__c: 'IT-1' },
      Quantity__c: 2,
      Price__c: 99.5,
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^a0X/);
    const [item] = await org.records('NetSuite_Contract_Item__c');
    expect(item).toMatchObject({
      Contract__c: contract,
      Product__c: product,
      Quantity__c: 2,
      Price__c: 99.5,
    });
  });
});

describe('upsert by external ID', () => {
  test('201 created / 200 updated (API ≥ 46); also as POST ?_HttpMethod=PATCH', async () => {
    const created = await api.call('POST', '/sobjects/Account/NetSuite_Id__c/N1?_HttpMethod=PATCH', {
      Name: 'One',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^001/),
      success: true,
      errors: [],
      created: true,
    });
    const updated = await api.call('PATCH', '/sobjects/Account/NetSuite_Id__c/N1', { Name: 'Uno' });
    expect(updated).toMatchObject({
      status: 200,
      body: { id: created.body.id, success: true, errors: [], created: false },
    });
    const byExt = await api.call('GET', '/sobjects/Account/NetSuite_Id__c/n1');
    expect(byExt.body).toMatchObject({ Id: created.body.id, Name: 'Uno' });
  });

  test('errors: ext-id field repeated in the body, not an external ID, duplicate value, updateOnly', async () => {
    const repeated = await api.call('PATCH', '/sobjects/Account/NetSuite_Id__c/N2', {
      Name: 'x',
      NetSuite_Id__c: 'N2',
    });
    expect(err(repeated).errorCode).toBe('INVALID_FIELD');
    expect(await api.call('PATCH', '/sobjects/Account/Name/N2', { Phone: '1' })).toMatchObject({
      status: 404,
      body: [{ errorCode: 'NOT_FOUND' }],
    });
    await org.insert('Account', { Name: 'holder', NetSuite_Id__c: 'TAKEN' });
    const other = await org.insert('Account', { Name: 'other', NetSuite_Id__c: 'FREE' });
    const dup = await api.call('PATCH', `/sobjects/Account/${other}`, { NetSuite_Id__c: 'taken' });
    expect(err(dup)).toMatchObject({ errorCode: 'DUPLICATE_VALUE', fields: ['NetSuite_Id__c'] });
    expect(
      (await api.call('PATCH', '/sobjects/Account/NetSuite_Id__c/NOPE?updateOnly=true', { Name: 'x' }))
        .status,
    ).toBe(404);
    expect((await api.call('DELETE', '/sobjects/Account/NetSuite_Id__c/FREE')).status).toBe(204);
    expect(await org.records('Account')).toHaveLength(1);
  });
});

describe('describe', () => {
  test('fields with type, length, external ID, unique, picklist values and references', async () => {
    const res = await api.call('GET', '/sobjects/Opportunity/describe');
    expect(res.body).toMatchObject({ name: 'Opportunity', keyPrefix: '006', createable: true });
    const field = (name: string): Json => res.body.fields.find((f: { name: string }) => f.name === name);
    expect(field('NetSuite_Id__c')).toMatchObject({
      type: 'string',
      length: 40,
      externalId: true,
      unique: true,
      caseSensitive: false,
      custom: true,
    });
    expect(field('Name')).toMatchObject({ type: 'string', length: 120, nillable: false, createable: true });
    expect(field('IsWon')).toMatchObject({ type: 'boolean', createable: false, updateable: false });
    expect(field('NetSuite_Estimate_Total__c')).toMatchObject({ type: 'currency', precision: 16, scale: 2 });
    expect(field('NetSuite_Order_Type__c').picklistValues.map((p: { value: string }) => p.value)).toEqual([
      'Contract New',
      'Contract Upsell',
      'Contract Renewal',
    ]);
    expect(field('NetSuite_Contract__c')).toMatchObject({
      type: 'reference',
      referenceTo: ['Contract'],
      relationshipName: 'NetSuite_Contract__r',
    });
    const item = await api.call('GET', '/sobjects/NetSuite_Contract_Item__c/describe');
    expect(item.body).toMatchObject({ label: 'Contract Item', custom: true, keyPrefix: 'a0X' });
    const contract = await api.call('GET', '/sobjects/Contract/describe');
    expect(contract.body.childRelationships).toContainEqual({
      childSObject: 'NetSuite_Contract_Item__c',
      field: 'Contract__c',
      relationshipName: 'Contract_Items__r',
      cascadeDelete: true,
    });
    expect((await api.call('GET', '/sobjects/Nothing__c/describe')).status).toBe(404);
  });
});

describe('contracts', () => {
  test('EndDate = StartDate + ContractTerm months − 1 day; ContractNumber auto; StatusCode from Status', async () => {
    const acct = await org.insert('Account', { Name: 'A' });
    const res = await api.call('POST', '/sobjects/Contract', {
      AccountId: acct,
      StartDate: '2026-01-15',
      ContractTerm: 12,
    });
    const c = (await api.call('GET', `/sobjects/Contract/${res.body.id}`)).body;
    expect(c).toMatchObject({
      EndDate: '2027-01-14',
      ContractNumber: '00000100',
      Status: 'Draft',
      StatusCode: 'Draft',
    });
    await api.call('PATCH', `/sobjects/Contract/${res.body.id}`, {
      StartDate: '2026-03-01',
      ContractTerm: 1,
    });
    expect((await api.call('GET', `/sobjects/Contract/${res.body.id}`)).body.EndDate).toBe('2026-03-31');
    const second = await api.call('POST', '/sobjects/Contract', { AccountId: acct });
    expect((await api.call('GET', `/sobjects/Contract/${second.body.id}`)).body).toMatchObject({
      ContractNumber: '00000101',
      EndDate: null,
    });
    expect(err(await api.call('POST', '/sobjects/Contract', { StartDate: '2026-01-01' })).errorCode).toBe(
      'REQUIRED_FIELD_MISSING',
    );
  });

  test('created in Draft, activated by an update of Status alone, then locked in Activated', async () => {
    const acct = await org.insert('Account', { Name: 'A' });
    expect(
      err(await api.call('POST', '/sobjects/Contract', { AccountId: acct, Status: 'Activated' })).errorCode,
    ).toBe('FIELD_INTEGRITY_EXCEPTION');
    const { body } = await api.call('POST', '/sobjects/Contract', {
      AccountId: acct,
      StartDate: '2026-01-01',
      ContractTerm: 6,
    });
    const path = `/sobjects/Contract/${body.id}`;
    expect(err(await api.call('PATCH', path, { Status: 'Activated', ContractTerm: 12 })).errorCode).toBe(
      'FIELD_INTEGRITY_EXCEPTION',
    );
    expect((await api.call('PATCH', path, { Status: 'Activated' })).status).toBe(204);
    expect((await api.call('GET', path)).body).toMatchObject({
      Status: 'Activated',
      StatusCode: 'Activated',
      ActivatedDate: expect.any(String),
    });
    expect(err(await api.call('PATCH', path, { Status: 'Draft' })).errorCode).toBe(
      'FIELD_INTEGRITY_EXCEPTION',
    );
    expect((await api.call('PATCH', path, { NetSuite_Sync__c: 'synced' })).status).toBe(204);
    expect(err(await api.call('DELETE', path)).errorCode).toBe('DELETE_FAILED');
    expect(err(await api.call('PATCH', path, { Status: 'Expired' })).errorCode).toBe(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    );
  });

  test('Contract Items: master-detail children deleted with their contract, master not re-parentable', async () => {
    const acct = await org.insert('Account', { Name: 'A' });
    const c1 = await org.insert('Contract', { AccountId: acct });
    const c2 = await org.insert('Contract', { AccountId: acct });
    const item = await org.insert('NetSuite_Contract_Item__c', { Name: 'I', Contract__c: c1 });
    expect(
      err(await api.call('POST', '/sobjects/NetSuite_Contract_Item__c', { Contract__c: c1 })).errorCode,
    ).toBe('REQUIRED_FIELD_MISSING');
    expect(
      err(await api.call('PATCH', `/sobjects/NetSuite_Contract_Item__c/${item}`, { Contract__c: c2 }))
        .errorCode,
    ).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const opp = await org.insert('Opportunity', {
      Name: 'R',
      StageName: 'Prospecting',
      CloseDate: '2026-01-01',
      NetSuite_Contract__c: c1,
    });
    expect((await api.call('DELETE', `/sobjects/Contract/${c1}`)).status).toBe(204);
    expect(await org.records('NetSuite_Contract_Item__c')).toEqual([]);
    // A lookup to the deleted contract is cleared.
    expect((await org.records('Opportunity')).find((o) => o.Id === opp)?.NetSuite_Contract__c).toBeNull();
  });
});

describe('accounts', () => {
  test('a parent cycle is rejected (assumption: CIRCULAR_DEPENDENCY); deleting an account deletes its contacts', async () => {
    const a = await org.insert('Account', { Name: 'A' });
    const b = await org.insert('Account', { Name: 'B', ParentId: a });
    expect(err(await api.call('PATCH', `/sobjects/Account/${a}`, { ParentId: b })).errorCode).toBe(
      'CIRCULAR_DEPENDENCY',
    );
    await org.insert('Contact', { LastName: 'C', AccountId: b });
    expect((await api.call('DELETE', `/sobjects/Account/${b}`)).status).toBe(204);
    expect(await org.records('Contact')).toEqual([]);
    expect(await org.records('Contact', { includeDeleted: true })).toEqual([
      expect.objectContaining({ IsDeleted: true }),
    ]);
  });
});
