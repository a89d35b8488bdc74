// The account: schemas + stored records + the rules NetSuite applies when a record is edited and saved
// (defaults, sourcing, select validation, mandatory fields, system fields, ids).
import { invalidFieldValue, nsError } from './errors';
import { onLineChange, recalcTransaction } from './lines';
import type { ProjectModel } from './project';
import type { RecordSchema, Schemas } from './schema';
import { cloneData, type Line, type RecordData, type Store } from './store';
import {
  coerce,
  formatDate,
  formatDateTime,
  isEmpty,
  type FieldDef,
  type StoredValue,
  isDate,
} from './values';

export interface SetOptions {
  /** Direct data setup: read-only (system) fields may be set, 'T'/'F' and date strings are accepted. */
  seeding?: boolean;
}

export class Db {
  constructor(
    readonly project: ProjectModel,
    readonly schemas: Schemas,
    readonly store: Store,
    readonly now: () => Date,
  ) {}

  // ---- field definitions ----------------------------------------------------------------------

  bodyField(schema: RecordSchema, fieldId: string): FieldDef {
    const def = schema.fields.get(fieldId);
    if (!def) throw unknownField(schema.type, fieldId);
    return def;
  }

  sublist(schema: RecordSchema, sublistId: string): Map<string, FieldDef> {
    const sub = schema.sublists.get(sublistId);
    if (!sub) {
      throw nsError(
        'SSS_INVALID_SUBLIST_OPERATION',
        `Sublist ${sublistId} does not exist on ${schema.type}.`,
      );
    }
    return sub;
  }

  lineField(schema: RecordSchema, sublistId: string, fieldId: string): FieldDef {
    const def = this.sublist(schema, sublistId).get(fieldId);
    if (!def) throw unknownField(`${schema.type}.${sublistId}`, fieldId);
    return def;
  }

  // ---- lookups --------------------------------------------------------------------------------

  find(target: string, id: string): { schema: RecordSchema; data: RecordData } | undefined {
    for (const schema of this.schemas.forTarget(target)) {
      const data = this.store.get(schema.type, id);
      if (data) return { schema, data };
    }
    return undefined;
  }

  load(type: string, id: unknown): RecordData {
    const schema = this.schemas.require(type);
    const data =
      id === undefined || id === null || id === '' ? undefined : this.store.get(schema.type, String(id));
    if (!data) throw nsError('RCRD_DSNT_EXIST', 'That record does not exist.');
    return cloneData(data);
  }

  /** The label a select value shows: list value text, or the referenced record's name. */
  textOf(def: FieldDef | undefined, value: unknown): string {
    if (isEmpty(value)) return '';
    if (Array.isArray(value)) return value.map((v) => this.textOf(def, v)).join(',');
    if (isDate(value)) return def?.type === 'date' ? formatDate(value) : formatDateTime(value);
    if (typeof value === 'boolean') return value ? 'T' : 'F';
    if (!def || (def.type !== 'select' && def.type !== 'multiselect')) return String(value);
    const id = String(value);
    if (def.options) return def.options.find((o) => o.value === id)?.text ?? id;
    if (!def.target) return id;
    const list = this.project.lists.get(def.target);
    if (list) return list.values.find((v) => v.internalId === id)?.text ?? id;
    if (def.id === 'price' && id === '-1') return 'Custom';
    if (def.id === 'item' && id === '0') return 'End of Group';
    const found = this.find(def.target, id);
    if (!found) return id;
    return String(found.data.fields[found.schema.nameField] ?? id);
  }

  /** setText: the internal id whose label is `text`, or INVALID_FLD_VALUE. */
  valueForText(def: FieldDef, text: string): string {
    if (def.options) {
      const o = def.options.find((x) => x.text === text);
      if (o) return o.value;
    } else if (def.target) {
      const list = this.project.lists.get(def.target);
      if (list) {
        const v = list.values.find((x) => x.text === text);
        if (v) return v.internalId;
      } else {
        for (const schema of this.schemas.forTarget(def.target)) {
          const hit = this.store
            .all(schema.type)
            .find((r) => String(r.fields[schema.nameField] ?? '') === text);
          if (hit?.id) return hit.id;
        }
      }
    }
    throw invalidFieldValue(def.id, text);
  }

  // ---- editing --------------------------------------------------------------------------------

  newData(schema: RecordSchema, options: SetOptions = {}): RecordData {
    const data: RecordData = {
      type: schema.type,
      id: null,
      fields: {},
      sublists: {},
      version: 0,
      nextLine: 1,
    };
    for (const def of schema.fields.values()) {
      if (def.defaultValue === undefined) continue;
      try {
        data.fields[def.id] = coerce(def, def.defaultValue, true);
      } catch {
        // a default NetSuite could not apply either (e.g. a list value reference) is left empty
      }
    }
    for (const id of schema.sublists.keys()) data.sublists[id] = [];
    const today = this.now();
    if (schema.family === 'transaction') {
      data.fields.trandate = new Date(today.getFullYear(), today.getMonth(), today.getDate());
      data.fields.exchangerate = 1;
      if (schema.fields.has('orderstatus')) {
        // Assumption: the account keeps NetSuite's default sales order status preference, Pending Approval.
        data.fields.orderstatus = 'A';
      }
    }
    if (schema.type === 'customer') {
      data.fields.isperson = 'F';
      data.fields.creditholdoverride = 'AUTO';
    }
    if (schema.family === 'entity' && this.store.get('subsidiary', '1')) {
      // Assumption: new entities default to the current user's subsidiary (1), as the entry form does.
      data.fields.subsidiary = '1';
    }
    void options;
    return data;
  }

