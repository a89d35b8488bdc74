import {
  contactValues,
  customerValues,
  lineFieldValues,
  lineRate,
  lineValues,
  orderTypeValue,
  sameValue,
  transactionValues,
  webAddress,
} from '../../bundle/core/inbound/mapping';
import type { SfAccount, SfContact, SfOpportunity } from '../../bundle/core/inbound/types';
import {
  errorWriteBack,
  estimateWriteBack,
  linkWriteBack,
  mergeWriteBacks,
  orderWriteBack,
  processingWriteBack,
} from '../../bundle/core/inbound/writeback';

const NOW = new Date('2026-03-01T10:15:30.000Z');

const account = (over: Partial<SfAccount> = {}): SfAccount => ({
  Id: '0018d000000AbcdAAA',
  Name: 'Acme Corporation',
  ParentId: null,
  Phone: '+1 555 0100',
  Website: 'www.acme.example',
  Description: null,
  CurrencyIsoCode: 'EUR',
  NetSuite_Id__c: null,
  NetSuite_Sync__c: null,
  SystemModstamp: '2026-03-01T10:00:00.000+0000',
  ...over,
});

describe('Account → customer', () => {
  test('company fields, the link and — only when creating — name, currency and subsidiary', () => {
    const created = customerValues(account(), {
      parentId: '7',
      creating: true,
      currencyId: '2',
      subsidiaryId: '1',
    });
    expect(created.values).toEqual({
      companyname: 'Acme Corporation',
      entityid: 'Acme Corporation',
      isperson: 'F',
      phone: '+1 555 0100',
      url: 'http://www.acme.example',
      comments: '',
      parent: '7',
      currency: '2',
      subsidiary: '1',
      custentity_sfsync_account_id: '0018d000000AbcdAAA',
    });
    const updated = customerValues(account(), {
      parentId: '',
      creating: false,
      currencyId: '2',
      subsidiaryId: '1',
    });
    expect(Object.keys(updated.values).sort()).toEqual(
      ['comments', 'companyname', 'custentity_sfsync_account_id', 'parent', 'phone', 'url'].sort(),
    );
  });

  test('values longer than NetSuite allows are cut, with a warning', () => {
    const long = 'N'.repeat(100);
    const mapped = customerValues(account({ Name: long }), {
      parentId: '',
      creating: true,
      currencyId: '',
      subsidiaryId: '',
    });
    expect(mapped.values.companyname).toBe('N'.repeat(83));
    expect(mapped.warnings).toEqual([
      `Account ${long}: NetSuite field companyname was cut to 83 characters.`,
      `Account ${long}: NetSuite field entityid was cut to 83 characters.`,
    ]);
  });

  test('web addresses get a scheme only when they have none', () => {
    expect(webAddress('https://acme.example')).toBe('https://acme.example');
    expect(webAddress('acme.example/x')).toBe('http://acme.example/x');
    expect(webAddress(null)).toBe('');
  });
});

describe('Contact → contact', () => {
  test('the customer is the company; the subsidiary only on create', () => {
    const contact: SfContact = {
      Id: '0038d000000AbcdAAA',
      FirstName: 'Ann',
      LastName: "O'Neil",
      Email: 'ann@acme.example',
      Phone: null,
      MobilePhone: '555',
      Title: 'CFO',
      AccountId: '0018d000000AbcdAAA',
      NetSuite_Id__c: null,
      NetSuite_Sync__c: null,
      SystemModstamp: '2026-03-01T10:00:00.000+0000',
    };
    expect(contactValues(contact, { customerId: '5', creating: true, subsidiaryId: '1' }).values).toEqual({
      entityid: "Ann O'Neil",
      firstname: 'Ann',
      lastname: "O'Neil",
      email: 'ann@acme.example',
      phone: '',
      mobilephone: '555',
      title: 'CFO',
      company: '5',
      subsidiary: '1',
      custentity_sfsync_contact_id: '0038d000000AbcdAAA',
    });
  });
});

