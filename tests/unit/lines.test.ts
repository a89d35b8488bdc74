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
      'Line 3 (Widget B) has quantity 0 and was not sent (setting: skip zero-quantity lines).',
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

/** Quantity, price and discount as sent, and the line number NetSuite shows. */
function sent(plan: ReturnType<typeof planLines>) {
  return plan.lines.map((l) => ({
    n: l.lineNumber,
    q: l.quantity,
    unit: l.unitPrice,
    total: l.totalPrice,
    d: l.discountPercent,
    cents: salesforceTotal(l),
  }));
}

describe('discount amounts are the ones NetSuite stored (issue 12, item 2)', () => {
  // A 100, subtotal, -10 %, B 50, subtotal, -10 %: NetSuite's second subtotal is -10 + 50 = 40, so its
  // 10 % is -4 and the order total 136 (computing 10 % of B's 50 gave 135).
  const order = (discountAmounts: boolean, subtotalAmounts: boolean) => [
    line('InvtPart', 1, 100, 100, 'A'),
    line('Subtotal', null, null, subtotalAmounts ? 100 : null, 'SUBTOTAL'),
    line('Discount', null, '-10%', discountAmounts ? -10 : null, 'DISC-10'),
    line('Service', 2, 25, 50, 'B'),
    line('Subtotal', null, null, subtotalAmounts ? 40 : null, 'SUBTOTAL'),
    line('Discount', null, '-10%', discountAmounts ? -4 : null, 'DISC-10'),
  ];

  test('the stored -4 goes to the item line the second subtotal sums: 136, as in NetSuite', () => {
    const plan = planLines(order(true, true), null, 'skip');
    expect(sent(plan)).toEqual([
      { n: 1, q: 1, unit: 100, total: null, d: 10, cents: 9000 },
      { n: 4, q: 2, unit: 25, total: null, d: 8, cents: 4600 },
    ]);
    expect(plan.totalCents).toBe(13600);
    expect(plan.warnings).toEqual([]);
  });

  test('without stored discount amounts, the percent is taken of the subtotal NetSuite shows (40)', () => {
    expect(planLines(order(false, true), null, 'skip').totalCents).toBe(13600);
  });

  test('without any stored amounts, the subtotal is worked out as NetSuite does: every line since the previous one', () => {
    expect(planLines(order(false, false), null, 'skip').totalCents).toBe(13600);
  });

  test('a stored amount wins over the rate', () => {
    // NetSuite's -33.34 for 10 % of 333.33 (say after a rounding rule of its own): the total follows it.
    const plan = planLines(
      [line('InvtPart', 1, 333.33, 333.33), line('Discount', null, '-10%', -33.34)],
      null,
      'skip',
    );
    expect(plan.totalCents).toBe(29999);
    expect(sent(plan)).toEqual([{ n: 1, q: 1, unit: null, total: 299.99, d: 10, cents: 29999 }]);
  });

  test('a percent after an end-of-group line is a percent of the group total NetSuite stored', () => {
    const plan = planLines(
      [
        line('Group', null, null, null, 'KIT'),
        line('InvtPart', 1, 80, 80),
        line('Discount', null, -30, -30),
        line('InvtPart', 1, 20, 20),
        line('EndGroup', null, null, 70),
        line('Discount', null, '-10%', null),
      ],
      null,
      'skip',
    );
    expect(plan.totalCents).toBe(6300);
  });
});

