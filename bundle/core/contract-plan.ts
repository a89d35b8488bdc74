/**
 * Plans the Salesforce writes for one contract as composite steps: the customer's accounts first (parents
 * before children, as for orders), missing products, the Contract (upserted by NetSuite_Id__c, or updated by
 * its ID once known), its activation (Status alone, as Salesforce requires), then the Contract Items,
 * upserted by NetSuite_Id__c in collections of 200. Removed items are deleted separately by the flow.
 */
import { MAX_COLLECTION, type Step } from './composite';
import type { SalesforceBody } from './mapping';
import { accountRef, accountSteps, type AccountWrite, type ProductWrite } from './order-plan';

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

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_COLLECTION) out.push(items.slice(i, i + MAX_COLLECTION));
  return out;
}

export function planContract(input: ContractPlanInput): ContractPlan {
  const { base } = input;
  const refs: ContractPlan['refs'] = {
    contract: CONTRACT_REF,
    accounts: {},
    productChunks: [],
    itemChunks: [],
  };
  const steps: Step[] = [...accountSteps(base, input.accounts, refs.accounts)];

  const productRef = new Map<string, string>();
  chunks(input.products).forEach((chunk, n) => {
    const ref = `products_${n}`;
    refs.productChunks.push({ ref, itemIds: chunk.map((p) => p.itemId) });
    chunk.forEach((p, i) => productRef.set(p.itemId, `@{${ref}[${i}].id}`));
    steps.push({
      method: 'PATCH',
      url: `${base}/composite/sobjects/Product2/NetSuite_Id__c`,
      referenceId: ref,
      body: {
        allOrNone: true,
        records: chunk.map((p) => ({
          attributes: { type: 'Product2' },
          ...p.body,
          NetSuite_Id__c: p.itemId,
        })),
      },
      heavy: true,
      subject: `the products of ${input.subject}`,
    });
  });

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
