// Create, update, upsert and delete with the platform's generic checks (field names, create/update rights,
// types and lengths, required fields, references, unique fields, cascades) and the per-object business
// rules of rules.ts. Every method either completes or throws an SfError; rolling back a partial write is
// the caller's job (store savepoints).
import { SfError, notFound } from './errors';
import { caseSafeSuffix, keyPrefixOf, toId18 } from './ids';
import { RULES, type RuleEnv } from './rules';
import type { FieldDef, ObjectDef, Schema } from './schema';
import type { Rec, Store } from './store';
import { coerceValue, formatDateTime, sameKey } from './values';

/** The integration ("run as") user every API write is made by. */
export const INTEGRATION_USER_ID = `0058d000000Int1${caseSafeSuffix('0058d000000Int1')}`;

export interface WriteContext {
  /** The request hit an injected UNABLE_TO_LOCK_ROW: every write in it fails. */
  lockRow?: boolean;
  /**
   * The request is a subrequest of a composite with allOrNone true: an sObject Collections subrequest is then
   * all-or-none whatever its own allOrNone says (resources_composite_allornone).
   */
  compositeAllOrNone?: boolean;
}

/** A check applied to every saved record after the business rules (custom validation rules). */
export type Validator = (o: ObjectDef, rec: Rec, old: Rec | undefined) => SfError | undefined;

export class Dml {
  validator: Validator = () => undefined;

  constructor(
    readonly schema: Schema,
    readonly store: Store,
  ) {}

  private get env(): RuleEnv {
    return { schema: this.schema, store: this.store, now: new Date() };
  }

  /** The object named in a URL or body, or the error Salesforce gives for an unknown type. */
  object(name: string): ObjectDef {
    const o = this.schema.object(name);
    if (!o) throw new SfError('NOT_FOUND', `The requested resource does not exist`, [], 404);
    return o;
  }

  /** The record with this id (15 or 18 characters) that is not deleted. */
  live(o: ObjectDef, rawId: string): Rec {
    const id = toId18(rawId);
    if (!id || keyPrefixOf(id) !== o.keyPrefix) {
      throw new SfError('MALFORMED_ID', `${o.label} ID: id value of incorrect type: ${rawId}`, ['Id']);
    }
    const rec = this.store.get(o.name, id);
    if (!rec) throw notFound();
    if (rec.IsDeleted === true) throw new SfError('ENTITY_IS_DELETED', 'entity is deleted', [], 404);
    return rec;
  }

  /** A record as the API shows it: stored fields plus the computed (formula-like) ones. */
  view(o: ObjectDef, rec: Rec): Rec {
    const formulas = RULES[o.name]?.formulas;
    return formulas ? { ...rec, ...formulas(this.env, rec) } : rec;
  }

