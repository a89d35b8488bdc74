/**
 * NetSuite side of the inbound flows: finding customers, contacts, transactions and items the way the
 * lookups need them, and saving mapped values. Every search value goes in as a filter value (never into a
 * formula), so names and e-mail addresses from Salesforce cannot change what a search means. Saves set only
 * the values that differ and write the inbound marker in the same save, so the outbound user events send
 * nothing back; a record whose values are all current is not saved at all.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { BODY, COLUMN, ENTITY, ITEM } from '../catalogue';
import { inboundMarker } from '../core/echo';
import { externalLineId } from '../core/catalog-writes';
import { SyncError } from '../core/errors';
import { sameValue, type NsLine, type NsValue, lineFieldValues } from '../core/inbound/mapping';
import { isoDate, lineKeyAt } from './netsuite-records';

export interface EntityRef {
  id: string;
  /** Name (and e-mail for contacts), for messages. */
  label: string;
  /** Salesforce ID stored on the record ('' when not linked). */
  linkedTo: string;
  locked: boolean;
  subsidiary: string;
}

export interface SaveOutcome {
  id: string;
  created: boolean;
  /** The record was created or saved (false: every value was already current). */
  changed: boolean;
  /**
   * Set when a create found its external ID taken by this record of the same type — made meanwhile by
   * another run for the same Salesforce record (a second push, or the poller). Nothing was saved; the
   * caller treats the create as an update of that record.
   */
  duplicateOf?: string;
}

function str(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const first = value[0] as { value?: unknown } | undefined;
    return first ? str(first.value ?? first) : '';
  }
  return String(value);
}

function textOf(value: unknown): string {
  if (Array.isArray(value)) return str((value[0] as { text?: unknown } | undefined)?.text);
  return str(value);
}

const ENTITY_TYPES = {
  customer: { link: ENTITY.accountId },
  contact: { link: ENTITY.contactId },
} as const;

type EntityType = keyof typeof ENTITY_TYPES;

function labelFrom(type: EntityType, get: (field: string) => unknown): string {
  if (type === 'customer') return str(get('companyname')) || str(get('entityid'));
  const email = str(get('email'));
  return `${str(get('entityid'))}${email ? ` <${email}>` : ''}`;
}

/** The entity with this internal ID, or null when there is none (1 unit). */
export function entityById(type: EntityType, id: string): EntityRef | null {
  if (!/^\d{1,12}$/.test(id)) return null;
  let f: Record<string, unknown>;
  try {
    f = search.lookupFields({
      type,
      id,
      columns: [
        'entityid',
        'email',
        'subsidiary',
        ENTITY_TYPES[type].link,
        ENTITY.lockRecord,
        ...(type === 'customer' ? ['companyname'] : []),
      ],
    }) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!str(f.entityid) && !str(f.companyname)) return null;
  return {
    id,
    label: labelFrom(type, (field) => f[field]),
    linkedTo: str(f[ENTITY_TYPES[type].link]),
    locked: f[ENTITY.lockRecord] === true || f[ENTITY.lockRecord] === 'T',
    subsidiary: str(f.subsidiary),
  };
}

/** Entities matching every filter term (value compared as given; 10 units). */
export function entitiesWhere(
  type: EntityType,
  terms: Array<[string, string, string]>,
  max = 20,
): EntityRef[] {
  const filters: unknown[] = [];
  for (const term of terms) {
    if (filters.length > 0) filters.push('AND');
    filters.push(term);
  }
  const columns = ['entityid', 'email', 'subsidiary', ENTITY_TYPES[type].link, ENTITY.lockRecord];
  if (type === 'customer') columns.push('companyname');
  return search
    .create({ type, filters, columns })
    .run()
    .getRange({ start: 0, end: max })
    .map((r) => ({
      id: String(r.id),
      label: labelFrom(type, (name) => r.getValue({ name })),
      linkedTo: str(r.getValue({ name: ENTITY_TYPES[type].link })),
      locked:
        r.getValue({ name: ENTITY.lockRecord }) === true || r.getValue({ name: ENTITY.lockRecord }) === 'T',
      subsidiary: str(r.getValue({ name: 'subsidiary' })),
    }));
}

export const customersLinkedTo = (accountId: string): EntityRef[] =>
  entitiesWhere('customer', [[ENTITY.accountId, 'is', accountId]]);

export const customersNamed = (name: string): EntityRef[] =>
  entitiesWhere('customer', [
    ['companyname', 'is', name],
    ['isinactive', 'is', 'F'],
  ]);

export const contactsLinkedTo = (contactId: string): EntityRef[] =>
  entitiesWhere('contact', [[ENTITY.contactId, 'is', contactId]]);

