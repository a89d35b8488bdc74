/**
 * Bulk initial sync: pushes chosen NetSuite records (customers; open, or open and historical, sales orders in
 * a date range) to Salesforce with the mapping and rules of the real-time flows, many records per call.
 *
 * Stages (mr_golive_bulk): getInputData picks the records and packs them into batches; map links the items
 * the orders need (products and price book entries, before any order is sent) and reads each order; reduce
 * sends one batch of orders (or customers) in as few composite calls as the collection limits allow and
 * writes the results back. The write-back is the progress marker: an order with an Opportunity ID and a
 * customer whose hash matches are skipped by the next run, and every write is an upsert by external ID, so
 * a run stopped at any point is finished by running it again, without duplicates.
 */
import { entryMapKey, productBody } from '../core/catalog-writes';
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import { BODY, ENTITY, ITEM } from '../catalogue';
import { inboundMarker } from '../core/echo';
import { salesforceError, SyncError, toSyncError } from '../core/errors';
import {
  batchOutcome,
  MAX_ITEMS_PER_BATCH,
  packCustomers,
  packOrders,
  planBatch,
  type AccountInput,
  type BulkOrder,
} from '../core/golive-bulk';
import { chunkResults, collectionSteps, type RecordResult } from '../core/golive-collections';
import { planLines } from '../core/lines';
import { customerDisplayName, mapOpportunity, overrideSourceFields } from '../core/mapping';
import { failureStatus, soqlString, syncStamp } from '../core/text';
import type { CustomerSnapshot, ItemSnapshot, OrderSnapshot, Settings } from '../core/types';
import {
  customersInScope,
  PRODUCT_ITEM_TYPES,
  unsyncedOrderLines,
  type OrderScope,
} from '../adapters/golive-netsuite';
import { queryAll, sendCollections } from '../adapters/golive-salesforce';
import { logFailure, logSuccess, type LogSubject } from '../adapters/integration-log';
import { currencyIso, readCustomer, readItems, readOrder, writeBack } from '../adapters/netsuite-records';
import { SalesforceClient } from '../adapters/salesforce-client';
import { loadSettings } from '../adapters/settings-store';
import { customerHash } from './customer-sync';
import {
  accountWrites,
  chooseBook,
  entryCurrency,
  lineExternalId,
  orderHash,
  unlinkedChain,
} from './order-sync';

export interface BulkParams extends OrderScope {
  customers: boolean;
  orders: boolean;
  /** At most this many orders in this run (0: all); the next run goes on where this one stopped. */
  max: number;
}

/** A price book entry an item needs: in a book ('' = the Standard Price Book) and a currency. */
export interface EntryNeed {
  bookId: string;
  /** ISO code in a multi-currency org; null otherwise. */
  currency: string | null;
  /** Unit price for a new entry: the rate of the first line that uses the item in this currency. */
  price: number;
}

export interface ItemNeed {
  id: string;
  /** The entries the orders need, standard ones included (one per currency, before custom books). */
  entries: EntryNeed[];
}

export type BulkWork =
  | { kind: 'items'; items: ItemNeed[] }
  | { kind: 'customers'; batch: number; ids: string[] }
  | { kind: 'order'; batch: number; id: string };

export interface OrderInput {
  order: OrderSnapshot;
  hadError: boolean;
}

/** A failure the stage had no units left to log; summarize logs it. */
export interface Unlogged {
  subject: LogSubject;
  code: string;
  message: string;
  retryable: boolean;
}

export interface BatchCounts {
  synced: number;
  failed: number;
  unchanged: number;
  skipped: number;
  unlogged: Unlogged[];
}

/** Units kept for the rest of an invocation before logging another failure (a log entry costs about 16). */
const LOG_RESERVE = 60;

const remaining = (): number => runtime.getCurrentScript().getRemainingUsage();

function orderSubject(orderId: string, opportunityId = ''): LogSubject {
  return {
    flow: 'Sales Order to Opportunity',
    direction: 'NetSuite to Salesforce',
    netsuiteType: 'salesorder',
    netsuiteId: orderId,
    salesforceObject: 'Opportunity',
    salesforceId: opportunityId,
  };
}

