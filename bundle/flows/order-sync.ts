/**
 * F1: NetSuite Sales Order → Salesforce Opportunity (with F2 for a customer that has no account yet).
 * Never throws: every failure ends in the Integration Log and on the order's sync status fields.
 */
import * as runtime from 'N/runtime';
import { BODY, ENTITY, ITEM } from '../catalogue';
import { catalogWrites, lineChanges, STANDARD_BOOK_KEY } from '../core/catalog-writes';
import { packComposites, resolveRefs } from '../core/composite';
import { SyncError, toSyncError } from '../core/errors';
import { planLines, type PlannedLine } from '../core/lines';
import {
  customerDisplayName,
  mapAccount,
  mapOpportunity,
  overrideSourceFields,
  type SalesforceBody,
} from '../core/mapping';
import { lookupQueries, planOrder, STANDARD_BOOK_REF, type AccountWrite } from '../core/order-plan';
import { qualifyOrder } from '../core/qualify';
import { failureStatus, hashText, stableJson, syncStamp } from '../core/text';
import type { CustomerSnapshot, ItemSnapshot, OrderSnapshot, Settings } from '../core/types';
import { logFailure, logSuccess, type LogSubject } from '../adapters/integration-log';
import { readCustomer, readItems, readLineMap, readOrder, writeBack } from '../adapters/netsuite-records';
import { SalesforceClient } from '../adapters/salesforce-client';
import { inSavedSearch } from '../adapters/qualification';
import { loadSettings } from '../adapters/settings-store';

export type Readable = Parameters<typeof readOrder>[0];

/** `force`: send whatever the gate and the hash say (a re-sync chosen by an administrator). */
export interface SyncOptions {
  force?: boolean;
}

export interface OrderSyncResult {
  outcome: 'synced' | 'skipped' | 'unchanged' | 'failed';
  reason: string;
  opportunityId: string;
  warnings: string[];
  error?: SyncError;
}

const STANDARD = STANDARD_BOOK_KEY;
/**
 * Units left untouched by the optional item write-back (product and price book entry IDs remembered on
 * items): the order's own write-back and log need about 30, and whatever runs after sfsync in the same
 * user event keeps the rest. Items not remembered are looked up again next time (one more API call).
 */
const RESERVE_UNITS = 250;