export const contactsWithEmail = (email: string, customerId: string): EntityRef[] =>
  entitiesWhere('contact', [
    ['email', 'is', email],
    ['company', 'anyof', customerId],
  ]);

const currencyIds = new Map<string, string>();

/** Internal ID of the currency with this ISO code (currency.symbol), or '' when NetSuite has none. */
export function currencyByIso(iso: string): string {
  const code = iso.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return '';
  const known = currencyIds.get(code);
  if (known !== undefined) return known;
  const found = search
    .create({ type: 'currency', filters: [['symbol', 'is', code]], columns: ['symbol'] })
    .run()
    .getRange({ start: 0, end: 5 })
    .find((r) => str(r.getValue({ name: 'symbol' })).toUpperCase() === code);
  const id = found ? String(found.id) : '';
  currencyIds.set(code, id);
  return id;
}

let rootSubsidiary: string | null = null;

/**
 * The top-level subsidiary (no parent), used when no default subsidiary is set. Assumption: an account
 * without OneWorld has no subsidiary records to search; the search then fails and '' lets NetSuite decide.
 */
export function topSubsidiary(): string {
  if (rootSubsidiary !== null) return rootSubsidiary;
  try {
    const rows = search
      .create({
        type: 'subsidiary',
        filters: [['isinactive', 'is', 'F']],
        columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), 'parent'],
      })
      .run()
      .getRange({ start: 0, end: 50 });
    const top = rows.find((r) => !str(r.getValue({ name: 'parent' }))) ?? rows[0];
    rootSubsidiary = top ? String(top.id) : '';
  } catch {
    rootSubsidiary = '';
  }
  return rootSubsidiary;
}

const PHONE_FIELDS = new Set(['phone', 'mobilephone', 'officephone', 'fax']);

function digits(value: unknown): string {
  return str(value).replace(/\D/g, '');
}

/** Whether the record's current value already is the wanted one. */
function isCurrent(fieldId: string, current: unknown, wanted: NsValue): boolean {
  // NetSuite may format phone numbers by preference; the digits are what Salesforce owns.
  if (PHONE_FIELDS.has(fieldId) && typeof wanted === 'string') return digits(current) === digits(wanted);
  const date = wanted !== null && typeof wanted === 'object' ? isoDate(current) : '';
  return sameValue(current, wanted, date);
}

function toFieldValue(wanted: NsValue): record.FieldValue {
  if (wanted !== null && typeof wanted === 'object') {
    const [y, m, d] = wanted.date.split('-').map(Number);
    return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  }
  return wanted ?? '';
}

/** Sets the body values that differ; returns whether anything was set. */
export function applyBody(rec: record.Record, values: Record<string, NsValue>, creating: boolean): boolean {
  let changed = false;
  for (const [fieldId, wanted] of Object.entries(values)) {
    if (!creating && isCurrent(fieldId, rec.getValue({ fieldId }), wanted)) continue;
    if (creating && (wanted === '' || wanted === null)) continue;
    rec.setValue({ fieldId, value: toFieldValue(wanted) });
    changed = true;
  }
  return changed;
}

/** The record of this type whose external ID is `externalId`, or '' when there is none (10 units). */
export function recordWithExternalId(type: EntityType | TransactionType, externalId: string): string {
  const filters: unknown[] = [['externalidstring', 'is', externalId]];
  if (type === 'salesorder' || type === 'estimate') filters.push('AND', ['mainline', 'is', 'T']);
  const rows = search
    .create({ type, filters, columns: ['internalid'] })
    .run()
    .getRange({ start: 0, end: 1 });
  return rows[0] ? String(rows[0].id) : '';
}

const LABELS: Record<EntityType | TransactionType, string> = {
  customer: 'customer',
  contact: 'contact',
  salesorder: 'sales order',
  estimate: 'estimate',
};

/**
 * Saves a new record that carries an external ID. NetSuite keeps external IDs unique, so when another run
 * created the same Salesforce record between our lookup and this save, the save fails: the record that
 * holds the ID is then looked up (whatever the error's name — DUP_RCRD "This record already exists" in
 * web services; the name SuiteScript's save gives is not confirmed) and returned instead of a new id.
 */
