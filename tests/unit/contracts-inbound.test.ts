import { contractValue } from '../../bundle/core/inbound/mapping';

describe('the contract of an upsell or renewal order', () => {
  test("is the NetSuite ID of the opportunity's NetSuite Contract", () => {
    expect(
      contractValue({
        NetSuite_Contract__c: '800000000000001AAA',
        NetSuite_Contract__r: { NetSuite_Id__c: '3097' },
      }),
    ).toEqual({ value: '3097', warning: null });
  });

  test('is nothing for an opportunity without a contract', () => {
    expect(contractValue({ NetSuite_Contract__c: null })).toEqual({ value: null, warning: null });
    expect(contractValue({})).toEqual({ value: null, warning: null });
  });

  test('is nothing, with a warning, for a Salesforce contract that did not come from NetSuite', () => {
    const result = contractValue({
      NetSuite_Contract__c: '800000000000002AAA',
      NetSuite_Contract__r: { NetSuite_Id__c: null },
    });
    expect(result.value).toBeNull();
    expect(result.warning).toContain('800000000000002AAA');
  });
});
