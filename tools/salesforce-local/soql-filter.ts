// SOQL WHERE clauses: literals typed against the field they are compared with (Salesforce rejects
// 'quoted' numbers and unquoted strings), date literals as ranges, LIKE patterns, and the AND/OR/NOT
// tree rebuilt from the flat condition chain the parser returns (parentheses are counts on conditions).
import type { Condition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { SfError } from './errors';
import { toId18 } from './ids';
import type { FieldDef } from './schema';
import { addDays, isValidDate, parseDateTime, toSecond } from './values';

export type Key = string | number | boolean | null;
export interface Range {
  start: Key;
  end: Key;
}
export type Literal = Key | Range;

export const malformed = (message: string): SfError => new SfError('MALFORMED_QUERY', message);

const TEXT_TYPES = new Set(['string', 'textarea', 'picklist', 'url', 'email', 'phone']);
const NUMBER_TYPES = new Set(['currency', 'double', 'percent', 'int']);

/** A stored value as a comparable key: text lower-cased (SOQL compares text case-insensitively), datetimes as epoch ms. */
export function keyOf(field: FieldDef, value: unknown): Key {
  if (value === null || value === undefined) return null;
  if (TEXT_TYPES.has(field.type)) return String(value).toLowerCase();
  if (field.type === 'datetime') return parseDateTime(String(value))?.getTime() ?? null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function unquote(raw: string): string {
  const body = raw.replace(/^'|'$/g, '');
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c);
}

function likeRegex(raw: string): RegExp {
  const body = raw.replace(/^'|'$/g, '');
  let pattern = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === '\\' && i + 1 < body.length) pattern += body.charAt(++i).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') pattern += '.*';
    else if (c === '_') pattern += '.';
    else pattern += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`, 'is');
}

/** Date literals (TODAY, LAST_N_DAYS:n, ...) as [start, end) dates in UTC. */
function dateRange(literal: string, n: number | undefined, today: string): { start: string; end: string } {
  const day = (offset: number): string => addDays(today, offset);
  const d = new Date(`${today}T00:00:00Z`);
  const weekStart = addDays(today, -d.getUTCDay());
  const monthStart = (offset: number): string =>
    new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
  const yearStart = (offset: number): string => `${d.getUTCFullYear() + offset}-01-01`;
  const count = n ?? 0;
  const ranges: Record<string, () => { start: string; end: string }> = {
    TODAY: () => ({ start: day(0), end: day(1) }),
    YESTERDAY: () => ({ start: day(-1), end: day(0) }),
    TOMORROW: () => ({ start: day(1), end: day(2) }),
    THIS_WEEK: () => ({ start: weekStart, end: addDays(weekStart, 7) }),
    LAST_WEEK: () => ({ start: addDays(weekStart, -7), end: weekStart }),
    NEXT_WEEK: () => ({ start: addDays(weekStart, 7), end: addDays(weekStart, 14) }),
    THIS_MONTH: () => ({ start: monthStart(0), end: monthStart(1) }),
    LAST_MONTH: () => ({ start: monthStart(-1), end: monthStart(0) }),
    NEXT_MONTH: () => ({ start: monthStart(1), end: monthStart(2) }),
    THIS_YEAR: () => ({ start: yearStart(0), end: yearStart(1) }),
    LAST_YEAR: () => ({ start: yearStart(-1), end: yearStart(0) }),
    NEXT_YEAR: () => ({ start: yearStart(1), end: yearStart(2) }),
    LAST_90_DAYS: () => ({ start: day(-90), end: day(1) }),
    NEXT_90_DAYS: () => ({ start: day(1), end: day(91) }),
    // "LAST_N_DAYS:1 includes yesterday and today"; NEXT_N_DAYS starts tomorrow.
    LAST_N_DAYS: () => ({ start: day(-count), end: day(1) }),
    NEXT_N_DAYS: () => ({ start: day(1), end: day(1 + count) }),
    N_DAYS_AGO: () => ({ start: day(-count), end: day(-count + 1) }),
  };
  const make = ranges[literal];
  if (!make) throw malformed(`Date literal ${literal} is not supported by this org`);
  return make();
}

function typeError(field: FieldDef, expected: string, quoted: boolean): SfError {
  return new SfError(
    'INVALID_FIELD',
    `value of filter criterion for field '${field.name}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  );
}