function saveNew(
  rec: record.Record,
  type: EntityType | TransactionType,
  externalId: string,
): { id: string } | { duplicateOf: string } {
  try {
    return { id: String(rec.save()) };
  } catch (e) {
    const holder = recordWithExternalId(type, externalId);
    if (holder) return { duplicateOf: holder };
    if ((e as { name?: unknown } | null)?.name === 'DUP_RCRD') {
      throw new SyncError({
        code: 'SFSYNC_EXTERNAL_ID_TAKEN',
        message: `Another NetSuite record (not a ${LABELS[type]}) already has external ID ${externalId}, which sfsync gives the ${LABELS[type]} it creates from this Salesforce record; NetSuite keeps external IDs unique across entities and across transactions. Clear that record's External ID (e.g. with a CSV import), then sync again; nothing was written.`,
        retryable: false,
        source: 'netsuite',
      });
    }
    throw e;
  }
}

/**
 * Creates or updates a customer or contact with the mapped values (load 5 + save 10 units). A new record
 * gets `externalId` (the Salesforce ID); see SaveOutcome.duplicateOf when another run made it first.
 */
export function upsertEntity(
  type: EntityType,
  id: string | null,
  values: Record<string, NsValue>,
  now: Date,
  externalId: string,
): SaveOutcome {
  const rec = id ? record.load({ type, id }) : record.create({ type });
  const changed = applyBody(rec, values, !id);
  if (id && !changed) return { id, created: false, changed: false };
  rec.setValue({ fieldId: ENTITY.payloadHash, value: inboundMarker(now) });
  if (id) return { id: String(rec.save()), created: false, changed: true };
  rec.setValue({ fieldId: 'externalid', value: externalId });
  const saved = saveNew(rec, type, externalId);
  if ('duplicateOf' in saved)
    return { id: saved.duplicateOf, created: false, changed: false, duplicateOf: saved.duplicateOf };
  return { id: saved.id, created: true, changed: true };
}

// ---- transactions ---------------------------------------------------------------------------------------

export type TransactionType = 'salesorder' | 'estimate';

/** The transaction, or null when it does not exist (10 units). */
export function loadTransaction(type: TransactionType, id: string): record.Record | null {
  if (!/^\d{1,12}$/.test(id)) return null;
  try {
    return record.load({ type, id });
  } catch (e) {
    if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') return null;
    throw e;
  }
}

/** Transactions of a type made from this Opportunity (10 units). */
export function transactionsOfOpportunity(type: TransactionType, opportunityId: string): string[] {
  return search
    .create({
      type,
      filters: [['mainline', 'is', 'T'], 'AND', [BODY.opportunityId, 'is', opportunityId]],
      columns: ['tranid'],
    })
    .run()
    .getRange({ start: 0, end: 10 })
    .map((r) => String(r.id));
}

const LINE_ORDER = ['item', 'quantity', 'price', 'rate', 'description', COLUMN.lineId];

function setLine(
  rec: record.Record,
  line: number,
  values: Record<string, NsValue>,
  creating: boolean,
): boolean {
  let changed = false;
  for (const fieldId of LINE_ORDER) {
    const wanted = values[fieldId];
    if (wanted === undefined) continue;
    if (!creating) {
      const current = rec.getSublistValue({ sublistId: 'item', fieldId, line });
      if (isCurrent(fieldId, current, wanted)) continue;
    }
    rec.setSublistValue({ sublistId: 'item', fieldId, line, value: toFieldValue(wanted) });
    changed = true;
  }
  return changed;
}

/**
 * Makes the item lines match the Salesforce lines, matched by the Salesforce Line ID column: changed lines
 * are updated, new ones added, lines whose opportunity product was deleted removed. Lines added in NetSuite
 * (no Salesforce Line ID) are NetSuite's and stay. A line added in NetSuite and sent by sfsync is matched
 * through the external ID it was sent with and gets its Salesforce Line ID, instead of coming back twice.
 */
export function applyLines(rec: record.Record, lines: NsLine[]): boolean {
  let changed = false;
  const count = rec.getLineCount({ sublistId: 'item' });
  const byKey = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const key = str(rec.getSublistValue({ sublistId: 'item', fieldId: COLUMN.lineId, line: i }));
    if (key) byKey.set(key, i);
  }
  const wanted = new Set(lines.map((l) => l.key));
  for (let i = count - 1; i >= 0; i--) {
    const key = str(rec.getSublistValue({ sublistId: 'item', fieldId: COLUMN.lineId, line: i }));
    if (key && !wanted.has(key)) {
      rec.removeLine({ sublistId: 'item', line: i });
      changed = true;
    }
  }
  // Indexes moved with the removals: read them again. A line without a Salesforce Line ID may have been
  // sent by the order flow: it is also known by the external ID it was sent with.
  const after = rec.getLineCount({ sublistId: 'item' });
  byKey.clear();
  const bySent = new Map<string, number>();
  for (let i = 0; i < after; i++) {
    const key = str(rec.getSublistValue({ sublistId: 'item', fieldId: COLUMN.lineId, line: i }));
    if (key) byKey.set(key, i);
    else if (rec.id !== null && rec.id !== undefined) {
      const item = str(rec.getSublistValue({ sublistId: 'item', fieldId: 'item', line: i }));
      bySent.set(externalLineId(String(rec.id), lineKeyAt(rec, i), item), i);
    }
  }
  let end = after;
  for (const line of lines) {
    const values = lineFieldValues(line);
    const index = byKey.get(line.key) ?? (line.sentAs ? bySent.get(line.sentAs) : undefined);
    if (index !== undefined) {
      if (setLine(rec, index, values, false)) changed = true;
    } else {
      rec.insertLine({ sublistId: 'item', line: end });
      setLine(rec, end, values, true);
      end += 1;
      changed = true;
    }
  }
  return changed;
}

