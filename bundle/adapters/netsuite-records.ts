/**
 * Reads NetSuite records into the core's snapshots, and writes sync results back. Reads use what the user
 * event already holds where possible (no units), lookupFields for single records (1 unit) and one item
 * search per order (10 units per thousand items).
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { BODY, COLUMN, ENTITY, ITEM } from '../catalogue';
import type { CustomerSnapshot, ItemSnapshot, OrderLine, OrderSnapshot } from '../core/types';

type Readable = Pick<
  record.Record,
  'getValue' | 'getText' | 'getLineCount' | 'getSublistValue' | 'getSublistText' | 'id'
>;

function str(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value.length > 0 ? str((value[0] as { value?: unknown }).value ?? value[0]) : '';
  return String(value);
}

function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function bool(value: unknown): boolean {
  return value === true || value === 'T';
}

/** A date field as YYYY-MM-DD (the record's own calendar day). */
export function isoDate(value: unknown): string {
  // Dates may come from another realm (a script sandbox), so test the tag rather than instanceof.
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    const m = String(date.getMonth() + 1).padStart(2, '0');
    const d = String(date.getDate()).padStart(2, '0');
    return `${date.getFullYear()}-${m}-${d}`;
  }
  const text = str(value);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  return text.slice(0, 10);
}

const isoCache: Record<string, string | null> = {};

/** The ISO code of a currency internal ID (`currency.symbol`). */
export function currencyIso(currencyId: string): string | null {
  if (!currencyId) return null;
  if (currencyId in isoCache) return isoCache[currencyId] ?? null;
  const fields = search.lookupFields({ type: 'currency', id: currencyId, columns: ['symbol'] });
  const iso = str(fields.symbol) || null;
  isoCache[currencyId] = iso;
  return iso;
}

/** A transaction line's stable key: `lineuniquekey` (else its line number, else its position). */
export function lineKeyAt(rec: Pick<Readable, 'getSublistValue'>, line: number): string {
  const value = (fieldId: string) => str(rec.getSublistValue({ sublistId: 'item', fieldId, line }));
  return value('lineuniquekey') || value('line') || String(line + 1);
}

export function readOrder(rec: Readable, extraFields: string[]): OrderSnapshot {
  const lines: OrderLine[] = [];
  const count = rec.getLineCount({ sublistId: 'item' });
  for (let line = 0; line < count; line++) {
    const value = (fieldId: string): unknown => rec.getSublistValue({ sublistId: 'item', fieldId, line });
    const rawRate = value('rate');
    const itemType = str(value('itemtype'));
    let rate: number | string | null = num(rawRate);
    if (itemType === 'Discount' || itemType === 'Markup') {
      // A percent rate reads back as text ("-10%" / "-10.00%"); keep it so the percent is applied exactly.
      const text =
        typeof rawRate === 'string'
          ? rawRate
          : str(rec.getSublistText({ sublistId: 'item', fieldId: 'rate', line }));
      if (text.trim().endsWith('%')) rate = text.trim();
    }
    lines.push({
      key: lineKeyAt(rec, line),
      itemId: str(value('item')),
      itemName: str(rec.getSublistText({ sublistId: 'item', fieldId: 'item', line })),
      itemType,
      quantity: num(value('quantity')),
      rate,
      amount: num(value('amount')),
      description: str(value('description')),
      priceLevel: str(value('price')) || null,
      salesforceLineId: str(value(COLUMN.lineId)),
    });
  }
  const discountValue = rec.getValue({ fieldId: 'discountrate' });
  const discountText =
    typeof discountValue === 'string' ? discountValue : str(rec.getText({ fieldId: 'discountrate' }));
  const extra: Record<string, unknown> = {};
  for (const field of extraFields) extra[field] = rec.getValue({ fieldId: field });
  return {
    id: str(rec.id),
    tranId: str(rec.getValue({ fieldId: 'tranid' })),
    tranDate: isoDate(rec.getValue({ fieldId: 'trandate' })),
    customerId: str(rec.getValue({ fieldId: 'entity' })),
    currencyIso: currencyIso(str(rec.getValue({ fieldId: 'currency' }))),
    memo: str(rec.getValue({ fieldId: 'memo' })),
    discountRate: discountText.trim().endsWith('%') ? discountText.trim() : num(discountValue),
    opportunityId: str(rec.getValue({ fieldId: BODY.opportunityId })),
    sendAsOpportunity: bool(rec.getValue({ fieldId: BODY.sendAsOpportunity })),
    netsuiteOriginated: bool(rec.getValue({ fieldId: BODY.netsuiteOriginated })),
    salesforceOriginated: bool(rec.getValue({ fieldId: BODY.salesforceOriginated })),
    payloadHash: str(rec.getValue({ fieldId: BODY.payloadHash })),
    lines,
    extra,
  };
}

