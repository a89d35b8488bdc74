import { catalogWrites, entryMapKey } from '../../bundle/core/catalog-writes';
import {
  addDays,
  addMonths,
  contractTerm,
  isRenewalEstimate,
  mapContract,
  mapContractItem,
  parseLinkState,
  renewalOpportunity,
  statusWrite,
  type ContractSnapshot,
} from '../../bundle/core/contract-mapping';
import type { PlannedLine } from '../../bundle/core/lines';
import { DEFAULT_SETTINGS } from '../../bundle/core/settings';
import type { ItemSnapshot } from '../../bundle/core/types';

const contract = (over: Partial<ContractSnapshot> = {}): ContractSnapshot => ({
  id: '3097',
  name: '3097_2015-07-14_2016-07-13',
  customerId: '12',
  startDate: '2015-07-14',
  endDate: '2016-07-13',
  status: 'Active',
  ...over,
});

describe('contract term', () => {
  test('dates move by months with the day clamped to shorter months, and by days across years', () => {
    expect(addMonths('2015-07-14', 12)).toBe('2016-07-14');
    expect(addMonths('2016-01-31', 1)).toBe('2016-02-29');
    expect(addMonths('2015-11-30', 3)).toBe('2016-02-29');
    expect(addDays('2016-01-01', -1)).toBe('2015-12-31');
    expect(addMonths('not a date', 1)).toBe('');
  });

  test('the term is the number of whole months ending on the end date', () => {
    expect(contractTerm('2015-07-14', '2016-07-13')).toEqual({ months: 12, exact: true });
    expect(contractTerm('2016-01-01', '2016-01-31')).toEqual({ months: 1, exact: true });
    expect(contractTerm('2016-01-01', '2018-12-31')).toEqual({ months: 36, exact: true });
    // 14 July to 20 August: more than one month, so two, and Salesforce's end date differs
    expect(contractTerm('2015-07-14', '2015-08-20')).toEqual({ months: 2, exact: false });
    expect(contractTerm('2016-07-13', '2015-07-14')).toEqual({ months: null, exact: false });
    expect(contractTerm('', '2015-07-14')).toEqual({ months: null, exact: false });
  });
});

describe('contract mapping', () => {
  test('the seed contract: name as contract number, start date, 12 months, status Activated', () => {
    expect(mapContract(contract(), DEFAULT_SETTINGS)).toEqual({
      body: {
        Name: '3097_2015-07-14_2016-07-13',
        NetSuite_Contract_Number__c: '3097_2015-07-14_2016-07-13',
        StartDate: '2015-07-14',
        ContractTerm: 12,
      },
      status: 'Activated',
      warnings: [],
    });
  });

  test('a term that is not whole months warns with the end date Salesforce will show', () => {
    const mapped = mapContract(contract({ endDate: '2016-07-20' }), DEFAULT_SETTINGS);
    expect(mapped.body.ContractTerm).toBe(13);
    expect(mapped.warnings).toEqual([expect.stringContaining('so it shows 2016-08-13')]);
  });

  test('statuses follow the map; unmapped ones leave Salesforce alone', () => {
    expect(mapContract(contract({ status: 'Pending' }), DEFAULT_SETTINGS).status).toBe('Draft');
    expect(mapContract(contract({ status: 'Renewal Generated' }), DEFAULT_SETTINGS).status).toBe('Activated');
    expect(mapContract(contract({ status: 'Closed' }), DEFAULT_SETTINGS).status).toBeNull();
    expect(
      mapContract(contract({ status: 'Closed' }), { contractStatusMap: { Closed: 'In Approval Process' } })
        .status,
    ).toBe('In Approval Process');
  });

  test('a long name is cut to 80 characters with a warning', () => {
    const mapped = mapContract(contract({ name: 'x'.repeat(90) }), DEFAULT_SETTINGS);
    expect(String(mapped.body.Name)).toHaveLength(80);
    expect(mapped.warnings).toEqual([expect.stringContaining('80 characters')]);
  });
});

describe('status lifecycle', () => {
  test('activation goes alone and once; other statuses go with the fields until activated', () => {
    expect(statusWrite('Activated', '', 'C')).toEqual({ inBody: null, activate: true, warning: null });
    expect(statusWrite('Activated', 'Activated', 'C')).toEqual({
      inBody: null,
      activate: false,
      warning: null,
    });
    expect(statusWrite('Draft', '', 'C')).toEqual({ inBody: 'Draft', activate: false, warning: null });
    expect(statusWrite(null, 'Activated', 'C')).toEqual({ inBody: null, activate: false, warning: null });
    const back = statusWrite('Draft', 'Activated', 'C');
    expect(back).toMatchObject({ inBody: null, activate: false });
    expect(back.warning).toContain('keeps an activated contract Activated');
  });
});

describe('contract items and link state', () => {
  test('an item keeps its quantity, price to the cent and dates', () => {
    expect(
      mapContractItem({
        id: '7',
        contractId: '3097',
        itemId: '55',
        itemName: 'Support Gold',
        quantity: 3,
        price: 1199.996,
        startDate: '2015-07-14',
        endDate: '2016-07-13',
      }),
    ).toEqual({
      Name: 'Support Gold',
      Quantity__c: 3,
      Price__c: 1200,
      Start_Date__c: '2015-07-14',
      End_Date__c: '2016-07-13',
    });
  });

  test('the stored state is read back, and anything unreadable is an empty state', () => {
    const text = JSON.stringify({
      hash: 'h',
      status: 'Activated',
      items: { '7': { id: 'a0X1', hash: 'i' }, bad: 3 },
    });
    expect(parseLinkState(text)).toEqual({
      hash: 'h',
      status: 'Activated',
      items: { '7': { id: 'a0X1', hash: 'i' } },
    });
    expect(parseLinkState('{oops')).toEqual({ hash: '', status: '', items: {} });
    expect(parseLinkState('')).toEqual({ hash: '', status: '', items: {} });
  });
});

