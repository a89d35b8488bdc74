import {
  countMatches,
  matchRecords,
  normalise,
  pendingLinks,
  type NetSuiteSide,
  type SalesforceSide,
} from '../../bundle/core/golive-match';
import { csvField, matchReportCsv, matchRows, matchSummary } from '../../bundle/core/golive-report';

const ns = (id: string, key: string, over: Partial<NetSuiteSide> = {}): NetSuiteSide => ({
  id,
  label: key,
  key,
  linkedTo: '',
  recordType: 'customer',
  subsidiary: '1',
  ...over,
});
const sf = (id: string, key: string, over: Partial<SalesforceSide> = {}): SalesforceSide => ({
  id,
  label: key,
  key,
  netsuiteId: '',
  ...over,
});
const A = (n: number) => `001${String(n).padStart(12, '0')}AAA`;

describe('matching by stored IDs first', () => {
  test('an ID on either side is a match; on both sides it is already linked', () => {
    const report = matchRecords(
      'customer',
      [ns('1', 'Acme'), ns('2', 'Globex', { linkedTo: A(2) }), ns('3', 'Initech', { linkedTo: A(3) })],
      [
        sf(A(1), 'ACME Inc', { netsuiteId: '1' }),
        sf(A(2), 'Globex'),
        sf(A(3), 'Initech', { netsuiteId: '3' }),
      ],
    );
    expect(
      report.matched.map((m) => [m.netsuite.id, m.salesforce.id, m.via, m.writeSalesforce, m.writeNetSuite]),
    ).toEqual([
      ['1', A(1), 'NetSuite ID', false, true],
      ['3', A(3), 'already linked', false, false],
      ['2', A(2), 'Salesforce ID', true, false],
    ]);
    expect(pendingLinks(report).map((m) => m.netsuite.id)).toEqual(['1', '2']);
    expect(countMatches(report)).toEqual({
      toLink: 2,
      alreadyLinked: 1,
      ambiguous: 0,
      unmatchedNetSuite: 0,
      unmatchedSalesforce: 0,
    });
  });

  test('15-character Salesforce IDs stored in NetSuite still match', () => {
    const report = matchRecords(
      'customer',
      [ns('1', 'Acme', { linkedTo: A(1).slice(0, 15) })],
      [sf(A(1), 'Acme')],
    );
    expect(report.matched[0]).toMatchObject({
      via: 'Salesforce ID',
      writeSalesforce: true,
      writeNetSuite: false,
    });
  });

  test('IDs that disagree are ambiguous, with every record involved, and are never linked', () => {
    // Account 1 names customer 1, but customer 1 is linked to Account 2.
    const report = matchRecords(
      'customer',
      [ns('1', 'Acme', { linkedTo: A(2) }), ns('9', 'Other')],
      [sf(A(1), 'Acme', { netsuiteId: '1' }), sf(A(2), 'Acme 2')],
    );
    expect(report.matched).toEqual([]);
    expect(report.ambiguous).toHaveLength(1);
    expect(report.ambiguous[0]!.netsuite.map((n) => n.id)).toEqual(['1']);
    expect(report.ambiguous[0]!.salesforce.map((s) => s.id).sort()).toEqual([A(1), A(2)]);
    expect(report.ambiguous[0]!.reason).toContain('Stored IDs disagree');
    expect(pendingLinks(report)).toEqual([]);
  });

  test('an ID naming a record that does not exist is reported, not overwritten by a name match', () => {
    const report = matchRecords(
      'customer',
      [ns('1', 'Acme', { linkedTo: A(7) })],
      [sf(A(1), 'Acme', { netsuiteId: '99' })],
    );
    expect(report.matched).toEqual([]);
    expect(report.unmatchedNetSuite[0]!.reason).toContain(
      `linked to Salesforce Account ${A(7)}, which does not exist`,
    );
    expect(report.unmatchedSalesforce[0]!.reason).toContain('NetSuite_Id__c 99 names no NetSuite customer');
  });

  test('a stale ID is replaced when the other side names a valid partner', () => {
    const report = matchRecords(
      'customer',
      [ns('1', 'Acme', { linkedTo: A(7) })],
      [sf(A(1), 'Acme', { netsuiteId: '1' })],
    );
    expect(report.matched[0]).toMatchObject({ via: 'NetSuite ID', writeNetSuite: true });
    expect(report.unmatchedNetSuite).toEqual([]);
  });
});

