/**
 * Plans the Salesforce writes for one order: customer accounts first (parents before children), missing
 * products and price book entries, the Opportunity, then its lines (new ones upserted by external line ID,
 * known ones updated; removed ones are deleted separately by the flow). Everything is a composite step; packComposites turns the steps
 * into one API call for ordinary orders and about one call per thousand lines for large ones.
 */
import { MAX_COLLECTION, type Step } from './composite';
import { lineDescription, type SalesforceBody } from './mapping';
import { lineLabel, type PlannedLine } from './lines';
import { inLists, MAX_SOQL_LENGTH } from './soql-limit';
import { soqlString } from './text';

export const STANDARD_BOOK_REF = 'stdbook';

export interface AccountWrite {
  customerId: string;
  entityId: string;
  body: SalesforceBody;
  /** Account ID of an already linked parent, or the customer ID of a parent written earlier in this plan. */
  parent: { accountId: string } | { customerId: string } | null;
  /** Linked already: update by ID instead of upserting by NetSuite ID. */
  accountId: string;
}

export interface ProductWrite {
  itemId: string;
  body: SalesforceBody;
}

export interface EntryWrite {
  itemId: string;
  /** Product2 ID when known; otherwise the product is created in this plan. */
  productId: string;
  unitPrice: number;
  standard: boolean;
  /** ISO code of the entry's currency (multi-currency orgs): the transaction's. */
  currency?: string;
}

export interface LineWrite {
  line: PlannedLine;
  externalId: string;
  /** OpportunityLineItem ID when the line was sent before. */
  salesforceId: string;
  /** Price book entry ID when known; otherwise created in this plan (see EntryWrite). */
  entryId: string;
}

export interface OrderPlanInput {
  base: string;
  orderId: string;
  subject: string;
  /** The custom price book of the order, or '' for the Standard Price Book. */
  priceBookId: string;
  /** The Standard Price Book's ID when known; otherwise it is looked up in the same call. */
  standardBookId: string;
  accounts: AccountWrite[];
  /** Account of the order's customer when already linked ('' when written in this plan). */
  accountId: string;
  customerId: string;
  products: ProductWrite[];
  entries: EntryWrite[];
  opportunityId: string;
  opportunity: SalesforceBody;
  lines: LineWrite[];
}

export interface OrderPlan {
  steps: Step[];
  /** Values cut to Salesforce's lengths, in plain words. */
  warnings: string[];
  /** Reference IDs to read results from. */
  refs: {
    opportunity: string;
    accounts: Record<string, string>;
    productChunks: Array<{ ref: string; itemIds: string[] }>;
    entryChunks: Array<{ ref: string; keys: string[] }>;
    lineChunks: Array<{ ref: string; externalIds: string[] }>;
  };
}

export const accountRef = (customerId: string): string => `acct_${customerId.replace(/[^A-Za-z0-9_]/g, '_')}`;
export const entryKey = (itemId: string, standard: boolean): string =>
  `${itemId}:${standard ? 'std' : 'book'}`;

/** Splits records into sObject Collections of at most 200. */
export function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_COLLECTION) out.push(items.slice(i, i + MAX_COLLECTION));
  return out;
}

/** Upserts (or, when linked, updates) accounts in order; parents must come before their children. */
export function accountSteps(base: string, accounts: AccountWrite[], refs: Record<string, string>): Step[] {
  const steps: Step[] = [];
  for (const account of accounts) {
    const ref = accountRef(account.customerId);
    refs[account.customerId] = ref;
    const body: SalesforceBody = { ...account.body };
    if (account.parent && 'accountId' in account.parent) body.ParentId = account.parent.accountId;
    if (account.parent && 'customerId' in account.parent)
      body.ParentId = `@{${accountRef(account.parent.customerId)}.id}`;
    steps.push(
      account.accountId
        ? {
            method: 'PATCH',
            url: `${base}/sobjects/Account/${account.accountId}`,
            referenceId: ref,
            body,
            heavy: false,
            subject: `customer ${account.entityId}`,
          }
        : {
            method: 'PATCH',
            url: `${base}/sobjects/Account/NetSuite_Id__c/${encodeURIComponent(account.customerId)}`,
            referenceId: ref,
            body,
            heavy: false,
            subject: `customer ${account.entityId}`,
          },
    );
  }

  return steps;
}

