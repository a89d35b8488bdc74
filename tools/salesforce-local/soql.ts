// SOQL queries over the store: parsed with @jetstreamapp/soql-parser-js, checked against the schema
// (unknown objects, fields and relationships give Salesforce's errors) and evaluated in memory.
// Supported: fields, parent relationship paths (Account.Name, Opportunity.Account.NetSuite_Id__c),
// child subqueries (SELECT Id, (SELECT Id FROM OpportunityLineItems) FROM Opportunity), COUNT() and
// COUNT/SUM/MIN/MAX/AVG without GROUP BY, FIELDS(ALL|STANDARD|CUSTOM), WHERE (AND/OR/NOT, =, !=, <, <=, >,
// >=, LIKE, IN, NOT IN, semi-joins `Id IN (SELECT ...)`), date and datetime literals, ORDER BY with
// ASC/DESC and NULLS FIRST/LAST, LIMIT and OFFSET. Not supported (MALFORMED_QUERY): GROUP BY, HAVING,
// TYPEOF, functions in WHERE/ORDER BY.
import {
  parseQuery,
  type Condition,
  type FieldType as SelectItem,
  type OrderByClause,
  type Query,
  type QueryBase,
} from '@jetstreamapp/soql-parser-js';
import { SfError } from './errors';
import type { ChildRelationship, FieldDef, ObjectDef, Schema } from './schema';
import type { Rec, Store } from './store';
import {
  buildPredicate,
  compare,
  compareKeys,
  keyOf,
  likeMatcher,
  literalFor,
  malformed,
  type Key,
  type Pred,
} from './soql-filter';
import { dateOnly } from './values';

export interface SoqlEnv {
  schema: Schema;
  store: Store;
  view(o: ObjectDef, rec: Rec): Rec;
  /** `/services/data/vNN.0`, for the records' attributes.url. */
  apiPrefix: string;
}

export interface SoqlResult {
  totalSize: number;
  records: Rec[];
}

interface Path {
  rels: FieldDef[];
  objects: ObjectDef[];
  field: FieldDef;
}

type Column =
  | { kind: 'field'; path: Path }
  | { kind: 'child'; rel: ChildRelationship; query: Compiled }
  | { kind: 'aggregate'; fn: string; path: Path | undefined; alias: string };

interface Compiled {
  object: ObjectDef;
  columns: Column[];
  where: Pred<Rec> | undefined;
  order: Array<{ path: Path; desc: boolean; nullsLast: boolean }>;
  limit: number | undefined;
  offset: number;
  countOnly: boolean;
}

