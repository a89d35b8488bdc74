/**
 * Turns NetSuite order lines into Opportunity lines.
 *
 * Rules (README, "How order lines become Opportunity lines"):
 * - subtotal, description, item group header and end-of-group lines produce no line;
 * - a discount (or markup) line applies to the line above it; above a subtotal it applies to every item the
 *   subtotal sums (back to the previous subtotal); above an end-of-group line, to every member of the group;
 *   the header discount applies to every item line. Several adjustments reaching one line combine
 *   multiplicatively;
 * - each adjustment takes off (or adds) the amount NetSuite stored on its line; only a line NetSuite gave no
 *   amount is computed here, the way NetSuite computes it (a percent of the line above it, of the subtotal
 *   or of the group total). The amount is spread over the adjustment's lines in proportion to their running
 *   amounts, in cents, remainders going to the largest fractions, so the line totals always add up to the
 *   order's item total after discounts, to the cent;
 * - a discount larger than the lines it applies to (a fixed -150 under a 100 line, which NetSuite accepts)
 *   takes those lines to 0 (Discount 100 %) and the rest off the order's other item lines: first the lines
 *   above it, then the lines below it, each group in proportion to their amounts. So the Opportunity Amount
 *   still equals the order total, each line keeps its quantity and unit price, and no Discount goes above
 *   100 (the 0–100 range is documented for quote lines only; whether an Opportunity line takes more is
 *   unverified, and the local org rejects it). A warning names the lines that took the rest. Discounts beyond
 *   every item line leave the first line with a negative total and no discount (assumption: Salesforce
 *   accepts a negative TotalPrice);
 * - each line keeps its quantity and unit price and shows the reduction as `Discount` (percent, 2 decimals).
 *   When quantity × unit price × (1 − Discount) does not round back to the exact line total, the line is
 *   sent with `TotalPrice` instead of `UnitPrice`, so Salesforce derives a unit price that lands on the total;
 * - a markup cannot be a negative discount: it raises the unit price and the line description says so;
 * - zero-quantity lines follow the setting: skipped with a warning, or sent as quantity 1 at price 0 with the
 *   real quantity in the description. They carry no amount: a discount that reaches one goes to the others.
 *
 * Messages name a line as NetSuite shows it: its 1-based position on the item sublist (every kind of line
 * counted) and its item, e.g. "line 3 (WIDGET-A)".
 */
import type { OrderLine, ZeroQuantityPolicy } from './types';

