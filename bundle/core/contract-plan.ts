/**
 * Plans the Salesforce writes for one contract as composite steps: the customer's accounts first (parents
 * before children, as for orders), missing products, the Contract (upserted by NetSuite_Id__c, or updated by
 * its ID once known), its activation (Status alone, as Salesforce requires), then the Contract Items,
 * upserted by NetSuite_Id__c in collections of 200. Removed items are deleted separately by the flow.
 */
import type { Step } from './composite';
import type { SalesforceBody } from './mapping';
import {
  accountRef,
  accountSteps,
  chunks,
  productSteps,
  type AccountWrite,
  type ProductWrite,
} from './order-plan';

export interface ContractItemWrite {
  /** Internal ID of the contract item: the item's NetSuite_Id__c. */
  recordId: string;
  /** NetSuite item of the contract item. */
  itemId: string;
  /** Product2 ID when known; '' when the product is created in this plan, or when there is none. */
  productId: string;
  body: SalesforceBody;
}

export interface ContractPlanInput {
  base: string;
  subject: string;
  /** Internal ID of the NetSuite contract: the Contract's NetSuite_Id__c. */
  contractRecordId: string;
  /** Salesforce ID of the Contract when known. */
  contractId: string;
  body: SalesforceBody;
  /** Set AccountId: an account already linked, or the account written in this plan for the customer. */
  account: { accountId: string } | { customerId: string } | null;
  accounts: AccountWrite[];
  /** Send `Status: Activated` alone after the contract's fields. */
  activate: boolean;
  products: ProductWrite[];
  items: ContractItemWrite[];
}

export interface ContractPlan {
  steps: Step[];
  refs: {
    contract: string;
    accounts: Record<string, string>;
    productChunks: Array<{ ref: string; itemIds: string[] }>;
    itemChunks: Array<{ ref: string; recordIds: string[] }>;
  };
}

const CONTRACT_REF = 'contract';

export function planContract(input: ContractPlanInput): ContractPlan {
  const { base } = input;
  const refs: ContractPlan['refs'] = {
    contract: CONTRACT_REF,
    accounts: {},
    productChunks: [],
    itemChunks: [],
  };
  const steps: Step[] = [...accountSteps(base, input.accounts, refs.accounts)];

  const products = productSteps(base, input.products, `the products of ${input.subject}`, refs.productChunks);
  steps.push(...products.steps);
  const productRef = products.refs;

  const body: SalesforceBody = { ...input.body };
  if (input.account && 'accountId' in input.account) body.AccountId = input.account.accountId;
  if (input.account && 'customerId' in input.account)
    body.AccountId = `@{${accountRef(input.account.customerId)}.id}`;
  steps.push({
    method: 'PATCH',
    url: input.contractId
      ? `${base}/sobjects/Contract/${input.contractId}`
      : `${base}/sobjects/Contract/NetSuite_Id__c/${encodeURIComponent(input.contractRecordId)}`,
    referenceId: CONTRACT_REF,
    body,
    heavy: false,
    subject: input.subject,
  });
  const contractId = input.contractId || `@{${CONTRACT_REF}.id}`;
  if (input.activate) {
    steps.push({
      method: 'PATCH',
      url: `${base}/sobjects/Contract/${contractId}`,
      referenceId: 'activate',
      body: { Status: 'Activated' },
      heavy: false,
      subject: `the activation of ${input.subject}`,
    });
  }

  chunks(input.items).forEach((chunk, n) => {
    const ref = `items_${n}`;
    refs.itemChunks.push({ ref, recordIds: chunk.map((i) => i.recordId) });
    steps.push({
      method: 'PATCH',
      url: `${base}/composite/sobjects/NetSuite_Contract_Item__c/NetSuite_Id__c`,
      referenceId: ref,
      body: {
        allOrNone: true,
        records: chunk.map((i) => ({
          attributes: { type: 'NetSuite_Contract_Item__c' },
          NetSuite_Id__c: i.recordId,
          ...i.body,
          Contract__c: contractId,
          Product__c: i.productId || productRef.get(i.itemId) || null,
        })),
      },
      heavy: true,
      subject: `the items of ${input.subject}`,
    });
  });
  return { steps, refs };
}