/** Quantity, price (unit or total, never both), discount and description of an Opportunity line. */
export function pricedLine(l: PlannedLine): SalesforceBody {
  return {
    Quantity: l.quantity,
    ...(l.unitPrice !== null ? { UnitPrice: l.unitPrice } : { TotalPrice: l.totalPrice }),
    Discount: l.discountPercent,
    Description: lineDescription(l.description).value,
  };
}

/**
 * Upserts of new products by NetSuite ID, 200 per collection. Returns the steps and, per item, the
 * reference to its Product2 ID for later steps of the same plan.
 */
export function productSteps(
  base: string,
  products: ProductWrite[],
  subject: string,
  chunkRefs: Array<{ ref: string; itemIds: string[] }>,
): { steps: Step[]; refs: Map<string, string> } {
  const steps: Step[] = [];
  const refs = new Map<string, string>();
  chunks(products).forEach((chunk, n) => {
    const ref = `products_${n}`;
    chunkRefs.push({ ref, itemIds: chunk.map((p) => p.itemId) });
    chunk.forEach((p, i) => refs.set(p.itemId, `@{${ref}[${i}].id}`));
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
      subject,
    });
  });
  return { steps, refs };
}

export function planOrder(input: OrderPlanInput): OrderPlan {
  const { base } = input;
  const steps: Step[] = [];
  const warnings: string[] = [];
  const refs: OrderPlan['refs'] = {
    opportunity: 'opp',
    accounts: {},
    productChunks: [],
    entryChunks: [],
    lineChunks: [],
  };

  steps.push(...accountSteps(base, input.accounts, refs.accounts));

  const standardBook = input.standardBookId || `@{${STANDARD_BOOK_REF}.records[0].Id}`;
  const priceBook = input.priceBookId || standardBook;
  const orderInStandardBook = !input.priceBookId;
  if (!input.standardBookId && (orderInStandardBook || input.entries.some((e) => e.standard))) {
    steps.push({
      method: 'GET',
      url: `${base}/query?q=${encodeURIComponent('SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1')}`,
      referenceId: STANDARD_BOOK_REF,
      heavy: true,
      subject: 'the Standard Price Book',
    });
  }

  const products = productSteps(base, input.products, 'the products of the order', refs.productChunks);
  steps.push(...products.steps);
  const productRef = products.refs;

  const entryRef = new Map<string, string>();
  // Standard entries first: Salesforce needs a standard price before a custom book can price the product.
  for (const standard of [true, false]) {
    const group = input.entries.filter((e) => e.standard === standard);
    chunks(group).forEach((chunk, n) => {
      const ref = `entries_${standard ? 'std' : 'book'}_${n}`;
      refs.entryChunks.push({ ref, keys: chunk.map((e) => entryKey(e.itemId, e.standard)) });
      chunk.forEach((e, i) => entryRef.set(entryKey(e.itemId, e.standard), `@{${ref}[${i}].id}`));
      steps.push({
        method: 'POST',
        url: `${base}/composite/sobjects`,
        referenceId: ref,
        body: {
          allOrNone: true,
          records: chunk.map((e) => ({
            attributes: { type: 'PricebookEntry' },
            Pricebook2Id: standard ? standardBook : priceBook,
            Product2Id: e.productId || productRef.get(e.itemId),
            UnitPrice: e.unitPrice,
            IsActive: true,
            UseStandardPrice: false,
            ...(e.currency ? { CurrencyIsoCode: e.currency } : {}),
          })),
        },
        heavy: true,
        subject: 'the price book entries of the order',
      });
    });
  }

  const opportunityBody: SalesforceBody = { ...input.opportunity };
  if (!input.opportunityId) {
    opportunityBody.AccountId = input.accountId || `@{${accountRef(input.customerId)}.id}`;
    opportunityBody.Pricebook2Id = priceBook;
  } else if (!input.accountId) {
    opportunityBody.AccountId = `@{${accountRef(input.customerId)}.id}`;
  } else {
    opportunityBody.AccountId = input.accountId;
  }
  steps.push(
    input.opportunityId
      ? {
          method: 'PATCH',
          url: `${base}/sobjects/Opportunity/${input.opportunityId}`,
          referenceId: 'opp',
          body: opportunityBody,
          heavy: false,
          subject: input.subject,
        }
      : {
          method: 'PATCH',
          url: `${base}/sobjects/Opportunity/NetSuite_Id__c/${encodeURIComponent(input.orderId)}`,
          referenceId: 'opp',
          body: opportunityBody,
          heavy: false,
          subject: input.subject,
        },
  );
  const opportunityId = input.opportunityId || '@{opp.id}';

  const priced = (l: PlannedLine): SalesforceBody => {
    const description = lineDescription(l.description);
    if (description.cut) {
      warnings.push(
        `Line ${l.lineNumber} (${l.itemName}): OpportunityLineItem.Description was cut to the Salesforce limit of 255 characters.`,
      );
    }
    return pricedLine(l);
  };

  chunks(input.lines.filter((l) => !l.salesforceId)).forEach((chunk, n) => {
    const ref = `newlines_${n}`;
    refs.lineChunks.push({ ref, externalIds: chunk.map((l) => l.externalId) });
    steps.push({
      method: 'PATCH',
      url: `${base}/composite/sobjects/OpportunityLineItem/NetSuite_Line_Id__c`,
      referenceId: ref,
      body: {
        allOrNone: true,
        records: chunk.map((l) => ({
          attributes: { type: 'OpportunityLineItem' },
          NetSuite_Line_Id__c: l.externalId,
          OpportunityId: opportunityId,
          PricebookEntryId: l.entryId || entryRef.get(entryKey(l.line.itemId, orderInStandardBook)),
          ...priced(l.line),
        })),
      },
      heavy: true,
      subject: `the new lines of ${input.subject}`,
      recordSubjects: chunk.map((l) => `${lineLabel(l.line)} of ${input.subject}`),
    });
  });

  chunks(input.lines.filter((l) => l.salesforceId)).forEach((chunk, n) => {
    const ref = `lines_${n}`;
    refs.lineChunks.push({ ref, externalIds: chunk.map((l) => l.externalId) });
    steps.push({
      method: 'PATCH',
      url: `${base}/composite/sobjects`,
      referenceId: ref,
      body: {
        allOrNone: true,
        records: chunk.map((l) => ({
          attributes: { type: 'OpportunityLineItem' },
          id: l.salesforceId,
          // Links a line that came from Salesforce (an order made from an Opportunity) to its NetSuite line.
          NetSuite_Line_Id__c: l.externalId,
          ...priced(l.line),
        })),
      },
      heavy: true,
      subject: `the lines of ${input.subject}`,
      recordSubjects: chunk.map((l) => `${lineLabel(l.line)} of ${input.subject}`),
    });
  });

  return { steps, refs, warnings };
}

