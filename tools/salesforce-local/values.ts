// Converting JSON values from request bodies into stored field values, with Salesforce's checks on
// type, length, precision and picklists, and the formats the REST API answers with.
import { SfError } from './errors';
import type { FieldDef } from './schema';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Half-up rounding to `scale` decimals, without binary artefacts (1.005 → 1.01). */
export function roundTo(n: number, scale: number): number {
  const sign = n < 0 ? -1 : 1;
  const shifted = Math.round(Number(`${Math.abs(n)}e${scale}`));
  return sign * Number(`${shifted}e-${scale}`) || 0;
}

export const round2 = (n: number): number => roundTo(n, 2);

/** A datetime cut to the whole second (milliseconds dropped, never rounded). */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * Salesforce's datetime format: 2024-01-31T09:30:00.000+0000 (always UTC here). Salesforce keeps datetime
 * fields, the audit stamps (CreatedDate, LastModifiedDate, SystemModstamp) included, to the second: the
 * milliseconds are dropped, not rounded, so every stored or returned value ends in .000+0000.
 * (Not in the Object Reference; observed and reported by Salesforce developers, e.g. salesforce.stackexchange
 * question 234824 and "Last Modified Date Rounding to Whole Seconds", 2011.)
 */
export function formatDateTime(d: Date): string {
  return new Date(toSecond(d.getTime())).toISOString().replace('Z', '+0000');
}

export function parseDateTime(s: string): Date | undefined {
  const normalized = s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = new Date(normalized);
  return Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(s) ? undefined : d;
}

export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return dateOnly(d);
}

/** Adds calendar months; a day past the end of the target month falls back to its last day (assumption). */
export function addMonths(date: string, months: number): string {
  const [y, m, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return dateOnly(target);
}

function parserError(field: FieldDef, value: unknown, kind: string): SfError {
  return new SfError(
    'JSON_PARSER_ERROR',
    `Cannot deserialize instance of ${kind} from VALUE_STRING value ${JSON.stringify(value)} or request may be missing a required field`,
    [field.name],
  );
}

function toNumber(field: FieldDef, value: unknown): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n)) throw parserError(field, value, field.type === 'int' ? 'int' : 'double');
  const scale = field.scale ?? 0;
  const integerDigits = (field.precision ?? 18) - scale;
  // assumption: values with more decimals than the field's scale are rounded half-up on save.
  const rounded = field.type === 'int' ? n : roundTo(n, scale);
  if (field.type === 'int' && !Number.isInteger(n)) throw parserError(field, value, 'int');
  if (Math.abs(rounded) >= 10 ** integerDigits) {
    throw new SfError(
      'NUMBER_OUTSIDE_VALID_RANGE',
      `${field.label}: value outside of valid range on numeric field: ${n}`,
      [field.name],
    );
  }
  return rounded;
}

/**
 * The stored value for a body value of a non-reference field. References are resolved by the caller
 * (they need the store). Empty strings are stored as null, as Salesforce does.
 */
export function coerceValue(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw parserError(field, value, 'boolean');
    case 'currency':
    case 'double':
    case 'percent':
    case 'int':
      return toNumber(field, value);
    case 'date': {
      if (typeof value !== 'string') throw parserError(field, value, 'date');
      if (value === '') return null;
      const day = value.length > 10 && parseDateTime(value) ? value.slice(0, 10) : value;
      if (!isValidDate(day)) throw parserError(field, value, 'date');
      return day;
    }
    case 'datetime': {
      if (typeof value !== 'string') throw parserError(field, value, 'datetime');
      if (value === '') return null;
      const d = isValidDate(value) ? new Date(`${value}T00:00:00Z`) : parseDateTime(value);
      if (!d) throw parserError(field, value, 'datetime');
      return formatDateTime(d);
    }
    default:
      return coerceText(field, value);
  }
}

function coerceText(field: FieldDef, value: unknown): string | null {
  if (typeof value === 'object') throw parserError(field, value, 'String');
  const s = String(value);
  if (s === '') return null;
  if (field.length !== undefined && s.length > field.length) {
    throw new SfError(
      'STRING_TOO_LONG',
      `${field.label}: data value too large: ${s.length > 40 ? `${s.slice(0, 40)}...` : s} (max length=${field.length})`,
      [field.name],
    );
  }
  if (field.type === 'email' && !EMAIL.test(s)) {
    throw new SfError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${s}`, [field.name]);
  }
  if (field.type === 'picklist' && field.restrictedPicklist && !(field.picklistValues ?? []).includes(s)) {
    throw new SfError(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `${field.label}: bad value for restricted picklist field: ${s}`,
      [field.name],
    );
  }
  return s;
}

/** Equality used by unique indexes and external-id matching (case-insensitive unless the field says so). */
export function sameKey(field: FieldDef, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'string' && typeof b === 'string' && !field.caseSensitive) {
    return a.toLowerCase() === b.toLowerCase();
  }
  return String(a) === String(b);
}