  create(sobject: string, body: Rec, ctx: WriteContext = {}): string {
    const o = this.object(sobject);
    this.writable(o, ctx);
    const values = this.convert(o, body, undefined);
    const now = formatDateTime(new Date());
    const id = this.store.ids.next(o.keyPrefix);
    const rec: Rec = {
      Id: id,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: INTEGRATION_USER_ID,
      LastModifiedDate: now,
      LastModifiedById: INTEGRATION_USER_ID,
      SystemModstamp: now,
    };
    for (const f of o.fields) {
      if (f.name in rec) continue;
      rec[f.name] = f.name === 'OwnerId' ? INTEGRATION_USER_ID : (f.defaultValue ?? null);
    }
    for (const [f, v] of values) if (v !== null || !f.defaultedOnCreate) rec[f.name] = v;
    const missing = o.fields.filter(
      (f) => f.createable && !f.nillable && !f.defaultedOnCreate && rec[f.name] == null,
    );
    if (missing.length > 0) {
      const names = missing.map((f) => f.name);
      throw new SfError(
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${names.join(', ')}]`,
        names,
      );
    }
    this.save(o, rec, undefined, new Set([...values.keys()].map((f) => f.name)));
    return id;
  }

  update(sobject: string, rawId: string, body: Rec, ctx: WriteContext = {}): string {
    const o = this.object(sobject);
    const old = this.live(o, rawId);
    this.writable(o, ctx);
    const values = this.convert(o, body, old);
    const rec: Rec = { ...old };
    for (const [f, v] of values) {
      if (v === null && !f.nillable) {
        throw new SfError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${f.name}]`, [f.name]);
      }
      rec[f.name] = v;
    }
    const now = formatDateTime(new Date());
    rec.LastModifiedDate = now;
    rec.SystemModstamp = now;
    rec.LastModifiedById = INTEGRATION_USER_ID;
    this.save(o, rec, old, new Set([...values.keys()].map((f) => f.name)));
    return String(old.Id);
  }

  /** Records whose external-id field equals the value (not deleted). */
  matchExternalId(o: ObjectDef, field: FieldDef, value: unknown): Rec[] {
    if (field.name === 'Id') {
      const id = typeof value === 'string' ? toId18(value) : undefined;
      const rec = id ? this.store.get(o.name, id) : undefined;
      return rec && rec.IsDeleted !== true ? [rec] : [];
    }
    const ci = typeof value === 'string' && !field.caseSensitive;
    return this.store
      .liveWhere(o.name, field.name, value, ci)
      .filter((r) => sameKey(field, r[field.name], value));
  }

  /** The field named in an upsert URL, or 404 as Salesforce answers for a field that is not an external ID. */
  externalIdField(o: ObjectDef, name: string): FieldDef {
    const field = this.schema.field(o, name);
    if (!field || !(field.externalId || field.name === 'Id')) throw notFound();
    return field;
  }

  upsert(
    sobject: string,
    fieldName: string,
    value: unknown,
    body: Rec,
    ctx: WriteContext = {},
    opts: { updateOnly?: boolean; apiPrefix?: string } = {},
  ): { id: string; created: boolean } {
    const o = this.object(sobject);
    const field = this.externalIdField(o, fieldName);
    const matches = value === '' || value === undefined ? [] : this.matchExternalId(o, field, value);
    if (matches.length > 1) {
      const urls = matches.map((r) => `${opts.apiPrefix ?? ''}/sobjects/${o.name}/${String(r.Id)}`);
      throw new MultipleMatches(urls);
    }
    const match = matches[0];
    if (match) {
      const { [field.name]: _ignored, ...rest } = body;
      return { id: this.update(o.name, String(match.Id), rest, ctx), created: false };
    }
    if (opts.updateOnly) throw notFound();
    const record = field.name === 'Id' ? body : { ...body, [field.name]: value };
    return { id: this.create(o.name, record, ctx), created: true };
  }

  remove(sobject: string, rawId: string, ctx: WriteContext = {}): void {
    const o = this.object(sobject);
    const rec = this.live(o, rawId);
    this.writable(o, ctx);
    const rules = RULES[o.name];
    rules?.beforeDelete?.(this.env, rec);
    for (const rel of this.schema.childRelationships(o)) {
      const childObject = this.object(rel.childSObject);
      for (const child of this.store.live(rel.childSObject)) {
        if (child[rel.field] !== rec.Id) continue;
        if (rel.cascadeDelete) this.remove(rel.childSObject, String(child.Id), ctx);
        // A lookup to a deleted record is cleared (deleteConstraint SetNull).
        else this.store.put(childObject.name, { ...child, [rel.field]: null });
      }
    }
    const now = formatDateTime(new Date());
    const deleted = { ...rec, IsDeleted: true, LastModifiedDate: now, SystemModstamp: now };
    this.store.put(o.name, deleted);
    rules?.afterDelete?.(this.env, deleted);
  }

  private writable(o: ObjectDef, ctx: WriteContext): void {
    if (o.readOnly) {
      throw new SfError(
        'INVALID_TYPE_FOR_OPERATION',
        `entity type ${o.name} does not support this operation`,
        [],
        400,
      );
    }
    if (ctx.lockRow) {
      throw new SfError(
        'UNABLE_TO_LOCK_ROW',
        'unable to obtain exclusive access to this record or 1 records',
      );
    }
  }

  private save(o: ObjectDef, rec: Rec, old: Rec | undefined, given: Set<string>): void {
    const rules = RULES[o.name];
    rules?.beforeSave?.(this.env, rec, old, given);
    const failure = this.validator(o, this.view(o, rec), old);
    if (failure) throw failure;
    for (const f of o.fields) {
      if (!f.unique || rec[f.name] == null) continue;
      const ci = typeof rec[f.name] === 'string' && !f.caseSensitive;
      const clash = this.store
        .liveWhere(o.name, f.name, rec[f.name], ci)
        .find((r) => r.Id !== rec.Id && sameKey(f, r[f.name], rec[f.name]));
      if (clash) {
        throw new SfError(
          'DUPLICATE_VALUE',
          `duplicate value found: ${f.name} duplicates value on record with id: ${String(clash.Id)}`,
          [f.name],
        );
      }
    }
    this.store.put(o.name, rec);
    rules?.afterSave?.(this.env, rec, old);
  }

  /** Body → field values, checking names, rights, types and references. */
  private convert(o: ObjectDef, body: Rec, old: Rec | undefined): Map<FieldDef, unknown> {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new SfError('JSON_PARSER_ERROR', 'The request body must be a JSON object');
    }
    const values = new Map<FieldDef, unknown>();
    for (const [key, raw] of Object.entries(body)) {
      if (key === 'attributes') continue;
      let field = this.schema.field(o, key);
      let value: unknown = raw;
      if (!field) {
        const rel = this.schema.relationship(o, key);
        if (!rel || (raw !== null && typeof raw !== 'object')) {
          throw new SfError('INVALID_FIELD', `No such column '${key}' on sobject of type ${o.name}`, [key]);
        }
        field = rel;
        value = raw === null ? null : this.resolveForeignKey(rel, raw as Rec);
      }
      if (field.name === 'Id') {
        if (!old)
          throw new SfError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
        if (toId18(raw) === old.Id) continue;
        throw new SfError('INVALID_FIELD_FOR_INSERT_UPDATE', `Id in the body does not match the record`, [
          'Id',
        ]);
      }
      const stored = field.type === 'reference' ? this.reference(field, value) : coerceValue(field, value);
      const allowed = old ? field.updateable : field.createable;
      if (!allowed) {
        // assumption: on update, a create-only field repeating its current value is ignored (e.g. the
        // OpportunityId of a line being upserted); a different value is rejected.
        if (old && field.createable && !field.calculated && stored === old[field.name]) continue;
        throw new SfError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [field.name],
        );
      }
      values.set(field, stored);
    }
    return values;
  }

  /** A reference value: an id of the right object that exists. */
  private reference(field: FieldDef, value: unknown): string | null {
    if (value === null || value === undefined || value === '') return null;
    const target = this.object(field.referenceTo ?? '');
    const id = toId18(value);
    if (!id)
      throw new SfError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(value)}`, [
        field.name,
      ]);
    if (keyPrefixOf(id) !== target.keyPrefix) {
      throw new SfError(
        'FIELD_INTEGRITY_EXCEPTION',
        `${field.label}: id value of incorrect type: ${String(value)}`,
        [field.name],
      );
    }
    const rec = this.store.get(target.name, id);
    if (!rec || rec.IsDeleted === true) {
      throw new SfError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
    }
    return id;
  }

  /** `"Account": {"NetSuite_Id__c": "123"}` → the Id of the Account with that external id. */
  private resolveForeignKey(rel: FieldDef, value: Rec): string {
    const target = this.object(rel.referenceTo ?? '');
    const keys = Object.keys(value).filter((k) => k !== 'attributes');
    const key = keys[0];
    const field = key && keys.length === 1 ? this.schema.field(target, key) : undefined;
    if (!key || !field || !field.externalId) {
      throw new SfError(
        'INVALID_FIELD',
        `A foreign key reference on ${rel.relationshipName} must name exactly one External ID field of ${target.name}`,
        [rel.name],
      );
    }
    const matches = this.matchExternalId(target, field, value[key]);
    const shown = String(value[key]);
    if (matches.length === 0) {
      throw new SfError(
        'INVALID_FIELD',
        `Foreign key external ID: ${shown} not found for field ${field.name} in entity ${target.name}`,
        [rel.name],
      );
    }
    if (matches.length > 1) {
      // assumption: errorCode for a foreign key matching several records.
      throw new SfError(
        'DUPLICATE_EXTERNAL_ID',
        `Foreign key external ID: ${shown} matched more than one record for field ${field.name} in entity ${target.name}`,
        [rel.name],
      );
    }
    return String(matches[0]?.Id);
  }
}

/** HTTP 300: the external id of an upsert matched several records; the body lists their URLs. */
export class MultipleMatches extends SfError {
  constructor(readonly urls: string[]) {
    super('MULTIPLE_CHOICES', `The external ID matched ${urls.length} records`, [], 300);
  }
}
