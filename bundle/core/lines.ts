/**
 * Turns NetSuite order lines into Opportunity lines.
 *
 * Rules (README, "How order lines become Opportunity lines"):
 * - subtotal, description, item group header and end-of-group lines produce no line;
 * - a discount (or markup) line applies to the line above it; above a subtotal it applies to every item the
 *   subtotal sums (back to the previous subtotal); above an end-of-group line, to every member of the group;
 *   the header discount applies to every item line. Several adjustments reaching one line combine
 *   multiplicatively;
 * - all money is worked in cents: each adjustment's amount (as NetSuite computes it) is spread over its
 *   lines in proportion to their running amounts, remainders going to the largest fractions, so the line
 *   totals always add up to the order's item total after discounts, to the cent;
 * - each line keeps its quantity and unit price and shows the reduction as `Discount` (percent, 2 decimals).
 *   When quantity × unit price × (1 − Discount) does not round back to the exact line total, the line is
 *   sent with `TotalPrice` instead of `UnitPrice`, so Salesforce derives a unit price that lands on the total;
 * - a markup cannot be a negative discount: it raises the unit price and the line description says so;
 * - zero-quantity lines follow the setting: skipped with a warning, or sent as quantity 1 at price 0 with the
 *   real quantity in the description.
 */
import type { OrderLine, ZeroQuantityPolicy } from './types';

export interface PlannedLine {
  key: string;
  itemId: string;
  itemName: string;
  priceLevel: string | null;
  quantity: number;
  /** Exactly one of unitPrice / totalPrice is set. */
  unitPrice: number | null;
  totalPrice: number | null;
  discountPercent: number;
  /** Line total after every adjustment, in cents. */
  netCents: number;
  description: string;
}

export interface LinePlan {
  lines: PlannedLine[];
  warnings: string[];
  /** Sum of the item lines after discounts, in cents: what the Opportunity amount must be. */
  totalCents: number;
}

const ADJUSTMENT_TYPES = new Set(['Discount', 'Markup']);

interface Working {
  line: OrderLine;
  quantity: number;
  grossCents: number;
  markupCents: number;
  netCents: number;
  zeroQuantity: boolean;
}

export const roundHalfAway = (value: number): number => Math.sign(value) * Math.round(Math.abs(value));
export const toCents = (value: number): number => roundHalfAway(value * 100);
export const fromCents = (cents: number): number => Math.round(cents) / 100;

/** Parses "-10%", "-10.00%", -10 (with percent flag) into a signed percent; null when not a percent. */
export function parsePercent(rate: number | string | null): number | null {
  if (typeof rate !== 'string') return null;
  const text = rate.trim();
  if (!text.endsWith('%')) return null;
  const value = Number(text.slice(0, -1));
  return Number.isFinite(value) ? value : null;
}

