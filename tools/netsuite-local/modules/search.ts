// N/search over the in-memory account: filters (objects and filter expressions), one-level joins,
// columns with sort, run().each / getRange, runPaged, lookupFields, saved searches.
// Transaction searches return a main-line row plus one row per `item` line, as NetSuite does
// (filter mainline is T / F to choose). Summary and formula columns are not modeled (they fail loudly).
import type * as N_search from 'N/search';
import type { Db } from '../db';
import { missingArgument, notModeled, nsError } from '../errors';
import type { Execution } from '../execution';
import type { Host } from '../host';
import type { RecordSchema } from '../schema';
import type { Line, RecordData } from '../store';
import { isEmpty, parseDateText, searchString, type FieldDef, isDate } from '../values';
import { requireOptions, withPromise } from './common';
import { RECORD_TYPE } from './record';

type SearchModule = Pick<
  typeof N_search,
  'create' | 'load' | 'lookupFields' | 'createFilter' | 'createColumn'
>;

export const OPERATORS = [
  'after',
  'allof',
  'any',
  'anyof',
  'before',
  'between',
  'contains',
  'doesnotcontain',
  'doesnotstartwith',
  'equalto',
  'greaterthan',
  'greaterthanorequalto',
  'haskeywords',
  'is',
  'isempty',
  'isnot',
  'isnotempty',
  'lessthan',
  'lessthanorequalto',
  'noneof',
  'notafter',
  'notallof',
  'notbefore',
  'notbetween',
  'notequalto',
  'notgreaterthan',
  'notgreaterthanorequalto',
  'notlessthan',
  'notlessthanorequalto',
  'noton',
  'notonorafter',
  'notonorbefore',
  'notwithin',
  'on',
  'onorafter',
  'onorbefore',
  'startswith',
  'within',
] as const;

const OPERATOR_ENUM = Object.fromEntries(OPERATORS.map((o) => [o.toUpperCase(), o]));
const SORT_ENUM = { ASC: 'ASC', DESC: 'DESC', NONE: 'NONE' } as const;
const SUMMARY_ENUM = {
  GROUP: 'group',
  COUNT: 'count',
  SUM: 'sum',
  AVG: 'avg',
  MIN: 'min',
  MAX: 'max',
} as const;
export const SEARCH_TYPE = { ...RECORD_TYPE, ITEM: 'item', TRANSACTION: 'transaction' } as const;

export interface FilterSpec {
  name: string;
  join?: string;
  operator: string;
  values: unknown[];
  formula?: string;
  summary?: string;
}

export interface ColumnSpec {
  name: string;
  join?: string;
  summary?: string;
  formula?: string;
  label?: string;
  sort?: string;
  function?: string;
}

type Expr =
  { kind: 'term'; filter: FilterSpec } | { kind: 'and' | 'or'; items: Expr[] } | { kind: 'not'; item: Expr };

interface Row {
  schema: RecordSchema;
  data: RecordData;
  line?: Line;
  mainline: boolean;
}

interface Cell {
  def?: FieldDef;
  value: unknown;
  text?: string | null;
  /** Value as a search column prints it, when it is not derived from def + value. */
  print?: string | boolean;
}

// ---- building filters and columns --------------------------------------------------------------------

function splitName(name: string, join?: string): { name: string; join?: string } {
  if (join) return { name, join };
  const dot = name.indexOf('.');
  return dot > 0 ? { join: name.slice(0, dot), name: name.slice(dot + 1) } : { name };
}

export function makeFilter(o: N_search.CreateSearchFilterOptions | FilterSpec): FilterSpec {
  if (!o?.name) throw missingArgument('search.createFilter', 'name');
  if (!o.operator) throw missingArgument('search.createFilter', 'operator');
  const operator = String(o.operator).toLowerCase();
  if (!(OPERATORS as readonly string[]).includes(operator)) {
    throw nsError(
      'SSS_INVALID_SRCH_OPERATOR',
      `An nlobjSearchFilter contains an invalid operator: ${operator}`,
    );
  }
  const values = (o as { values?: unknown }).values;
  return {
    ...splitName(o.name, o.join),
    operator,
    values: values === undefined || values === null ? [] : Array.isArray(values) ? [...values] : [values],
    formula: o.formula,
    summary: o.summary === undefined ? undefined : String(o.summary),
  };
}

