/**
 * Bulk initial sync: packing many orders into one Salesforce call, and reading per-record results back
 * into per-order outcomes. Pure.
 *
 * An order batch is one reduce invocation. Its writes are sObject Collections upserts by external ID
 * (Accounts by NetSuite_Id__c, Opportunities by NetSuite_Id__c, lines by NetSuite_Line_Id__c) that refer to
 * each other by external ID too (`"Opportunity": {"NetSuite_Id__c": "42"}`), so a record that fails takes
 * only its own dependants with it, and running a batch again updates what the first run created.
 */
import { MAX_COLLECTION, MAX_HEAVY, type Step, type SubResponse } from './composite';
import { salesforceError, SyncError, type SalesforceErrorItem } from './errors';
import {
  chunkResults,
  collectionSteps,
  type CollectionChunk,
  type RecordResult,
  type SalesforceRecord,
} from './golive-collections';
import { lineLabel, type LinePlan } from './lines';
import type { SalesforceBody } from './mapping';
import { pricedLine } from './order-plan';

/** Orders per reduce invocation: write-back (10 units each) and failure logging fit in 5,000 units. */
export const MAX_ORDERS_PER_BATCH = 150;
/** Customers per reduce invocation of the customers pass (read 1 + write-back 5 units, failures 21). */
export const MAX_CUSTOMERS_PER_BATCH = 180;
/** Items per map invocation (write-back 5 units each, within the map stage's 1,000). */
export const MAX_ITEMS_PER_BATCH = 100;

const collections = (n: number): number => Math.ceil(n / MAX_COLLECTION);

export interface OrderSize {
  id: string;
  customerId: string;
  /** Item lines (what becomes OpportunityLineItems). */
  lines: number;
  /** The customer has no Salesforce account yet, so the batch writes it too. */
  newAccount: boolean;
}

/**
 * Batch number per order, in the given order: a batch grows while its collections fit one composite call
 * (five) and it has at most MAX_ORDERS_PER_BATCH orders. An order too large for one call is a batch alone.
 */
export function packOrders(orders: OrderSize[], maxOrders = MAX_ORDERS_PER_BATCH): Map<string, number> {
  const out = new Map<string, number>();
  let batch = -1;
  let count = 0;
  let lines = 0;
  let accounts = new Set<string>();
  const heavy = (n: number, l: number, a: number) => collections(n) + collections(l) + collections(a);
  for (const o of orders) {
    const nextAccounts = o.newAccount ? accounts.size + (accounts.has(o.customerId) ? 0 : 1) : accounts.size;
    const fits =
      batch >= 0 && count + 1 <= maxOrders && heavy(count + 1, lines + o.lines, nextAccounts) <= MAX_HEAVY;
    if (!fits) {
      batch += 1;
      count = 0;
      lines = 0;
      accounts = new Set();
    }
    count += 1;
    lines += o.lines;
    if (o.newAccount) accounts.add(o.customerId);
    out.set(o.id, batch);
  }
  return out;
}