/**
 * SOQL to find existing products and entries for items NetSuite has no IDs for yet: a products and an
 * entries query per slice of the IDs (products[i] and entries[i] ask for the same items), each within
 * Salesforce's SOQL length limit, so an order with any number of new items can be looked up.
 */
export function lookupQueries(
  itemIds: string[],
  priceBookId: string,
  options: { maxLength?: number; currency?: string | null } = {},
): { products: string[]; entries: string[] } {
  const maxLength = options.maxLength ?? MAX_SOQL_LENGTH;
  const inBook = priceBookId
    ? `(Pricebook2.IsStandard = true OR Pricebook2Id = ${soqlString(priceBookId)})`
    : 'Pricebook2.IsStandard = true';
  const books = options.currency ? `${inBook} AND CurrencyIsoCode = ${soqlString(options.currency)}` : inBook;
  const products = (list: string) =>
    `SELECT Id, NetSuite_Id__c FROM Product2 WHERE NetSuite_Id__c IN (${list})`;
  const entries = (list: string) =>
    `SELECT Id, Pricebook2Id, Pricebook2.IsStandard, Product2.NetSuite_Id__c FROM PricebookEntry WHERE Product2.NetSuite_Id__c IN (${list}) AND ${books}`;
  // The entries query is the longer of the two: lists that fit it fit the products query too.
  const lists = inLists(itemIds.map(soqlString), maxLength - entries('').length);
  return { products: lists.map(products), entries: lists.map(entries) };
}