export function makeColumn(o: N_search.CreateSearchColumnOptions | ColumnSpec | string): ColumnSpec {
  if (typeof o === 'string') return splitName(o);
  if (!o?.name) throw missingArgument('search.createColumn', 'name');
  return {
    ...splitName(o.name, o.join),
    summary: o.summary === undefined ? undefined : String(o.summary),
    formula: o.formula,
    label: o.label,
    sort: o.sort === undefined ? undefined : String(o.sort),
    function: o.function,
  };
}

const CONNECTORS = new Set(['AND', 'OR']);
const isConnector = (v: unknown) => typeof v === 'string' && CONNECTORS.has(v.toUpperCase());

function isTerm(a: unknown[]): boolean {
  return (
    typeof a[0] === 'string' &&
    typeof a[1] === 'string' &&
    !isConnector(a[0]) &&
    !isConnector(a[1]) &&
    a[0].toUpperCase() !== 'NOT'
  );
}

export function parseExpression(expr: unknown): Expr {
  if (!Array.isArray(expr))
    throw nsError(
      'SSS_INVALID_SRCH_FILTER_EXPR',
      `Invalid search filter expression: ${JSON.stringify(expr)}`,
    );
  if (isTerm(expr)) {
    const [name, operator, ...rest] = expr as [string, string, ...unknown[]];
    const values = rest.length === 1 && Array.isArray(rest[0]) ? (rest[0] as unknown[]) : rest;
    return { kind: 'term', filter: makeFilter({ name, operator, values } as FilterSpec) };
  }
  // A sequence: operand (connector operand)*, where an operand may be prefixed by NOT. AND binds tighter.
  const ors: Expr[][] = [[]];
  let expectOperand = true;
  let negate = false;
  for (const item of expr) {
    if (expectOperand) {
      if (typeof item === 'string' && item.toUpperCase() === 'NOT') {
        negate = !negate;
        continue;
      }
      const operand = parseExpression(item);
      (ors[ors.length - 1] as Expr[]).push(negate ? { kind: 'not', item: operand } : operand);
      negate = false;
      expectOperand = false;
    } else {
      if (!isConnector(item)) {
        throw nsError(
          'SSS_INVALID_SRCH_FILTER_EXPR',
          `Expected AND or OR in search filter expression, got ${JSON.stringify(item)}`,
        );
      }
      if ((item as string).toUpperCase() === 'OR') ors.push([]);
      expectOperand = true;
    }
  }
  if (expectOperand && expr.length > 0)
    throw nsError('SSS_INVALID_SRCH_FILTER_EXPR', 'Search filter expression ends with a connector');
  const groups = ors.map((items): Expr => (items.length === 1 ? (items[0] as Expr) : { kind: 'and', items }));
  return groups.length === 1 ? (groups[0] as Expr) : { kind: 'or', items: groups };
}

/** filters option: an array of Filter objects (ANDed) or a filter expression. */
export function parseFilters(filters: unknown): { list: FilterSpec[]; expression?: unknown[] } {
  if (filters === undefined || filters === null) return { list: [] };
  if (!Array.isArray(filters)) return { list: [makeFilter(filters as FilterSpec)] };
  if (filters.length === 0) return { list: [] };
  const objects = filters.every(
    (f) => f && typeof f === 'object' && !Array.isArray(f) && 'name' in (f as object),
  );
  if (objects) return { list: filters.map((f) => makeFilter(f as FilterSpec)) };
  return { list: [], expression: filters };
}

// ---- evaluating -------------------------------------------------------------------------------------

const TRANSACTION_JOIN_ALIASES: Record<string, string> = { customer: 'entity', customermain: 'entity' };

export class SearchEngine {
  constructor(private readonly db: Db) {}