describe('matching by the lookup', () => {
  test('one on each side matches; names compare without case and extra spaces', () => {
    expect(normalise('  Acme   Corp ')).toBe('acme corp');
    const report = matchRecords('customer', [ns('1', 'Acme  Corp')], [sf(A(1), 'ACME corp')]);
    expect(report.matched[0]).toMatchObject({ via: 'name', writeSalesforce: true, writeNetSuite: true });
  });

  test('two customers of the same name are ambiguous with their candidates; missing ones are listed', () => {
    const report = matchRecords(
      'customer',
      [ns('1', 'Twin'), ns('2', 'twin', { subsidiary: '3' }), ns('3', 'Lonely'), ns('4', '')],
      [sf(A(1), 'Twin'), sf(A(2), 'Only SF')],
    );
    expect(report.matched).toEqual([]);
    expect(report.ambiguous).toHaveLength(1);
    expect(report.ambiguous[0]!.netsuite.map((n) => n.id)).toEqual(['1', '2']);
    expect(report.ambiguous[0]!.salesforce.map((s) => s.id)).toEqual([A(1)]);
    expect(report.ambiguous[0]!.reason).toContain(
      '2 NetSuite customers and 1 Salesforce Account share the name "Twin"',
    );
    expect(report.unmatchedNetSuite.map((u) => [u.record.id, u.reason])).toEqual([
      ['4', 'It has no name to look up by.'],
      ['3', 'No Salesforce Account has this name.'],
    ]);
    expect(report.unmatchedSalesforce.map((u) => u.record.id)).toEqual([A(2)]);
  });

  test('two Salesforce records for one NetSuite record are ambiguous too', () => {
    const report = matchRecords(
      'contact',
      [ns('5', 'a@x.example')],
      [sf('003A', 'A@x.example'), sf('003B', 'a@x.example')],
    );
    expect(report.ambiguous[0]!.reason).toContain(
      '1 NetSuite contact and 2 Salesforce Contacts share the e-mail',
    );
  });

  test('records an ID already claims are not matched by name again', () => {
    const report = matchRecords(
      'customer',
      [ns('1', 'Acme', { linkedTo: A(1) }), ns('2', 'Acme')],
      [sf(A(1), 'Acme'), sf(A(2), 'Acme')],
    );
    expect(report.matched.map((m) => [m.netsuite.id, m.salesforce.id, m.via])).toEqual([
      ['1', A(1), 'Salesforce ID'],
      ['2', A(2), 'name'],
    ]);
  });

  test('items match by item name = ProductCode', () => {
    const report = matchRecords(
      'item',
      [ns('10', 'SKU-1', { recordType: 'inventoryitem' })],
      [sf('01t1', 'sku-1'), sf('01t2', '')],
    );
    expect(report.matched[0]).toMatchObject({ via: 'item name' });
    expect(report.unmatchedSalesforce[0]!.reason).toBe('It has no ProductCode to look up by.');
  });
});

describe('the match report', () => {
  const report = matchRecords(
    'customer',
    [ns('1', 'Acme'), ns('2', 'Twin'), ns('3', 'Twin'), ns('4', 'Alone')],
    [sf(A(1), 'Acme'), sf(A(2), 'Twin'), sf(A(3), 'Only, in "SF"')],
  );

  test('one row per match, ambiguous group and unmatched record; dry runs say "would link"', () => {
    expect(matchRows([report], true)).toEqual([
      [
        'customer',
        'matched',
        'name',
        '1',
        'Acme',
        A(1),
        'Acme',
        'would link',
        `writes NetSuite_Id__c 1 on the Salesforce record and Salesforce ID ${A(1)} on the NetSuite record`,
      ],
      [
        'customer',
        'ambiguous',
        'name',
        '2 3',
        'Twin (2, subsidiary 1); Twin (3, subsidiary 1)',
        A(2),
        `Twin (${A(2)})`,
        'none (link by hand)',
        expect.stringContaining('share the name "Twin"'),
      ],
      ['customer', 'NetSuite only', '', '4', 'Alone', '', '', 'none', 'No Salesforce Account has this name.'],
      [
        'customer',
        'Salesforce only',
        '',
        '',
        '',
        A(3),
        'Only, in "SF"',
        'none',
        'No NetSuite customer has this name.',
      ],
    ]);
    expect(matchRows([report], false)[0]![7]).toBe('link');
  });

  test('CSV quotes what needs it and defuses formulas; the summary counts each outcome', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-12.5')).toBe('-12.5');
    expect(matchReportCsv([report], true)).toContain(
      `customer,Salesforce only,,,,${A(3)},"Only, in ""SF""",none,`,
    );
    expect(matchReportCsv([report], true).split('\r\n')[0]).toBe(
      'Kind,Outcome,Matched by,NetSuite ID,NetSuite record,Salesforce ID,Salesforce record,Action,Details',
    );
    expect(matchSummary([report])).toBe(
      'Customers: 1 to link, 0 already linked, 1 ambiguous, 1 only in NetSuite, 1 only in Salesforce.',
    );
  });
});
