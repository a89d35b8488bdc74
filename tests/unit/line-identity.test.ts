import { knownLineIds } from '../../bundle/core/catalog-writes';
import { compareOrder, type ExpectedOrder } from '../../bundle/core/golive-recon';

const line = (key: string, externalId: string) => ({ line: { key }, externalId });

describe('knownLineIds', () => {
  test('lines that came from Salesforce are known by the line ID stored on them', () => {
    const known = knownLineIds(
      [line('7', '12_7_3'), line('8', '12_8_4'), line('9', '12_9_3')],
      {},
      new Map([
        ['7', '00k000000000001AAA'],
        ['8', '00k000000000002AAA'],
        ['9', ''],
      ]),
    );
    expect(known).toEqual({ '12_7_3': '00k000000000001AAA', '12_8_4': '00k000000000002AAA' });
  });

  test('the line map written back wins, and one Salesforce line is never claimed twice', () => {
    const known = knownLineIds(
      [line('7', '12_7_3'), line('8', '12_8_4')],
      { '12_7_3': '00k000000000009AAA', '12_5_1': '00k000000000002AAA' },
      new Map([
        ['7', '00k000000000001AAA'],
        // the same Salesforce line as the map's 12_5_1, by its 15-character ID
        ['8', '00k000000000002'],
      ]),
    );
    expect(known).toEqual({ '12_7_3': '00k000000000009AAA', '12_5_1': '00k000000000002AAA' });
  });
});

describe('compareOrder with lines known by their Salesforce ID', () => {
  const expected: ExpectedOrder = {
    orderId: '12',
    tranId: 'SO12',
    opportunityId: '006000000000001AAA',
    fields: {},
    totalCents: 18000,
    lineIds: ['12_7_3', '12_8_4'],
    lineAliases: { '00k000000000001': '12_7_3' },
  };
  const actual = { Id: '006000000000001AAA', NetSuite_Id__c: '12', Amount: 180 };

  test('a line without NetSuite_Line_Id__c matches through its alias', () => {
    expect(compareOrder(expected, actual, ['00k000000000001AAA', '12_8_4'])).toEqual([]);
  });

  test('a Salesforce line the order does not know is still reported', () => {
    const findings = compareOrder(expected, actual, ['00k000000000001AAA', '12_8_4', '00k000000000003AAA']);
    expect(findings.map((f) => [f.issue, f.detail])).toEqual([
      ['lines differ', '2 line(s) in NetSuite, 3 in Salesforce; not in NetSuite: 00k000000000003AAA.'],
    ]);
  });
});