  schemasFor(type: string): RecordSchema[] {
    const t = String(type).toLowerCase();
    if (t === 'item' || t === 'transaction') return this.db.schemas.ofFamily(t);
    const schema = this.db.schemas.get(t);
    if (!schema)
      throw nsError(
        'INVALID_RCRD_TYPE',
        `The record type [${String(type).toUpperCase()}] is invalid for a search.`,
      );
    return [schema];
  }

  rows(type: string): Row[] {
    const rows: Row[] = [];
    for (const schema of this.schemasFor(type)) {
      for (const data of this.db.store.all(schema.type)) {
        rows.push({ schema, data, mainline: true });
        if (schema.family === 'transaction') {
          for (const line of data.sublists.item ?? []) rows.push({ schema, data, line, mainline: false });
        }
      }
    }
    return rows.sort((a, b) => Number(a.data.id) - Number(b.data.id));
  }

  /** Checks a field name (and join) exists for the search type, so a typo fails as NetSuite's does. */
  checkField(type: string, name: string, join: string | undefined, what: 'filter' | 'column'): void {
    const schemas = this.schemasFor(type);
    if (join) {
      const targets = schemas.flatMap((s) => this.joinTargets(s, join));
      if (targets.length === 0) {
        throw nsError(
          what === 'filter' ? 'SSS_INVALID_SRCH_FILTER_JOIN' : 'SSS_INVALID_SRCH_COLUMN_JOIN',
          `Unknown search join: ${join}`,
        );
      }
      if (!targets.some((t) => this.knows(t, name))) throw this.unknown(what, `${join}.${name}`);
      return;
    }
    if (!schemas.some((s) => this.knows(s, name))) throw this.unknown(what, name);
  }

  private unknown(what: string, name: string) {
    return what === 'filter'
      ? nsError('SSS_INVALID_SRCH_FILTER', `An nlobjSearchFilter contains invalid search criteria: ${name}.`)
      : nsError('SSS_INVALID_SRCH_COLUMN', `An nlobjSearchColumn contains an invalid column: ${name}.`);
  }

  private knows(schema: RecordSchema, name: string): boolean {
    if (['internalid', 'internalidnumber', 'recordtype', 'type'].includes(name)) return true;
    // externalidstring: the external ID as text (`is`, `startswith`…); externalid takes `anyof` too.
    if (name === 'externalidstring') return schema.fields.has('externalid');
    if (
      schema.family === 'transaction' &&
      (name === 'mainline' || name === 'status' || schema.sublists.get('item')?.has(name))
    )
      return true;
    return schema.fields.has(name);
  }

  private joinTargets(schema: RecordSchema, join: string): RecordSchema[] {
    const def = this.joinDef(schema, join);
    return def?.target ? this.db.schemas.forTarget(def.target) : [];
  }

  private joinDef(schema: RecordSchema, join: string): FieldDef | undefined {
    const fieldId = schema.family === 'transaction' ? (TRANSACTION_JOIN_ALIASES[join] ?? join) : join;
    const def = schema.fields.get(fieldId) ?? schema.sublists.get('item')?.get(fieldId);
    return def && def.type === 'select' ? def : undefined;
  }

  cell(row: Row, name: string, join?: string): Cell {
    if (join) {
      const def = this.joinDef(row.schema, join);
      const ref = def ? this.cell(row, def.id).value : undefined;
      const target = def?.target && !isEmpty(ref) ? this.db.find(def.target, String(ref)) : undefined;
      if (!target) return { value: null };
      return this.cell({ schema: target.schema, data: target.data, mainline: true }, name);
    }
    const { schema, data } = row;
    switch (name) {
      case 'internalid':
        return { value: data.id, text: data.id };
      case 'internalidnumber':
        return { value: Number(data.id), print: String(data.id) };
      case 'externalidstring':
        return { value: data.fields.externalid ?? null };
      case 'recordtype':
        return { value: schema.type, text: null };
      case 'type':
        if (schema.typeCode) return { value: schema.typeCode, text: schema.label };
        return { value: schema.type, text: schema.label };
      case 'mainline':
        return { value: row.mainline, print: row.mainline ? '*' : '' };
      case 'status':
        if (schema.family === 'transaction') {
          const code = data.fields.orderstatus ?? 'A';
          return { value: `${schema.typeCode}:${String(code)}`, text: String(data.fields.status ?? '') };
        }
    }
    if (schema.family === 'transaction' && name === 'amount' && row.mainline) {
      return { def: schema.fields.get('total'), value: data.fields.total };
    }
    const lineDef = schema.sublists.get('item')?.get(name);
    if (schema.family === 'transaction' && lineDef && !schema.fields.has(name)) {
      return { def: lineDef, value: row.line ? row.line[name] : null };
    }
    if (schema.family === 'transaction' && lineDef && row.line)
      return { def: lineDef, value: row.line[name] };
    return { def: schema.fields.get(name), value: data.fields[name] };
  }

