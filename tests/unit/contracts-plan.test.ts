import { packComposites } from '../../bundle/core/composite';
import { planContract, type ContractPlanInput } from '../../bundle/core/contract-plan';
import {
  DEFAULT_CONTRACT_IDS,
  DEFAULT_CONTRACT_STATUS_MAP,
  parseContractSettings,
} from '../../bundle/core/contract-settings';
import { DEFAULT_SETTINGS, parseSettings } from '../../bundle/core/settings';

const BASE = '/services/data/v62.0';

const input = (over: Partial<ContractPlanInput> = {}): ContractPlanInput => ({
  base: BASE,
  subject: 'contract 3097_2015-07-14_2016-07-13',
  contractRecordId: '3097',
  contractId: '',
  body: { Name: '3097_2015-07-14_2016-07-13', StartDate: '2015-07-14', ContractTerm: 12 },
  account: { accountId: '001000000000001AAA' },
  accounts: [],
  activate: false,
  products: [],
  items: [
    {
      recordId: '7',
      itemId: '55',
      productId: '01t000000000001AAA',
      body: { Name: 'Support', Quantity__c: 3 },
    },
  ],
  ...over,
});

describe('contract plan', () => {
  test('a new contract of a new customer: account, products, contract, activation, items in one call', () => {
    const plan = planContract(
      input({
        account: { customerId: '12' },
        accounts: [
          { customerId: '12', entityId: 'ACME', body: { Name: 'Acme' }, parent: null, accountId: '' },
        ],
        activate: true,
        products: [{ itemId: '56', body: { Name: 'Training', IsActive: true } }],
        items: [
          { recordId: '7', itemId: '55', productId: '01t000000000001AAA', body: { Quantity__c: 3 } },
          { recordId: '8', itemId: '56', productId: '', body: { Quantity__c: 1 } },
        ],
      }),
    );
    expect(plan.steps.map((s) => [s.method, s.url, s.referenceId])).toEqual([
      ['PATCH', `${BASE}/sobjects/Account/NetSuite_Id__c/12`, 'acct_12'],
      ['PATCH', `${BASE}/composite/sobjects/Product2/NetSuite_Id__c`, 'products_0'],
      ['PATCH', `${BASE}/sobjects/Contract/NetSuite_Id__c/3097`, 'contract'],
      ['PATCH', `${BASE}/sobjects/Contract/@{contract.id}`, 'activate'],
      ['PATCH', `${BASE}/composite/sobjects/NetSuite_Contract_Item__c/NetSuite_Id__c`, 'items_0'],
    ]);
    expect(plan.steps[2]!.body).toMatchObject({ AccountId: '@{acct_12.id}', ContractTerm: 12 });
    expect(plan.steps[2]!.body).not.toHaveProperty('Status');
    expect(plan.steps[3]!.body).toEqual({ Status: 'Activated' });
    expect((plan.steps[4]!.body as { records: unknown[] }).records).toEqual([
      {
        attributes: { type: 'NetSuite_Contract_Item__c' },
        NetSuite_Id__c: '7',
        Quantity__c: 3,
        Contract__c: '@{contract.id}',
        Product__c: '01t000000000001AAA',
      },
      {
        attributes: { type: 'NetSuite_Contract_Item__c' },
        NetSuite_Id__c: '8',
        Quantity__c: 1,
        Contract__c: '@{contract.id}',
        Product__c: '@{products_0[0].id}',
      },
    ]);
    expect(packComposites(plan.steps)).toHaveLength(1);
    expect(plan.refs).toEqual({
      contract: 'contract',
      accounts: { '12': 'acct_12' },
      productChunks: [{ ref: 'products_0', itemIds: ['56'] }],
      itemChunks: [{ ref: 'items_0', recordIds: ['7', '8'] }],
    });
  });

  test('a linked contract is updated by its ID; an item without a product goes without one', () => {
    const plan = planContract(
      input({
        contractId: '800000000000001AAA',
        account: null,
        body: { NetSuite_Sync__c: 'Synced' },
        items: [{ recordId: '9', itemId: '57', productId: '', body: { Quantity__c: 2 } }],
      }),
    );
    expect(plan.steps[0]).toMatchObject({
      url: `${BASE}/sobjects/Contract/800000000000001AAA`,
      body: { NetSuite_Sync__c: 'Synced' },
    });
    expect(plan.steps[0]!.body).not.toHaveProperty('AccountId');
    expect((plan.steps[1]!.body as { records: Array<Record<string, unknown>> }).records[0]).toMatchObject({
      Contract__c: '800000000000001AAA',
      Product__c: null,
    });
  });

  test('a thousand items go in collections of 200 in one API call, the next ones in a second', () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({
      recordId: String(i + 1),
      itemId: '55',
      productId: '01t000000000001AAA',
      body: {},
    }));
    const plan = planContract(input({ items }));
    expect(plan.refs.itemChunks.map((c) => c.recordIds.length)).toEqual([200, 200, 200, 200, 200, 1]);
    expect(packComposites(plan.steps).map((batch) => batch.length)).toEqual([6, 1]);
  });
});

describe('contract settings', () => {
  test('defaults are the documented IDs, the status map and the renewal stage', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      contractFlowEnabled: true,
      contractRecordType: 'customrecord_contracts',
      contractItemRecordType: 'customrecord_contract_item',
      contractCustomerField: 'custrecord_contracts_bill_to_customer',
      contractItemContractField: 'custrecord_ci_contract_id',
      transactionContractField: 'custbody_contract_name',
      contractStatusMap: DEFAULT_CONTRACT_STATUS_MAP,
      renewalStage: 'Proposal/Price Quote',
    });
    expect(parseSettings({}).settings).toMatchObject(DEFAULT_CONTRACT_IDS);
  });

  test('values from the record override them; a bad ID or map is reported and the default kept', () => {
    const problems: string[] = [];
    const parsed = parseContractSettings(
      {
        contractFlowEnabled: 'F',
        contractRecordType: 'customrecord_my_contracts',
        contractItemPriceField: 'Price Field!',
        contractStatusMap: '{"Active":"Activated","Closed":null,"Bad":7}',
        renewalStage: ' Negotiation/Review ',
      },
      problems,
    );
    expect(parsed).toMatchObject({
      contractFlowEnabled: false,
      contractRecordType: 'customrecord_my_contracts',
      contractItemPriceField: 'custrecord_ci_current_list_rate',
      contractStatusMap: { Active: 'Activated', Closed: null },
      renewalStage: 'Negotiation/Review',
    });
    expect(problems).toEqual([expect.stringContaining('"Contract Item Price Field" is not a NetSuite ID')]);
    const broken: string[] = [];
    expect(parseContractSettings({ contractStatusMap: '[1]' }, broken).contractStatusMap).toEqual(
      DEFAULT_CONTRACT_STATUS_MAP,
    );
    expect(broken).toEqual(['"Contract Status Map" is not a JSON object; the default map was used.']);
  });
});