/** A literal of the query typed for the field it is compared with. */
export function literalFor(field: FieldDef, literalType: string, raw: string, today: string): Literal {
  if (literalType === 'NULL') return null;
  const t = field.type;
  if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
    if (t !== 'date' && t !== 'datetime') throw typeError(field, t, TEXT_TYPES.has(t));
    const [name, n] = raw.split(':');
    const range = dateRange(String(name).toUpperCase(), n === undefined ? undefined : Number(n), today);
    if (t === 'date') return range;
    return { start: Date.parse(`${range.start}T00:00:00Z`), end: Date.parse(`${range.end}T00:00:00Z`) };
  }
  if (TEXT_TYPES.has(t)) {
    if (literalType !== 'STRING') throw typeError(field, 'string', true);
    return unquote(raw).toLowerCase();
  }
  if (t === 'id' || t === 'reference') {
    if (literalType !== 'STRING') throw typeError(field, 'id', true);
    const value = unquote(raw);
    const id = toId18(value);
    if (!id) throw new SfError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${value}`);
    return id;
  }
  if (t === 'boolean') {
    if (literalType !== 'BOOLEAN') throw typeError(field, 'boolean', false);
    return raw.toUpperCase() === 'TRUE';
  }
  if (NUMBER_TYPES.has(t)) {
    if (
      !['INTEGER', 'DECIMAL', 'INTEGER_WITH_CURRENCY_PREFIX', 'DECIMAL_WITH_CURRENCY_PREFIX'].includes(
        literalType,
      )
    ) {
      throw typeError(field, t === 'int' ? 'int' : 'double', false);
    }
    return Number(raw.replace(/^[A-Z]{3}/i, ''));
  }
  if (t === 'date') {
    if (literalType !== 'DATE' || !isValidDate(raw)) throw typeError(field, 'date', false);
    return raw;
  }
  if (t === 'datetime') {
    const d = literalType === 'DATETIME' ? parseDateTime(raw.replace(/Z$/, '+0000')) : undefined;
    if (!d) throw typeError(field, 'dateTime', false);
    // Stored datetimes are whole seconds; a literal's milliseconds are dropped the same way, so
    // `SystemModstamp = 2026-03-01T10:00:05.700Z` finds a record stamped 10:00:05 (assumption: Salesforce
    // documents literals without milliseconds; ignoring them in comparisons is what developers report).
    return toSecond(d.getTime());
  }
  throw malformed(`Filtering on field ${field.name} is not supported`);
}

const isRange = (v: Literal): v is Range => v !== null && typeof v === 'object';

/** Compares one value with one literal under a comparison operator. */
export function compare(op: string, value: Key, lit: Literal): boolean {
  if (op === '!=' || op === '<>') return !compare('=', value, lit);
  if (op === '=') {
    if (isRange(lit))
      return value !== null && compareKeys(value, lit.start) >= 0 && compareKeys(value, lit.end) < 0;
    return value === lit;
  }
  if (value === null || lit === null) return false;
  const low = isRange(lit) ? lit.start : lit;
  const high = isRange(lit) ? lit.end : lit;
  switch (op) {
    case '<':
      return compareKeys(value, low) < 0;
    case '<=':
      return isRange(lit) ? compareKeys(value, high) < 0 : compareKeys(value, high) <= 0;
    case '>':
      return isRange(lit) ? compareKeys(value, high) >= 0 : compareKeys(value, high) > 0;
    case '>=':
      return compareKeys(value, low) >= 0;
    default:
      throw malformed(`Operator ${op} is not supported`);
  }
}

export function likeMatcher(raw: string): (value: Key) => boolean {
  const re = likeRegex(raw);
  return (value) => typeof value === 'string' && re.test(value);
}

// ---------------------------------------------------------------------------------------------------
// Rebuilding the boolean tree. The parser gives a right-leaning chain of {left, operator, right} with
// openParen/closeParen counts on the conditions; NOT appears as {left: null, operator: 'NOT', right}.

export type Pred<T> = (row: T) => boolean;
type Token = { kind: '(' | ')' | 'AND' | 'OR' | 'NOT' } | { kind: 'cond'; cond: Condition };

function flatten(node: WhereClause | undefined, out: Token[]): void {
  if (!node) return;
  const n = node as {
    left: (Condition & { openParen?: number; closeParen?: number }) | null;
    operator?: string;
    right?: WhereClause;
  };
  const c = n.left;
  for (let i = 0; i < (c?.openParen ?? 0); i++) out.push({ kind: '(' });
  if (n.operator === 'NOT' && (!c || !('field' in c || 'fn' in c))) {
    // NOT, possibly preceded by parentheses ({left: {openParen}, operator: 'NOT'}).
    out.push({ kind: 'NOT' });
    flatten(n.right, out);
    return;
  }
  if (c) {
    out.push({ kind: 'cond', cond: c });
    for (let i = 0; i < (c.closeParen ?? 0); i++) out.push({ kind: ')' });
  }
  if (n.operator === 'AND' || n.operator === 'OR') {
    out.push({ kind: n.operator });
    flatten(n.right, out);
  }
}

/**
 * Builds the predicate of a WHERE clause; `condition` compiles one comparison. NOT binds to the next
 * condition or parenthesised group. assumption: AND and OR mixed at one level without parentheses are
 * rejected as MALFORMED_QUERY (SOQL asks for parentheses there).
 */
export function buildPredicate<T>(where: WhereClause, condition: (c: Condition) => Pred<T>): Pred<T> {
  const tokens: Token[] = [];
  flatten(where, tokens);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];

  const unary = (): Pred<T> => {
    const t = tokens[pos++];
    if (!t) throw malformed('unexpected end of WHERE clause');
    if (t.kind === 'NOT') {
      const inner = unary();
      return (row) => !inner(row);
    }
    if (t.kind === '(') {
      const inner = expression();
      if (tokens[pos++]?.kind !== ')') throw malformed('unbalanced parentheses in WHERE clause');
      return inner;
    }
    if (t.kind === 'cond') return condition(t.cond);
    throw malformed(`unexpected token ${t.kind} in WHERE clause`);
  };

  const expression = (): Pred<T> => {
    const items = [unary()];
    let op: 'AND' | 'OR' | undefined;
    for (let t = peek(); t && (t.kind === 'AND' || t.kind === 'OR'); t = peek()) {
      if (op && t.kind !== op)
        throw malformed(`unexpected token: '${t.kind}' (use parentheses to mix AND and OR)`);
      op = t.kind;
      pos++;
      items.push(unary());
    }
    if (op === 'OR') return (row) => items.some((p) => p(row));
    return (row) => items.every((p) => p(row));
  };

  const predicate = expression();
  if (pos !== tokens.length) throw malformed('unbalanced parentheses in WHERE clause');
  return predicate;
}