  valueOf(cell: Cell): string | boolean {
    if (cell.print !== undefined) return cell.print;
    if (!cell.def) return isEmpty(cell.value) ? '' : String(cell.value);
    return searchString(cell.def, cell.value);
  }

  textOf(cell: Cell): string | null {
    if (cell.text !== undefined) return cell.text;
    if (!cell.def || (cell.def.type !== 'select' && cell.def.type !== 'multiselect')) return null;
    return this.db.textOf(cell.def, cell.value);
  }

  matches(row: Row, expr: Expr, now: Date): boolean {
    switch (expr.kind) {
      case 'and':
        return expr.items.every((e) => this.matches(row, e, now));
      case 'or':
        return expr.items.some((e) => this.matches(row, e, now));
      case 'not':
        return !this.matches(row, expr.item, now);
      case 'term':
        return this.test(row, expr.filter, now);
    }
  }

  private test(row: Row, f: FilterSpec, now: Date): boolean {
    if (f.formula || f.summary) throw notModeled('Search filters with formula or summary');
    const cell = this.cell(row, f.name, f.join);
    const v = cell.value;
    const op = f.operator;
    const values = f.values.map((x) => (typeof x === 'number' ? x : x));
    const strings = values.map((x) => (typeof x === 'boolean' ? (x ? 'T' : 'F') : String(x)));
    const text = (): string =>
      (cell.def?.type === 'select' ? this.db.textOf(cell.def, v) : isEmpty(v) ? '' : String(v)).toLowerCase();
    const first = (strings[0] ?? '').toLowerCase();
    const ids = (): string[] =>
      Array.isArray(v)
        ? v.map(String)
        : isEmpty(v)
          ? []
          : [typeof v === 'boolean' ? (v ? 'T' : 'F') : String(v)];
    switch (op) {
      case 'anyof':
      case 'noneof': {
        const have = ids();
        const hit = strings.some((s) => (s === '@NONE@' ? have.length === 0 : have.includes(s)));
        return op === 'anyof' ? hit : !hit;
      }
      case 'allof':
      case 'notallof': {
        const have = ids();
        const all = strings.every((s) => have.includes(s));
        return op === 'allof' ? all : !all;
      }
      case 'is':
      case 'isnot': {
        let eq: boolean;
        if (typeof v === 'boolean' || cell.def?.type === 'checkbox')
          eq = (v === true) === (first === 't' || first === 'true');
        else if (typeof v === 'number') eq = v === Number(strings[0]);
        else eq = text() === first;
        return op === 'is' ? eq : !eq;
      }
      case 'contains':
      case 'haskeywords':
        return text().includes(first);
      case 'doesnotcontain':
        return !text().includes(first);
      case 'startswith':
        return text().startsWith(first);
      case 'doesnotstartwith':
        return !text().startsWith(first);
      case 'isempty':
        return isEmpty(v) || v === false;
      case 'isnotempty':
        return !(isEmpty(v) || v === false);
      case 'any':
        return true;
    }
    if (isDate(v) || cell.def?.type === 'date' || cell.def?.type === 'datetime')
      return this.testDate(v, op, values, now);
    const n = typeof v === 'number' ? v : isEmpty(v) ? undefined : Number(v);
    const a = Number(strings[0]);
    const b = Number(strings[1]);
    const cmp: Record<string, (x: number) => boolean> = {
      equalto: (x) => x === a,
      greaterthan: (x) => x > a,
      greaterthanorequalto: (x) => x >= a,
      lessthan: (x) => x < a,
      lessthanorequalto: (x) => x <= a,
      between: (x) => x >= a && x <= b,
    };
    const negated = op.startsWith('not') ? op.slice(3) : undefined;
    const test = cmp[negated ?? op];
    if (!test) throw nsError('SSS_INVALID_SRCH_OPERATOR', `Operator ${op} does not apply to field ${f.name}`);
    if (n === undefined || Number.isNaN(n)) return negated !== undefined;
    return negated ? !test(n) : test(n);
  }