export interface PlannedLine {
  key: string;
  /** Position on the order's item sublist as NetSuite shows it (1-based, every kind of line counted). */
  lineNumber: number;
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

/** How messages name a line: "line 3 (WIDGET-A)". */
export function lineLabel(line: { lineNumber: number; itemName: string }): string {
  return `line ${line.lineNumber} (${line.itemName})`;
}

const ADJUSTMENT_TYPES = new Set(['Discount', 'Markup']);

interface Working {
  line: OrderLine;
  lineNumber: number;
  /** Position among the item lines. */
  index: number;
  quantity: number;
  grossCents: number;
  markupCents: number;
  netCents: number;
  zeroQuantity: boolean;
}

/** A discount that did not fit on its own lines: the part still to be taken off other lines. */
interface Overflow {
  where: string;
  discountCents: number;
  /** What its own lines held before it. */
  capacityCents: number;
  /** What did not fit on its own lines. */
  overCents: number;
  /** The part of it no other line has taken yet. */
  excessCents: number;
  /** How many item lines it applies to. */
  targetCount: number;
  /** Its own lines all have quantity 0. */
  onZeroQuantity: boolean;
  /** Item lines from this index on are below the discount. */
  belowFrom: number;
  placedOn: Set<Working>;
}

export const roundHalfAway = (value: number): number => Math.sign(value) * Math.round(Math.abs(value));
export const toCents = (value: number): number => roundHalfAway(value * 100);
export const fromCents = (cents: number): number => Math.round(cents) / 100;
const money = (cents: number): string => (Math.abs(cents) / 100).toFixed(2);

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

const sumNet = (lines: Working[]): number => lines.reduce((sum, t) => sum + t.netCents, 0);

/** Spreads `amountCents` over `targets` in proportion to their current net amounts (largest remainder). */
function spread(targets: Working[], amountCents: number): void {
  if (targets.length === 0 || amountCents === 0) return;
  const base = sumNet(targets);
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

/**
 * Takes `amountCents` (a reduction, negative) off `lines` as far as their positive amounts go, in proportion
 * to them; adds an increase to them. Returns the part that did not fit (0 when all of it did).
 */
function place(lines: Working[], amountCents: number, placedOn: Set<Working>): number {
  if (amountCents === 0) return 0;
  const pool = lines.filter((w) => !w.zeroQuantity && (amountCents > 0 || w.netCents > 0));
  if (pool.length === 0) return amountCents;
  pool.forEach((w) => placedOn.add(w));
  const room = sumNet(pool);
  if (amountCents < 0 && room + amountCents <= 0) {
    for (const w of pool) w.netCents = 0;
    return amountCents + room;
  }
  spread(pool, amountCents);
  return 0;
}

/**
 * What a line cannot carry: all of a zero-quantity line's amount (it is skipped or sent at 0), or the part of
 * a discount that takes a line below zero (Salesforce takes no Discount above 100 %).
 */
function overflowOf(w: Working): number {
  if (w.zeroQuantity) return w.netCents;
  const listCents = w.grossCents + w.markupCents;
  return w.netCents < 0 && listCents >= 0 ? w.netCents : 0;
}

function takeOverflow(lines: Working[]): number {
  let excess = 0;
  for (const w of lines) {
    const over = overflowOf(w);
    if (over === 0) continue;
    w.netCents -= over;
    if (w.zeroQuantity) w.markupCents = 0;
    excess += over;
  }
  return excess;
}

/** The cents an adjustment line takes off (negative) or adds (positive) when NetSuite stored no amount. */
function computedCents(rate: number | string | null, baseCents: number): number | null {
  const percent = parsePercent(rate);
  // NetSuite rounds a percent discount half away from zero: 5 % of 402.30 is -20.12, not -20.11.
  if (percent !== null) return roundHalfAway((baseCents * percent) / 100);
  const fixed = numeric(rate);
  return fixed === null ? null : toCents(fixed);
}

const nameOf = (line: OrderLine): string => line.itemName || line.itemId;
const workingLabel = (w: Working): string =>
  lineLabel({ lineNumber: w.lineNumber, itemName: nameOf(w.line) });

/** "line 1 (A)", "line 1 (A) and line 4 (B)", or for many lines "7 other lines, in proportion to …". */
function describeLines(lines: Iterable<Working>): string {
  const sorted = [...lines].sort((a, b) => a.index - b.index);
  if (sorted.length > 3) return `${sorted.length} other lines, in proportion to their amounts`;
  const labels = sorted.map(workingLabel);
  return labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)!}`;
}

function overflowWarning(o: Overflow): string {
  const moved = o.overCents - o.excessCents;
  const onto = describeLines(o.placedOn);
  if (o.onZeroQuantity) {
    const kind = o.discountCents < 0 ? 'discount' : 'markup';
    return `${o.where}: the ${kind} of ${money(o.discountCents)} applies to a line of quantity 0, so it went to ${onto}.`;
  }
  return `${o.where}: the discount of ${money(o.discountCents)} is more than the ${money(o.capacityCents)} of ${o.targetCount === 1 ? 'the line' : `the ${o.targetCount} lines`} it applies to; the other ${money(moved)} was taken off ${onto}.`;
}

export function planLines(
  orderLines: OrderLine[],
  headerDiscount: number | string | null,
  zeroQuantityPolicy: ZeroQuantityPolicy,
): LinePlan {
  const warnings: string[] = [];
  const items: Working[] = [];
  const overflows: Overflow[] = [];
  const orphans: number[] = [];
  // NetSuite's subtotal line sums every line amount since the previous subtotal, discount lines included
  // (the issue's order A 100, subtotal, -10 %, B 50, subtotal, -10 % totals 136: the second subtotal is
  // -10 + 50 = 40). The reference notes document "sums the lines above it back to the previous subtotal" but
  // not, in so many words, that discount lines count; the stored amounts are used whenever NetSuite gives
  // them, so this only matters for lines without one.
  let segmentStart = 0;
  let segmentCents = 0;
  const groups: Array<{ start: number; cents: number }> = [];
  let lastTarget: Working[] = [];
  /** What a percent on the next adjustment is a percent of, when the line above is a subtotal or group. */
  let lastBase: number | null = null;
  const count = (cents: number): void => {
    segmentCents += cents;
    for (const g of groups) g.cents += cents;
  };

  orderLines.forEach((line, index) => {
    const lineNumber = index + 1;
    const where = `Line ${lineNumber} (${nameOf(line)})`;
    const stored = numeric(line.amount);
    if (line.itemType === 'Description') return;
    if (line.itemType === 'Subtotal') {
      lastTarget = items.slice(segmentStart);
      lastBase = stored !== null ? toCents(stored) : segmentCents;
      segmentStart = items.length;
      segmentCents = 0;
      return;
    }
    if (line.itemType === 'Group') {
      groups.push({ start: items.length, cents: 0 });
      lastTarget = [];
      lastBase = null;
      return;
    }
    if (line.itemType === 'EndGroup') {
      const group = groups.pop();
      lastTarget = items.slice(group?.start ?? segmentStart);
      lastBase = stored !== null ? toCents(stored) : (group?.cents ?? sumNet(lastTarget));
      return;
    }
    if (ADJUSTMENT_TYPES.has(line.itemType)) {
      let targets = lastTarget;
      let base = lastBase;
      if (targets.length === 0) {
        warnings.push(
          `${where}: the discount has no item line above it, so it was applied to the whole order.`,
        );
        targets = items.slice();
        base = null;
      }
      // NetSuite's own amount for the line; computed only when NetSuite gave none.
      const cents = stored !== null ? toCents(stored) : computedCents(line.rate, base ?? sumNet(targets));
      if (cents === null) {
        warnings.push(`${where}: the discount has no rate or amount and was ignored.`);
        return;
      }
      count(cents);
      if (targets.length === 0) {
        // Nothing above it at all (the first line of the order): it goes to the item lines below.
        orphans.push(cents);
        return;
      }
      const capacityCents = targets.reduce(
        (sum, t) => sum + (t.zeroQuantity ? 0 : Math.max(0, t.netCents)),
        0,
      );
      spread(targets, cents);
      lastTarget = targets;
      lastBase = null;
      const excess = takeOverflow(targets);
      if (excess !== 0) {
        const overflow: Overflow = {
          where,
          discountCents: cents,
          capacityCents,
          targetCount: targets.length,
          overCents: excess,
          excessCents: excess,
          onZeroQuantity: targets.every((t) => t.zeroQuantity),
          belowFrom: items.length,
          placedOn: new Set(),
        };
        // The lines above it first; what they cannot take waits for the lines below it.
        const own = new Set(targets);
        overflow.excessCents = place(
          items.filter((w) => !own.has(w)),
          excess,
          overflow.placedOn,
        );
        overflows.push(overflow);
      }
      return;
    }
    if (line.itemType === 'Payment') {
      if (stored !== null) count(toCents(stored));
      warnings.push(`${where}: payment items have no Salesforce product and were not sent.`);
      return;
    }
    const quantity = numeric(line.quantity);
    const rate = numeric(line.rate);
    const grossCents = stored !== null ? toCents(stored) : toCents((quantity ?? 1) * (rate ?? 0));
    const working: Working = {
      line,
      lineNumber,
      index: items.length,
      quantity: quantity ?? 1,
      grossCents,
      markupCents: 0,
      netCents: grossCents,
      zeroQuantity: quantity === 0,
    };
    items.push(working);
    count(grossCents);
    lastTarget = [working];
    lastBase = null;
  });

  let unplaced = orphans.reduce((rest, cents) => rest + place(items, cents, new Set()), 0);
  if (headerDiscount !== null && headerDiscount !== '' && headerDiscount !== 0) {
    const cents = computedCents(headerDiscount, sumNet(items));
    if (cents !== null) spread(items, cents);
  }

  // Discounts that did not fit on their own lines and the lines above them: the lines below them.
  for (const o of overflows) {
    o.excessCents = place(items.slice(o.belowFrom), o.excessCents, o.placedOn);
    o.excessCents = place(items, o.excessCents, o.placedOn);
  }
  // Whatever the header discount took below zero (or put on a zero-quantity line): any other line.
  unplaced += place(items, takeOverflow(items), new Set());
  for (const o of overflows) {
    // One that no other line could take at all is told by the warning below alone.
    if (o.excessCents !== o.overCents) warnings.push(overflowWarning(o));
    unplaced += o.excessCents;
  }
  if (unplaced !== 0) {
    // Discounts beyond all the item lines: the order's item total is below zero, and so is one line.
    const carrier = items.find((w) => !w.zeroQuantity);
    if (carrier) {
      carrier.netCents += unplaced;
      warnings.push(
        `The order's discounts are ${money(unplaced)} more than all its item lines, so ${workingLabel(carrier)} was sent at ${fromCents(carrier.netCents).toFixed(2)} with no discount.`,
      );
    }
  }

  const lines: PlannedLine[] = [];
  let totalCents = 0;
  for (const w of items) {
    totalCents += w.netCents;
    const name = nameOf(w.line);
    if (w.zeroQuantity) {
      if (zeroQuantityPolicy === 'skip') {
        warnings.push(
          `Line ${w.lineNumber} (${name}) has quantity 0 and was not sent (setting: skip zero-quantity lines).`,
        );
        continue;
      }
      lines.push({
        key: w.line.key,
        lineNumber: w.lineNumber,
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
  const unitPrice = w.quantity === 0 ? 0 : fromCents(listCents) / w.quantity;
  const roundedUnit = Math.round(unitPrice * 100) / 100;
  let description = w.line.description;
  if (w.markupCents > 0) {
    description = withNote(
      description,
      `unit price includes a markup of ${fromCents(w.markupCents).toFixed(2)}`,
    );
  }
  const planned = (unit: number | null, total: number | null, discountPercent: number): PlannedLine => ({
    key: w.line.key,
    lineNumber: w.lineNumber,
    itemId: w.line.itemId,
    itemName: nameOf(w.line),
    priceLevel: w.line.priceLevel,
    quantity: w.quantity,
    unitPrice: unit,
    totalPrice: total,
    discountPercent,
    netCents: w.netCents,
    description,
  });
  if (w.netCents === 0 && listCents > 0) {
    // Taken to 0 by a larger discount: Discount 100 % with the unit price (Salesforce cannot derive a unit
    // price from a total of 0 at 100 %), whatever the unit price rounds to.
    return planned(roundedUnit, null, 100);
  }
  if (w.netCents < 0 && listCents >= 0) {
    // Only when the order's discounts exceed all its item lines: a negative total with no discount.
    return planned(null, fromCents(w.netCents), 0);
  }
  const discountCents = listCents - w.netCents;
  let discountPercent =
    listCents === 0 ? 0 : Math.min(100, Math.max(0, Math.round((discountCents / listCents) * 10000) / 100));
  const recomputed = Math.round(w.quantity * roundedUnit * (100 - discountPercent));
  const exact = Math.abs(roundedUnit - unitPrice) < 1e-9 && recomputed === w.netCents;
  if (exact) return planned(roundedUnit, null, discountPercent);
  // Sent as the total: Salesforce derives the unit price from it, which needs a Discount below 100 %.
  if (discountPercent >= 100) discountPercent = 99.99;
  return planned(null, fromCents(w.netCents), discountPercent);
}