  setBody(
    schema: RecordSchema,
    data: RecordData,
    fieldId: string,
    value: unknown,
    options: SetOptions = {},
  ): void {
    if (fieldId === 'id') return;
    const def = this.bodyField(schema, fieldId);
    // Assumption: NetSuite ignores a script's write to a calculated/system field; so does the runtime.
    if (def.readOnly && !options.seeding) return;
    data.fields[fieldId] = coerce(def, value, options.seeding);
    this.afterBodyChange(schema, data, fieldId);
  }

  private afterBodyChange(schema: RecordSchema, data: RecordData, fieldId: string): void {
    if (schema.family !== 'transaction') return;
    if (fieldId === 'entity' && !isEmpty(data.fields.entity)) {
      const customer = this.store.get('customer', String(data.fields.entity));
      if (customer) {
        if (isEmpty(data.fields.currency)) data.fields.currency = customer.fields.currency ?? null;
        if (isEmpty(data.fields.subsidiary)) data.fields.subsidiary = customer.fields.subsidiary ?? null;
      }
    }
    if (
      fieldId === 'discountitem' &&
      !isEmpty(data.fields.discountitem) &&
      isEmpty(data.fields.discountrate)
    ) {
      const item = this.store.get('discountitem', String(data.fields.discountitem));
      if (item) data.fields.discountrate = item.fields.rate ?? null;
    }
  }

  setLine(
    schema: RecordSchema,
    sublistId: string,
    line: Line,
    fieldId: string,
    value: unknown,
    options: SetOptions = {},
  ): void {
    const def = this.lineField(schema, sublistId, fieldId);
    if (def.readOnly && !options.seeding) return;
    line[fieldId] = coerce(def, value, options.seeding);
    if (schema.family === 'transaction' && sublistId === 'item') onLineChange(this, line, fieldId);
  }

  // ---- saving ---------------------------------------------------------------------------------

  /** Sourcing, calculation and validation NetSuite does on submit. Throws as NetSuite does. */
  prepare(schema: RecordSchema, data: RecordData, options: { ignoreMandatoryFields?: boolean } = {}): void {
    this.calculate(schema, data);
    this.validate(schema, data, options);
  }

  /** Sourcing and calculated fields (totals, status, names). */
  calculate(schema: RecordSchema, data: RecordData): void {
    const f = data.fields;
    if (schema.family === 'transaction') {
      this.afterBodyChange(schema, data, 'entity');
      recalcTransaction(this, schema, data);
      if (f.orderstatus !== undefined) {
        f.status =
          schema.fields.get('orderstatus')?.options?.find((o) => o.value === f.orderstatus)?.text ?? null;
      } else if (schema.type === 'estimate') {
        f.status = 'Open';
      }
      if (!isEmpty(f.currency)) f.currencyname = this.textOf(schema.fields.get('currency'), f.currency);
    }
    if (schema.family === 'entity' && isEmpty(f.entityid)) {
      const person = [f.firstname, f.lastname].filter((x) => !isEmpty(x)).join(' ');
      f.entityid = (f.isperson === 'T' ? person : String(f.companyname ?? '') || person) || null;
    }
    if (schema.type === 'customer' && isEmpty(f.currency) && !isEmpty(f.subsidiary)) {
      f.currency = this.store.get('subsidiary', String(f.subsidiary))?.fields.currency ?? null;
    }
  }

  /** Mandatory fields, at least one line on a transaction, select values that exist. */
  validate(schema: RecordSchema, data: RecordData, options: { ignoreMandatoryFields?: boolean } = {}): void {
    const f = data.fields;
    const missing: string[] = [];
    for (const def of schema.fields.values()) {
      const mandatory = def.required || (def.customMandatory && !options.ignoreMandatoryFields);
      if (mandatory && isEmpty(f[def.id])) missing.push(def.label);
    }
    if (schema.type === 'customer' && f.isperson !== 'T' && isEmpty(f.companyname))
      missing.push('Company Name');
    for (const [sublistId, lines] of Object.entries(data.sublists)) {
      const defs = schema.sublists.get(sublistId);
      if (!defs) continue;
      for (const line of lines) {
        for (const def of defs.values()) {
          const mandatory = def.required || (def.customMandatory && !options.ignoreMandatoryFields);
          if (mandatory && isEmpty(line[def.id]) && !missing.includes(def.label)) missing.push(def.label);
        }
      }
    }
    if (missing.length > 0) throw nsError('USER_ERROR', `Please enter value(s) for: ${missing.join(', ')}`);
    if (schema.family === 'transaction' && (data.sublists.item ?? []).length === 0) {
      throw nsError('USER_ERROR', 'You must enter at least one line item for this transaction.');
    }
    this.checkReferences(schema.fields, f, schema.type);
    for (const [sublistId, lines] of Object.entries(data.sublists)) {
      const defs = schema.sublists.get(sublistId);
      if (defs) for (const line of lines) this.checkReferences(defs, line, `${schema.type}.${sublistId}`);
    }
  }