  private testDate(v: unknown, op: string, values: unknown[], now: Date): boolean {
    const ranges = values.map((x) => dayRange(x, now));
    const [start, end] = ranges[0] ?? [NaN, NaN];
    const end2 = ranges[1]?.[1] ?? end;
    const t = isDate(v) ? v.getTime() : undefined;
    const tests: Record<string, (x: number) => boolean> = {
      on: (x) => x >= start && x < end,
      before: (x) => x < start,
      after: (x) => x >= end,
      onorbefore: (x) => x < end,
      onorafter: (x) => x >= start,
      within: (x) => x >= start && x < end2,
    };
    const negated = op.startsWith('not') ? op.slice(3) : undefined;
    const test = tests[negated ?? op];
    if (!test) throw nsError('SSS_INVALID_SRCH_OPERATOR', `Operator ${op} does not apply to a date field`);
    if (t === undefined) return negated !== undefined;
    return negated ? !test(t) : test(t);
  }

  sort(rows: Row[], columns: ColumnSpec[]): Row[] {
    const keys = columns.filter((c) => c.sort === 'ASC' || c.sort === 'DESC');
    if (keys.length === 0) return rows;
    return [...rows].sort((x, y) => {
      for (const c of keys) {
        const a = this.cell(x, c.name, c.join).value;
        const b = this.cell(y, c.name, c.join).value;
        const d = compare(a, b);
        if (d !== 0) return c.sort === 'DESC' ? -d : d;
      }
      return 0;
    });
  }
}

function compare(a: unknown, b: unknown): number {
  if (isEmpty(a) && isEmpty(b)) return 0;
  if (isEmpty(a)) return -1;
  if (isEmpty(b)) return 1;
  if (isDate(a) && isDate(b)) return a.getTime() - b.getTime();
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (/^-?\d+(\.\d+)?$/.test(String(a)) && /^-?\d+(\.\d+)?$/.test(String(b))) return Number(a) - Number(b);
  return String(a).localeCompare(String(b));
}

/** A filter date value as a [start, end) range of instants: a day, or one minute for a date-time. */
function dayRange(x: unknown, now: Date): [number, number] {
  const day = (d: Date): [number, number] => {
    const s = new Date(d.getFullYear(), d.getMonth(), d.getDate());
    return [s.getTime(), new Date(s.getFullYear(), s.getMonth(), s.getDate() + 1).getTime()];
  };
  if (isDate(x)) {
    const midnight = x.getHours() === 0 && x.getMinutes() === 0 && x.getSeconds() === 0;
    return midnight ? day(x) : [x.getTime(), x.getTime() + 60000];
  }
  const s = String(x).trim().toLowerCase();
  const relative: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1 };
  if (s in relative)
    return day(new Date(now.getFullYear(), now.getMonth(), now.getDate() + (relative[s] as number)));
  const parsed = parseDateText(String(x));
  if (!parsed) throw nsError('SSS_INVALID_SRCH_FILTER', `Invalid date value in search filter: ${String(x)}`);
  return /\d:\d/.test(String(x)) ? [parsed.getTime(), parsed.getTime() + 60000] : day(parsed);
}

// ---- the module -------------------------------------------------------------------------------------------

const columnKey = (c: { name: string; join?: string }) => (c.join ? `${c.join}.${c.name}` : c.name);

export class LocalResult {
  readonly id: string;
  readonly recordType: string;
  readonly columns: ColumnSpec[];
  private readonly cells: Map<string, { value: string | boolean; text: string | null; raw: Cell }>;

