/**
 * NetSuite reads for the go-live jobs: every record of a kind in one paged search (5 units + 5 per page of
 * 1,000 rows), never one lookup per record.
 */
import * as search from 'N/search';
import { BODY, ENTITY, ITEM } from '../catalogue';
import type { NetSuiteSide } from '../core/golive-match';
import { customerDisplayName } from '../core/mapping';

function str(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value.length > 0 ? str((value[0] as { value?: unknown }).value ?? value[0]) : '';
  return String(value);
}

const bool = (value: unknown): boolean => value === true || value === 'T';

/** Calls `each` for every result of the search, a page of 1,000 at a time. */
export function eachResult(s: search.Search, each: (r: search.Result) => void): void {
  const paged = s.runPaged({ pageSize: 1000 });
  paged.pageRanges.forEach((range) => {
    paged.fetch({ index: range.index }).data.forEach(each);
  });
}

function and(...terms: unknown[][]): unknown[] {
  const filters: unknown[] = [];
  for (const term of terms) {
    if (filters.length > 0) filters.push('AND');
    filters.push(term);
  }
  return filters;
}

const subsidiaryTerm = (subsidiary: string): unknown[][] =>
  subsidiary ? [['subsidiary', 'anyof', [subsidiary]]] : [];

/** Active customers, with what linking needs. */
export function customersForLinking(subsidiary: string): NetSuiteSide[] {
  const out: NetSuiteSide[] = [];
  eachResult(
    search.create({
      type: 'customer',
      filters: and(['isinactive', 'is', 'F'], ...subsidiaryTerm(subsidiary)),
      columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
        'entityid',
        'companyname',
        'isperson',
        'firstname',
        'lastname',
        'subsidiary',
        ENTITY.accountId,
      ],
    }),
    (r) => {
      const name = customerDisplayName({
        isPerson: bool(r.getValue({ name: 'isperson' })),
        companyName: str(r.getValue({ name: 'companyname' })),
        firstName: str(r.getValue({ name: 'firstname' })),
        lastName: str(r.getValue({ name: 'lastname' })),
        entityId: str(r.getValue({ name: 'entityid' })),
      });
      out.push({
        id: String(r.id),
        label: name,
        key: name,
        linkedTo: str(r.getValue({ name: ENTITY.accountId })),
        recordType: 'customer',
        subsidiary: str(r.getValue({ name: 'subsidiary' })),
      });
    },
  );
  return out;
}

/** Active contacts; the lookup is the e-mail address. */
export function contactsForLinking(subsidiary: string): NetSuiteSide[] {
  const out: NetSuiteSide[] = [];
  eachResult(
    search.create({
      type: 'contact',
      filters: and(['isinactive', 'is', 'F'], ...subsidiaryTerm(subsidiary)),
      columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
        'entityid',
        'firstname',
        'lastname',
        'email',
        'subsidiary',
        ENTITY.contactId,
      ],
    }),
    (r) => {
      const name =
        `${str(r.getValue({ name: 'firstname' }))} ${str(r.getValue({ name: 'lastname' }))}`.trim() ||
        str(r.getValue({ name: 'entityid' }));
      const email = str(r.getValue({ name: 'email' }));
      out.push({
        id: String(r.id),
        label: email ? `${name} <${email}>` : name,
        key: email,
        linkedTo: str(r.getValue({ name: ENTITY.contactId })),
        recordType: 'contact',
        subsidiary: str(r.getValue({ name: 'subsidiary' })),
      });
    },
  );
  return out;
}

/** Item types that become Salesforce products (discount, subtotal, description and group lines do not). */
export const PRODUCT_ITEM_TYPES = [
  'InvtPart',
  'NonInvtPart',
  'Service',
  'OthCharge',
  'Kit',
  'Assembly',
  'GiftCert',
  'DwnLdItem',
];

/** Active sellable items; the lookup is the item name (Product2.ProductCode). */
export function itemsForLinking(): NetSuiteSide[] {
  const out: NetSuiteSide[] = [];
  eachResult(
    search.create({
      type: search.Type.ITEM,
      filters: and(['isinactive', 'is', 'F'], ['type', 'anyof', PRODUCT_ITEM_TYPES]),
      columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
        'itemid',
        'displayname',
        ITEM.productId,
      ],
    }),
    (r) => {
      const name = str(r.getValue({ name: 'itemid' }));
      const display = str(r.getValue({ name: 'displayname' }));
      out.push({
        id: String(r.id),
        label: display && display !== name ? `${name} (${display})` : name,
        key: name,
        linkedTo: str(r.getValue({ name: ITEM.productId })),
        recordType: String(r.recordType),
        subsidiary: '',
      });
    },
  );
  return out;
}

export interface CustomerInScope {
  id: string;
  parentId: string;
  accountId: string;
}

/** Customers (of a subsidiary, when given; active ones only, if asked) with parent and Account ID. */
export function customersInScope(subsidiary: string, activeOnly: boolean): CustomerInScope[] {
  const out: CustomerInScope[] = [];
  eachResult(
    search.create({
      type: 'customer',
      filters: and(...(activeOnly ? [['isinactive', 'is', 'F']] : []), ...subsidiaryTerm(subsidiary)),
      columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
        'parent',
        ENTITY.accountId,
      ],
    }),
    (r) => {
      const parent = str(r.getValue({ name: 'parent' }));
      out.push({
        id: String(r.id),
        parentId: parent === String(r.id) ? '' : parent,
        accountId: str(r.getValue({ name: ENTITY.accountId })),
      });
    },
  );
  return out;
}

