/**
 * F1: NetSuite Sales Order → Salesforce Opportunity (with F2 for a customer that has no account yet).
 * Never throws: every failure ends in the Integration Log and on the order's sync status fields.
 */
import * as record from 'N/record';
import * as runtime from 'N/runtime';
import { BODY, ENTITY, ITEM } from '../catalogue';
import {
  catalogWrites,
  entryMapKey,
  externalLineId,
  knownLineIds,
  lineChanges,
  STANDARD_BOOK_KEY,
} from '../core/catalog-writes';
import { isInboundEcho, isOwnWriteBack } from '../core/echo';
import { packComposites, resolveRefs, type Step } from '../core/composite';
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
  /** Send even when the hash says nothing changed (a pass after a save made during the previous one). */
  resend?: boolean;
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
  /** The book, as the payload hash names it. */
  key: string;
  /** ISO code of the transaction's currency in a multi-currency org; null otherwise. */
  currency: string | null;
  /** Where items remember their entry in this book and currency, and in the Standard Price Book. */
  entryKey: string;
  standardEntryKey: string;
  warnings: string[];
}

/** The currency a transaction's price book entries must have: its own, unless the org has only one. */
export function entryCurrency(currencyIso: string | null, settings: Settings): string | null {
  return settings.singleCurrencyOrg ? null : currencyIso || null;
}

export function chooseBook(
  lines: Array<Pick<PlannedLine, 'priceLevel'>>,
  settings: Settings,
  standardBookId: string,
  currency: string | null = null,
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
  return {
    bookId,
    key: bookId || STANDARD,
    currency,
    entryKey: entryMapKey(bookId, currency),
    standardEntryKey: entryMapKey('', currency),
    warnings,
  };
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
      lines: lines.map((c) => ({ id: c.externalId, ...sent(c.line) })),
    }),
  );
}

/**
 * A planned line as far as Salesforce sees it. Its position on the order only names it in messages: a
 * description line added above it moves it down but changes nothing to send.
 */
function sent(line: PlannedLine): Omit<PlannedLine, 'lineNumber'> {
  const { lineNumber: _position, ...rest } = line;
  return rest;
}

/** The external ID a planned line is sent with. */
export function lineExternalId(orderId: string, line: PlannedLine): string {
  return externalLineId(orderId, line.key, line.itemId);
}