function numeric(value: number | string | null): number | null {
  if (value === null || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Spreads `amountCents` over `targets` in proportion to their current net amounts (largest remainder). */
function spread(targets: Working[], amountCents: number): void {
  const base = targets.reduce((sum, t) => sum + t.netCents, 0);
  if (targets.length === 0 || amountCents === 0) return;
  const weights = base === 0 ? targets.map(() => 1) : targets.map((t) => t.netCents);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (amountCents * w) / weightSum);
  const floors = exact.map((x) => Math.trunc(x));
  let remainder = amountCents - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: Math.abs(x - Math.trunc(x)) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  const step = remainder > 0 ? 1 : -1;
  for (let k = 0; remainder !== 0 && order.length > 0; k = (k + 1) % order.length) {
    const idx = order[k]!.i;
    floors[idx] = floors[idx]! + step;
    remainder -= step;
  }
  targets.forEach((t, i) => {
    const share = floors[i]!;
    if (share > 0) t.markupCents += share;
    t.netCents += share;
  });
}

/** The cents an adjustment line takes off (negative) or adds (positive), as NetSuite computes it. */
function adjustmentCents(line: Pick<OrderLine, 'rate' | 'amount'>, baseCents: number): number | null {
  const percent = parsePercent(line.rate);
  // NetSuite rounds a percent discount half away from zero: 5 % of 402.30 is -20.12, not -20.11.
  if (percent !== null) return roundHalfAway((baseCents * percent) / 100);
  const amount = numeric(line.amount);
  if (amount !== null) return toCents(amount);
  const rate = numeric(line.rate);
  return rate === null ? null : toCents(rate);
}

export function planLines(
  orderLines: OrderLine[],
  headerDiscount: number | string | null,
  zeroQuantityPolicy: ZeroQuantityPolicy,
): LinePlan {
  const warnings: string[] = [];
  const items: Working[] = [];
  let segmentStart = 0;
  const groupStarts: number[] = [];
  let lastTarget: Working[] = [];

  orderLines.forEach((line, index) => {
    const where = `line ${index + 1} (${line.itemName || line.itemId})`;
    if (line.itemType === 'Description') return;
    if (line.itemType === 'Subtotal') {
      lastTarget = items.slice(segmentStart);
      segmentStart = items.length;
      return;
    }
    if (line.itemType === 'Group') {
      groupStarts.push(items.length);
      lastTarget = [];
      return;
    }
    if (line.itemType === 'EndGroup') {
      const start = groupStarts.pop() ?? segmentStart;
      lastTarget = items.slice(start);
      return;
    }
    if (ADJUSTMENT_TYPES.has(line.itemType)) {
      if (lastTarget.length === 0) {
        warnings.push(
          `${where}: the discount has no item line above it, so it was applied to the whole order.`,
        );
        lastTarget = items.slice();
      }
      const base = lastTarget.reduce((sum, t) => sum + t.netCents, 0);
      const cents = adjustmentCents(line, base);
      if (cents === null) {
        warnings.push(`${where}: the discount has no rate or amount and was ignored.`);
        return;
      }
      spread(lastTarget, cents);
      return;
    }
    if (line.itemType === 'Payment') {
      warnings.push(`${where}: payment items have no Salesforce product and were not sent.`);
      return;
    }
    const quantity = numeric(line.quantity);
    const rate = numeric(line.rate);
    const amount = numeric(line.amount);
    const grossCents = amount !== null ? toCents(amount) : toCents((quantity ?? 1) * (rate ?? 0));
    const working: Working = {
      line,
      quantity: quantity ?? 1,
      grossCents,
      markupCents: 0,
      netCents: grossCents,
      zeroQuantity: quantity === 0,
    };
    items.push(working);
    lastTarget = [working];
  });

  if (headerDiscount !== null && headerDiscount !== '' && headerDiscount !== 0) {
    const base = items.reduce((sum, t) => sum + t.netCents, 0);
    const cents = adjustmentCents({ rate: headerDiscount, amount: numeric(headerDiscount) }, base);
    if (cents !== null) spread(items, cents);
  }

  const lines: PlannedLine[] = [];
  let totalCents = 0;
  for (const w of items) {
    totalCents += w.netCents;
    const name = w.line.itemName || w.line.itemId;
    if (w.zeroQuantity) {
      if (zeroQuantityPolicy === 'skip') {
        warnings.push(
          `Line for ${name} has quantity 0 and was not sent (setting: skip zero-quantity lines).`,
        );
        continue;
      }
      lines.push({
        key: w.line.key,
        itemId: w.line.itemId,
        itemName: name,
        priceLevel: w.line.priceLevel,
        quantity: 1,
        unitPrice: 0,
        totalPrice: null,
        discountPercent: 0,
        netCents: 0,
        description: withNote(w.line.description, 'Quantity in NetSuite: 0'),
      });
      continue;
    }
    lines.push(priceLine(w));
  }
  return { lines, warnings, totalCents };
}

function withNote(description: string, note: string): string {
  return description ? `${description} (${note})` : note;
}

function priceLine(w: Working): PlannedLine {
  const listCents = w.grossCents + w.markupCents;
  const discountCents = listCents - w.netCents;
  const discountPercent = listCents === 0 ? 0 : Math.round((discountCents / listCents) * 10000) / 100;
  const unitPrice = w.quantity === 0 ? 0 : fromCents(listCents) / w.quantity;
  const roundedUnit = Math.round(unitPrice * 100) / 100;
  const recomputed = Math.round(w.quantity * roundedUnit * (100 - discountPercent));
  const exact = Math.abs(roundedUnit - unitPrice) < 1e-9 && recomputed === w.netCents;
  let description = w.line.description;
  if (w.markupCents > 0) {
    description = withNote(
      description,
      `unit price includes a markup of ${fromCents(w.markupCents).toFixed(2)}`,
    );
  }
  return {
    key: w.line.key,
    itemId: w.line.itemId,
    itemName: w.line.itemName || w.line.itemId,
    priceLevel: w.line.priceLevel,
    quantity: w.quantity,
    unitPrice: exact ? roundedUnit : null,
    totalPrice: exact ? null : fromCents(w.netCents),
    discountPercent: Math.max(0, discountPercent),
    netCents: w.netCents,
    description,
  };
}