  private checkReferences(
    defs: Map<string, FieldDef>,
    values: Record<string, StoredValue>,
    where: string,
  ): void {
    for (const def of defs.values()) {
      if ((def.type !== 'select' && def.type !== 'multiselect') || !def.target) continue;
      const raw = values[def.id];
      if (isEmpty(raw)) continue;
      for (const id of Array.isArray(raw) ? raw : [String(raw)]) {
        if (def.id === 'price' && id === '-1') continue;
        if (def.id === 'item' && id === '0' && values.itemtype === 'EndGroup') continue;
        const list = this.project.lists.get(def.target);
        const ok = list ? list.values.some((v) => v.internalId === id) : this.isKnownTarget(def.target, id);
        if (!ok) throw invalidFieldValue(def.id, id);
      }
    }
    void where;
  }

  private isKnownTarget(target: string, id: string): boolean {
    // Targets the runtime does not model (standard lists such as terms) are not checked.
    if (this.schemas.forTarget(target).length === 0) return true;
    return this.find(target, id) !== undefined;
  }

  /**
   * Refuses a record whose external ID another record of its group already has. Oracle's "Shared Internal
   * and External IDs" (SuiteTalk guide, section_N3436356) says external IDs are unique across a record
   * group, not only a record type: a customer's external ID may not be used by any other entity, contacts
   * and employees included. The groups here are the ones whose internal IDs the runtime already shares
   * (entities, transactions, items; see sequenceOf); other records are their own group. Assumptions:
   * transactions and items form one group each (the guide's table is not quoted in the project's facts),
   * values compare exactly (case included), and the error is the one SOAP web services answer for it,
   * DUP_RCRD "This record already exists" — that SuiteScript's record.save throws the same is not
   * confirmed.
   */
  checkExternalId(schema: RecordSchema, data: RecordData): void {
    const value = data.fields.externalid;
    if (isEmpty(value)) return;
    for (const member of this.schemas.forTarget(sequenceOf(schema))) {
      for (const other of this.store.records.get(member.type)?.values() ?? []) {
        if (other.fields.externalid === value && !(member.type === schema.type && other.id === data.id)) {
          throw nsError('DUP_RCRD', 'This record already exists');
        }
      }
    }
  }

  /** Writes a prepared record; returns its internal id. */
  write(schema: RecordSchema, data: RecordData): string {
    this.checkExternalId(schema, data);
    const isNew = data.id === null;
    const now = this.now();
    if (isNew) {
      data.id = String(this.store.next(sequenceOf(schema)));
      if (schema.family === 'customrecord') data.fields.created = now;
      else if (schema.fields.has('createddate')) data.fields.createddate = now;
      else if (schema.fields.has('datecreated')) data.fields.datecreated = now;
      if (schema.family === 'transaction' && isEmpty(data.fields.tranid)) {
        const prefix = schema.type === 'salesorder' ? 'SO' : schema.type === 'estimate' ? 'EST' : 'T';
        data.fields.tranid = `${prefix}${1000 + this.store.next(`tranid:${schema.type}`)}`;
      }
    }
    if (schema.family === 'customrecord') data.fields.lastmodified = now;
    else if (schema.fields.has('lastmodifieddate')) data.fields.lastmodifieddate = now;
    for (const [sublistId, lines] of Object.entries(data.sublists)) {
      const hasKeys = schema.sublists.get(sublistId)?.has('lineuniquekey');
      for (const line of lines) {
        if (!hasKeys) continue;
        if (isEmpty(line.line)) line.line = String(data.nextLine++);
        if (isEmpty(line.lineuniquekey)) line.lineuniquekey = String(this.store.next('lineuniquekey'));
      }
    }
    data.version += 1;
    this.store.put(cloneData(data));
    return data.id as string;
  }
}

export function sequenceOf(schema: RecordSchema): string {
  return schema.family === 'transaction' || schema.family === 'entity' || schema.family === 'item'
    ? schema.family
    : schema.type;
}

function unknownField(where: string, fieldId: string) {
  return nsError(
    'INVALID_FIELD_ID',
    `Field "${fieldId}" is not on ${where} in the local runtime's schema (tools/netsuite-local/schema/standard.ts ` +
      `or the project's custom field objects). Assumption: NetSuite would ignore it silently; the runtime refuses it.`,
  );
}