function customerSubject(customerId: string, accountId = ''): LogSubject {
  return {
    flow: 'Customer to Account',
    direction: 'NetSuite to Salesforce',
    netsuiteType: 'customer',
    netsuiteId: customerId,
    salesforceObject: 'Account',
    salesforceId: accountId,
  };
}

/** Logs a failure while the units allow; otherwise hands it to summarize. */
function logOrDefer(
  subject: LogSubject,
  error: SyncError,
  settings: Settings,
  now: Date,
  counts: BatchCounts,
) {
  if (remaining() > LOG_RESERVE) return logFailure(subject, error, settings.maxAttempts, now).status;
  counts.unlogged.push({ subject, code: error.code, message: error.message, retryable: error.retryable });
  return error.retryable ? 'Retrying' : 'Error';
}

/** The Standard Price Book's ID (remembered with the session; one query call the first time). */
export function standardBook(client: SalesforceClient): string {
  if (client.standardBookId) return client.standardBookId;
  const rows = queryAll<{ Id: string }>(
    client,
    'SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1',
    'the Standard Price Book',
  );
  const id = rows[0]?.Id ?? '';
  if (id) client.rememberStandardBook(id);
  return id;
}

/** getInputData: the items to link first, the customer batches and one entry per order with its batch. */
export function bulkInput(params: BulkParams): BulkWork[] {
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  const work: BulkWork[] = [];
  const orderCustomers = new Set<string>();
  if (params.orders) {
    const standardBookId = standardBook(client);
    const rows = unsyncedOrderLines(params);
    const byOrder = new Map<string, typeof rows>();
    for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
    let orderIds = [...byOrder.keys()];
    if (params.max > 0) orderIds = orderIds.slice(0, params.max);
    const customers = new Map(customersInScope('', false).map((c) => [c.id, c]));
    const needs = new Map<string, Map<string, EntryNeed>>();
    const sizes = orderIds.map((id) => {
      const lines = byOrder.get(id)!.filter((r) => PRODUCT_ITEM_TYPES.includes(r.itemType));
      const sent = lines.filter((r) => r.quantity !== 0 || settings.zeroQuantityPolicy !== 'skip');
      const currency = entryCurrency(currencyIso(byOrder.get(id)![0]!.currencyId), settings);
      const book = chooseBook(
        sent.map((r) => ({ priceLevel: r.priceLevel || null })),
        settings,
        standardBookId,
        currency,
      );
      for (const r of sent) {
        const need = needs.get(r.itemId) ?? new Map<string, EntryNeed>();
        const price = Math.round((r.rate ?? 0) * 100) / 100;
        for (const bookId of book.bookId ? ['', book.bookId] : ['']) {
          const key = entryMapKey(bookId, currency);
          if (!need.has(key)) need.set(key, { bookId, currency, price });
        }
        needs.set(r.itemId, need);
      }
      const customerId = byOrder.get(id)![0]!.customerId;
      const newAccount = !customers.get(customerId)?.accountId;
      if (newAccount) orderCustomers.add(customerId);
      return { id, customerId, lines: sent.length, newAccount };
    });
    const items = readItems([...needs.keys()]);
    const todo: ItemNeed[] = [];
    for (const [id, need] of needs) {
      const item = items.get(id);
      if (!item) continue;
      if (!item.productId || [...need.keys()].some((key) => !item.priceBookEntries[key]))
        todo.push({ id, entries: [...need.values()] });
    }
    for (let i = 0; i < todo.length; i += MAX_ITEMS_PER_BATCH)
      work.push({ kind: 'items', items: todo.slice(i, i + MAX_ITEMS_PER_BATCH) });
    const batches = packOrders(sizes);
    for (const s of sizes) work.push({ kind: 'order', batch: batches.get(s.id)!, id: s.id });
  }
  if (params.customers) {
    // Customers the order batches create are left to them, so no two batches write one Account.
    const scope = customersInScope(params.subsidiary, true).filter((c) => !orderCustomers.has(c.id));
    packCustomers(scope).forEach((ids, batch) => work.push({ kind: 'customers', batch, ids }));
  }
  return work;
}