  constructor(engine: SearchEngine, row: Row, columns: ColumnSpec[]) {
    this.id = String(row.data.id);
    this.recordType = row.schema.type;
    this.columns = columns;
    this.cells = new Map(
      columns.map((c) => {
        const cell = engine.cell(row, c.name, c.join);
        return [columnKey(c), { value: engine.valueOf(cell), text: engine.textOf(cell), raw: cell }];
      }),
    );
  }

  private find(
    c: ColumnSpec | string,
  ): { value: string | boolean; text: string | null; raw: Cell } | undefined {
    const spec = makeColumn(c);
    return this.cells.get(columnKey(spec));
  }

  getValue(c: N_search.Column | string): string | boolean {
    return (this.find(c as ColumnSpec)?.value ?? null) as string | boolean;
  }

  getText(c: N_search.Column | string): string {
    return (this.find(c as ColumnSpec)?.text ?? null) as string;
  }

  getAllValues(): Record<string, string | boolean | N_search.LookupValueObject[]> {
    return Object.fromEntries(
      [...this.cells].map(([k, v]) => [
        k,
        v.text !== null ? [{ value: String(v.value), text: v.text }] : v.value,
      ]),
    );
  }

  toJSON(): { recordType: string; id: string; values: Record<string, unknown> } {
    const values: Record<string, unknown> = {};
    for (const c of this.columns) {
      const cell = this.cells.get(columnKey(c));
      if (!cell) continue;
      // Map/reduce search input and JSON.stringify(result) key joined columns as "name.join".
      const key = c.join ? `${c.name}.${c.join}` : c.name;
      values[key] = cell.text !== null ? { value: cell.value, text: cell.text } : cell.value;
    }
    return { recordType: this.recordType, id: this.id, values };
  }
}

export interface SearchDefinition {
  type: string;
  filters: FilterSpec[];
  filterExpression?: unknown[];
  columns: ColumnSpec[];
  title?: string;
  id?: string;
  isPublic?: boolean;
}

