// Pure helpers of the local org: ids, rounding, dates.
import { IdGenerator, caseSafeSuffix, toId18 } from '../../tools/salesforce-local/ids';
import { addMonths, roundTo } from '../../tools/salesforce-local/values';

describe('Salesforce ids', () => {
  test('the case-safe suffix encodes the upper-case letters of each 5-character chunk', () => {
    expect(caseSafeSuffix('001000000000000')).toBe('AAA');
    // chunk 1 "A0000" → bit 0 → B; chunk 2 "0000Z" → bit 4 → Q; chunk 3 "ABCDE" → all 5 bits → 5
    expect(caseSafeSuffix('A00000000ZABCDE')).toBe('BQ5');
  });

  test('15 characters gain the suffix; an 18-character id with its case lost is restored from the suffix', () => {
    const id = new IdGenerator('Xy').next('006');
    expect(id).toMatch(/^006Xy0\w{9}[A-Z0-5]{3}$/);
    expect(toId18(id.slice(0, 15))).toBe(id);
    expect(toId18(id.toLowerCase())).toBe(id);
    expect(toId18('006Xy0000000001')).toBe(`006Xy0000000001${caseSafeSuffix('006Xy0000000001')}`);
  });

  test('values not shaped like ids are rejected', () => {
    for (const bad of ['', '001', '001-00000000000', '0010000000000000', '001000000000000AA9', 42, null]) {
      expect(toId18(bad)).toBeUndefined();
    }
  });
});

describe('values', () => {
  test('half-up rounding without binary artefacts', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(89.991, 2)).toBe(89.99);
    expect(roundTo(-2.345, 2)).toBe(-2.35);
    expect(roundTo(0.1 + 0.2, 2)).toBe(0.3);
  });

  test('adding months clamps to the end of a shorter month (assumption)', () => {
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });
});
