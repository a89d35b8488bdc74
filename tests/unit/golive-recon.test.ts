import {
  compareCustomer,
  compareOrder,
  orphanFindings,
  parseResyncList,
  reconCsv,
  sameValue,
  summarise,
  summaryText,
  type ExpectedOrder,
} from '../../bundle/core/golive-recon';

const expected: ExpectedOrder = {
  orderId: '42',
  tranId: 'SO1042',
  opportunityId: '006000000000042AAA',
  fields: {
    CloseDate: '2026-03-01',
    NetSuite_Order_Number__c: 'SO1042',
    Description: null,
    AccountId: '001A',
  },
  totalCents: 53000,
  lineIds: ['42_1_7', '42_2_8', '42_3_9'],
};
const actual = {
  Id: '006000000000042AAA',
  NetSuite_Id__c: '42',
  Amount: 530,
  CloseDate: '2026-03-01',
  NetSuite_Order_Number__c: 'SO1042',
  Description: '',
  AccountId: '001A',
};

describe('comparing a linked order with its Opportunity', () => {
  test('in sync: no finding', () => {
    expect(compareOrder(expected, actual, ['42_1_7', '42_2_8', '42_3_9'])).toEqual([]);
  });

  test('a changed amount, a missing line and a changed field are each reported', () => {
    const findings = compareOrder(expected, { ...actual, Amount: 500, CloseDate: '2026-03-02' }, [
      '42_1_7',
      '42_3_9',
    ]);
    expect(findings.map((f) => [f.issue, f.detail])).toEqual([
      ['amount differs', 'Order total after discounts 530.00, Opportunity Amount 500.00.'],
      ['lines differ', '3 line(s) in NetSuite, 2 in Salesforce; missing in Salesforce: 42_2_8.'],
      ['fields differ', 'CloseDate: NetSuite 2026-03-01, Salesforce 2026-03-02'],
    ]);
    expect(findings.every((f) => f.resync && f.netsuiteId === '42' && f.netsuiteLabel === 'SO1042')).toBe(
      true,
    );
  });

  test('an Opportunity deleted in Salesforce is missing there and can be re-sent', () => {
    expect(compareOrder(expected, undefined, [])).toEqual([
      expect.objectContaining({
        issue: 'missing in Salesforce',
        resync: true,
        salesforceId: expected.opportunityId,
      }),
    ]);
  });

  test('lines Salesforce has but the order does not are named', () => {
    const findings = compareOrder(expected, actual, ['42_1_7', '42_2_8', '42_3_9', '42_9_1']);
    expect(findings[0]!.detail).toBe('3 line(s) in NetSuite, 4 in Salesforce; not in NetSuite: 42_9_1.');
  });

  test('an Opportunity naming another order is linked to another record and not re-sent', () => {
    const findings = compareOrder(expected, { ...actual, NetSuite_Id__c: '43' }, expected.lineIds);
    expect(findings).toEqual([expect.objectContaining({ issue: 'linked to another record', resync: false })]);
  });
});

describe('values compare as sfsync writes them', () => {
  test('empty is empty, money to the cent, text trimmed', () => {
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue('', 'x')).toBe(false);
    expect(sameValue(12.5, '12.50')).toBe(true);
    expect(sameValue(12.5, 12.51)).toBe(false);
    expect(sameValue(true, 'true')).toBe(true);
    expect(sameValue('Acme ', 'Acme')).toBe(true);
  });
});

describe('customers, orphans and the report', () => {
  test('a linked customer with a changed field, and one whose Account is gone', () => {
    const exp = { customerId: '7', label: 'Acme', accountId: '001X', fields: { Name: 'Acme', Phone: '555' } };
    expect(compareCustomer(exp, { Id: '001X', NetSuite_Id__c: '7', Name: 'Acme', Phone: '556' })).toEqual([
      expect.objectContaining({ issue: 'fields differ', detail: 'Phone: NetSuite 555, Salesforce 556' }),
    ]);
    expect(compareCustomer(exp, undefined)[0]).toMatchObject({
      issue: 'missing in Salesforce',
      resync: true,
    });
  });

  test('Salesforce records naming a deleted NetSuite record, or one that does not point back', () => {
    const netsuite = new Map([
      ['5', { label: 'SO5', linkedTo: '006B' }],
      ['6', { label: 'SO6', linkedTo: '' }],
    ]);
    const findings = orphanFindings(
      'Opportunity',
      [
        { Id: '006A', NetSuite_Id__c: '4', Name: 'Acme - SO4' },
        { Id: '006B', NetSuite_Id__c: '5' },
        { Id: '006C', NetSuite_Id__c: '6' },
      ],
      netsuite,
    );
    expect(findings.map((f) => [f.netsuiteId, f.issue, f.resync])).toEqual([
      ['4', 'missing in NetSuite', false],
      ['6', 'not linked in NetSuite', true],
    ]);
    expect(findings[0]!.detail).toContain(
      'Opportunity "Acme - SO4" names NetSuite order 4, which does not exist',
    );
  });

  test('summary counts per issue; CSV one row per finding; re-sync lists are checked', () => {
    const findings = compareOrder(expected, { ...actual, Amount: 1 }, expected.lineIds);
    const summary = summarise(findings, { orders: 3, customers: 2 }, new Date('2026-01-01T00:00:00Z'));
    expect(summary).toEqual({
      generatedAt: '2026-01-01T00:00:00.000Z',
      checked: { orders: 3, customers: 2 },
      counts: { 'amount differs': 1 },
      total: 1,
    });
    expect(summaryText(summary)).toBe(
      'Checked 3 linked order(s) and 2 linked customer(s): 1 out of sync (1 amount differs).',
    );
    expect(summaryText(summarise([], { orders: 1, customers: 0 }, new Date()))).toContain(
      'everything is in sync',
    );
    expect(reconCsv(findings).split('\r\n')[1]).toBe(
      'salesorder,42,SO1042,Opportunity,006000000000042AAA,amount differs,"Order total after discounts 530.00, Opportunity Amount 1.00.",yes',
    );
    expect(parseResyncList('salesorder:12, customer:7,bogus:1,salesorder:12,customer:x')).toEqual([
      { type: 'salesorder', id: '12' },
      { type: 'customer', id: '7' },
    ]);
  });
});