/**
 * map: finds or creates the Salesforce products and price book entries a batch of items needs (standard
 * entries before custom ones) and remembers their IDs on the items. Three calls for up to 100 items.
 */
export function linkItems(needs: ItemNeed[]): { linked: number; failed: number; errors: string[] } {
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  const standardBookId = standardBook(client);
  const items = readItems(needs.map((n) => n.id));
  const byItem = new Map(needs.map((n) => [n.id, n]));
  const list = [...items.values()];
  const errors: string[] = [];

  // 1. What Salesforce already has: products by NetSuite ID, and their entries in the books needed.
  const ids = list.map((i) => soqlString(i.id)).join(',');
  const books = [...new Set(needs.flatMap((n) => n.entries.map((e) => e.bookId)).filter(Boolean))].map(
    soqlString,
  );
  const currencies = [
    ...new Set(needs.flatMap((n) => n.entries.map((e) => e.currency)).filter((c): c is string => !!c)),
  ];
  for (const p of queryAll<Record<string, unknown>>(
    client,
    `SELECT Id, NetSuite_Id__c FROM Product2 WHERE NetSuite_Id__c IN (${ids})`,
    'the products of the items',
  )) {
    const item = items.get(String(p.NetSuite_Id__c));
    if (item && !item.productId) item.productId = String(p.Id);
  }
  const productIds = [...new Set(list.filter((i) => i.productId).map((i) => soqlString(i.productId)))];
  if (productIds.length > 0) {
    const bookFilter =
      books.length > 0
        ? `(Pricebook2.IsStandard = true OR Pricebook2Id IN (${books.join(',')}))`
        : 'Pricebook2.IsStandard = true';
    const currencyFilter =
      currencies.length > 0 ? ` AND CurrencyIsoCode IN (${currencies.map(soqlString).join(',')})` : '';
    const byProduct = new Map(list.filter((i) => i.productId).map((i) => [i.productId.slice(0, 15), i]));
    for (const e of queryAll<Record<string, unknown>>(
      client,
      `SELECT Id, Product2Id, Pricebook2Id, Pricebook2.IsStandard${currencies.length > 0 ? ', CurrencyIsoCode' : ''} FROM PricebookEntry WHERE Product2Id IN (${productIds.join(',')}) AND ${bookFilter}${currencyFilter}`,
      'the price book entries of the items',
    )) {
      const item = byProduct.get(String(e.Product2Id).slice(0, 15));
      if (!item) continue;
      const standard = (e.Pricebook2 as Record<string, unknown> | undefined)?.IsStandard === true;
      const currency = currencies.length > 0 ? String(e.CurrencyIsoCode ?? '') || null : null;
      item.priceBookEntries[entryMapKey(standard ? '' : String(e.Pricebook2Id), currency)] = String(e.Id);
    }
  }

  // 2. Missing products, upserted by NetSuite ID (only when the setting allows creating them).
  const failedItems = new Set<string>();
  const create = settings.createMissingProducts;
  const newProducts = create ? list.filter((i) => !i.productId) : [];
  if (newProducts.length > 0) {
    const plan = collectionSteps(
      client.base,
      'upsert',
      'Product2',
      newProducts.map((i) => ({
        key: i.id,
        record: { attributes: { type: 'Product2' }, ...productBody(i), NetSuite_Id__c: i.id },
      })),
      'products',
      'the products of the items',
    );
    record_(plan.chunks, sendCollections(client, plan.steps, 'the products of the items'), (item, r) => {
      const it = items.get(item)!;
      if (r.ok) it.productId = r.id;
      else {
        failedItems.add(item);
        errors.push(`${it.name}: ${r.errors[0]?.errorCode ?? ''} ${r.errors[0]?.message ?? ''}`.trim());
      }
    });
  }

  // 3. Missing entries: the standard price first, then each book the orders use.
  const entries: Array<{ key: string; item: ItemSnapshot; need: EntryNeed; mapKey: string }> = [];
  for (const item of list) {
    if (!create || !item.productId || failedItems.has(item.id)) continue;
    for (const need of byItem.get(item.id)!.entries) {
      const mapKey = entryMapKey(need.bookId, need.currency);
      if (!item.priceBookEntries[mapKey]) entries.push({ key: `${item.id}|${mapKey}`, item, need, mapKey });
    }
  }
  if (entries.length > 0) {
    const ordered = [...entries.filter((e) => !e.need.bookId), ...entries.filter((e) => !!e.need.bookId)];
    const plan = collectionSteps(
      client.base,
      'create',
      'PricebookEntry',
      ordered.map((e) => ({
        key: e.key,
        record: {
          attributes: { type: 'PricebookEntry' },
          Pricebook2Id: e.need.bookId || standardBookId,
          Product2Id: e.item.productId,
          UnitPrice: e.need.price,
          IsActive: true,
          UseStandardPrice: false,
          ...(e.need.currency ? { CurrencyIsoCode: e.need.currency } : {}),
        },
      })),
      'entries',
      'the price book entries of the items',
    );
    record_(
      plan.chunks,
      sendCollections(client, plan.steps, 'the price book entries of the items'),
      (key, r) => {
        const [itemId, mapKey] = key.split('|') as [string, string];
        const it = items.get(itemId)!;
        if (r.ok) it.priceBookEntries[mapKey] = r.id;
        else {
          failedItems.add(itemId);
          errors.push(`${it.name}: ${r.errors[0]?.errorCode ?? ''} ${r.errors[0]?.message ?? ''}`.trim());
        }
      },
    );
  }

  // 4. Remember the IDs on the items (5 units each); the orders read them in the reduce stage.
  let linked = 0;
  for (const item of list) {
    if (!item.productId) continue;
    writeBack(item.recordType, item.id, {
      [ITEM.productId]: item.productId,
      [ITEM.priceBookEntries]: JSON.stringify(item.priceBookEntries),
    });
    if (!failedItems.has(item.id)) linked += 1;
  }
  return { linked, failed: list.length - linked, errors };
}

