// Field definitions and value handling shared by records, searches and N/format: what a field accepts on
// setValue, what getValue returns, and how searches print a value.
import { invalidFieldValue } from './errors';

export type FieldType =
  | 'text'
  | 'textarea'
  | 'clobtext'
  | 'email'
  | 'phone'
  | 'url'
  | 'checkbox'
  | 'integer'
  | 'float'
  | 'currency'
  | 'percent'
  | 'rate'
  | 'date'
  | 'datetime'
  | 'timeofday'
  | 'select'
  | 'multiselect';

export interface FieldDef {
  id: string;
  label: string;
  type: FieldType;
  /** Standard mandatory field: checked on save even with ignoreMandatoryFields. */
  required?: boolean;
  /** Custom field marked ismandatory: skipped when saving with ignoreMandatoryFields. */
  customMandatory?: boolean;
  maxLength?: number;
  /** select/multiselect: record type referenced ('item' = any item type, 'entity', 'customlist_x', ...). */
  target?: string;
  /** select with a fixed list of values (standard lists such as orderstatus). */
  options?: ReadonlyArray<{ value: string; text: string }>;
  /** System-computed: setValue from a script is ignored (seed may set it). */
  readOnly?: boolean;
  defaultValue?: unknown;
  custom?: boolean;
}

/** A Date from any realm: under test runners, scripts may run in another VM context than the runtime. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export type StoredValue = string | number | boolean | Date | string[] | null;

const NUMERIC = new Set<FieldType>(['integer', 'float', 'currency', 'percent']);
const TEXTUAL = new Set<FieldType>(['text', 'textarea', 'clobtext', 'email', 'phone', 'url']);

function toNumber(def: FieldDef, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') {
    const cleaned = value.replace(/,/g, '').replace(/%$/, '').trim();
    if (cleaned !== '' && Number.isFinite(Number(cleaned))) return Number(cleaned);
  }
  throw invalidFieldValue(def.id, value);
}

/**
 * Converts a value given to setValue into the stored form, or throws INVALID_FLD_VALUE as NetSuite does.
 * Assumption: checkbox fields take booleans only ('T'/'F' strings are refused), date fields take Date
 * objects only, number fields take numbers or numeric strings, text longer than its maximum is refused.
 */
export function coerce(def: FieldDef, value: unknown, seeding = false): StoredValue {
  if (def.type === 'checkbox') {
    if (value === null || value === undefined || value === '') return false;
    if (typeof value === 'boolean') return value;
    if (seeding && (value === 'T' || value === 'F')) return value === 'T';
    throw invalidFieldValue(def.id, value);
  }
  if (value === null || value === undefined || value === '') return def.type === 'multiselect' ? [] : null;
  if (def.type === 'multiselect') {
    const list = Array.isArray(value) ? value : [value];
    return list.map((v) => {
      if (typeof v !== 'string' && typeof v !== 'number') throw invalidFieldValue(def.id, value);
      return String(v);
    });
  }
  if (def.type === 'select') {
    if (typeof value !== 'string' && typeof value !== 'number') throw invalidFieldValue(def.id, value);
    const id = String(value);
    if (def.options && !def.options.some((o) => o.value === id)) throw invalidFieldValue(def.id, value);
    return id;
  }
  if (def.type === 'integer') {
    const n = toNumber(def, value);
    if (!Number.isInteger(n)) throw invalidFieldValue(def.id, value);
    return n;
  }
  if (NUMERIC.has(def.type)) return toNumber(def, value);
  if (def.type === 'rate') {
    // A rate is a number, or a percent kept as text with its sign: '-10%'.
    if (typeof value === 'string' && value.trim().endsWith('%')) return `${toNumber(def, value)}%`;
    return toNumber(def, value);
  }
  if (def.type === 'date' || def.type === 'datetime' || def.type === 'timeofday') {
    let date: unknown = value;
    if (seeding && typeof value === 'string') date = parseSeedDate(value);
    if (!isDate(date) || Number.isNaN(date.getTime())) throw invalidFieldValue(def.id, value);
    if (def.type === 'date') return new Date(date.getFullYear(), date.getMonth(), date.getDate());
    return new Date(date.getTime());
  }
  if (TEXTUAL.has(def.type)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw invalidFieldValue(def.id, value);
    }
    const text = String(value);
    if (def.maxLength !== undefined && text.length > def.maxLength) {
      throw invalidFieldValue(
        def.id,
        `${text.slice(0, 40)}... (${text.length} characters, maximum ${def.maxLength})`,
      );
    }
    return text;
  }
  return String(value);
}

function parseSeedDate(text: string): Date {
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (ymd) return new Date(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3]));
  const mdy = parseDateText(text);
  return mdy ?? new Date(text);
}

/** What Record.getValue returns. Assumption: empty fields read as '' (checkbox false, multiselect []). */
export function readValue(def: FieldDef | undefined, stored: unknown): StoredValue {
  if (stored === undefined || stored === null) {
    if (def?.type === 'checkbox') return false;
    if (def?.type === 'multiselect') return [];
    return '';
  }
  if (isDate(stored)) return new Date(stored.getTime());
  if (Array.isArray(stored)) return [...(stored as string[])];
  return stored as StoredValue;
}

export function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** NetSuite's default date format preference: M/D/YYYY (process local time). */
export function formatDate(d: Date): string {
  return `${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()}`;
}

/** Default date-time format: M/D/YYYY h:mm am (with seconds when asked, as DATETIMETZ prints). */
export function formatDateTime(d: Date, seconds = false): string {
  const h = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const suffix = d.getHours() < 12 ? 'am' : 'pm';
  return `${formatDate(d)} ${h}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''} ${suffix}`;
}

export function parseDateText(text: string): Date | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*$/i.exec(
    text,
  );
  if (!m) return undefined;
  let hours = Number(m[4] ?? 0);
  const ampm = m[7]?.toLowerCase();
  if (ampm === 'pm' && hours < 12) hours += 12;
  if (ampm === 'am' && hours === 12) hours = 0;
  return new Date(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hours, Number(m[5] ?? 0), Number(m[6] ?? 0));
}

/** The string form a search result (or lookupFields, for non-select fields) gives for a stored value. */
export function searchString(def: FieldDef | undefined, stored: unknown): string | boolean {
  if (def?.type === 'checkbox') return stored === true;
  if (isEmpty(stored)) return '';
  if (isDate(stored)) return def?.type === 'date' ? formatDate(stored) : formatDateTime(stored);
  if (Array.isArray(stored)) return stored.join(',');
  if (typeof stored === 'number') {
    if (def?.type === 'currency') return stored.toFixed(2);
    if (def?.type === 'percent') return `${stored.toFixed(1)}%`;
    return String(stored);
  }
  return String(stored);
}

/** Currency rounding to cents, half away from zero. */
export function round2(n: number): number {
  const sign = n < 0 ? -1 : 1;
  return (sign * Math.round(Math.abs(n) * 100 + 1e-7)) / 100;
}

export function cloneValue<T>(value: T): T {
  if (isDate(value)) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((v) => cloneValue(v) as unknown) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v);
    return out as T;
  }
  return value;
}