const invalidField = (name: string, o: ObjectDef): SfError =>
  new SfError(
    'INVALID_FIELD',
    `No such column '${name}' on entity '${o.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );

class Compiler {
  constructor(
    private readonly env: SoqlEnv,
    private readonly today: string,
  ) {}

  path(o: ObjectDef, dotted: string, alias?: string): Path {
    const parts = dotted.split('.');
    const first = parts[0]?.toLowerCase();
    if (
      parts.length > 1 &&
      (first === alias?.toLowerCase() ||
        (first === o.name.toLowerCase() && !this.env.schema.relationship(o, first)))
    ) {
      parts.shift();
    }
    const rels: FieldDef[] = [];
    const objects: ObjectDef[] = [];
    let current = o;
    for (const part of parts.slice(0, -1)) {
      const rel = this.env.schema.relationship(current, part);
      const target = rel?.referenceTo ? this.env.schema.object(rel.referenceTo) : undefined;
      if (!rel || !target) {
        throw new SfError(
          'INVALID_FIELD',
          `Didn't understand relationship '${part}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      }
      rels.push(rel);
      objects.push(target);
      current = target;
    }
    const name = parts[parts.length - 1] ?? '';
    const field = this.env.schema.field(current, name);
    if (!field) throw invalidField(name, current);
    return { rels, objects, field };
  }

  query(q: QueryBase, o: ObjectDef, child: boolean): Compiled {
    if (q.groupBy || q.having) throw malformed('GROUP BY and HAVING are not supported by this org');
    const alias = q.sObjectAlias;
    const columns: Column[] = [];
    let exprCount = 0;
    for (const item of q.fields ?? [])
      columns.push(...this.columns(item as SelectItem, o, alias, () => `expr${exprCount++}`));
    if (columns.length === 0) throw malformed('SELECT needs at least one field');
    const countOnly = columns.some(
      (c) => c.kind === 'aggregate' && c.fn === 'COUNT' && !c.path && c.alias === '',
    );
    if (countOnly && (columns.length > 1 || child))
      throw malformed('COUNT() must be the only element of the SELECT list');
    const aggregates = columns.filter((c) => c.kind === 'aggregate').length;
    if (aggregates > 0 && aggregates < columns.length) {
      throw malformed('Field must be grouped or aggregated (GROUP BY is not supported by this org)');
    }
    const orderBy = (Array.isArray(q.orderBy) ? q.orderBy : q.orderBy ? [q.orderBy] : []) as OrderByClause[];
    const order = orderBy.map((clause) => {
      if (!('field' in clause)) throw malformed('ORDER BY functions are not supported by this org');
      // SOQL sorts nulls first by default, whatever the direction.
      return {
        path: this.path(o, clause.field, alias),
        desc: clause.order === 'DESC',
        nullsLast: clause.nulls === 'LAST',
      };
    });
    if (q.offset !== undefined && q.offset > 2000) {
      throw new SfError('NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
    }
    return {
      object: o,
      columns,
      where: q.where ? buildPredicate<Rec>(q.where, (c) => this.condition(c, o, alias)) : undefined,
      order,
      limit: q.limit,
      offset: q.offset ?? 0,
      countOnly,
    };
  }

  private columns(
    item: SelectItem,
    o: ObjectDef,
    alias: string | undefined,
    nextExpr: () => string,
  ): Column[] {
    switch (item.type) {
      case 'Field':
        return [{ kind: 'field', path: this.path(o, item.field, alias) }];
      case 'FieldRelationship':
        return [{ kind: 'field', path: this.path(o, [...item.relationships, item.field].join('.'), alias) }];
      case 'FieldSubquery': {
        const sub = item.subquery;
        const rel = this.env.schema.childRelationship(o, sub.relationshipName);
        const childObject = rel ? this.env.schema.object(rel.childSObject) : undefined;
        if (!rel || !childObject) {
          throw new SfError(
            'INVALID_TYPE',
            `Didn't understand relationship '${sub.relationshipName}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`,
          );
        }
        return [{ kind: 'child', rel, query: this.query(sub, childObject, true) }];
      }
      case 'FieldFunctionExpression': {
        const fn = item.functionName.toUpperCase();
        if (fn === 'FIELDS') {
          const which = String(item.parameters[0] ?? '').toUpperCase();
          return o.fields
            .filter((f) => which === 'ALL' || (which === 'CUSTOM' ? f.custom : !f.custom))
            .map((f) => ({ kind: 'field' as const, path: { rels: [], objects: [], field: f } }));
        }
        if (!['COUNT', 'SUM', 'MIN', 'MAX', 'AVG'].includes(fn))
          throw malformed(`Function ${fn} is not supported by this org`);
        const param = item.parameters[0];
        if (typeof param === 'object') throw malformed('Nested functions are not supported by this org');
        const path = param === undefined ? undefined : this.path(o, param, alias);
        if (!path && fn !== 'COUNT') throw malformed(`${fn}() needs a field`);
        const countAll = fn === 'COUNT' && !path;
        return [{ kind: 'aggregate', fn, path, alias: countAll ? '' : (item.alias ?? nextExpr()) }];
      }
      default:
        throw malformed(`${item.type} is not supported by this org`);
    }
  }

  private condition(c: Condition, o: ObjectDef, alias: string | undefined): Pred<Rec> {
    if (!('field' in c)) throw malformed('Functions in WHERE are not supported by this org');
    const path = this.path(o, c.field, alias);
    const value = (rec: Rec): Key => keyOf(path.field, this.value(rec, path));
    const op = c.operator.toUpperCase();
    if ('valueQuery' in c) {
      // Semi-join / anti-join: Id IN (SELECT AccountId FROM Opportunity WHERE ...)
      const sub = (c as { valueQuery: Query }).valueQuery;
      const subObject = this.object(sub.sObject ?? '');
      const compiled = this.query(sub, subObject, true);
      const column = compiled.columns[0];
      if (compiled.columns.length !== 1 || column?.kind !== 'field')
        throw malformed('A semi-join selects one field');
      const ids = (): Set<Key> =>
        new Set(
          run(this.env, compiled, false).map((r) => keyOf(column.path.field, this.value(r, column.path))),
        );
      let cache: Set<Key> | undefined;
      const member = (rec: Rec): boolean => (cache ??= ids()).has(value(rec));
      return op === 'NOT IN' ? (rec) => !member(rec) : member;
    }
    const raw = c.value;
    const types = c.literalType;
    const literal = (v: string, i: number): ReturnType<typeof literalFor> =>
      literalFor(path.field, String((Array.isArray(types) ? types[i] : types) ?? 'STRING'), v, this.today);
    if (op === 'IN' || op === 'NOT IN') {
      const list = (Array.isArray(raw) ? raw : [raw]).map(literal);
      const member = (rec: Rec): boolean => {
        const v = value(rec);
        return list.some((l) => compare('=', v, l));
      };
      return op === 'NOT IN' ? (rec) => !member(rec) : member;
    }
    if (Array.isArray(raw)) throw malformed(`Operator ${op} takes one value`);
    if (op === 'LIKE') {
      if (!['string', 'textarea', 'picklist', 'url', 'email', 'phone'].includes(path.field.type)) {
        throw new SfError(
          'INVALID_FIELD',
          `invalid operator on id field: LIKE is only for text fields (${path.field.name})`,
        );
      }
      const match = likeMatcher(raw);
      return (rec) => match(value(rec));
    }
    if (op === 'INCLUDES' || op === 'EXCLUDES') throw malformed(`${op} is not supported by this org`);
    const lit = literal(raw, 0);
    return (rec) => compare(op, value(rec), lit);
  }

  object(name: string): ObjectDef {
    const o = this.env.schema.object(name);
    if (!o) {
      throw new SfError(
        'INVALID_TYPE',
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return o;
  }

  value(rec: Rec, path: Path): unknown {
    return valueAt(this.env, rec, path);
  }
}

function parent(env: SoqlEnv, o: ObjectDef, id: unknown): Rec | undefined {
  const rec = typeof id === 'string' ? env.store.get(o.name, id) : undefined;
  return rec && rec.IsDeleted !== true ? env.view(o, rec) : undefined;
}

function valueAt(env: SoqlEnv, rec: Rec, path: Path): unknown {
  let current: Rec | undefined = rec;
  path.rels.forEach((rel, i) => {
    const target = path.objects[i];
    current = current && target ? parent(env, target, current[rel.name]) : undefined;
  });
  return current ? (current[path.field.name] ?? null) : null;
}

const attributes = (env: SoqlEnv, o: ObjectDef, id: unknown): Rec => ({
  type: o.name,
  url: `${env.apiPrefix}/sobjects/${o.name}/${String(id)}`,
});

/** Sets one selected field on the output row, nesting parent records as Salesforce does. */
function project(env: SoqlEnv, out: Rec, rec: Rec, path: Path): void {
  let container = out;
  let current = rec;
  for (let i = 0; i < path.rels.length; i++) {
    const rel = path.rels[i] as FieldDef;
    const target = path.objects[i] as ObjectDef;
    const name = rel.relationshipName ?? rel.name;
    if (container[name] === null) return;
    const next = parent(env, target, current[rel.name]);
    if (!next) {
      container[name] = null;
      return;
    }
    if (container[name] === undefined) container[name] = { attributes: attributes(env, target, next.Id) };
    container = container[name] as Rec;
    current = next;
  }
  container[path.field.name] = current[path.field.name] ?? null;
}

function run(env: SoqlEnv, q: Compiled, includeDeleted: boolean, rows?: Rec[]): Rec[] {
  const source = rows ?? (includeDeleted ? env.store.all(q.object.name) : env.store.live(q.object.name));
  let records = source.map((r) => env.view(q.object, r));
  if (q.where) records = records.filter(q.where);
  if (q.order.length > 0) {
    const keyed = records.map((r) => ({
      r,
      keys: q.order.map((o) => keyOf(o.path.field, valueAt(env, r, o.path))),
    }));
    keyed.sort((a, b) => {
      for (let i = 0; i < q.order.length; i++) {
        const o = q.order[i] as Compiled['order'][number];
        const x = a.keys[i] as Key;
        const y = b.keys[i] as Key;
        if (x === y) continue;
        if (x === null || y === null) return (x === null ? -1 : 1) * (o.nullsLast ? -1 : 1);
        return compareKeys(x, y) * (o.desc ? -1 : 1);
      }
      return 0;
    });
    records = keyed.map((k) => k.r);
  }
  return records.slice(q.offset, q.limit === undefined ? undefined : q.offset + q.limit);
}

function shape(env: SoqlEnv, q: Compiled, rec: Rec): Rec {
  const out: Rec = { attributes: attributes(env, q.object, rec.Id) };
  for (const col of q.columns) {
    if (col.kind === 'field') project(env, out, rec, col.path);
    else if (col.kind === 'child') {
      const children = env.store.live(col.rel.childSObject).filter((c) => c[col.rel.field] === rec.Id);
      const rows = run(env, col.query, false, children).map((c) => shape(env, col.query, c));
      out[col.rel.relationshipName] =
        rows.length === 0 ? null : { totalSize: rows.length, done: true, records: rows };
    }
  }
  return out;
}

function aggregate(env: SoqlEnv, q: Compiled, rows: Rec[]): Rec {
  const out: Rec = { attributes: { type: 'AggregateResult' } };
  for (const col of q.columns) {
    if (col.kind !== 'aggregate') continue;
    const values = col.path
      ? rows.map((r) => valueAt(env, r, col.path as Path)).filter((v) => v !== null)
      : rows;
    const numbers = values.filter((v): v is number => typeof v === 'number');
    const key = (v: unknown): Key => (col.path ? keyOf(col.path.field, v) : null);
    const sorted = [...values].sort((a, b) => compareKeys(key(a), key(b)));
    const results: Record<string, unknown> = {
      COUNT: values.length,
      SUM: numbers.length ? numbers.reduce((s, n) => s + n, 0) : null,
      AVG: numbers.length ? numbers.reduce((s, n) => s + n, 0) / numbers.length : null,
      MIN: sorted[0] ?? null,
      MAX: sorted[sorted.length - 1] ?? null,
    };
    out[col.alias] = results[col.fn];
  }
  return out;
}

/**
 * Longest SOQL statement Salesforce accepts, in characters: 100,000 by default (SOQL and SOSL limits,
 * salesforce_app_limits_platform_soslsoql). A GET /query URL meets Salesforce's 16,384-byte limit on URI
 * and headers long before that (help article 000386264; not modelled here beyond Node's own header limit),
 * so in practice this limit is met by queries sent as composite subrequests.
 */
export const MAX_SOQL_LENGTH = 100000;

/** Runs a query: all matching rows, shaped as the REST API returns them (paging is the caller's). */
export function runSoql(env: SoqlEnv, soql: string, includeDeleted: boolean): SoqlResult {
  if (soql.length > MAX_SOQL_LENGTH) {
    // The message is Salesforce's as quoted by client libraries (django-salesforce issue 164; the same
    // wording with the older 20,000 limit in IlluminatedCloud issue 466); not in Salesforce's own pages.
    throw malformed(`SOQL statements can not be longer than ${MAX_SOQL_LENGTH} characters.`);
  }
  let parsed: Query;
  try {
    parsed = parseQuery(soql);
  } catch (err) {
    throw malformed(err instanceof Error ? err.message.replace(/\s+/g, ' ').trim() : String(err));
  }
  const compiler = new Compiler(env, dateOnly(new Date()));
  const q = compiler.query(parsed, compiler.object(parsed.sObject ?? ''), false);
  const rows = run(env, q, includeDeleted);
  if (q.countOnly) return { totalSize: rows.length, records: [] };
  if (q.columns.some((c) => c.kind === 'aggregate')) {
    return { totalSize: 1, records: [aggregate(env, { ...q, limit: undefined }, rows)] };
  }
  return { totalSize: rows.length, records: rows.map((r) => shape(env, q, r)) };
}
