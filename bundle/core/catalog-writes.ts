/**
 * Products and price book entries to create for items Salesforce does not know yet, as the order flow makes
 * them for the lines of a transaction: a product per item without one, a standard price first, then the
 * entry of the transaction's price book, priced at the item's first line.
 */
import type { PlannedLine } from './lines';
import type { SalesforceBody } from './mapping';
import type { EntryWrite, LineWrite, ProductWrite } from './order-plan';
import type { ItemSnapshot } from './types';

/** The key of the Standard Price Book in an item's price book entry map (as the order flow stores it). */
export const STANDARD_BOOK_KEY = 'standard';

/**
 * Where an item remembers its entry in a price book: `standard` or the book's ID, then `:<currency>` when
 * the org has several currencies (an entry prices a product in one currency; Salesforce refuses a line
 * whose entry is in another currency than its Opportunity). Keys without a currency were written before
 * entries were kept per currency; they are not trusted, and the entry is looked up again once.
 */
export function entryMapKey(bookId: string, currency: string | null): string {
  return `${bookId || STANDARD_BOOK_KEY}${currency ? `:${currency}` : ''}`;
}

/**
 * A transaction line's external ID in Salesforce (OpportunityLineItem.NetSuite_Line_Id__c): the order,
 * the line's unique key and its item (a line whose item changes becomes another line).
 */
export function externalLineId(orderId: string, lineKey: string, itemId: string): string {
  return `${orderId}_${lineKey}_${itemId}`;
}

/** The Product2 body for a NetSuite item. */
export function productBody(item: ItemSnapshot): SalesforceBody {
  return {
    Name: (item.displayName || item.name).slice(0, 255),
    ProductCode: item.name.slice(0, 255),
    Description: item.description || null,
    IsActive: true,
  };
}

export function catalogWrites(
  missing: ItemSnapshot[],
  lines: PlannedLine[],
  book: { bookId: string; entryKey: string; standardEntryKey: string; currency: string | null },
): { products: ProductWrite[]; entries: EntryWrite[] } {
  const products: ProductWrite[] = [];
  const entries: EntryWrite[] = [];
  for (const item of missing) {
    if (!item.productId) {
      products.push({ itemId: item.id, body: productBody(item) });
    }
    const line = lines.find((l) => l.itemId === item.id);
    const unitPrice = line ? (line.unitPrice ?? (line.totalPrice ?? 0) / (line.quantity || 1)) : 0;
    const price = Math.round(unitPrice * 100) / 100;
    const currency = book.currency ? { currency: book.currency } : {};
    if (!item.priceBookEntries[book.standardEntryKey])
      entries.push({
        itemId: item.id,
        productId: item.productId,
        unitPrice: price,
        standard: true,
        ...currency,
      });
    if (book.bookId && !item.priceBookEntries[book.entryKey])
      entries.push({
        itemId: item.id,
        productId: item.productId,
        unitPrice: price,
        standard: false,
        ...currency,
      });
  }
  return { products, entries };
}

/**
 * The line writes of a transaction against what was sent last time (`lineMap`: external line ID →
 * OpportunityLineItem ID): known lines are updated by ID, new ones upserted, and the IDs of lines no longer
 * there come back as `removed`.
 */
export function lineChanges(
  current: Array<{ line: PlannedLine; externalId: string }>,
  lineMap: Record<string, string>,
  items: Map<string, ItemSnapshot>,
  bookKey: string,
): { lines: LineWrite[]; removed: string[] } {
  const lines = current.map(({ line, externalId }) => ({
    line,
    externalId,
    salesforceId: lineMap[externalId] ?? '',
    entryId: items.get(line.itemId)?.priceBookEntries[bookKey] ?? '',
  }));
  const keep = new Set(current.map((c) => c.externalId));
  const removed = Object.entries(lineMap)
    .filter(([ext]) => !keep.has(ext))
    .map(([, id]) => id);
  return { lines, removed };
}

/**
 * The OpportunityLineItem behind each line, as the next sync starts from: the line map written back by the
 * last outbound sync (external line ID → Salesforce ID), completed with the Salesforce line IDs stored on
 * lines that came from Salesforce (an order made from an Opportunity). Without the stored IDs the first
 * outbound sync of such an order would upsert every line by its new external ID and double the lines.
 */
export function knownLineIds(
  current: Array<{ line: { key: string }; externalId: string }>,
  lineMap: Record<string, string>,
  storedIds: ReadonlyMap<string, string>,
): Record<string, string> {
  const known: Record<string, string> = { ...lineMap };
  const taken = new Set(Object.values(lineMap).map((id) => id.slice(0, 15)));
  for (const { line, externalId } of current) {
    const stored = storedIds.get(line.key) ?? '';
    if (known[externalId] || !stored || taken.has(stored.slice(0, 15))) continue;
    known[externalId] = stored;
    taken.add(stored.slice(0, 15));
  }
  return known;
}