describe('opportunity products → lines', () => {
  test('the discount goes into the rate, the total stays Salesforce’s to the cent', () => {
    expect(lineRate(19.99, 15)).toBe(16.9915);
    const line = lineValues(
      {
        Id: '00k8d000000AbcdAAA',
        Quantity: 3,
        UnitPrice: 19.99,
        Discount: 15,
        TotalPrice: 50.97,
        Description: 'Blue',
        Product2Id: '01t8d000000AbcdAAA',
      },
      '44',
    );
    expect(line).toEqual({
      key: '00k8d000000AbcdAAA',
      item: '44',
      quantity: 3,
      rate: 16.9915,
      amount: 50.97,
      description: 'Blue',
      sentAs: '',
    });
    expect(lineFieldValues(line)).toEqual({
      item: '44',
      quantity: 3,
      price: '-1',
      rate: 16.9915,
      description: 'Blue',
      custcol_sfsync_line_id: '00k8d000000AbcdAAA',
    });
  });

  test('a line sfsync sent from NetSuite keeps the external ID it was sent with', () => {
    const line = lineValues(
      {
        Id: '00k8d000000AbcdAAA',
        Quantity: 1,
        UnitPrice: 45,
        Discount: null,
        TotalPrice: 45,
        Description: null,
        Product2Id: '01t8d000000AbcdAAA',
        NetSuite_Line_Id__c: '812_3_44',
      },
      '44',
    );
    expect(line.sentAs).toBe('812_3_44');
  });

  test('without a discount the rate is the sales price; without a total, quantity × rate', () => {
    expect(
      lineValues(
        {
          Id: 'x',
          Quantity: 2,
          UnitPrice: 12.5,
          Discount: null,
          TotalPrice: null,
          Description: null,
          Product2Id: 'p',
        },
        '1',
      ),
    ).toMatchObject({ rate: 12.5, amount: 25 });
  });
});

const opp = (over: Partial<SfOpportunity> = {}): SfOpportunity =>
  ({
    Id: '0068d000000AbcdAAA',
    Name: 'Renewal 2026',
    CloseDate: '2026-04-30',
    Description: 'Two seats',
    NetSuite_Order_Type__c: null,
    NetSuite_Sync__c: null,
    NetSuite_Sync_Status__c: null,
    NetSuite_Id__c: null,
    NetSuite_Order_Number__c: null,
    NetSuite_Estimate_Id__c: null,
    NetSuite_Estimate_Number__c: null,
    NetSuite_Estimate_Status__c: null,
    NetSuite_Estimate_Total__c: null,
    ...over,
  }) as SfOpportunity;

describe('Opportunity → sales order or estimate', () => {
  test('the order is Salesforce originated, pending approval when created, dated the close date', () => {
    expect(
      transactionValues(opp(), {
        kind: 'salesorder',
        customerId: '5',
        creating: true,
        currencyId: '2',
        today: '2026-03-01',
      }).values,
    ).toEqual({
      entity: '5',
      memo: 'Two seats',
      custbody_sfsync_opp_id: '0068d000000AbcdAAA',
      trandate: { date: '2026-04-30' },
      custbody_sfsync_sf_originated: true,
      orderstatus: 'A',
      currency: '2',
    });
  });

  test('the estimate carries the title and expected close; dated today when created', () => {
    expect(
      transactionValues(opp(), {
        kind: 'estimate',
        customerId: '5',
        creating: true,
        currencyId: '',
        today: '2026-03-01',
      }).values,
    ).toEqual({
      entity: '5',
      memo: 'Two seats',
      custbody_sfsync_opp_id: '0068d000000AbcdAAA',
      title: 'Renewal 2026',
      expectedclosedate: { date: '2026-04-30' },
      trandate: { date: '2026-03-01' },
    });
  });

  test('order types come from the settings map; an unmapped label is a warning', () => {
    const map = { 'Contract New': '1', 'Contract Renewal': '2', 'Contract Upsell': '3' };
    expect(orderTypeValue(opp({ NetSuite_Order_Type__c: 'Contract Upsell' }), map)).toEqual({
      value: '3',
      warning: null,
    });
    expect(orderTypeValue(opp({ NetSuite_Order_Type__c: 'Downsell' }), map).warning).toContain('"Downsell"');
    expect(orderTypeValue(opp(), map)).toEqual({ value: null, warning: null });
  });
});