export function createSearchModule(host: Host, exec: Execution) {
  const db = host.db;
  const engine = new SearchEngine(db);

  function buildSearch(def: SearchDefinition, searchId = -1) {
    let filters = def.filters;
    let expression = def.filterExpression;
    let columns: Array<ColumnSpec | string> = def.columns;
    const results = (): LocalResult[] => {
      const cols = columns.map((c) => makeColumn(c));
      for (const c of cols) {
        if (c.summary || c.formula) throw notModeled('Search columns with summary or formula');
        engine.checkField(def.type, c.name, c.join, 'column');
      }
      const parts: Expr[] = filters.map((f) => ({ kind: 'term', filter: f }));
      if (expression && expression.length > 0) parts.push(parseExpression(expression));
      const check = (e: Expr): void => {
        if (e.kind === 'term') engine.checkField(def.type, e.filter.name, e.filter.join, 'filter');
        else if (e.kind === 'not') check(e.item);
        else e.items.forEach(check);
      };
      parts.forEach(check);
      const now = (host.options.now ?? (() => new Date()))();
      const rows = engine.rows(def.type).filter((r) => parts.every((p) => engine.matches(r, p, now)));
      return engine.sort(rows, cols).map((r) => new LocalResult(engine, r, cols));
    };
    const search = {
      searchType: def.type,
      searchId,
      id: def.id ?? '',
      title: def.title ?? '',
      isPublic: def.isPublic ?? false,
      get filters() {
        return filters as unknown as N_search.Filter[];
      },
      set filters(v: N_search.Filter[]) {
        filters = parseFilters(v).list;
        expression = undefined;
      },
      /** As NetSuite does, the expression form of all filters (Filter objects included). */
      get filterExpression() {
        const parts: unknown[] = filters.map((f) => [
          f.join ? `${f.join}.${f.name}` : f.name,
          f.operator,
          ...f.values,
        ]);
        if (expression && expression.length > 0) parts.push(expression);
        return parts.flatMap((p, i) => (i === 0 ? [p] : ['AND', p]));
      },
      set filterExpression(v: unknown[]) {
        expression = v;
        filters = [];
      },
      get columns() {
        return columns as unknown as N_search.Column[];
      },
      set columns(v: Array<N_search.Column | string>) {
        columns = v.map((c) => makeColumn(c as ColumnSpec));
      },
      /** All results, no governance: used by the map/reduce framework for a search input. */
      allResults: results,
      run: () => {
        const cols = columns.map((c) => makeColumn(c));
        const resultSet = {
          columns: cols as unknown as N_search.Column[],
          each: withPromise((callback: (r: N_search.Result) => boolean): void => {
            exec.charge('ResultSet.each', 10);
            const all = results();
            for (let i = 0; i < all.length; i++) {
              if (i >= 4000) {
                // Assumption: past 4,000 results NetSuite stops with this error rather than silently.
                throw nsError(
                  'SSS_SEARCH_FOR_EACH_LIMIT_EXCEEDED',
                  'No more than 4000 search results may be returned at one time from ResultSet.each().',
                );
              }
              if (callback(all[i] as unknown as N_search.Result) !== true) return;
            }
          }),
          getRange: withPromise((o: { start: number; end: number }): N_search.Result[] => {
            requireOptions('ResultSet.getRange', o, 'end');
            const start = o.start ?? 0;
            if (start < 0 || o.end < start)
              throw nsError('SSS_INVALID_SEARCH_RESULT_INDEX', `Invalid result range ${start}-${o.end}`);
            if (o.end - start > 1000)
              throw nsError(
                'SSS_SEARCH_RESULT_LIMIT_EXCEEDED',
                'ResultSet.getRange returns at most 1000 results per call.',
              );
            exec.charge('ResultSet.getRange', 10);
            return results().slice(start, o.end) as unknown as N_search.Result[];
          }),
        };
        return resultSet as unknown as N_search.ResultSet;
      },
      runPaged: withPromise((o?: { pageSize?: number }): N_search.PagedData => {
        const pageSize = o?.pageSize ?? 50;
        if (!Number.isInteger(pageSize) || pageSize < 5 || pageSize > 1000) {
          throw nsError('INVALID_PAGE_RANGE', 'pageSize must be between 5 and 1000.');
        }
        exec.charge('Search.runPaged', 5);
        const all = results();
        const pages = Math.ceil(all.length / pageSize);
        const pageRanges = Array.from({ length: pages }, (_, index) => ({
          index,
          compoundLabel: `${index * pageSize + 1} - ${Math.min(all.length, (index + 1) * pageSize)}`,
        }));
        const pagedData: Record<string, unknown> = {
          count: all.length,
          pageSize,
          pageRanges,
          searchDefinition: search,
        };
        const fetch = (f: { index: number }): N_search.Page => {
          if (!f || !Number.isInteger(f.index) || f.index < 0 || f.index >= pages) {
            throw nsError('INVALID_PAGE_INDEX', `Invalid page index ${f?.index}`);
          }
          exec.charge('PagedData.fetch', 5);
          const index = f.index;
          return {
            data: all.slice(index * pageSize, (index + 1) * pageSize) as unknown as N_search.Result[],
            isFirst: index === 0,
            isLast: index === pages - 1,
            pageRange: pageRanges[index] as N_search.PageRange,
            pagedData: pagedData as unknown as N_search.PagedData,
            next: withPromise(() => fetch({ index: index + 1 })),
            prev: withPromise(() => fetch({ index: index - 1 })),
          };
        };
        pagedData.fetch = withPromise(fetch);
        return pagedData as unknown as N_search.PagedData;
      }),
      save: (): number => {
        exec.charge('Search.save', 5);
        if (!search.title) throw missingArgument('Search.save', 'title');
        const existing = search.id ? db.store.savedSearches.get(search.id) : undefined;
        const internalId = existing?.internalId ?? db.store.next('savedsearch');
        const id = search.id || `customsearch${internalId}`;
        db.store.savedSearches.set(id, {
          id,
          internalId,
          type: def.type,
          title: search.title,
          filters: expression && expression.length > 0 ? expression : filters,
          columns: columns.map((c) => makeColumn(c)),
        });
        search.id = id;
        search.searchId = internalId;
        return internalId;
      },
    };
    return search;
  }

  const create = (o: N_search.SearchCreateOptions): N_search.Search => {
    requireOptions('search.create', o, 'type');
    exec.charge('search.create', 0);
    engine.schemasFor(String(o.type));
    const parsed = parseFilters(o.filterExpression ?? o.filters);
    return buildSearch({
      type: String(o.type).toLowerCase(),
      filters: parsed.list,
      filterExpression: parsed.expression,
      columns: (o.columns ?? []).map((c) => makeColumn(c as ColumnSpec)),
      title: o.title,
      id: o.id,
      isPublic: o.isPublic,
    }) as unknown as N_search.Search;
  };

  const load = (o: Parameters<typeof N_search.load>[0]): N_search.Search => {
    requireOptions('search.load', o, 'id');
    exec.charge('search.load', 5);
    const saved =
      db.store.savedSearches.get(String(o.id)) ??
      [...db.store.savedSearches.values()].find((s) => String(s.internalId) === String(o.id));
    if (!saved) throw nsError('INVALID_SEARCH', 'That search or mass update does not exist.');
    const parsed = parseFilters(saved.filters);
    return buildSearch(
      {
        type: saved.type,
        filters: parsed.list,
        filterExpression: parsed.expression,
        columns: (saved.columns as ColumnSpec[]).map((c) => makeColumn(c)),
        title: saved.title,
        id: saved.id,
      },
      saved.internalId,
    ) as unknown as N_search.Search;
  };

  const deleteSearch = (o: { id: string | number }): void => {
    requireOptions('search.delete', o, 'id');
    exec.charge('search.delete', 5);
    const saved = [...db.store.savedSearches.values()].find(
      (s) => s.id === String(o.id) || String(s.internalId) === String(o.id),
    );
    if (!saved) throw nsError('INVALID_SEARCH', 'That search or mass update does not exist.');
    db.store.savedSearches.delete(saved.id);
  };

  const lookupFields = <T extends string>(o: { type: string; id: unknown; columns: T | T[] }) => {
    requireOptions('search.lookupFields', o, 'type', 'id', 'columns');
    exec.charge('search.lookupFields', 1);
    const schemas = engine.schemasFor(o.type);
    let row: Row | undefined;
    for (const schema of schemas) {
      const data = db.store.get(schema.type, String(o.id));
      if (data) row = { schema, data, mainline: true };
    }
    if (!row) throw nsError('RCRD_DSNT_EXIST', 'That record does not exist.');
    const out: Record<string, unknown> = {};
    for (const name of Array.isArray(o.columns) ? o.columns : [o.columns]) {
      const spec = splitName(name);
      engine.checkField(o.type, spec.name, spec.join, 'column');
      const cell = engine.cell(row, spec.name, spec.join);
      const isSelect =
        cell.def?.type === 'select' ||
        cell.def?.type === 'multiselect' ||
        (cell.text !== undefined && cell.text !== null);
      if (isSelect && cell.print === undefined) {
        const ids = Array.isArray(cell.value)
          ? cell.value.map(String)
          : isEmpty(cell.value)
            ? []
            : [String(cell.value)];
        out[name] = ids.map((value) => ({
          value,
          text: cell.def ? db.textOf(cell.def, value) : (cell.text ?? value),
        }));
      } else {
        out[name] = engine.valueOf(cell);
      }
    }
    return out as { [K in T]?: string | number | boolean | N_search.LookupValueObject[] };
  };

  const module: SearchModule = {
    create: withPromise(create),
    load: withPromise(load),
    lookupFields: withPromise(lookupFields) as SearchModule['lookupFields'],
    createFilter: (o: N_search.CreateSearchFilterOptions) => makeFilter(o) as unknown as N_search.Filter,
    createColumn: (o: N_search.CreateSearchColumnOptions) => makeColumn(o) as unknown as N_search.Column,
  };
  return {
    ...module,
    delete: withPromise(deleteSearch),
    Operator: OPERATOR_ENUM,
    Sort: SORT_ENUM,
    Summary: SUMMARY_ENUM,
    Type: SEARCH_TYPE,
  };
}
