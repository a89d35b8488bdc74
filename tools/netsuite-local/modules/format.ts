// N/format: NetSuite's default user formats. Dates M/D/YYYY, date-times M/D/YYYY h:mm am (DATETIMETZ with
// seconds), currency 1,234.50, integers without separators (assumption), in the process's time zone.
import type * as N_format from 'N/format';
import { nsError } from '../errors';
import { formatDate, formatDateTime, parseDateText, isDate } from '../values';
import { requireOptions } from './common';

export const FORMAT_TYPE = {
  CHECKBOX: 'checkbox',
  CURRENCY: 'currency',
  CURRENCY2: 'currency2',
  DATE: 'date',
  DATETIME: 'datetime',
  DATETIMETZ: 'datetimetz',
  EMAIL: 'email',
  FLOAT: 'float',
  INTEGER: 'integer',
  NONNEGCURRENCY: 'nonnegcurrency',
  NONNEGFLOAT: 'nonnegfloat',
  PERCENT: 'percent',
  PHONE: 'phone',
  POSCURRENCY: 'poscurrency',
  POSFLOAT: 'posfloat',
  POSINTEGER: 'posinteger',
  RATE: 'rate',
  TEXT: 'text',
  TEXTAREA: 'textarea',
  URL: 'url',
} as const;

const CURRENCIES = new Set(['currency', 'currency2', 'nonnegcurrency', 'poscurrency']);
const NUMBERS = new Set(['float', 'nonnegfloat', 'posfloat', 'rate', 'integer', 'posinteger']);

function invalid(value: unknown, type: string) {
  return nsError(
    'INVALID_FLD_VALUE',
    `You have entered an Invalid Field Value ${String(value)} for the format type ${type}`,
  );
}

function toNumber(value: unknown, type: string): number {
  const n = typeof value === 'number' ? value : Number(String(value).replace(/,/g, '').replace(/%$/, ''));
  if (value === '' || value === null || !Number.isFinite(n)) throw invalid(value, type);
  return n;
}

function toDate(value: unknown, type: string): Date {
  if (isDate(value) && !Number.isNaN(value.getTime())) return value;
  const d = typeof value === 'string' ? parseDateText(value) : undefined;
  if (!d) throw invalid(value, type);
  return d;
}

export function createFormatModule() {
  const format = (o: { value: unknown; type: string }): string => {
    requireOptions('format.format', o, 'type');
    const type = String(o.type);
    if (type === 'date') return formatDate(toDate(o.value, type));
    if (type === 'datetime') return formatDateTime(toDate(o.value, type));
    if (type === 'datetimetz') return formatDateTime(toDate(o.value, type), true);
    if (CURRENCIES.has(type)) {
      return toNumber(o.value, type).toLocaleString('en-US', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    }
    if (type === 'percent') return `${toNumber(o.value, type).toFixed(1)}%`;
    if (NUMBERS.has(type)) return String(toNumber(o.value, type));
    if (type === 'checkbox') return o.value === true || o.value === 'T' ? 'T' : 'F';
    return o.value === null || o.value === undefined ? '' : String(o.value);
  };
  const parse = (o: { value: unknown; type: string }): unknown => {
    requireOptions('format.parse', o, 'type');
    const type = String(o.type);
    if (type === 'date') {
      const d = toDate(o.value, type);
      return new Date(d.getFullYear(), d.getMonth(), d.getDate());
    }
    if (type === 'datetime' || type === 'datetimetz') return toDate(o.value, type);
    if (CURRENCIES.has(type) || NUMBERS.has(type) || type === 'percent') {
      const n = toNumber(o.value, type);
      if ((type === 'integer' || type === 'posinteger') && !Number.isInteger(n)) throw invalid(o.value, type);
      return n;
    }
    if (type === 'checkbox') return o.value === 'T' || o.value === true;
    return o.value === null || o.value === undefined ? '' : String(o.value);
  };
  const module = { format, parse } as unknown as Pick<typeof N_format, 'format' | 'parse'>;
  return { ...module, Type: FORMAT_TYPE };
}