function record_(
  chunks: ReturnType<typeof collectionSteps>['chunks'],
  sent: ReturnType<typeof sendCollections>,
  each: (key: string, r: RecordResult) => void,
): void {
  const missing = sent.stopped
    ? { errorCode: sent.stopped.code, message: sent.stopped.message }
    : { errorCode: 'PROCESSING_HALTED', message: 'not sent' };
  for (const [key, r] of chunkResults(chunks, sent.responses, missing)) each(key, r);
}

/** map: one order as the real-time flow reads it; null when it was linked since the run started. */
export function readBulkOrder(orderId: string): OrderInput | null {
  const { settings } = loadSettings();
  const rec = record.load({ type: record.Type.SALES_ORDER, id: orderId });
  const order = readOrder(rec, overrideSourceFields(settings, 'Opportunity'));
  if (order.opportunityId || order.salesforceOriginated) return null;
  return { order, hadError: !!rec.getValue({ fieldId: BODY.lastSyncError }) };
}

/** The parent as the customer user event sees it once the batch has written its Accounts. */
function parentAfter(
  parent: AccountInput['parent'],
  accounts: Map<string, RecordResult>,
): { accountId: string } | null {
  if (!parent) return null;
  if ('accountId' in parent) return parent;
  const r = accounts.get(parent.customerId);
  return r?.ok ? { accountId: r.id } : null;
}

/**
 * Writes Account IDs back, parents first, with the hash the customer flow would compute now, so the user
 * event of this very write (and the next unchanged save) sends nothing.
 */
function writeBackCustomers(
  accounts: AccountInput[],
  results: Map<string, RecordResult>,
  now: Date,
  onFailure?: (a: AccountInput, r: RecordResult) => void,
): number {
  let written = 0;
  for (const a of accounts) {
    const r = results.get(a.customerId);
    if (!r) continue;
    if (!r.ok) {
      onFailure?.(a, r);
      continue;
    }
    writeBack('customer', a.customerId, {
      [ENTITY.accountId]: r.id,
      [ENTITY.syncStatus]: `Synced ${syncStamp(now)}`,
      [ENTITY.lastSyncedAt]: now,
      [ENTITY.lastSyncError]: '',
      [ENTITY.payloadHash]: customerHash([{ body: a.body, parent: parentAfter(a.parent, results) }]),
    });
    written += 1;
  }
  return written;
}