export interface OrderLineRow {
  orderId: string;
  customerId: string;
  itemId: string;
  itemType: string;
  priceLevel: string;
  quantity: number | null;
  rate: number | null;
  /** Internal ID of the order's currency. */
  currencyId: string;
}

/** Sales order statuses (search values) per choice: open, or open and historical (billed and closed). */
export const ORDER_STATUSES: Record<'open' | 'all', string[]> = {
  open: ['SalesOrd:A', 'SalesOrd:B', 'SalesOrd:D', 'SalesOrd:E', 'SalesOrd:F'],
  all: ['SalesOrd:A', 'SalesOrd:B', 'SalesOrd:D', 'SalesOrd:E', 'SalesOrd:F', 'SalesOrd:G', 'SalesOrd:H'],
};

export interface OrderScope {
  from: string;
  to: string;
  status: 'open' | 'all';
  subsidiary: string;
}

/** "2026-01-31" → the search date text NetSuite expects by default ("1/31/2026"). */
function searchDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${m}/${d}/${y}`;
}

/**
 * The item lines of sales orders in scope that have no Opportunity yet and did not come from Salesforce,
 * ordered by customer then order (one paged search; 5 units per 1,000 lines). Assumption: the line's item
 * type is available as the transaction search column `itemtype`.
 */
export function unsyncedOrderLines(scope: OrderScope): OrderLineRow[] {
  const terms: unknown[][] = [
    ['mainline', 'is', 'F'],
    ['status', 'anyof', ORDER_STATUSES[scope.status]],
    [BODY.opportunityId, 'isempty', ''],
    [BODY.salesforceOriginated, 'is', 'F'],
  ];
  if (scope.from) terms.push(['trandate', 'onorafter', searchDate(scope.from)]);
  if (scope.to) terms.push(['trandate', 'onorbefore', searchDate(scope.to)]);
  terms.push(...subsidiaryTerm(scope.subsidiary));
  const out: OrderLineRow[] = [];
  const num = (v: unknown): number | null => {
    const text = str(v);
    if (text === '') return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  };
  eachResult(
    search.create({
      type: search.Type.SALES_ORDER,
      filters: and(...terms),
      columns: [
        search.createColumn({ name: 'entity', sort: search.Sort.ASC }),
        search.createColumn({ name: 'internalid', sort: search.Sort.ASC }),
        'item',
        'itemtype',
        'price',
        'quantity',
        'rate',
        'currency',
      ],
    }),
    (r) =>
      out.push({
        orderId: String(r.id),
        customerId: str(r.getValue({ name: 'entity' })),
        itemId: str(r.getValue({ name: 'item' })),
        itemType: str(r.getValue({ name: 'itemtype' })),
        priceLevel: str(r.getValue({ name: 'price' })),
        quantity: num(r.getValue({ name: 'quantity' })),
        rate: num(r.getValue({ name: 'rate' })),
        currencyId: str(r.getValue({ name: 'currency' })),
      }),
  );
  return out;
}

/** Linked sales orders (optionally dated from a day on): internal ID → Opportunity ID. */
export function linkedOrders(from: string): Array<{ id: string; opportunityId: string }> {
  const terms: unknown[][] = [
    ['mainline', 'is', 'T'],
    [BODY.opportunityId, 'isnotempty', ''],
  ];
  if (from) terms.push(['trandate', 'onorafter', searchDate(from)]);
  const out: Array<{ id: string; opportunityId: string }> = [];
  eachResult(
    search.create({
      type: search.Type.SALES_ORDER,
      filters: and(...terms),
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), BODY.opportunityId],
    }),
    (r) => out.push({ id: String(r.id), opportunityId: str(r.getValue({ name: BODY.opportunityId })) }),
  );
  return out;
}

/** Every sales order or customer: internal ID → its label and stored Salesforce ID. */
export function linkIndex(type: 'salesorder' | 'customer'): Map<string, { label: string; linkedTo: string }> {
  const field = type === 'salesorder' ? BODY.opportunityId : ENTITY.accountId;
  const label = type === 'salesorder' ? 'tranid' : 'entityid';
  const out = new Map<string, { label: string; linkedTo: string }>();
  eachResult(
    search.create({
      type,
      filters: type === 'salesorder' ? [['mainline', 'is', 'T']] : [],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), label, field],
    }),
    (r) =>
      out.set(String(r.id), {
        label: str(r.getValue({ name: label })),
        linkedTo: str(r.getValue({ name: field })),
      }),
  );
  return out;
}

/** Customers with a Salesforce Account ID: internal ID → Account ID. */
export function linkedCustomers(): Array<{ id: string; accountId: string }> {
  const out: Array<{ id: string; accountId: string }> = [];
  eachResult(
    search.create({
      type: 'customer',
      filters: [[ENTITY.accountId, 'isnotempty', '']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), ENTITY.accountId],
    }),
    (r) => out.push({ id: String(r.id), accountId: str(r.getValue({ name: ENTITY.accountId })) }),
  );
  return out;
}
