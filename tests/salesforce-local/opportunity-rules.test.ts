// Opportunity, opportunity product and price book rules of the local org, with the values Salesforce
// computes (or, where marked, the values assumed here).
import { startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { restClient, type Json, seedProduct, type RestClient } from './helpers';

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

const opportunity = (extra: Record<string, unknown> = {}): Promise<string> =>
  org.insert('Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-06-30', ...extra });

async function get(sobject: string, id: string): Promise<Record<string, Json>> {
  const res = await api.call('GET', `/sobjects/${sobject}/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function addLine(body: Record<string, unknown>): Promise<{ status: number; body: Json }> {
  return api.call('POST', '/sobjects/OpportunityLineItem', body);
}

describe('Opportunity stage', () => {
  test('IsClosed, IsWon, Probability and ForecastCategoryName follow StageName', async () => {
    const id = await opportunity({ Amount: 1000 });
    expect(await get('Opportunity', id)).toMatchObject({
      IsClosed: false,
      IsWon: false,
      Probability: 10,
      ForecastCategoryName: 'Pipeline',
      ExpectedRevenue: 100,
    });
    expect((await api.call('PATCH', `/sobjects/Opportunity/${id}`, { StageName: 'Closed Won' })).status).toBe(
      204,
    );
    expect(await get('Opportunity', id)).toMatchObject({
      IsClosed: true,
      IsWon: true,
      Probability: 100,
      ForecastCategoryName: 'Closed',
      ExpectedRevenue: 1000,
    });
    await api.call('PATCH', `/sobjects/Opportunity/${id}`, { StageName: 'Closed Lost' });
    expect(await get('Opportunity', id)).toMatchObject({ IsClosed: true, IsWon: false, Probability: 0 });
  });

  test('IsWon cannot be written; an unknown stage is rejected (assumption: restricted)', async () => {
    const id = await opportunity();
    const ro = await api.call('PATCH', `/sobjects/Opportunity/${id}`, { IsWon: true });
    expect(ro.status).toBe(400);
    expect(ro.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['IsWon'] });
    const bad = await api.call('PATCH', `/sobjects/Opportunity/${id}`, { StageName: 'Won' });
    expect(bad.body[0]).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Stage: bad value for restricted picklist field: Won',
    });
  });

  test('OpportunityStage lists the stages of a new org, read-only', async () => {
    const res = await api.call(
      'GET',
      `/query?q=${encodeURIComponent('SELECT ApiName, DefaultProbability FROM OpportunityStage WHERE IsWon = true')}`,
    );
    expect(res.body.records).toEqual([
      expect.objectContaining({ ApiName: 'Closed Won', DefaultProbability: 100 }),
    ]);
    const write = await api.call('POST', '/sobjects/OpportunityStage', { ApiName: 'Mine' });
    expect(write.status).toBe(400);
  });
});

describe('Opportunity products', () => {
  test('the first line sets the price book; Amount is the sum of line totals and then ignores updates', async () => {
    const { entryId, standardBookId } = await seedProduct(org, 'Widget', 100);
    const oppId = await opportunity({ Amount: 5000 });
    const line = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: entryId,
      Quantity: 2,
      UnitPrice: 100,
      Discount: 10,
    });
    expect(line.status).toBe(201);
    const second = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: entryId,
      Quantity: 1,
      UnitPrice: 300,
      Discount: 10,
    });
    expect(second.status).toBe(201);
    let opp = await get('Opportunity', oppId);
    expect(opp).toMatchObject({ Pricebook2Id: standardBookId, Amount: 450, HasOpportunityLineItem: true });

    // With products, an Amount update is ignored (not rejected) and other fields of the update still save.
    const res = await api.call('PATCH', `/sobjects/Opportunity/${oppId}`, { Amount: 1, Description: 'kept' });
    expect(res.status).toBe(204);
    opp = await get('Opportunity', oppId);
    expect(opp).toMatchObject({ Amount: 450, Description: 'kept' });
  });

  test('line values: derived fields, TotalPrice rounding, UnitPrice from TotalPrice kept unrounded', async () => {
    const { entryId, productId } = await seedProduct(org, 'Gadget', 40, { ProductCode: 'GAD-1' });
    const oppId = await opportunity({ Name: 'Big Deal' });
    const a = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: entryId,
      Quantity: 3,
      UnitPrice: 33.33,
      Discount: 10,
    });
    const b = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: entryId,
      Quantity: 3,
      TotalPrice: 100,
    });
    expect(await get('OpportunityLineItem', a.body.id)).toMatchObject({
      TotalPrice: 89.99, // 3 × 33.33 × 0.9 = 89.991
      Subtotal: 99.99,
      ListPrice: 40,
      Product2Id: productId,
      ProductCode: 'GAD-1',
      Name: 'Big Deal Gadget',
      CurrencyIsoCode: 'USD',
    });
    const lineB = await get('OpportunityLineItem', b.body.id);
    expect(lineB.TotalPrice).toBe(100);
    expect(lineB.UnitPrice).toBeCloseTo(33.3333333333, 9);
    expect((await get('Opportunity', oppId)).Amount).toBe(189.99);
  });

  test('worked example: 1 × 1,000 at 14.5 % and 4 × 25 at 10 % make 945.00', async () => {
    const a = await seedProduct(org, 'A', 1000);
    const b = await seedProduct(org, 'B', 25);
    const oppId = await opportunity();
    await addLine({
      OpportunityId: oppId,
      PricebookEntryId: a.entryId,
      Quantity: 1,
      UnitPrice: 1000,
      Discount: 14.5,
    });
    await addLine({
      OpportunityId: oppId,
      PricebookEntryId: b.entryId,
      Quantity: 4,
      UnitPrice: 25,
      Discount: 10,
    });
    expect((await get('Opportunity', oppId)).Amount).toBe(945);
  });

  test('updates: Quantity alone holds TotalPrice, Discount alone holds UnitPrice, both prices is an error', async () => {
    const { entryId } = await seedProduct(org, 'W', 10);
    const oppId = await opportunity();
    const { body } = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: entryId,
      Quantity: 2,
      UnitPrice: 50,
    });
    const path = `/sobjects/OpportunityLineItem/${body.id}`;
    await api.call('PATCH', path, { Quantity: 4 });
    expect(await get('OpportunityLineItem', body.id)).toMatchObject({
      Quantity: 4,
      TotalPrice: 100,
      UnitPrice: 25,
    });
    await api.call('PATCH', path, { Discount: 20 });
    expect(await get('OpportunityLineItem', body.id)).toMatchObject({ UnitPrice: 25, TotalPrice: 80 });
    const both = await api.call('PATCH', path, { UnitPrice: 1, TotalPrice: 2 });
    expect(both.status).toBe(400);
    expect(both.body[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "Cannot change both 'UnitPrice' and 'TotalPrice' in update call",
    });
    expect((await get('Opportunity', oppId)).Amount).toBe(80);
  });

  test('rejected lines: both prices, zero quantity, discount out of range, entry of another book, inactive entry', async () => {
    const { entryId, productId, standardBookId } = await seedProduct(org, 'P', 10);
    const oppId = await opportunity({ Pricebook2Id: standardBookId });
    const code = async (body: Record<string, unknown>): Promise<[string, string]> => {
      const res = await addLine({ OpportunityId: oppId, PricebookEntryId: entryId, Quantity: 1, ...body });
      expect(res.status).toBe(400);
      return [res.body[0].errorCode, res.body[0].message];
    };
    expect(await code({ UnitPrice: 10, TotalPrice: 10 })).toEqual([
      'FIELD_INTEGRITY_EXCEPTION',
      'field integrity exception: TotalPrice (cannot specify both unit price and total price)',
    ]);
    expect((await code({ UnitPrice: 10, Quantity: 0 }))[0]).toBe('FIELD_INTEGRITY_EXCEPTION'); // assumption §7.2
    expect((await code({ UnitPrice: 10, Discount: 100.5 }))[0]).toBe('FIELD_INTEGRITY_EXCEPTION'); // assumption §7.4
    expect((await code({ UnitPrice: 10, Discount: -1 }))[0]).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect((await code({}))[0]).toBe('REQUIRED_FIELD_MISSING');

    const customBook = await org.insert('Pricebook2', { Name: 'Partners', IsActive: true });
    const customEntry = await org.insert('PricebookEntry', {
      Pricebook2Id: customBook,
      Product2Id: productId,
      UnitPrice: 8,
      IsActive: true,
    });
    const other = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: customEntry,
      Quantity: 1,
      UnitPrice: 8,
    });
    expect(other.body[0]).toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message:
        'field integrity exception: PricebookEntryId (pricebook entry is in a different pricebook than the one assigned to the opportunity)',
    });

    const idle = await seedProduct(org, 'Idle', 5);
    await org.update('PricebookEntry', idle.entryId, { IsActive: false });
    const inactive = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: idle.entryId,
      Quantity: 1,
      UnitPrice: 5,
    });
    expect(inactive.body[0].message).toBe(
      'field integrity exception: PricebookEntryId (pricebook entry is inactive)',
    );

    const euro = await opportunity({ CurrencyIsoCode: 'EUR' });
    const currency = await addLine({
      OpportunityId: euro,
      PricebookEntryId: entryId,
      Quantity: 1,
      UnitPrice: 5,
    });
    expect(currency.body[0].errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
  });

  test('Product2Id alone resolves to the entry of the opportunity price book', async () => {
    const { entryId, productId, standardBookId } = await seedProduct(org, 'ByProduct', 12);
    const oppId = await opportunity({ Pricebook2Id: standardBookId });
    const res = await addLine({ OpportunityId: oppId, Product2Id: productId, Quantity: 2, UnitPrice: 12 });
    expect(res.status).toBe(201);
    expect((await get('OpportunityLineItem', res.body.id)).PricebookEntryId).toBe(entryId);
  });

  test('price book and currency cannot change while lines exist; deleting the last line leaves Amount 0', async () => {
    const { entryId } = await seedProduct(org, 'Q', 10);
    const oppId = await opportunity();
    const line = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: entryId,
      Quantity: 1,
      UnitPrice: 10,
    });
    const book = await org.insert('Pricebook2', { Name: 'Other', IsActive: true });
    const move = await api.call('PATCH', `/sobjects/Opportunity/${oppId}`, { Pricebook2Id: book });
    expect(move.body[0]).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['Pricebook2Id'] });
    const currency = await api.call('PATCH', `/sobjects/Opportunity/${oppId}`, { CurrencyIsoCode: 'EUR' });
    expect(currency.body[0].errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect((await api.call('DELETE', `/sobjects/OpportunityLineItem/${line.body.id}`)).status).toBe(204);
    expect(await get('Opportunity', oppId)).toMatchObject({ Amount: 0, HasOpportunityLineItem: false });
    expect((await api.call('PATCH', `/sobjects/Opportunity/${oppId}`, { Amount: 70 })).status).toBe(204);
    expect((await get('Opportunity', oppId)).Amount).toBe(70);
  });

  test('deleting an opportunity deletes its lines (visible to queryAll as deleted)', async () => {
    const { entryId } = await seedProduct(org, 'R', 10);
    const oppId = await opportunity();
    const line = await addLine({
      OpportunityId: oppId,
      PricebookEntryId: entryId,
      Quantity: 1,
      UnitPrice: 10,
    });
    expect((await api.call('DELETE', `/sobjects/Opportunity/${oppId}`)).status).toBe(204);
    expect(await org.records('OpportunityLineItem')).toEqual([]);
    const all = await api.call(
      'GET',
      `/queryAll?q=${encodeURIComponent('SELECT Id, IsDeleted FROM OpportunityLineItem')}`,
    );
    expect(all.body.records).toEqual([expect.objectContaining({ Id: line.body.id, IsDeleted: true })]);
  });

  test('a line upsert repeating its OpportunityId updates it; a different OpportunityId is rejected', async () => {
    const { entryId } = await seedProduct(org, 'U', 10);
    const oppId = await opportunity();
    const body = { OpportunityId: oppId, PricebookEntryId: entryId, Quantity: 1, UnitPrice: 10 };
    const first = await api.call('PATCH', '/sobjects/OpportunityLineItem/NetSuite_Line_Id__c/SO1-1', body);
    expect(first.status).toBe(201);
    const again = await api.call('PATCH', '/sobjects/OpportunityLineItem/NetSuite_Line_Id__c/SO1-1', {
      ...body,
      Quantity: 3,
    });
    expect(again).toMatchObject({ status: 200, body: { id: first.body.id, created: false } });
    expect((await get('OpportunityLineItem', first.body.id)).TotalPrice).toBe(30);
    const other = await opportunity();
    const moved = await api.call('PATCH', '/sobjects/OpportunityLineItem/NetSuite_Line_Id__c/SO1-1', {
      OpportunityId: other,
    });
    expect(moved.body[0]).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['OpportunityId'],
    });
  });
});

describe('Price books and entries', () => {
  test('a new org has one active Standard Price Book that cannot be deleted or renamed', async () => {
    const books = await org.records('Pricebook2');
    expect(books).toEqual([
      expect.objectContaining({ Name: 'Standard Price Book', IsStandard: true, IsActive: true }),
    ]);
    const id = String(books[0]?.Id);
    expect(id).toMatch(/^01s\w{15}$/);
    expect((await api.call('DELETE', `/sobjects/Pricebook2/${id}`)).body[0].errorCode).toBe('DELETE_FAILED');
    expect((await api.call('PATCH', `/sobjects/Pricebook2/${id}`, { Name: 'Mine' })).body[0].errorCode).toBe(
      'FIELD_INTEGRITY_EXCEPTION',
    );
    expect((await api.call('PATCH', `/sobjects/Pricebook2/${id}`, { Description: 'ok' })).status).toBe(204);
  });

  test('a custom-book entry needs a standard price first; entries default to inactive', async () => {
    const productId = await org.insert('Product2', { Name: 'New' });
    const book = await org.insert('Pricebook2', { Name: 'Custom' });
    const res = await api.call('POST', '/sobjects/PricebookEntry', {
      Pricebook2Id: book,
      Product2Id: productId,
      UnitPrice: 5,
    });
    expect(res.body[0]).toEqual({
      errorCode: 'STANDARD_PRICE_NOT_DEFINED',
      message: 'No standard price defined for this product',
      fields: [],
    });
    const [standard] = await org.records('Pricebook2', {});
    const std = await api.call('POST', '/sobjects/PricebookEntry', {
      Pricebook2Id: standard?.Id,
      Product2Id: productId,
      UnitPrice: 5,
    });
    expect(std.status).toBe(201);
    expect((await get('PricebookEntry', std.body.id)).IsActive).toBe(false);
    const custom = await api.call('POST', '/sobjects/PricebookEntry', {
      Pricebook2Id: book,
      Product2Id: productId,
      UnitPrice: 4,
    });
    expect(custom.status).toBe(201);
    expect((await get('PricebookEntry', custom.body.id)).Name).toBe('New');
    const dup = await api.call('POST', '/sobjects/PricebookEntry', {
      Pricebook2Id: book,
      Product2Id: productId,
      UnitPrice: 3,
    });
    expect(dup.body[0].errorCode).toBe('DUPLICATE_VALUE');
  });

  test('UseStandardPrice: never on the standard book; on a custom book it copies and follows the standard price', async () => {
    const productId = await org.insert('Product2', { Name: 'Std' });
    const [standard] = await org.records('Pricebook2');
    const onStandard = await api.call('POST', '/sobjects/PricebookEntry', {
      Pricebook2Id: standard?.Id,
      Product2Id: productId,
      UnitPrice: 5,
      UseStandardPrice: true,
    });
    expect(onStandard.body[0]).toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      fields: ['UseStandardPrice'],
    });
    const stdEntry = await org.insert('PricebookEntry', {
      Pricebook2Id: standard?.Id,
      Product2Id: productId,
      UnitPrice: 20,
    });
    const book = await org.insert('Pricebook2', { Name: 'Follows' });
    const follower = await org.insert('PricebookEntry', {
      Pricebook2Id: book,
      Product2Id: productId,
      UseStandardPrice: true,
    });
    expect((await get('PricebookEntry', follower)).UnitPrice).toBe(20);
    await api.call('PATCH', `/sobjects/PricebookEntry/${stdEntry}`, { UnitPrice: 25 });
    expect((await get('PricebookEntry', follower)).UnitPrice).toBe(25);
    const set = await api.call('PATCH', `/sobjects/PricebookEntry/${follower}`, { UnitPrice: 1 });
    expect(set.body[0]).toMatchObject({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['UnitPrice'] });
  });
});