/** Accounts for customers without one (and their parents without one), parents first, each once. */
function accountsFor(customers: CustomerSnapshot[], settings: Settings): AccountInput[] {
  const out = new Map<string, AccountInput>();
  for (const c of customers) {
    for (const w of accountWrites(unlinkedChain(c, settings), settings).writes) {
      if (!out.has(w.customerId)) out.set(w.customerId, w);
    }
  }
  return [...out.values()];
}

/** reduce: one batch of orders (with the Accounts their customers still need) in as few calls as fit. */
export function syncOrderBatch(inputs: OrderInput[], now: Date): BatchCounts {
  const counts: BatchCounts = { synced: 0, failed: 0, unchanged: 0, skipped: 0, unlogged: [] };
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  const fail = (input: OrderInput, error: SyncError) => {
    counts.failed += 1;
    const status = logOrDefer(orderSubject(input.order.id), error, settings, now, counts);
    // The box makes the retry queue (and the next save) send the order; the marker keeps this write quiet.
    writeBack('salesorder', input.order.id, {
      [BODY.syncStatus]: failureStatus(status, error.code, now),
      [BODY.lastSyncError]: error.message.slice(0, 3900),
      [BODY.sendAsOpportunity]: true,
      [BODY.payloadHash]: inboundMarker(now),
    });
  };

  let standardBookId = '';
  try {
    standardBookId = standardBook(client);
  } catch (e) {
    for (const input of inputs) fail(input, toSyncError(e, `order ${input.order.tranId || input.order.id}`));
    return counts;
  }
  const customers = new Map<string, CustomerSnapshot>();
  for (const id of new Set(inputs.map((i) => i.order.customerId)))
    customers.set(id, readCustomer(id, overrideSourceFields(settings, 'Account')));

  const planned = inputs.map((input) => {
    const { order } = input;
    const plan = planLines(order.lines, order.discountRate, settings.zeroQuantityPolicy);
    const book = chooseBook(plan.lines, settings, standardBookId, entryCurrency(order.currencyIso, settings));
    return { input, plan, book };
  });
  const items = readItems([...new Set(planned.flatMap((p) => p.plan.lines.map((l) => l.itemId)))]);

  const orders: BulkOrder[] = [];
  const extra = new Map<string, { hash: string; warnings: string[]; input: OrderInput }>();
  for (const { input, plan, book } of planned) {
    const { order } = input;
    const missing = [...new Set(plan.lines.map((l) => l.itemId))].filter((id) => {
      const item = items.get(id);
      return !item || !item.productId || !item.priceBookEntries[book.entryKey];
    });
    if (missing.length > 0) {
      const names = missing.map((id) => `${items.get(id)?.name ?? 'item'} (internal ID ${id})`).join(', ');
      fail(
        input,
        new SyncError({
          code: 'SFSYNC_ITEM_NOT_LINKED',
          message: `Order ${order.tranId}: these items have no Salesforce product or price in the ${book.bookId ? 'mapped' : 'Standard'} price book: ${names}. Link each item to its Salesforce product (field "Salesforce Product ID") or turn on "Create Missing Products and Price Book Entries" in sfsync Settings, then run the bulk sync again.`,
          retryable: false,
          source: 'sfsync',
        }),
      );
      continue;
    }
    const customer = customers.get(order.customerId)!;
    const customerName = customerDisplayName(customer);
    const opportunity = mapOpportunity({ order, customerName, creating: true, settings });
    const current = plan.lines.map((line) => ({ line, externalId: lineExternalId(order.id, line) }));
    const later = mapOpportunity({ order, customerName, creating: false, settings }).body;
    orders.push({
      orderId: order.id,
      tranId: order.tranId,
      customerId: order.customerId,
      accountId: customer.accountId,
      opportunity: opportunity.body,
      priceBookId: book.bookId || standardBookId,
      plan,
      lines: current.map((c) => ({
        externalId: c.externalId,
        entryId: items.get(c.line.itemId)!.priceBookEntries[book.entryKey]!,
      })),
    });
    extra.set(order.id, {
      hash: orderHash(later, book.key, current),
      warnings: [...plan.warnings, ...book.warnings, ...opportunity.warnings],
      input,
    });
  }

  const unlinked = [...new Set(orders.filter((o) => !o.accountId).map((o) => o.customerId))];
  const writing = accountsFor(
    unlinked.map((id) => customers.get(id)!),
    settings,
  );
  const plan = planBatch(client.base, writing, orders);
  const sent = sendCollections(client, plan.steps, 'the bulk sync batch');
  const outcome = batchOutcome(plan, orders, sent.responses, sent.stopped);

  writeBackCustomers(writing, outcome.accounts, now);
  for (const o of outcome.orders) {
    const info = extra.get(o.orderId)!;
    if (!o.ok) {
      fail(info.input, o.error ?? salesforceError([], 400, `order ${o.orderId}`));
      continue;
    }
    const warnings = info.warnings;
    writeBack('salesorder', o.orderId, {
      [BODY.opportunityId]: o.opportunityId,
      [BODY.netsuiteOriginated]: true,
      [BODY.syncStatus]: `Synced ${syncStamp(now)}${warnings.length ? ` with ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : ''}`,
      [BODY.lastSyncedAt]: now,
      [BODY.lastSyncError]: '',
      [BODY.payloadHash]: info.hash,
      [BODY.lineMap]: JSON.stringify(o.lineMap),
    });
    counts.synced += 1;
    const logIt = info.input.hadError || settings.logSuccesses || warnings.length > 0;
    if (logIt && remaining() > LOG_RESERVE) {
      logSuccess(
        orderSubject(o.orderId, o.opportunityId),
        {
          hadError: info.input.hadError,
          logSuccesses: settings.logSuccesses || warnings.length > 0,
          message: `Opportunity ${o.opportunityId} created by the bulk initial sync.${warnings.length ? ` Warnings: ${warnings.join(' ')}` : ''}`,
        },
        now,
      );
    }
  }
  return counts;
}

/** reduce: one batch of customers — unchanged ones skipped, linked ones updated, new ones upserted. */
export function syncCustomerBatch(ids: string[], now: Date): BatchCounts {
  const counts: BatchCounts = { synced: 0, failed: 0, unchanged: 0, skipped: 0, unlogged: [] };
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  const fields = overrideSourceFields(settings, 'Account');
  const writes = new Map<string, AccountInput>();
  for (const id of ids) {
    const customer = readCustomer(id, fields);
    const chain = accountWrites(unlinkedChain(customer, settings), settings).writes;
    if (customer.accountId && customerHash(chain) === customer.payloadHash && !customer.hadError) {
      counts.unchanged += 1;
      continue;
    }
    for (const w of chain) if (!writes.has(w.customerId)) writes.set(w.customerId, w);
  }
  const accounts = [...writes.values()];
  if (accounts.length === 0) return counts;
  const plan = planBatch(client.base, accounts, []);
  const sent = sendCollections(client, plan.steps, 'the bulk sync of customers');
  const outcome = batchOutcome(plan, [], sent.responses, sent.stopped);
  counts.synced = writeBackCustomers(accounts, outcome.accounts, now, (a, r) => {
    counts.failed += 1;
    const error =
      r.notSent && sent.stopped ? sent.stopped : salesforceError(r.errors, 400, `customer ${a.entityId}`);
    const status = logOrDefer(customerSubject(a.customerId, a.accountId), error, settings, now, counts);
    writeBack('customer', a.customerId, {
      [ENTITY.syncStatus]: failureStatus(status, error.code, now),
      [ENTITY.lastSyncError]: error.message.slice(0, 3900),
      [ENTITY.payloadHash]: inboundMarker(now),
    });
  });
  return counts;
}

/** summarize: logs the failures the stages had no units for (while units last). */
export function logDeferred(unlogged: Unlogged[], now: Date): number {
  const { settings } = loadSettings();
  let logged = 0;
  for (const u of unlogged) {
    if (remaining() <= LOG_RESERVE) break;
    logFailure(
      u.subject,
      new SyncError({ code: u.code, message: u.message, retryable: u.retryable, source: 'sfsync' }),
      settings.maxAttempts,
      now,
    );
    logged += 1;
  }
  return logged;
}