describe('renewal estimates', () => {
  test('a renewal estimate has the renewal order type (setting) and a contract', () => {
    expect(isRenewalEstimate('2', '3097', DEFAULT_SETTINGS)).toBe(true);
    expect(isRenewalEstimate('1', '3097', DEFAULT_SETTINGS)).toBe(false);
    expect(isRenewalEstimate('2', '', DEFAULT_SETTINGS)).toBe(false);
    expect(isRenewalEstimate('', '3097', DEFAULT_SETTINGS)).toBe(false);
    expect(isRenewalEstimate('6', '3097', { orderTypeValues: { 'Contract Renewal': '6' } })).toBe(true);
  });

  test('the Opportunity is a Contract Renewal in the configured stage, linked to the contract and estimate', () => {
    const orderBody = {
      CloseDate: '2016-06-01',
      Description: null,
      NetSuite_Order_Number__c: 'EST1001',
      NetSuite_Order_Record__c: 'https://x/salesord.nl?id=9',
      Name: 'Acme - EST1001',
      StageName: 'Closed Won',
      NetSuite_Originated_Order__c: true,
      Skip_Export_To_NetSuite__c: true,
    };
    const facts = {
      estimateId: '9',
      tranId: 'EST1001',
      total: 3600.004,
      contractId: '800000000000001AAA',
      expectedClose: '2016-07-14',
      creating: true,
      settings: { renewalStage: 'Negotiation/Review' },
    };
    expect(renewalOpportunity(orderBody, facts)).toEqual({
      CloseDate: '2016-07-14',
      Description: null,
      Name: 'Acme - EST1001',
      StageName: 'Negotiation/Review',
      Skip_Export_To_NetSuite__c: false,
      NetSuite_Order_Type__c: 'Contract Renewal',
      NetSuite_Contract__c: '800000000000001AAA',
      NetSuite_Estimate_Id__c: '9',
      NetSuite_Estimate_Number__c: 'EST1001',
      NetSuite_Estimate_Total__c: 3600,
    });
    // updates never move the stage, which is Salesforce's once the Opportunity exists
    const update = renewalOpportunity(
      { CloseDate: '2016-06-01' },
      { ...facts, creating: false, expectedClose: '' },
    );
    expect(update).not.toHaveProperty('StageName');
    expect(update.CloseDate).toBe('2016-06-01');
  });
});

describe('catalog writes for unknown items', () => {
  const line = (itemId: string, over: Partial<PlannedLine> = {}): PlannedLine => ({
    key: '1',
    lineNumber: 1,
    itemId,
    itemName: itemId,
    priceLevel: null,
    quantity: 2,
    unitPrice: 50,
    totalPrice: null,
    discountPercent: 0,
    netCents: 10000,
    description: '',
    ...over,
  });
  const item = (id: string, over: Partial<ItemSnapshot> = {}): ItemSnapshot => ({
    id,
    recordType: 'serviceitem',
    name: `ITEM-${id}`,
    displayName: '',
    description: 'desc',
    productId: '',
    priceBookEntries: {},
    ...over,
  });

  test('a product, a standard price and the book entry, priced from the first line', () => {
    const writes = catalogWrites(
      [item('1'), item('2', { productId: '01t2', priceBookEntries: { standard: '01u2' } })],
      [line('1'), line('2', { unitPrice: null, totalPrice: 99.99, quantity: 3 })],
      { bookId: '01sB', entryKey: '01sB', standardEntryKey: 'standard', currency: null },
    );
    expect(writes.products).toEqual([
      { itemId: '1', body: { Name: 'ITEM-1', ProductCode: 'ITEM-1', Description: 'desc', IsActive: true } },
    ]);
    expect(writes.entries).toEqual([
      { itemId: '1', productId: '', unitPrice: 50, standard: true },
      { itemId: '1', productId: '', unitPrice: 50, standard: false },
      { itemId: '2', productId: '01t2', unitPrice: 33.33, standard: false },
    ]);
  });

  test('in a multi-currency org the entries are in the order currency, remembered per currency', () => {
    expect(entryMapKey('', 'EUR')).toBe('standard:EUR');
    expect(entryMapKey('01sB', 'EUR')).toBe('01sB:EUR');
    expect(entryMapKey('01sB', null)).toBe('01sB');
    // Item 2 has a dollar standard entry only (and one from before entries were kept per currency).
    const writes = catalogWrites(
      [item('2', { productId: '01t2', priceBookEntries: { standard: '01u1', 'standard:USD': '01u2' } })],
      [line('2', { unitPrice: 40 })],
      { bookId: '', entryKey: 'standard:EUR', standardEntryKey: 'standard:EUR', currency: 'EUR' },
    );
    expect(writes.entries).toEqual([
      { itemId: '2', productId: '01t2', unitPrice: 40, standard: true, currency: 'EUR' },
    ]);
  });
});