describe('a discount larger than its lines (issue 12, item 3)', () => {
  test('takes its line to 0 (Discount 100) and the rest off the lines above it', () => {
    const plan = planLines(
      [
        line('InvtPart', 1, 300, 300, 'GADGET-B'),
        line('InvtPart', 1, 100, 100, 'WIDGET-A'),
        line('Discount', null, -150, -150, 'DISC-AMT'),
      ],
      null,
      'skip',
    );
    expect(sent(plan)).toEqual([
      { n: 1, q: 1, unit: null, total: 250, d: 16.67, cents: 25000 },
      { n: 2, q: 1, unit: 100, total: null, d: 100, cents: 0 },
    ]);
    expect(plan.totalCents).toBe(25000);
    expect(plan.warnings).toEqual([
      'Line 3 (DISC-AMT): the discount of 150.00 is more than the 100.00 of the line it applies to; the other 50.00 was taken off line 1 (GADGET-B).',
    ]);
  });

  test('with no line above, the rest comes off the lines below, in proportion to their amounts', () => {
    const plan = planLines(
      [
        line('InvtPart', 3, 33.33, 99.99, 'WIDGET-A'),
        line('Discount', null, -120, -120, 'DISC-AMT'),
        line('Service', 4, 25, 100, 'SETUP'),
        line('InvtPart', 1, 300, 300, 'GADGET-B'),
      ],
      null,
      'skip',
    );
    expect(sent(plan)).toEqual([
      // A unit price of 33.33 at 100 % is 0 whatever the rounding of 99.99 / 3.
      { n: 1, q: 3, unit: 33.33, total: null, d: 100, cents: 0 },
      { n: 3, q: 4, unit: 25, total: null, d: 5, cents: 9500 },
      { n: 4, q: 1, unit: null, total: 284.99, d: 5, cents: 28499 },
    ]);
    expect(plan.totalCents).toBe(37999);
    expect(plan.warnings).toEqual([
      'Line 2 (DISC-AMT): the discount of 120.00 is more than the 99.99 of the line it applies to; the other 20.01 was taken off line 3 (SETUP) and line 4 (GADGET-B).',
    ]);
  });

  test('after a subtotal: every line of the group goes to 0, then the lines above, then below', () => {
    const plan = planLines(
      [
        line('InvtPart', 1, 40, 40, 'A'),
        line('Subtotal', null, null, 40, 'SUBTOTAL'),
        line('InvtPart', 1, 100, 100, 'B'),
        line('InvtPart', 2, 25, 50, 'C'),
        line('Subtotal', null, null, 150, 'SUBTOTAL'),
        line('Discount', null, -200, -200, 'DISC-AMT'),
        line('InvtPart', 1, 300, 300, 'D'),
      ],
      null,
      'skip',
    );
    expect(sent(plan)).toEqual([
      { n: 1, q: 1, unit: 40, total: null, d: 100, cents: 0 },
      { n: 3, q: 1, unit: 100, total: null, d: 100, cents: 0 },
      { n: 4, q: 2, unit: 25, total: null, d: 100, cents: 0 },
      { n: 7, q: 1, unit: null, total: 290, d: 3.33, cents: 29000 },
    ]);
    expect(plan.totalCents).toBe(29000);
    expect(plan.warnings).toEqual([
      'Line 6 (DISC-AMT): the discount of 200.00 is more than the 150.00 of the 2 lines it applies to; the other 50.00 was taken off line 1 (A) and line 7 (D).',
    ]);
  });

  test('discounts beyond every item line: the order total is below zero and one line carries it', () => {
    const plan = planLines(
      [line('InvtPart', 1, 100, 100, 'A'), line('Discount', null, -150, -150, 'DISC-AMT')],
      null,
      'skip',
    );
    expect(sent(plan)).toEqual([{ n: 1, q: 1, unit: null, total: -50, d: 0, cents: -5000 }]);
    expect(plan.totalCents).toBe(-5000);
    expect(plan.warnings).toEqual([
      "The order's discounts are 50.00 more than all its item lines, so line 1 (A) was sent at -50.00 with no discount.",
    ]);
  });

  test('a header discount larger than the order', () => {
    const plan = planLines(
      [line('InvtPart', 1, 100, 100, 'A'), line('InvtPart', 1, 300, 300, 'B')],
      -500,
      'skip',
    );
    expect(sent(plan)).toEqual([
      { n: 1, q: 1, unit: null, total: -100, d: 0, cents: -10000 },
      { n: 2, q: 1, unit: 300, total: null, d: 100, cents: 0 },
    ]);
    expect(plan.totalCents).toBe(-10000);
  });

  test('a discount on a zero-quantity line goes to the other lines', () => {
    const plan = planLines(
      [
        line('InvtPart', 2, 50, 100, 'A'),
        line('InvtPart', 0, 50, 0, 'B'),
        line('Discount', null, -10, -10, 'DISC-AMT'),
      ],
      null,
      'skip',
    );
    expect(sent(plan)).toEqual([{ n: 1, q: 2, unit: 50, total: null, d: 10, cents: 9000 }]);
    expect(plan.totalCents).toBe(9000);
    expect(plan.warnings).toEqual([
      'Line 3 (DISC-AMT): the discount of 10.00 applies to a line of quantity 0, so it went to line 1 (A).',
      'Line 2 (B) has quantity 0 and was not sent (setting: skip zero-quantity lines).',
    ]);
  });

  test('a line left with a cent of a large amount is sent as its total, below 100 %', () => {
    const plan = planLines(
      [line('InvtPart', 1, 1_000_000, 1_000_000), line('Discount', null, -999_999.99, -999_999.99)],
      null,
      'skip',
    );
    expect(sent(plan)).toEqual([{ n: 1, q: 1, unit: null, total: 0.01, d: 99.99, cents: 1 }]);
  });

  test('random fixed discounts up to twice their line: Discount within 0–100 and totals exact to the cent', () => {
    let s = 777;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 300; round++) {
      const lines: OrderLine[] = [];
      let expected = 0;
      const count = 1 + Math.floor(rnd() * 6);
      for (let i = 0; i < count; i++) {
        const qty = 1 + Math.floor(rnd() * 20);
        const rate = Math.round(rnd() * 100_000) / 100;
        const l = line('InvtPart', qty, rate);
        lines.push(l);
        expected += toCents(l.amount!);
        if (rnd() < 0.3) lines.push(line('Subtotal', null, null, null));
        if (rnd() < 0.5) {
          const off = -Math.round(rnd() * 2 * toCents(l.amount!));
          lines.push(line('Discount', null, off / 100, off / 100));
          expected += off;
        }
      }
      const plan = planLines(lines, rnd() < 0.3 ? '-5%' : null, 'skip');
      const header = plan.totalCents - expected;
      expect(header).toBeLessThanOrEqual(0);
      const total = plan.lines.reduce((sum, l) => sum + salesforceTotal(l), 0);
      expect(total).toBe(plan.totalCents);
      for (const l of plan.lines) {
        expect(l.discountPercent).toBeGreaterThanOrEqual(0);
        expect(l.discountPercent).toBeLessThanOrEqual(100);
        if (l.totalPrice !== null) expect(l.discountPercent).toBeLessThan(100);
      }
    }
  });
});

describe('line messages name the line as NetSuite shows it', () => {
  test('a discount with no item line above it', () => {
    const plan = planLines(
      [line('Discount', null, -10, -10, 'DISC-AMT'), line('InvtPart', 1, 100, 100, 'A')],
      null,
      'skip',
    );
    expect(plan.warnings).toEqual([
      'Line 1 (DISC-AMT): the discount has no item line above it, so it was applied to the whole order.',
    ]);
    expect(sent(plan)).toEqual([{ n: 2, q: 1, unit: 100, total: null, d: 10, cents: 9000 }]);
    expect(plan.totalCents).toBe(9000);
  });
});