/** Finds Salesforce products and entries for items NetSuite has no IDs for (one API call). */
export function lookupMissing(
  client: SalesforceClient,
  missing: ItemSnapshot[],
  book: BookChoice,
): { standardBookId: string } {
  const ids = missing.map((i) => i.id);
  const queries = lookupQueries(ids, book.bookId, { currency: book.currency });
  const base = client.base;
  const q = (soql: string) => `${base}/query?q=${encodeURIComponent(soql)}`;
  // Many new items take several queries (each within Salesforce's SOQL length limit): one call for up to
  // two pairs, as few calls as the composite limits allow beyond that.
  const ref = (kind: string, i: number) => (i === 0 ? kind : `${kind}_${i}`);
  const steps: Step[] = [
    {
      method: 'GET',
      url: q('SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1'),
      referenceId: STANDARD_BOOK_REF,
      heavy: true,
      subject: 'the Standard Price Book',
    },
  ];
  queries.products.forEach((soql, i) => {
    steps.push(
      {
        method: 'GET',
        url: q(soql),
        referenceId: ref('products', i),
        heavy: true,
        subject: 'the products of the order',
      },
      {
        method: 'GET',
        url: q(queries.entries[i]!),
        referenceId: ref('entries', i),
        heavy: true,
        subject: 'the price book entries of the order',
      },
    );
  });
  const results: Record<string, unknown> = {};
  for (const batch of packComposites(steps)) Object.assign(results, client.composite(batch));
  const records = (kind: string) =>
    queries.products.flatMap(
      (_soql, i) =>
        (results[ref(kind, i)] as { records?: Array<Record<string, unknown>> } | undefined)?.records ?? [],
    );
  const standardRows =
    (results[STANDARD_BOOK_REF] as { records?: Array<Record<string, unknown>> } | undefined)?.records ?? [];
  const standardBookId = String(standardRows[0]?.Id ?? '');
  const byId = new Map(missing.map((i) => [i.id, i]));
  for (const p of records('products')) {
    const item = byId.get(String(p.NetSuite_Id__c));
    if (item) item.productId = String(p.Id);
  }
  for (const e of records('entries')) {
    const item = byId.get(String((e.Product2 as Record<string, unknown> | undefined)?.NetSuite_Id__c ?? ''));
    if (!item) continue;
    const standard = (e.Pricebook2 as Record<string, unknown> | undefined)?.IsStandard === true;
    item.priceBookEntries[standard ? book.standardEntryKey : book.entryKey] = String(e.Id);
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
  const missing = () => [...items.values()].filter((i) => !i.productId || !i.priceBookEntries[book.entryKey]);
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

/**
 * Units one pass of a transaction sync may need: reads, one call per thousand lines, the re-read that
 * checks nobody saved the transaction meanwhile (10), write-back and log (see README).
 */
export function estimateUnits(lineCount: number): number {
  const thousands = Math.ceil(Math.max(1, lineCount) / 1000);
  return 55 + 15 * thousands;
}

/** How many times one save sends a transaction that keeps changing under it before the retry queue takes over. */
export const MAX_PASSES = 3;

export interface GateInput {
  rec: Readable;
  settings: Settings;
  eventType: string;
  /** The transaction as read (once, on first call): gates that can decide without it save the reads. */
  order: () => OrderSnapshot;
}

/**
 * What differs between the transactions that become Opportunities (a sales order; a renewal estimate of
 * the Contract Renewals SuiteApp). Everything else — reading, pricing, the catalogue, sending, the check
 * for a save made meanwhile, write-back and logging — is one pipeline, so the two cannot drift apart.
 */
export interface TransactionKind<C> {
  recordType: 'salesorder' | 'estimate';
  /** As the log and messages name it: "order", "renewal estimate". */
  noun: string;
  /** How the log names the Opportunity: "Opportunity", "Renewal Opportunity". */
  title: string;
  /** The end of "sync it again" advice in errors: "press Retry". */
  retryHint: string;
  subjectOf(id: string, opportunityId: string): LogSubject;
  gate(input: GateInput): { sync: boolean; reason: string };
  /** Work before mapping (a renewal's contract synced first); its result reaches `opportunity`. */
  prepare(rec: Readable, order: OrderSnapshot, settings: Settings, subject: string, now: Date): C;
  /** The Opportunity body to send, from the body the order mapping made. */
  opportunity(
    mapped: SalesforceBody,
    input: { rec: Readable; order: OrderSnapshot; settings: Settings; creating: boolean; context: C },
  ): SalesforceBody;
  /** Values written back only when the Opportunity was created by this sync. */
  createdValues(order: OrderSnapshot): Record<string, unknown>;
}

export const ORDER_KIND: TransactionKind<null> = {
  recordType: 'salesorder',
  noun: 'order',
  title: 'Opportunity',
  retryHint: 'press Retry',
  subjectOf: (id, opportunityId) => subjectOf({ id }, opportunityId),
  gate: ({ rec, settings, eventType, order }) => {
    const snapshot = order();
    return qualifyOrder({
      settings,
      eventType,
      sendAsOpportunity: snapshot.sendAsOpportunity,
      opportunityId: snapshot.opportunityId,
      salesforceOriginated: snapshot.salesforceOriginated,
      inQualificationSearch:
        settings.advancedMode && settings.orderQualificationSearch
          ? inSavedSearch(settings.orderQualificationSearch, String(rec.id))
          : undefined,
    });
  },
  prepare: () => null,
  opportunity: (mapped) => mapped,
  createdValues: (order) => (order.salesforceOriginated ? {} : { [BODY.netsuiteOriginated]: true }),
};

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
  return syncTransaction(ORDER_KIND, rec, eventType, now, options);
}

/** The fields a sync writes back on the transaction (the Opportunity ID aside: clearing it by hand must sync). */
export const WRITE_BACK_FIELDS: readonly string[] = [
  BODY.syncStatus,
  BODY.lastSyncedAt,
  BODY.lastSyncError,
  BODY.payloadHash,
  BODY.lineMap,
];

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];

