import { planLines, toCents } from '../../bundle/core/lines';
import type { OrderLine } from '../../bundle/core/types';

let seq = 0;
function line(
  itemType: string,
  quantity: number | null,
  rate: number | string | null,
  amount?: number | null,
  name?: string,
): OrderLine {
  seq += 1;
  const q = typeof quantity === 'number' ? quantity : null;
  const r = typeof rate === 'number' ? rate : null;
  return {
    key: String(seq),
    itemId: `item${seq}`,
    itemName: name ?? `Item ${seq}`,
    itemType,
    quantity,
    rate,
    amount: amount === undefined ? (q !== null && r !== null ? Math.round(q * r * 100) / 100 : null) : amount,
    description: '',
    priceLevel: null,
  };
}

function shape(plan: ReturnType<typeof planLines>) {
  return plan.lines.map((l) => ({
    q: l.quantity,
    unit: l.unitPrice,
    total: l.totalPrice,
    d: l.discountPercent,
  }));
}

/** What Salesforce would compute for the line (UnitPrice path or TotalPrice path). */
function salesforceTotal(l: ReturnType<typeof planLines>['lines'][number]): number {
  if (l.totalPrice !== null) return toCents(l.totalPrice);
  return Math.round(l.quantity * (l.unitPrice ?? 0) * (100 - l.discountPercent));
}

describe('order lines → Opportunity lines (worked examples)', () => {
  test('1: a percent discount applies to the line above', () => {
    const plan = planLines([line('InvtPart', 2, 100), line('Discount', null, '-10%', -20)], null, 'skip');
    expect(shape(plan)).toEqual([{ q: 2, unit: 100, total: null, d: 10 }]);
    expect(plan.totalCents).toBe(18000);
  });

  test('2: an amount discount after a subtotal spreads over the subtotal group', () => {
    const plan = planLines(
      [
        line('InvtPart', 2, 100),
        line('InvtPart', 1, 300),
        line('Subtotal', null, null, 500),
        line('Discount', null, -50, -50),
      ],
      null,
      'skip',
    );
    expect(shape(plan)).toEqual([
      { q: 2, unit: 100, total: null, d: 10 },
      { q: 1, unit: 300, total: null, d: 10 },
    ]);
    expect(plan.totalCents).toBe(45000);
  });

  test('3: a line discount and the header discount combine multiplicatively', () => {
    const plan = planLines(
      [line('InvtPart', 1, 1000), line('Discount', null, '-5%', -50), line('InvtPart', 4, 25)],
      '-10%',
      'skip',
    );
    expect(shape(plan)).toEqual([
      { q: 1, unit: 1000, total: null, d: 14.5 },
      { q: 4, unit: 25, total: null, d: 10 },
    ]);
    expect(plan.totalCents).toBe(94500);
  });

  test('4: description lines are not sent and zero-quantity lines are skipped with a warning', () => {
    const plan = planLines(
      [
        line('InvtPart', 3, 10),
        line('Description', null, null, null),
        line('InvtPart', 0, 50, 0, 'Widget B'),
      ],
      null,
      'skip',
    );
    expect(shape(plan)).toEqual([{ q: 3, unit: 10, total: null, d: 0 }]);
    expect(plan.totalCents).toBe(3000);
    expect(plan.warnings).toEqual([
      'Line for Widget B has quantity 0 and was not sent (setting: skip zero-quantity lines).',
    ]);
  });

  test('4b: zero-quantity lines can be sent as 1 at price 0 with the real quantity in the description', () => {
    const plan = planLines([line('InvtPart', 0, 50, 0)], null, 'one-at-zero');
    expect(plan.lines).toHaveLength(1);
    expect(plan.lines[0]).toMatchObject({
      quantity: 1,
      unitPrice: 0,
      description: 'Quantity in NetSuite: 0',
    });
    expect(plan.warnings).toEqual([]);
  });

  test('5: a discount after an end-of-group line applies to every member', () => {
    const plan = planLines(
      [
        line('Group', null, null, null),
        line('InvtPart', 1, 80),
        line('InvtPart', 1, 20),
        line('EndGroup', null, null, 100),
        line('Discount', null, -20, -20),
      ],
      null,
      'skip',
    );
    expect(shape(plan)).toEqual([
      { q: 1, unit: 80, total: null, d: 20 },
      { q: 1, unit: 20, total: null, d: 20 },
    ]);
    expect(plan.totalCents).toBe(8000);
  });

  test('6: a percent that does not round-trip still lands on the total to the cent', () => {
    const plan = planLines([line('InvtPart', 3, 33.33), line('Discount', null, -10, -10)], null, 'skip');
    expect(plan.totalCents).toBe(8999);
    expect(plan.lines[0]!.discountPercent).toBe(10);
    expect(salesforceTotal(plan.lines[0]!)).toBe(8999);
  });

  test('a percent discount rounds half away from zero, as NetSuite does', () => {
    const plan = planLines([line('InvtPart', 3, 134.1), line('Discount', null, '-5%', -20.12)], null, 'skip');
    expect(plan.totalCents).toBe(40230 - 2012);
  });

  test('a markup raises the unit price and says so', () => {
    const plan = planLines([line('InvtPart', 2, 50), line('Markup', null, '10%', 10)], null, 'skip');
    expect(plan.lines[0]).toMatchObject({ quantity: 2, unitPrice: 55, discountPercent: 0 });
    expect(plan.lines[0]!.description).toContain('markup of 10.00');
    expect(plan.totalCents).toBe(11000);
  });

  test('an amount header discount spreads over all lines', () => {
    const plan = planLines([line('InvtPart', 1, 100), line('Service', 1, 300)], -40, 'skip');
    expect(plan.lines.map((l) => l.netCents)).toEqual([9000, 27000]);
    expect(plan.totalCents).toBe(36000);
  });

  test('awkward amounts up to 10,000,000 always sum to the order total', () => {
    // deterministic pseudo-random sequence
    let s = 12345;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      const lines: OrderLine[] = [];
      let expected = 0;
      const count = 1 + Math.floor(rnd() * 6);
      for (let i = 0; i < count; i++) {
        const qty = 1 + Math.floor(rnd() * 999);
        const rate = Math.round(((rnd() * 10_000_000) / qty) * 100) / 100;
        const l = line('InvtPart', qty, rate);
        lines.push(l);
        expected += toCents(l.amount!);
        if (rnd() < 0.5) {
          const pct = Math.round(rnd() * 9000) / 100; // up to 90%
          const off = -Math.round((toCents(l.amount!) * pct) / 100);
          lines.push(line('Discount', null, `-${pct}%`, off / 100));
          expected += off;
        }
      }
      const plan = planLines(lines, '-3.3%', 'skip');
      const header = -Math.round((expected * 3.3) / 100);
      expect(plan.totalCents).toBe(expected + header);
      const sent = plan.lines.reduce((sum, l) => sum + salesforceTotal(l), 0);
      expect(sent).toBe(expected + header);
    }
  });
});