/** Customer batches that keep each family (a customer and its sub-customers) together, parents first. */
export function packCustomers(
  customers: Array<{ id: string; parentId: string }>,
  max = MAX_CUSTOMERS_PER_BATCH,
): string[][] {
  const byId = new Map(customers.map((c) => [c.id, c]));
  const rootOf = (id: string): string => {
    let current = id;
    for (let guard = 0; guard < 20; guard++) {
      const parent = byId.get(current)?.parentId;
      if (!parent || !byId.has(parent) || parent === current) return current;
      current = parent;
    }
    return current;
  };
  const depth = (id: string): number => {
    let d = 0;
    let current = byId.get(id);
    while (current?.parentId && byId.has(current.parentId) && d < 20) {
      d += 1;
      current = byId.get(current.parentId);
    }
    return d;
  };
  const families = new Map<string, string[]>();
  for (const c of customers) {
    const root = rootOf(c.id);
    families.set(root, [...(families.get(root) ?? []), c.id]);
  }
  const batches: string[][] = [];
  let current: string[] = [];
  for (const members of families.values()) {
    members.sort((a, b) => depth(a) - depth(b));
    if (current.length > 0 && current.length + members.length > max) {
      batches.push(current);
      current = [];
    }
    current.push(...members);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** An Account written by a batch: upserted by NetSuite ID, or updated by ID when already linked. */
export interface AccountInput {
  customerId: string;
  entityId: string;
  body: SalesforceBody;
  /** Linked already: update this Account by ID. */
  accountId: string;
  /** The parent: its Account ID, or a customer written in the same batch, or none. */
  parent: { accountId: string } | { customerId: string } | null;
}

/** Parents before children: depth 0 are customers whose parent is not written in this batch. */
function depths(accounts: AccountInput[]): Map<string, number> {
  const inBatch = new Map(accounts.map((a) => [a.customerId, a]));
  const out = new Map<string, number>();
  const depthOf = (a: AccountInput, guard = 0): number => {
    const known = out.get(a.customerId);
    if (known !== undefined) return known;
    const parent = a.parent && 'customerId' in a.parent ? inBatch.get(a.parent.customerId) : undefined;
    const d = parent && guard < 20 ? depthOf(parent, guard + 1) + 1 : 0;
    out.set(a.customerId, d);
    return d;
  };
  for (const a of accounts) depthOf(a);
  return out;
}

export function accountRecord(a: AccountInput): SalesforceRecord {
  const record: SalesforceRecord = { attributes: { type: 'Account' }, ...a.body };
  if (a.accountId) record.id = a.accountId;
  else record.NetSuite_Id__c = a.customerId;
  if (a.parent && 'accountId' in a.parent) record.ParentId = a.parent.accountId;
  if (a.parent && 'customerId' in a.parent) record.Parent = { NetSuite_Id__c: a.parent.customerId };
  return record;
}

/** Account collections, one depth level after the other; linked ones updated, new ones upserted. */
export function bulkAccountSteps(
  base: string,
  accounts: AccountInput[],
): { steps: Step[]; chunks: CollectionChunk[] } {
  const byDepth = depths(accounts);
  const levels = [...new Set(byDepth.values())].sort((a, b) => a - b);
  const steps: Step[] = [];
  const chunks: CollectionChunk[] = [];
  for (const level of levels) {
    const here = accounts.filter((a) => byDepth.get(a.customerId) === level);
    for (const mode of ['upsert', 'update'] as const) {
      const group = here.filter((a) => (mode === 'update') === !!a.accountId);
      if (group.length === 0) continue;
      const plan = collectionSteps(
        base,
        mode,
        'Account',
        group.map((a) => ({ key: a.customerId, record: accountRecord(a) })),
        `acct_${level}_${mode}`,
        'the customers of the batch',
      );
      steps.push(...plan.steps);
      chunks.push(...plan.chunks);
    }
  }
  return { steps, chunks };
}

export interface BulkOrder {
  orderId: string;
  tranId: string;
  customerId: string;
  /** The customer's Account ID; '' when the batch writes the Account (then referred to by NetSuite ID). */
  accountId: string;
  /** Mapped Opportunity fields (as for a new Opportunity). */
  opportunity: SalesforceBody;
  priceBookId: string;
  plan: LinePlan;
  /** External line ID and price book entry ID of each planned line, in plan order. */
  lines: Array<{ externalId: string; entryId: string }>;
}

export function opportunityRecord(o: BulkOrder): SalesforceRecord {
  const record: SalesforceRecord = {
    attributes: { type: 'Opportunity' },
    ...o.opportunity,
    NetSuite_Id__c: o.orderId,
    Pricebook2Id: o.priceBookId,
  };
  if (o.accountId) record.AccountId = o.accountId;
  else record.Account = { NetSuite_Id__c: o.customerId };
  return record;
}

export function lineRecords(o: BulkOrder): Array<{ key: string; record: SalesforceRecord }> {
  return o.plan.lines.map((line, i) => {
    const ids = o.lines[i]!;
    return {
      key: ids.externalId,
      record: {
        attributes: { type: 'OpportunityLineItem' },
        NetSuite_Line_Id__c: ids.externalId,
        Opportunity: { NetSuite_Id__c: o.orderId },
        PricebookEntryId: ids.entryId,
        ...pricedLine(line),
      },
    };
  });
}

export interface BatchPlan {
  steps: Step[];
  accounts: CollectionChunk[];
  opportunities: CollectionChunk[];
  lines: CollectionChunk[];
}

/** Accounts (parents first), then Opportunities, then their lines. */
export function planBatch(base: string, accounts: AccountInput[], orders: BulkOrder[]): BatchPlan {
  const acct = bulkAccountSteps(base, accounts);
  const opps = collectionSteps(
    base,
    'upsert',
    'Opportunity',
    orders.map((o) => ({ key: o.orderId, record: opportunityRecord(o) })),
    'opps',
    'the orders of the batch',
  );
  const lines = collectionSteps(
    base,
    'upsert',
    'OpportunityLineItem',
    orders.flatMap(lineRecords),
    'lines',
    'the order lines of the batch',
    'NetSuite_Line_Id__c',
  );
  return {
    steps: [...acct.steps, ...opps.steps, ...lines.steps],
    accounts: acct.chunks,
    opportunities: opps.chunks,
    lines: lines.chunks,
  };
}

export interface OrderOutcome {
  orderId: string;
  ok: boolean;
  opportunityId: string;
  /** External line ID → OpportunityLineItem ID (as the real-time flow keeps it). */
  lineMap: Record<string, string>;
  error?: SyncError;
}

export interface BatchOutcome {
  accounts: Map<string, RecordResult>;
  orders: OrderOutcome[];
}

/**
 * What each record of the batch became. `responses` holds every subrequest that ran; `stopped` is the error
 * that kept the other calls from running or answering (a refused or dropped request), if any.
 */
export function batchOutcome(
  plan: BatchPlan,
  orders: BulkOrder[],
  responses: Record<string, SubResponse | undefined>,
  stopped?: SyncError,
): BatchOutcome {
  const missing: SalesforceErrorItem = stopped
    ? { errorCode: stopped.code, message: stopped.message }
    : { errorCode: 'PROCESSING_HALTED', message: 'the request was not sent' };
  const accounts = chunkResults(plan.accounts, responses, missing);
  const opps = chunkResults(plan.opportunities, responses, missing);
  const lines = chunkResults(plan.lines, responses, missing);
  const failed = (result: RecordResult | undefined, subject: string): SyncError =>
    (!result || result.notSent) && stopped
      ? stopped
      : salesforceError(result?.errors ?? [missing], 400, subject);
  const outcomes = orders.map((o): OrderOutcome => {
    const subject = `order ${o.tranId || o.orderId}`;
    const opp = opps.get(o.orderId);
    if (!opp || !opp.ok) {
      const account = o.accountId ? undefined : accounts.get(o.customerId);
      const error =
        account && !account.ok ? failed(account, `the customer of ${subject}`) : failed(opp, subject);
      return { orderId: o.orderId, ok: false, opportunityId: '', lineMap: {}, error };
    }
    const lineMap: Record<string, string> = {};
    for (const [i, l] of o.lines.entries()) {
      const r = lines.get(l.externalId);
      if (!r || !r.ok) {
        // Named as NetSuite shows the line (o.lines follow o.plan.lines), not by its external ID.
        const planned = o.plan.lines[i];
        return {
          orderId: o.orderId,
          ok: false,
          opportunityId: opp.id,
          lineMap: {},
          error: failed(r, `${planned ? lineLabel(planned) : 'a line'} of ${subject}`),
        };
      }
      lineMap[l.externalId] = r.id;
    }
    return { orderId: o.orderId, ok: true, opportunityId: opp.id, lineMap };
  });
  return { accounts, orders: outcomes };
}