export interface SavedContext {
  /** The user event type (UserEventType, a string at run time). */
  type: unknown;
  newRecord: Readable & { getFields(): string[] };
  oldRecord?: Pick<Readable, 'getValue'> | null;
}

/**
 * The user-event side shared by every transaction kind: which saves sync, and with which record. An
 * inbound flow's own save and a sync's own write-back (an inline edit of the status fields by the retry
 * queue or another script) send nothing; an inline edit reads the whole transaction.
 */
export function syncOnSave<C>(
  kind: TransactionKind<C>,
  context: SavedContext,
  load: (id: number | string) => Readable,
  now = new Date(),
): OrderSyncResult | null {
  const type = String(context.type);
  if (!SYNCED_EVENTS.includes(type)) return null;
  if (
    isInboundEcho(
      context.newRecord.getValue({ fieldId: BODY.payloadHash }),
      context.oldRecord?.getValue({ fieldId: BODY.payloadHash }),
    )
  )
    return null;
  if (type === 'xedit' && isOwnWriteBack(context.newRecord.getFields(), WRITE_BACK_FIELDS)) return null;
  const rec = type === 'xedit' ? load(context.newRecord.id!) : context.newRecord;
  return syncTransaction(kind, rec, type, now);
}

/** Syncs one transaction of a kind. Never throws: failures end in the log and on the transaction. */
export function syncTransaction<C>(
  kind: TransactionKind<C>,
  rec: Readable,
  eventType: string,
  now = new Date(),
  options: SyncOptions = {},
): OrderSyncResult {
  const id = String(rec.id);
  const hadError = !!rec.getValue({ fieldId: BODY.lastSyncError });
  let settings: Settings | null = null;
  let order: OrderSnapshot | null = null;
  try {
    const parsed = loadSettings();
    const loaded = parsed.settings;
    settings = loaded;
    const read = (): OrderSnapshot => (order ??= readOrder(rec, overrideSourceFields(loaded, 'Opportunity')));
    const gate = options.force
      ? { sync: true, reason: 'Re-sync requested.' }
      : kind.gate({ rec, settings: loaded, eventType, order: read });
    if (!gate.sync) {
      const seen = order as OrderSnapshot | null;
      return {
        outcome: 'skipped',
        reason: gate.reason,
        opportunityId: seen?.opportunityId ?? '',
        warnings: [],
      };
    }
    let current = { rec, order: read() };
    const carried: Carried = { opportunityId: '', created: false };
    for (let pass = 1; ; pass++) {
      order = current.order;
      checkUnits(kind, current.order);
      const result = runPass(
        kind,
        current.rec,
        current.order,
        loaded,
        hadError,
        now,
        parsed.problems,
        { ...options, resend: options.resend || pass > 1 },
        carried,
      );
      if (!('changed' in result)) return result;
      carried.opportunityId = result.opportunityId;
      carried.created ||= result.created;
      if (pass >= MAX_PASSES) {
        throw new SyncError({
          code: 'SFSYNC_CHANGED_DURING_SYNC',
          message: `The ${kind.noun} ${current.order.tranId || id} was saved again while it was being sent to Salesforce, ${MAX_PASSES} times in a row. It was handed to the sfsync retry queue, which sends its latest values within minutes.`,
          retryable: true,
          source: 'sfsync',
        });
      }
      current = result.changed;
    }
  } catch (thrown) {
    const snapshot = order as OrderSnapshot | null;
    const error = toSyncError(thrown, `${kind.noun} ${snapshot?.tranId || id}`);
    recordFailure(kind, id, snapshot?.opportunityId ?? '', error, settings, now);
    return {
      outcome: 'failed',
      reason: error.message,
      opportunityId: snapshot?.opportunityId ?? '',
      warnings: [],
      error,
    };
  }
}