/** The customer and its parents that have no Salesforce account yet, parents first. */
export function unlinkedChain(customer: CustomerSnapshot, settings: Settings): CustomerSnapshot[] {
  const chain: CustomerSnapshot[] = [customer];
  const seen = new Set([customer.id]);
  let current = customer;
  while (current.parentId && !seen.has(current.parentId) && chain.length < 20) {
    const parent = readCustomer(current.parentId, overrideSourceFields(settings, 'Account'));
    seen.add(parent.id);
    if (parent.accountId) break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

export function accountWrites(
  chain: CustomerSnapshot[],
  settings: Settings,
): { writes: AccountWrite[]; warnings: string[] } {
  const warnings: string[] = [];
  const inChain = new Set(chain.map((c) => c.id));
  const writes = chain.map((c) => {
    const mapped = mapAccount(c, settings);
    warnings.push(...mapped.warnings);
    return {
      customerId: c.id,
      entityId: c.entityId,
      body: mapped.body,
      accountId: c.accountId,
      parent: c.parentId
        ? inChain.has(c.parentId)
          ? { customerId: c.parentId }
          : parentAccount(c.parentId)
        : null,
    } satisfies AccountWrite;
  });
  return { writes, warnings };
}

function parentAccount(parentId: string): { accountId: string } | null {
  const parent = readCustomer(parentId, []);
  return parent.accountId ? { accountId: parent.accountId } : null;
}

export interface BookChoice {
  /** Custom book ID, or '' for the Standard Price Book. */
  bookId: string;
  key: string;
  warnings: string[];
}

export function chooseBook(
  lines: Array<Pick<PlannedLine, 'priceLevel'>>,
  settings: Settings,
  standardBookId: string,
): BookChoice {
  const warnings: string[] = [];
  const levels = [...new Set(lines.map((l) => l.priceLevel).filter((l): l is string => !!l))];
  const mapped = levels.map((l) => settings.priceLevelBooks[l]).filter((b): b is string => !!b);
  let bookId = settings.defaultPriceBook;
  if (Object.keys(settings.priceLevelBooks).length > 0) {
    const unmapped = levels.filter((l) => !settings.priceLevelBooks[l] && l !== '-1');
    const distinct = [...new Set(mapped)];
    if (distinct.length === 1 && unmapped.length === 0) bookId = distinct[0]!;
    else if (distinct.length > 1)
      warnings.push(
        'The order mixes price levels mapped to different Salesforce price books; the default price book was used.',
      );
    if (unmapped.length > 0) {
      warnings.push(
        `Price level ${unmapped.join(', ')} has no Salesforce price book in sfsync Settings; the ${bookId ? 'default' : 'Standard'} price book was used.`,
      );
    }
  }
  if (bookId && bookId === standardBookId) bookId = '';
  return { bookId, key: bookId || STANDARD, warnings };
}

/**
 * The hash kept on the order (custbody_sfsync_hash): the mapped Opportunity fields (as for an existing
 * Opportunity), the price book and the planned lines. A save that changes none of them sends nothing.
 */
export function orderHash(
  opportunity: SalesforceBody,
  bookKey: string,
  lines: Array<{ line: PlannedLine; externalId: string }>,
): string {
  return hashText(
    stableJson({
      opportunity,
      book: bookKey,
      lines: lines.map((c) => ({ id: c.externalId, ...c.line })),
    }),
  );
}

/** The Product2 fields of a new product made from a NetSuite item. */
export function lineExternalId(orderId: string, line: PlannedLine): string {
  return `${orderId}_${line.key}_${line.itemId}`;
}

/** Finds Salesforce products and entries for items NetSuite has no IDs for (one API call). */
export function lookupMissing(
  client: SalesforceClient,
  missing: ItemSnapshot[],
  book: BookChoice,
): { standardBookId: string } {
  const ids = missing.map((i) => i.id);
  const queries = lookupQueries(ids, book.bookId);
  const base = client.base;
  const q = (soql: string) => `${base}/query?q=${encodeURIComponent(soql)}`;
  const results = client.composite([
    {
      method: 'GET',
      url: q('SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1'),
      referenceId: STANDARD_BOOK_REF,
      heavy: true,
      subject: 'the Standard Price Book',
    },
    {
      method: 'GET',
      url: q(queries.products),
      referenceId: 'products',
      heavy: true,
      subject: 'the products of the order',
    },
    {
      method: 'GET',
      url: q(queries.entries),
      referenceId: 'entries',
      heavy: true,
      subject: 'the price book entries of the order',
    },
  ]);
  const records = (ref: string) =>
    (results[ref] as { records?: Array<Record<string, unknown>> } | undefined)?.records ?? [];
  const standardBookId = String(records(STANDARD_BOOK_REF)[0]?.Id ?? '');
  const byId = new Map(missing.map((i) => [i.id, i]));
  for (const p of records('products')) {
    const item = byId.get(String(p.NetSuite_Id__c));
    if (item) item.productId = String(p.Id);
  }
  for (const e of records('entries')) {
    const item = byId.get(String((e.Product2 as Record<string, unknown> | undefined)?.NetSuite_Id__c ?? ''));
    if (!item) continue;
    const standard = (e.Pricebook2 as Record<string, unknown> | undefined)?.IsStandard === true;
    item.priceBookEntries[standard ? STANDARD : String(e.Pricebook2Id)] = String(e.Id);
  }
  return { standardBookId };
}

/**
 * The items of a transaction that Salesforce cannot price yet: looked up by NetSuite ID (one call), and
 * what is still unknown after that is returned for creation — or, with product creation off, refused
 * with an error naming each item. `retryHint` ends the message ("press Retry", "save the estimate again").
 */
export function resolveCatalog(
  client: SalesforceClient,
  items: Map<string, ItemSnapshot>,
  book: BookChoice,
  settings: Settings,
  standardBookId: string,
  context: { subject: string; retryHint: string },
): { unlinked: ItemSnapshot[]; stillMissing: ItemSnapshot[]; standardBookId: string } {
  const missing = () => [...items.values()].filter((i) => !i.productId || !i.priceBookEntries[book.key]);
  const unlinked = missing();
  let standardId = standardBookId;
  if (unlinked.length > 0) {
    const found = lookupMissing(client, unlinked, book);
    if (found.standardBookId) {
      standardId = found.standardBookId;
      client.rememberStandardBook(standardId);
    }
  }
  const stillMissing = missing();
  if (stillMissing.length > 0 && !settings.createMissingProducts) {
    const names = stillMissing.map((i) => `${i.name} (internal ID ${i.id})`).join(', ');
    throw new SyncError({
      code: 'SFSYNC_ITEM_NOT_LINKED',
      message: `These items of ${context.subject} have no Salesforce product or price in the ${book.bookId ? 'mapped' : 'Standard'} price book: ${names}. Link each item to its Salesforce product (field "Salesforce Product ID"), add its price book entry in Salesforce, or turn on "Create Missing Products and Price Book Entries" in sfsync Settings; then ${context.retryHint}.`,
      retryable: false,
      source: 'sfsync',
    });
  }
  return { unlinked, stillMissing, standardBookId: standardId };
}

function subjectOf(order: Pick<OrderSnapshot, 'id'>, opportunityId = ''): LogSubject {
  return {
    flow: 'Sales Order to Opportunity',
    direction: 'NetSuite to Salesforce',
    netsuiteType: 'salesorder',
    netsuiteId: order.id,
    salesforceObject: 'Opportunity',
    salesforceId: opportunityId,
  };
}

/** Units one order sync may need: reads, one call per thousand lines, write-back and log (see README). */
export function estimateUnits(lineCount: number): number {
  return 45 + 10 * Math.ceil(Math.max(1, lineCount) / 1000) + 5 * Math.ceil(Math.max(1, lineCount) / 1000);
}

/**
 * Syncs one order. `rec` is the full order (the user event's newRecord, or a loaded record for xedit and
 * retries); `eventType` is the user event type ('create', 'edit', 'xedit') or 'retry'.
 */
export function syncOrder(
  rec: Readable,
  eventType: string,
  now = new Date(),
  options: SyncOptions = {},
): OrderSyncResult {
  const orderId = String(rec.id);
  const hadError = !!rec.getValue({ fieldId: BODY.lastSyncError });
  let settings: Settings | null = null;
  let order: OrderSnapshot | null = null;
  try {
    const parsed = loadSettings();
    settings = parsed.settings;
    order = readOrder(rec, overrideSourceFields(settings, 'Opportunity'));
    const gate = options.force
      ? { sync: true, reason: 'Re-sync requested.' }
      : qualifyOrder({
          settings,
          eventType,
          sendAsOpportunity: order.sendAsOpportunity,
          opportunityId: order.opportunityId,
          salesforceOriginated: order.salesforceOriginated,
          inQualificationSearch:
            settings.advancedMode && settings.orderQualificationSearch
              ? inSavedSearch(settings.orderQualificationSearch, orderId)
              : undefined,
        });
    if (!gate.sync)
      return { outcome: 'skipped', reason: gate.reason, opportunityId: order.opportunityId, warnings: [] };
    const needed = estimateUnits(order.lines.length);
    if (runtime.getCurrentScript().getRemainingUsage() < needed) {
      throw new SyncError({
        code: 'SFSYNC_DEFERRED',
        message: `Order ${order.tranId} needs about ${needed} governance units to sync and this script had fewer left, so it was handed to the sfsync retry queue, which syncs it within minutes.`,
        retryable: true,
        source: 'sfsync',
      });
    }
    return runSync(rec, order, settings, hadError, now, parsed.problems, options);
  } catch (thrown) {
    const error = toSyncError(thrown, `order ${order?.tranId || orderId}`);
    recordFailure(orderId, order?.opportunityId ?? '', error, settings, now);
    return {
      outcome: 'failed',
      reason: error.message,
      opportunityId: order?.opportunityId ?? '',
      warnings: [],
      error,
    };
  }
}

function recordFailure(
  orderId: string,
  opportunityId: string,
  error: SyncError,
  settings: Settings | null,
  now: Date,
): void {
  const result = logFailure(
    subjectOf({ id: orderId }, opportunityId),
    error,
    settings?.maxAttempts ?? 6,
    now,
  );
  writeBack('salesorder', orderId, {
    [BODY.syncStatus]: failureStatus(result.status, error.code, now),
    [BODY.lastSyncError]: error.message.slice(0, 3900),
  });
}

function runSync(
  rec: Readable,
  order: OrderSnapshot,
  settings: Settings,
  hadError: boolean,
  now: Date,
  problems: string[],
  options: SyncOptions,
): OrderSyncResult {
  const subject = `order ${order.tranId || order.id}`;
  const warnings: string[] = [...problems];
  const plan = planLines(order.lines, order.discountRate, settings.zeroQuantityPolicy);
  warnings.push(...plan.warnings);

  const customer = readCustomer(order.customerId, overrideSourceFields(settings, 'Account'));
  const chain = customer.accountId ? [] : unlinkedChain(customer, settings);
  const accounts = accountWrites(chain, settings);
  warnings.push(...accounts.warnings);

  const client = new SalesforceClient(settings);
  let standardBookId = client.standardBookId;
  const book = chooseBook(plan.lines, settings, standardBookId);
  warnings.push(...book.warnings);

  const items = readItems([...new Set(plan.lines.map((l) => l.itemId))]);

  const creating = !order.opportunityId;
  const opportunity = mapOpportunity({
    order,
    customerName: customerDisplayName(customer),
    creating,
    settings,
  });
  warnings.push(...opportunity.warnings);
  // A new Opportunity has none of the lines sent before (say the linked one was deleted in Salesforce).
  const lineMap = creating ? {} : readLineMap(rec);
  const current = plan.lines.map((line) => ({ line, externalId: lineExternalId(order.id, line) }));
  // What the order says, whatever was created on the way: the hash of a re-save matches the first sync's.
  const mappedForHash = creating
    ? mapOpportunity({ order, customerName: customerDisplayName(customer), creating: false, settings }).body
    : opportunity.body;
  const hash = orderHash(mappedForHash, book.key, current);
  if (!options.force && !creating && hash === order.payloadHash && !hadError) {
    return {
      outcome: 'unchanged',
      reason: 'No mapped field changed since the last sync.',
      opportunityId: order.opportunityId,
      warnings,
    };
  }

  // Items NetSuite holds no Salesforce IDs for: looked up (one call), created if allowed, then remembered.
  const catalog = resolveCatalog(client, items, book, settings, standardBookId, {
    subject,
    retryHint: 'press Retry',
  });
  const { unlinked, stillMissing } = catalog;
  standardBookId = catalog.standardBookId;

  const { products, entries } = catalogWrites(stillMissing, plan.lines, book);
  const { lines, removed } = lineChanges(current, lineMap, items, book.key);

  const orderPlan = planOrder({
    base: client.base,
    orderId: order.id,
    subject,
    priceBookId: book.bookId,
    standardBookId,
    accounts: accounts.writes,
    accountId: customer.accountId,
    customerId: customer.id,
    products,
    entries,
    opportunityId: order.opportunityId,
    opportunity: opportunity.body,
    lines,
  });

  warnings.push(...orderPlan.warnings);
  const sent = sendPlan(client, orderPlan, lines, removed, order.opportunityId, subject);
  const { known, opportunityId } = sent;
  const newMap = sent.lineMap;

  writeBack('salesorder', order.id, {
    [BODY.opportunityId]: opportunityId,
    ...(creating && !order.salesforceOriginated ? { [BODY.netsuiteOriginated]: true } : {}),
    [BODY.syncStatus]: `Synced ${syncStamp(now)}${warnings.length ? ` with ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : ''}`,
    [BODY.lastSyncedAt]: now,
    [BODY.lastSyncError]: '',
    [BODY.payloadHash]: hash,
    [BODY.lineMap]: JSON.stringify(newMap),
  });
  writeBackAccounts(orderPlan.refs.accounts, known, now);
  writeBackItems(unlinked, orderPlan.refs, known, book.key);

  logSuccess(
    subjectOf(order, opportunityId),
    {
      hadError,
      logSuccesses: settings.logSuccesses || warnings.length > 0,
      message: `Opportunity ${opportunityId} synced with ${plan.lines.length} line(s), amount ${(plan.totalCents / 100).toFixed(2)}.${warnings.length ? ` Warnings: ${warnings.join(' ')}` : ''}`,
    },
    now,
  );
  return { outcome: 'synced', reason: 'Synced.', opportunityId, warnings };
}

export interface SentPlan {
  /** Results by reference ID, across every call. */
  known: Record<string, unknown>;
  opportunityId: string;
  /** External line ID → OpportunityLineItem ID, for the next sync. */
  lineMap: Record<string, string>;
}

/**
 * Sends a planned transaction: its composite batches in order (later ones see earlier results), then the
 * deletion of removed lines, and works out the line map the next sync starts from.
 */
export function sendPlan(
  client: SalesforceClient,
  plan: ReturnType<typeof planOrder>,
  lines: Array<{ externalId: string; salesforceId: string }>,
  removed: string[],
  knownOpportunityId: string,
  subject: string,
): SentPlan {
  const known: Record<string, unknown> = {};
  for (const batch of packComposites(plan.steps))
    Object.assign(known, client.composite(resolveRefs(batch, known)));
  // An update by ID answers 204 with no body, so a linked Opportunity keeps the ID it had.
  const opportunityId =
    knownOpportunityId || String((known.opp as { id?: unknown } | null | undefined)?.id ?? '');
  for (let i = 0; i < removed.length; i += 200) {
    // Lines already deleted in Salesforce answer per record with an error; allOrNone=false lets the rest go.
    client.request(
      'DELETE',
      `${client.base}/composite/sobjects?allOrNone=false&ids=${removed.slice(i, i + 200).join(',')}`,
      undefined,
      `the removed lines of ${subject}`,
    );
  }
  // Known lines keep their IDs; new ones come from the upsert results, in the order they were sent.
  const lineMap: Record<string, string> = {};
  for (const l of lines) if (l.salesforceId) lineMap[l.externalId] = l.salesforceId;
  for (const chunk of plan.refs.lineChunks) {
    const results = (known[chunk.ref] as Array<{ id?: string }> | undefined) ?? [];
    chunk.externalIds.forEach((ext, i) => {
      const id = results[i]?.id;
      if (id) lineMap[ext] = id;
    });
  }
  return { known, opportunityId, lineMap };
}

export function writeBackAccounts(
  refs: Record<string, string>,
  known: Record<string, unknown>,
  now: Date,
): void {
  for (const [customerId, ref] of Object.entries(refs)) {
    const id = (known[ref] as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || !id) continue;
    writeBack('customer', customerId, {
      [ENTITY.accountId]: id,
      [ENTITY.syncStatus]: `Synced ${syncStamp(now)}`,
      [ENTITY.lastSyncedAt]: now,
      [ENTITY.lastSyncError]: '',
    });
  }
}

/** Remembers new product and entry IDs on the items while governance allows; the rest are looked up next time. */
export function writeBackItems(
  items: ItemSnapshot[],
  refs: ReturnType<typeof planOrder>['refs'],
  known: Record<string, unknown>,
  bookKey: string,
): void {
  if (items.length === 0) return;
  const byItem = new Map(items.map((i) => [i.id, i]));
  for (const chunk of refs.productChunks) {
    const results = (known[chunk.ref] as Array<{ id?: string }> | undefined) ?? [];
    chunk.itemIds.forEach((itemId, i) => {
      const item = byItem.get(itemId);
      if (item && results[i]?.id) item.productId = results[i]!.id!;
    });
  }
  for (const chunk of refs.entryChunks) {
    const results = (known[chunk.ref] as Array<{ id?: string }> | undefined) ?? [];
    chunk.keys.forEach((key, i) => {
      const [itemId, which] = key.split(':');
      const item = byItem.get(itemId ?? '');
      if (item && results[i]?.id)
        item.priceBookEntries[which === 'std' ? STANDARD : bookKey] = results[i]!.id!;
    });
  }
  const script = runtime.getCurrentScript();
  for (const item of items) {
    if (script.getRemainingUsage() < RESERVE_UNITS) break;
    writeBack(item.recordType, item.id, {
      [ITEM.productId]: item.productId,
      [ITEM.priceBookEntries]: JSON.stringify(item.priceBookEntries),
    });
  }
}