/**
 * Creates or updates a transaction: body values, `optional` values only for fields that exist in this
 * account (Contract Renewals), and lines. Save: 20 units (+10 to create or load). A new transaction gets
 * `externalId`; see SaveOutcome.duplicateOf when another run made it first.
 */
export function upsertTransaction(
  type: TransactionType,
  existing: record.Record | null,
  values: Record<string, NsValue>,
  optional: Record<string, NsValue>,
  lines: NsLine[],
  now: Date,
  externalId: string,
): SaveOutcome & { optionalSkipped: string[] } {
  const rec = existing ?? record.create({ type });
  const creating = !existing;
  const present: Record<string, NsValue> = {};
  const optionalSkipped: string[] = [];
  for (const [fieldId, value] of Object.entries(optional)) {
    if (rec.getField({ fieldId })) present[fieldId] = value;
    else optionalSkipped.push(fieldId);
  }
  let changed = applyBody(rec, { ...values, ...present }, creating);
  if (applyLines(rec, lines)) changed = true;
  if (!creating && !changed) return { id: String(rec.id), created: false, changed: false, optionalSkipped };
  rec.setValue({ fieldId: BODY.payloadHash, value: inboundMarker(now) });
  if (!creating) return { id: String(rec.save()), created: false, changed: true, optionalSkipped };
  rec.setValue({ fieldId: 'externalid', value: externalId });
  const saved = saveNew(rec, type, externalId);
  if ('duplicateOf' in saved) {
    const holder = saved.duplicateOf;
    return { id: holder, created: false, changed: false, duplicateOf: holder, optionalSkipped };
  }
  return { id: saved.id, created: true, changed: true, optionalSkipped };
}

/** Number, status text and total of a saved transaction (1 unit). */
export function transactionSummary(
  type: TransactionType,
  id: string,
): { tranId: string; status: string; total: number | null } {
  const f = search.lookupFields({ type, id, columns: ['tranid', 'status', 'total'] }) as Record<
    string,
    unknown
  >;
  const total = Number(str(f.total));
  return {
    tranId: str(f.tranid),
    status: textOf(f.status),
    total: str(f.total) === '' || !Number.isFinite(total) ? null : total,
  };
}

// ---- items ----------------------------------------------------------------------------------------------

/** Which of these item internal IDs exist (10 units per 1,000). */
export function existingItems(ids: string[]): Set<string> {
  const found = new Set<string>();
  const valid = ids.filter((id) => /^\d{1,12}$/.test(id));
  for (let i = 0; i < valid.length; i += 1000) {
    search
      .create({
        type: search.Type.ITEM,
        filters: [['internalid', 'anyof', valid.slice(i, i + 1000)]],
        columns: ['itemid'],
      })
      .run()
      .getRange({ start: 0, end: 1000 })
      .forEach((r) => found.add(String(r.id)));
  }
  return found;
}

/** Items linked to these Salesforce products by the item's Salesforce Product ID (10 units per 50). */
export function itemsOfProducts(productIds: string[]): Map<string, string> {
  const byProduct = new Map<string, string>();
  for (let i = 0; i < productIds.length; i += 50) {
    const filters: unknown[] = [];
    for (const productId of productIds.slice(i, i + 50)) {
      if (filters.length > 0) filters.push('OR');
      filters.push([ITEM.productId, 'is', productId]);
    }
    search
      .create({ type: search.Type.ITEM, filters, columns: [ITEM.productId] })
      .run()
      .getRange({ start: 0, end: 1000 })
      .forEach((r) => {
        const productId = str(r.getValue({ name: ITEM.productId }));
        if (productId && !byProduct.has(productId)) byProduct.set(productId, String(r.id));
      });
  }
  return byProduct;
}
