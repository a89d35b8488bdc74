import { describeSalesforceError, salesforceError } from '../../bundle/core/errors';
import { byIdsQuery, changedQuery, selectFor } from '../../bundle/core/inbound/soql';
import { mapAccount, mapOpportunity } from '../../bundle/core/mapping';
import { DEFAULT_SETTINGS, parseSettings } from '../../bundle/core/settings';
import type { CustomerSnapshot, OrderSnapshot, Settings } from '../../bundle/core/types';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });
const single = settings({ singleCurrencyOrg: true });

const customer = {
  entityId: 'C1',
  companyName: 'Acme',
  isPerson: false,
  firstName: '',
  lastName: '',
  phone: '',
  url: '',
  currencyIso: 'EUR',
  balance: null,
  overdueBalance: null,
  creditLimit: null,
  unbilledOrders: null,
  onHold: '',
  extra: {},
} as unknown as CustomerSnapshot;
const order = {
  id: '9',
  tranId: 'SO9',
  tranDate: '2026-02-03',
  memo: '',
  currencyIso: 'EUR',
  salesforceOriginated: false,
  extra: {},
} as unknown as OrderSnapshot;

describe('setting "Salesforce Org Has One Currency"', () => {
  test('off by default and on records saved before it existed; read from the checkbox', () => {
    expect(DEFAULT_SETTINGS.singleCurrencyOrg).toBe(false);
    expect(parseSettings({}).settings.singleCurrencyOrg).toBe(false);
    expect(parseSettings({ singleCurrencyOrg: 'T' }).settings.singleCurrencyOrg).toBe(true);
    expect(parseSettings({ singleCurrencyOrg: false }).settings.singleCurrencyOrg).toBe(false);
  });

  test('accounts and opportunities carry no CurrencyIsoCode for a single-currency org', () => {
    expect(mapAccount(customer, settings()).body.CurrencyIsoCode).toBe('EUR');
    expect('CurrencyIsoCode' in mapAccount(customer, single).body).toBe(false);
    for (const creating of [true, false]) {
      const multi = mapOpportunity({ order, customerName: 'Acme', creating, settings: settings() });
      expect(multi.body.CurrencyIsoCode).toBe('EUR');
      const one = mapOpportunity({ order, customerName: 'Acme', creating, settings: single });
      expect('CurrencyIsoCode' in one.body).toBe(false);
    }
  });

  test('the inbound queries select CurrencyIsoCode only where the org has it', () => {
    for (const object of ['Account', 'Opportunity'] as const) {
      expect(selectFor(object, 'IsWon = true')).toContain(', CurrencyIsoCode,');
      expect(selectFor(object, 'IsWon = true', { currency: false })).not.toContain('CurrencyIsoCode');
    }
    expect(byIdsQuery('Account', 'IsWon = true', ['0018d000000AbcdAAA'], { currency: false })).toBe(
      "SELECT Id, Name, ParentId, Phone, Website, Description, NetSuite_Id__c, NetSuite_Sync__c, SystemModstamp, (SELECT Id FROM Opportunities WHERE IsWon = true LIMIT 1) FROM Account WHERE Id IN ('0018d000000AbcdAAA')",
    );
    const changed = changedQuery('Opportunity', '', { time: '', lastId: '' }, 10, undefined, {
      currency: false,
    });
    expect(changed).not.toContain('CurrencyIsoCode');
    expect(changed).toMatch(/^SELECT Id, Name, AccountId, .* ORDER BY SystemModstamp, Id LIMIT 10$/);
  });

  test('a multi-currency setting against a single-currency org: the error says which setting to change', () => {
    const write = salesforceError(
      [
        {
          errorCode: 'INVALID_FIELD',
          message: "No such column 'CurrencyIsoCode' on sobject of type Opportunity",
          fields: ['CurrencyIsoCode'],
        },
      ],
      400,
      'order SO9',
    );
    const expected =
      'Salesforce refused order SO9: the org has no field CurrencyIsoCode, so multi-currency is not enabled there. Check "Salesforce Org Has One Currency" in sfsync Settings (sfsync then never sends or reads a currency), then save the record again or press Retry.';
    expect(write.message).toBe(expected);
    expect(write.retryable).toBe(false);
    const read = describeSalesforceError(
      {
        errorCode: 'INVALID_FIELD',
        message:
          "\nSELECT Id, CurrencyIsoCode FROM Opportunity\n           ^\nERROR at Row:1:Column:12\nNo such column 'CurrencyIsoCode' on entity 'Opportunity'.",
      },
      'the changed Salesforce Opportunity records',
    );
    expect(read).toBe(expected.replace('order SO9', 'the changed Salesforce Opportunity records'));
    expect(
      describeSalesforceError(
        { errorCode: 'INVALID_FIELD', message: "No such column 'Rating__c'", fields: ['Rating__c'] },
        'order SO9',
      ),
    ).toMatch(/^Salesforce does not accept field Rating__c on order SO9/);
  });
});