describe('comparing NetSuite values', () => {
  test('as NetSuite returns them', () => {
    expect(sameValue(true, true)).toBe(true);
    expect(sameValue('T', true)).toBe(true);
    expect(sameValue(false, true)).toBe(false);
    expect(sameValue(16.9915, 16.9915)).toBe(true);
    expect(sameValue('', 0)).toBe(false);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue(7, '7')).toBe(true);
    expect(sameValue(new Date(), { date: '2026-04-30' }, '2026-04-30')).toBe(true);
  });
});

describe('write-backs to Salesforce', () => {
  test('a first sync writes the NetSuite ID and the time', () => {
    expect(linkWriteBack('Account', account(), '5', true, NOW)).toEqual({
      object: 'Account',
      id: '0018d000000AbcdAAA',
      fields: { NetSuite_Id__c: '5', NetSuite_Sync__c: 'Synced 2026-03-01 10:15 UTC' },
    });
  });

  test('a record delivered again, with nothing changed, writes nothing', () => {
    const synced = account({ NetSuite_Id__c: '5', NetSuite_Sync__c: 'Synced 2026-02-01 08:00 UTC' });
    expect(linkWriteBack('Account', synced, '5', false, NOW)).toBeNull();
    expect(linkWriteBack('Account', synced, '5', true, NOW)?.fields).toEqual({
      NetSuite_Sync__c: 'Synced 2026-03-01 10:15 UTC',
    });
  });

  test('an error replaces the time with the plain message, cut to 255 characters', () => {
    const back = errorWriteBack('Opportunity', opp(), 'x'.repeat(300), 'order');
    expect(back?.fields.NetSuite_Sync_Status__c).toBe('Error');
    expect(String(back?.fields.NetSuite_Sync__c)).toHaveLength(255);
    expect(String(back?.fields.NetSuite_Sync__c).startsWith('Error: xxx')).toBe(true);
    expect(
      errorWriteBack('Account', account({ NetSuite_Sync__c: 'Error: same' }), 'same', 'record'),
    ).toBeNull();
  });

  test('orders show Completed with the number; estimates their number, status and total', () => {
    expect(
      orderWriteBack(
        opp({ NetSuite_Sync_Status__c: 'Processing' }),
        { id: '70', tranId: 'SO70', url: null },
        true,
        NOW,
      ),
    ).toEqual({
      object: 'Opportunity',
      id: '0068d000000AbcdAAA',
      fields: {
        NetSuite_Id__c: '70',
        NetSuite_Order_Number__c: 'SO70',
        NetSuite_Sync_Status__c: 'Completed',
        NetSuite_Sync__c: 'Synced 2026-03-01 10:15 UTC',
      },
    });
    expect(
      estimateWriteBack(opp(), { id: '90', tranId: 'EST90', status: 'Open', total: 120.5 })?.fields,
    ).toEqual({
      NetSuite_Estimate_Id__c: '90',
      NetSuite_Estimate_Number__c: 'EST90',
      NetSuite_Estimate_Status__c: 'Open',
      NetSuite_Estimate_Total__c: 120.5,
    });
    expect(
      estimateWriteBack(
        opp({
          NetSuite_Estimate_Id__c: '90',
          NetSuite_Estimate_Number__c: 'EST90',
          NetSuite_Estimate_Status__c: 'Open',
          NetSuite_Estimate_Total__c: 120.5,
        }),
        { id: '90', tranId: 'EST90', status: 'Open', total: 120.5 },
      ),
    ).toBeNull();
    expect(processingWriteBack(opp({ NetSuite_Sync_Status__c: 'Processing' }))).toBeNull();
  });

  test('several write-backs for one record become one', () => {
    expect(
      mergeWriteBacks([
        { object: 'Opportunity', id: 'a', fields: { NetSuite_Sync_Status__c: 'Processing' } },
        { object: 'Account', id: 'b', fields: { NetSuite_Id__c: '1' } },
        {
          object: 'Opportunity',
          id: 'a',
          fields: { NetSuite_Sync_Status__c: 'Completed', NetSuite_Id__c: '9' },
        },
      ]),
    ).toEqual([
      {
        object: 'Opportunity',
        id: 'a',
        fields: { NetSuite_Sync_Status__c: 'Completed', NetSuite_Id__c: '9' },
      },
      { object: 'Account', id: 'b', fields: { NetSuite_Id__c: '1' } },
    ]);
  });
});