function checkUnits<C>(kind: TransactionKind<C>, order: OrderSnapshot): void {
  const needed = estimateUnits(order.lines.length);
  if (runtime.getCurrentScript().getRemainingUsage() < needed) {
    throw new SyncError({
      code: 'SFSYNC_DEFERRED',
      message: `The ${kind.noun} ${order.tranId} needs about ${needed} governance units to sync and this script had fewer left, so it was handed to the sfsync retry queue, which syncs it within minutes.`,
      retryable: true,
      source: 'sfsync',
    });
  }
}

function recordFailure<C>(
  kind: TransactionKind<C>,
  id: string,
  opportunityId: string,
  error: SyncError,
  settings: Settings | null,
  now: Date,
): void {
  const result = logFailure(kind.subjectOf(id, opportunityId), error, settings?.maxAttempts ?? 6, now);
  writeBack(kind.recordType, id, {
    [BODY.syncStatus]: failureStatus(result.status, error.code, now),
    [BODY.lastSyncError]: error.message.slice(0, 3900),
  });
}

/**
 * What a transaction says, as it reaches Salesforce: the Opportunity fields (as for an existing one) and
 * the priced lines. Two reads that give the same key would send the same thing.
 */
function contentKey(opportunity: SalesforceBody, lines: PlannedLine[]): string {
  return hashText(stableJson({ opportunity, lines: lines.map(sent) }));
}

/** The content key of the transaction as read back, mapped as the pass that sent it mapped its own. */
function latestKey<C>(
  kind: TransactionKind<C>,
  latest: { rec: Readable; order: OrderSnapshot },
  settings: Settings,
  customerName: string,
  context: C,
): string {
  const { rec, order } = latest;
  const mapped = mapOpportunity({ order, customerName, creating: false, settings }).body;
  const plan = planLines(order.lines, order.discountRate, settings.zeroQuantityPolicy);
  return contentKey(kind.opportunity(mapped, { rec, order, settings, creating: false, context }), plan.lines);
}

/** The transaction as stored now, or null when it was deleted meanwhile. */
function reread<C>(
  kind: TransactionKind<C>,
  id: string,
  settings: Settings,
): { rec: Readable; order: OrderSnapshot } | null {
  let rec: Readable;
  try {
    rec = record.load({ type: kind.recordType, id });
  } catch (e) {
    if ((e as { name?: unknown })?.name === 'RCRD_DSNT_EXIST') return null;
    throw e;
  }
  return { rec, order: readOrder(rec, overrideSourceFields(settings, 'Opportunity')) };
}

type PassResult =
  | OrderSyncResult
  | { changed: { rec: Readable; order: OrderSnapshot }; opportunityId: string; created: boolean };

/** What an earlier pass of the same save did: the Opportunity it created, which the next one updates. */
interface Carried {
  opportunityId: string;
  created: boolean;
}

