// Transaction line arithmetic as NetSuite does it on the `item` sublist: sourcing from the item record,
// amount = quantity x rate, discount lines (percent of the line above, or of the subtotal/group above it),
// subtotal and end-of-group lines, item group expansion, and the body totals.
import type { Db } from './db';
import type { RecordSchema } from './schema';
import type { Line, RecordData } from './store';
import { isEmpty, round2 } from './values';

/** Line kinds with no quantity of their own. */
const STRUCTURAL = new Set(['Subtotal', 'Description', 'Group', 'EndGroup']);
const ADJUSTMENT = new Set(['Discount', 'Markup']);

export function isPercent(rate: unknown): rate is string {
  return typeof rate === 'string' && rate.endsWith('%');
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Immediate effects of setting one line field (both modes; NetSuite sources at the latest on save). */
export function onLineChange(db: Db, line: Line, fieldId: string): void {
  const type = line.itemtype as string | undefined;
  switch (fieldId) {
    case 'item':
      sourceItem(db, line);
      break;
    case 'quantity':
      if (!ADJUSTMENT.has(type ?? '')) computeAmount(line);
      break;
    case 'rate':
      if (ADJUSTMENT.has(type ?? '')) {
        if (!isPercent(line.rate)) line.amount = num(line.rate) ?? null;
      } else {
        // An explicit rate makes the price level "Custom" (-1), as in the UI.
        line.price = '-1';
        computeAmount(line);
      }
      break;
    case 'amount': {
      const q = num(line.quantity);
      const a = num(line.amount);
      if (ADJUSTMENT.has(type ?? '')) line.rate = a ?? null;
      else if (q && a !== undefined) line.rate = a / q;
      break;
    }
    case 'price':
      if (!isEmpty(line.price) && line.price !== '-1') {
        line.rate = priceFor(db, String(line.item ?? ''), String(line.price)) ?? line.rate ?? null;
        computeAmount(line);
      }
      break;
  }
}

function computeAmount(line: Line): void {
  const q = num(line.quantity);
  const r = num(line.rate);
  if (q !== undefined && r !== undefined) line.amount = round2(q * r);
}

function priceFor(db: Db, itemId: string, priceLevel: string): number | undefined {
  const item = db.find('item', itemId);
  const base = num(item?.data.fields.baseprice);
  if (base === undefined) return undefined;
  const level = db.store.get('pricelevel', priceLevel);
  const pct = num(level?.fields.discountpct) ?? 0;
  return round2(base * (1 + pct / 100));
}

function sourceItem(db: Db, line: Line): void {
  const found = isEmpty(line.item) ? undefined : db.find('item', String(line.item));
  if (!found) return; // an unknown item id is reported on save (INVALID_FLD_VALUE)
  const f = found.data.fields;
  line.itemtype = found.schema.typeCode ?? null;
  const code = line.itemtype as string;
  if (isEmpty(line.description))
    line.description = (f.salesdescription ?? f.description ?? null) as string | null;
  if (ADJUSTMENT.has(code)) {
    if (isEmpty(line.rate)) {
      line.rate = f.rate ?? null;
      if (!isPercent(line.rate)) line.amount = num(line.rate) ?? null;
    }
    return;
  }
  if (STRUCTURAL.has(code)) return;
  if (isEmpty(line.quantity)) line.quantity = 1; // assumption: a new line's quantity defaults to 1
  if (isEmpty(line.rate) && num(f.baseprice) !== undefined) {
    line.rate = f.baseprice as number;
    if (isEmpty(line.price)) line.price = '1';
  }
  computeAmount(line);
}

/** Expands item groups, computes discount/subtotal/end-group amounts and the body totals. */
export function recalcTransaction(db: Db, schema: RecordSchema, data: RecordData): void {
  const lines = data.sublists.item ?? [];
  expandGroups(db, lines);
  let sinceSubtotal = 0;
  let groupSum: number | undefined;
  let subtotal = 0;
  lines.forEach((line, i) => {
    if (isEmpty(line.itemtype) && !isEmpty(line.item)) sourceItem(db, line);
    const type = (line.itemtype as string) ?? '';
    if (type === 'Group') {
      line.amount = null;
      groupSum = 0;
      return;
    }
    if (type === 'EndGroup') {
      line.amount = round2(groupSum ?? 0);
      groupSum = undefined;
      return;
    }
    if (type === 'Subtotal') {
      // Documented: a subtotal sums the lines above it back to the previous subtotal. Counted here: every
      // line amount in between, discount and markup lines included, so A 100, subtotal, -10 %, B 50,
      // subtotal, -10 % has a second subtotal of 40 and a total of 136, as NetSuite showed in issue 12.
      // That discount lines count is what NetSuite did there, not a sentence of its documentation.
      line.amount = round2(sinceSubtotal);
      sinceSubtotal = 0;
      return;
    }
    if (type === 'Description') return;
    if (ADJUSTMENT.has(type)) {
      if (isPercent(line.rate)) {
        // A percent of the line directly above (an item, a subtotal or an end-of-group line). Below another
        // discount line it is a percent of that discount's amount here: what NetSuite does then is unknown.
        const above = i > 0 ? (num(lines[i - 1]?.amount) ?? 0) : 0;
        line.amount = round2((above * parseFloat(line.rate)) / 100);
      } else if (num(line.rate) !== undefined) {
        line.amount = num(line.rate) as number;
      }
    } else if (isEmpty(line.amount)) {
      computeAmount(line);
    }
    const amount = num(line.amount) ?? 0;
    sinceSubtotal += amount;
    subtotal += amount;
    if (groupSum !== undefined) groupSum += amount;
  });
  const f = data.fields;
  f.subtotal = round2(subtotal);
  let discount = 0;
  if (!isEmpty(f.discountitem)) {
    discount = isPercent(f.discountrate)
      ? (subtotal * parseFloat(f.discountrate)) / 100
      : (num(f.discountrate) ?? 0);
  }
  f.discounttotal = round2(discount);
  f.total = round2(subtotal + discount + (num(f.taxtotal) ?? 0) + (num(f.shippingcost) ?? 0));
  void schema;
}

function expandGroups(db: Db, lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (line.itemtype !== 'Group') continue;
    let j = i + 1;
    while (j < lines.length && lines[j]?.itemtype !== 'Group' && lines[j]?.itemtype !== 'EndGroup') j++;
    if (j < lines.length && lines[j]?.itemtype === 'EndGroup') continue;
    const group = db.store.get('itemgroup', String(line.item));
    const qty = num(line.quantity) ?? 1;
    const members: Line[] = (group?.sublists.member ?? []).map((m) => {
      const member: Line = { item: m.item ?? null };
      sourceItem(db, member);
      member.quantity = (num(m.quantity) ?? 1) * qty;
      computeAmount(member);
      return member;
    });
    members.push({ item: '0', itemtype: 'EndGroup' });
    lines.splice(i + 1, 0, ...members);
    i += members.length;
  }
}