/** The order's line map: external line ID → OpportunityLineItem ID, as last written back. */
export function readLineMap(rec: Readable): Record<string, string> {
  const text = str(rec.getValue({ fieldId: BODY.lineMap }));
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

const CUSTOMER_COLUMNS = [
  'entityid',
  'companyname',
  'isperson',
  'firstname',
  'lastname',
  'email',
  'phone',
  'url',
  'parent',
  'currency',
  'balance',
  'overduebalance',
  'creditlimit',
  'unbilledorders',
  'creditholdoverride',
  ENTITY.accountId,
  ENTITY.payloadHash,
  ENTITY.lastSyncError,
];

/** A customer by internal ID (one lookupFields call, 1 unit). */
export function readCustomer(id: string, extraFields: string[]): CustomerSnapshot {
  const f = search.lookupFields({
    type: 'customer',
    id,
    columns: [...CUSTOMER_COLUMNS, ...extraFields],
  }) as Record<string, unknown>;
  const text = (name: string): string => {
    const v = f[name];
    return Array.isArray(v) ? str((v[0] as { text?: unknown } | undefined)?.text) : str(v);
  };
  const extra: Record<string, unknown> = {};
  for (const field of extraFields) extra[field] = str(f[field]);
  return {
    id,
    entityId: str(f.entityid),
    companyName: str(f.companyname),
    isPerson: bool(f.isperson),
    firstName: str(f.firstname),
    lastName: str(f.lastname),
    email: str(f.email),
    phone: str(f.phone),
    url: str(f.url),
    parentId: str(f.parent) === id ? '' : str(f.parent),
    accountId: str(f[ENTITY.accountId]),
    currencyIso: currencyIso(str(f.currency)),
    balance: num(f.balance),
    overdueBalance: num(f.overduebalance),
    creditLimit: num(f.creditlimit),
    unbilledOrders: num(f.unbilledorders),
    onHold: text('creditholdoverride'),
    payloadHash: str(f[ENTITY.payloadHash]),
    hadError: str(f[ENTITY.lastSyncError]) !== '',
    extra,
  };
}

/** Items by internal ID, with what Salesforce knows of them (one search; 5 units + 5 per page of 1,000). */
export function readItems(ids: string[]): Map<string, ItemSnapshot> {
  const items = new Map<string, ItemSnapshot>();
  if (ids.length === 0) return items;
  const paged = search
    .create({
      type: search.Type.ITEM,
      filters: [['internalid', 'anyof', ids]],
      columns: ['itemid', 'displayname', 'salesdescription', ITEM.productId, ITEM.priceBookEntries],
    })
    .runPaged({ pageSize: 1000 });
  paged.pageRanges.forEach((range) => {
    paged.fetch({ index: range.index }).data.forEach((result) => {
      let entries: Record<string, string> = {};
      const rawEntries = str(result.getValue({ name: ITEM.priceBookEntries }));
      if (rawEntries) {
        try {
          entries = JSON.parse(rawEntries) as Record<string, string>;
        } catch {
          entries = {};
        }
      }
      items.set(String(result.id), {
        id: String(result.id),
        recordType: String(result.recordType),
        name: str(result.getValue({ name: 'itemid' })),
        displayName: str(result.getValue({ name: 'displayname' })),
        description: str(result.getValue({ name: 'salesdescription' })),
        productId: str(result.getValue({ name: ITEM.productId })),
        priceBookEntries: entries,
      });
    });
  });
  return items;
}

export function writeBack(
  type: string,
  id: string,
  values: Record<string, string | number | boolean | Date | null>,
): void {
  record.submitFields({
    type,
    id,
    values: values as Record<string, string>,
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
}