function runPass<C>(
  kind: TransactionKind<C>,
  rec: Readable,
  order: OrderSnapshot,
  settings: Settings,
  hadError: boolean,
  now: Date,
  problems: string[],
  options: SyncOptions,
  carried: Carried,
): PassResult {
  if (!order.opportunityId && carried.opportunityId)
    order = { ...order, opportunityId: carried.opportunityId };
  const subject = `${kind.noun} ${order.tranId || order.id}`;
  const warnings: string[] = [...problems];
  const plan = planLines(order.lines, order.discountRate, settings.zeroQuantityPolicy);
  warnings.push(...plan.warnings);
  const context = kind.prepare(rec, order, settings, subject, now);

  const customer = readCustomer(order.customerId, overrideSourceFields(settings, 'Account'));
  const chain = customer.accountId ? [] : unlinkedChain(customer, settings);
  const accounts = accountWrites(chain, settings);
  warnings.push(...accounts.warnings);

  const client = new SalesforceClient(settings);
  let standardBookId = client.standardBookId;
  const book = chooseBook(plan.lines, settings, standardBookId, entryCurrency(order.currencyIso, settings));
  warnings.push(...book.warnings);

  const items = readItems([...new Set(plan.lines.map((l) => l.itemId))]);

  const creating = !order.opportunityId;
  const customerName = customerDisplayName(customer);
  const mapped = mapOpportunity({ order, customerName, creating, settings });
  warnings.push(...mapped.warnings);
  const opportunity = kind.opportunity(mapped.body, { rec, order, settings, creating, context });
  const current = plan.lines.map((line) => ({ line, externalId: lineExternalId(order.id, line) }));
  // A new Opportunity has none of the lines sent before (say the linked one was deleted in Salesforce).
  const lineMap = creating
    ? {}
    : knownLineIds(
        current,
        readLineMap(rec),
        new Map(order.lines.map((l) => [l.key, l.salesforceLineId ?? ''])),
      );
  // What the transaction says, whatever was created on the way: a re-save's hash matches the first sync's.
  const forHash = creating
    ? kind.opportunity(mapOpportunity({ order, customerName, creating: false, settings }).body, {
        rec,
        order,
        settings,
        creating: false,
        context,
      })
    : opportunity;
  const hash = orderHash(forHash, book.key, current);
  if (!options.force && !options.resend && !creating && hash === order.payloadHash && !hadError) {
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
    retryHint: kind.retryHint,
  });
  const { unlinked, stillMissing } = catalog;
  standardBookId = catalog.standardBookId;

  const { products, entries } = catalogWrites(stillMissing, plan.lines, book);
  const { lines, removed } = lineChanges(current, lineMap, items, book.entryKey);

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
    opportunity,
    lines,
  });

  warnings.push(...orderPlan.warnings);
  const sent = sendPlan(client, orderPlan, lines, removed, order.opportunityId, subject);
  const { known, opportunityId } = sent;
  // Accounts, products and entries made by this pass are kept whatever happens next.
  writeBackAccounts(orderPlan.refs.accounts, known, now);
  writeBackItems(unlinked, orderPlan.refs, known, book);

  // Two saves at once: the other one may have sent its newer values before this one sent the older
  // ones. Whatever was saved meanwhile is read back; if it would send something else, it is sent again.
  const latest = reread(kind, order.id, settings);
  if (
    latest &&
    latestKey(kind, latest, settings, customerName, context) !== contentKey(forHash, plan.lines)
  ) {
    return { changed: latest, opportunityId, created: creating || carried.created };
  }

  writeBack(kind.recordType, order.id, {
    [BODY.opportunityId]: opportunityId,
    ...(creating || carried.created ? kind.createdValues(order) : {}),
    [BODY.syncStatus]: `Synced ${syncStamp(now)}${warnings.length ? ` with ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : ''}`,
    [BODY.lastSyncedAt]: now,
    [BODY.lastSyncError]: '',
    [BODY.payloadHash]: hash,
    [BODY.lineMap]: JSON.stringify(sent.lineMap),
  });

  logSuccess(
    kind.subjectOf(order.id, opportunityId),
    {
      hadError,
      logSuccesses: settings.logSuccesses || warnings.length > 0,
      message: `${kind.title} ${opportunityId} synced with ${plan.lines.length} line(s), amount ${(plan.totalCents / 100).toFixed(2)}.${warnings.length ? ` Warnings: ${warnings.join(' ')}` : ''}`,
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
  book: Pick<BookChoice, 'entryKey' | 'standardEntryKey'>,
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
        item.priceBookEntries[which === 'std' ? book.standardEntryKey : book.entryKey] = results[i]!.id!;
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
