import { lookupQueries } from '../../bundle/core/order-plan';
import { inListQueries, inLists, MAX_GET_SOQL_LENGTH, MAX_SOQL_LENGTH } from '../../bundle/core/soql-limit';

/** The quoted values of a query's IN list. */
const listed = (soql: string): string[] => /IN \(([^)]*)\)/.exec(soql)![1]!.split(',');

describe("Salesforce's SOQL length limit", () => {
  test('values are split into as few lists as fit, in order', () => {
    expect(inLists([], 10)).toEqual([]);
    expect(inLists(["'1'", "'22'", "'333'", "'4'"], 9)).toEqual(["'1','22'", "'333','4'"]);
    expect(inLists(["'1'", "'22'"], 8)).toEqual(["'1','22'"]);
    expect(() => inLists(["'123456789'"], 8)).toThrow('does not fit');
    const build = (list: string) => `SELECT Id FROM Product2 WHERE NetSuite_Id__c IN (${list})`;
    const queries = inListQueries(["'1'", "'2'", "'3'"], build, build('').length + 7);
    expect(queries).toEqual([build("'1','2'"), build("'3'")]);
  });

  test('looking up 25,000 new items of one order: every query within 100,000 characters, each item once', () => {
    const ids = Array.from({ length: 25000 }, (_, i) => String(1000000 + i));
    const { products, entries } = lookupQueries(ids, '01s8d000000AbcdAAA');
    // The entries query without its list is 201 characters; 7-digit IDs take 10 each ('1000000',), the last
    // 9: (100,000 − 201 + 1) / 10 = 9,980 per query, exactly 100,000 characters.
    expect(entries.map((q) => listed(q).length)).toEqual([9980, 9980, 5040]);
    expect(products.map((q) => listed(q).length)).toEqual([9980, 9980, 5040]);
    for (const soql of [...products, ...entries]) expect(soql.length).toBeLessThanOrEqual(MAX_SOQL_LENGTH);
    // Full: one more ID would not have fitted.
    expect(entries[0]!.length).toBe(100000);
    expect(entries[0]!.length + ",'1009980'".length).toBeGreaterThan(MAX_SOQL_LENGTH);
    expect(products.flatMap(listed)).toEqual(ids.map((id) => `'${id}'`));
    expect(entries.flatMap(listed)).toEqual(ids.map((id) => `'${id}'`));
    expect(entries[2]).toMatch(
      /^SELECT Id, Pricebook2Id, Pricebook2\.IsStandard, Product2\.NetSuite_Id__c FROM PricebookEntry WHERE Product2\.NetSuite_Id__c IN \('1019960',.*,'1024999'\) AND \(Pricebook2\.IsStandard = true OR Pricebook2Id = '01s8d000000AbcdAAA'\)$/,
    );
  });

  test('an ordinary order: one query of each; none without items', () => {
    expect(lookupQueries(['7', '8'], '')).toEqual({
      products: ["SELECT Id, NetSuite_Id__c FROM Product2 WHERE NetSuite_Id__c IN ('7','8')"],
      entries: [
        "SELECT Id, Pricebook2Id, Pricebook2.IsStandard, Product2.NetSuite_Id__c FROM PricebookEntry WHERE Product2.NetSuite_Id__c IN ('7','8') AND Pricebook2.IsStandard = true",
      ],
    });
    expect(lookupQueries([], '')).toEqual({ products: [], entries: [] });
  });

  test('queries sent as GET keep a URL Salesforce accepts', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => String(1000000 + i));
    const { products } = lookupQueries(ids, '', { maxLength: MAX_GET_SOQL_LENGTH });
    expect(products).toHaveLength(6);
    for (const soql of products)
      expect(`/services/data/v62.0/query?q=${encodeURIComponent(soql)}`.length).toBeLessThan(16384);
  });
});
