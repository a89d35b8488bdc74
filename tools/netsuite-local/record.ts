// A record object as N/record hands it to scripts: body fields, sublists, standard and dynamic mode.
import type * as N_record from 'N/record';
import type { Db } from './db';
import { missingArgument, nsError, invalidFieldValue } from './errors';
import { recalcTransaction } from './lines';
import type { RecordSchema } from './schema';
import { cloneData, type Line, type RecordData } from './store';
import {
  cloneValue,
  formatDate,
  formatDateTime,
  isEmpty,
  parseDateText,
  readValue,
  type FieldDef,
  type StoredValue,
  isDate,
} from './values';
import type { SaveOptions } from './host';

type NsRecord = N_record.Record;

/** The methods of N/record's Record that the local runtime implements, checked against the published types. */
export type ImplementedRecord = Pick<
  NsRecord,
  | 'getValue'
  | 'setValue'
  | 'getText'
  | 'setText'
  | 'getFields'
  | 'getSublists'
  | 'getSublistFields'
  | 'getLineCount'
  | 'getSublistValue'
  | 'setSublistValue'
  | 'getSublistText'
  | 'setSublistText'
  | 'insertLine'
  | 'removeLine'
  | 'findSublistLineWithValue'
  | 'selectNewLine'
  | 'selectLine'
  | 'setCurrentSublistValue'
  | 'setCurrentSublistText'
  | 'getCurrentSublistValue'
  | 'getCurrentSublistText'
  | 'getCurrentSublistIndex'
  | 'commitLine'
  | 'cancelLine'
  | 'isDynamic'
  | 'isNew'
  | 'isReadOnly'
  | 'id'
  | 'type'
>;

export interface LocalRecordInit {
  db: Db;
  schema: RecordSchema;
  data: RecordData;
  isDynamic?: boolean;
  readOnly?: boolean;
  /** xedit newRecord: only these fields are on the record. */
  partialFields?: Set<string>;
  save?: (record: LocalRecord, options: SaveOptions) => number;
}

type FieldArg = { fieldId: string } | string;
const fieldIdOf = (api: string, o: FieldArg): string => {
  const id = typeof o === 'string' ? o : o?.fieldId;
  if (!id) throw missingArgument(api, 'fieldId');
  return id;
};

interface Current {
  index: number;
  line: Line;
  isNew: boolean;
}

export class LocalRecord implements ImplementedRecord {
  readonly schema: RecordSchema;
  readonly data: RecordData;
  isDynamic: boolean;
  private readonly db: Db;
  private readonly readOnlyRecord: boolean;
  private readonly partialFields?: Set<string>;
  private readonly saver?: LocalRecordInit['save'];
  private readonly currents = new Map<string, Current>();
  /** Version of the stored record this object was loaded from (optimistic locking). */
  loadedVersion: number;

  constructor(init: LocalRecordInit) {
    this.db = init.db;
    this.schema = init.schema;
    this.data = init.data;
    this.isDynamic = init.isDynamic ?? false;
    this.readOnlyRecord = init.readOnly ?? false;
    this.partialFields = init.partialFields;
    this.saver = init.save;
    this.loadedVersion = init.data.version;
  }

  get id(): number | null {
    return this.data.id === null ? null : Number(this.data.id);
  }

  get type(): NsRecord['type'] {
    return this.schema.type as NsRecord['type'];
  }

  get isNew(): boolean {
    return this.data.id === null;
  }

  get isReadOnly(): boolean {
    return this.readOnlyRecord;
  }

  private writable(): void {
    if (this.readOnlyRecord) {
      // Assumption: NetSuite ignores writes to a read-only record; the runtime refuses them so they are seen.
      throw nsError(
        'SSS_INVALID_API_USAGE',
        `This ${this.schema.type} record is read-only here (e.g. afterSubmit newRecord).`,
      );
    }
  }

  // ---- body fields ------------------------------------------------------------------------------

  getValue(o: FieldArg): StoredValue {
    const fieldId = fieldIdOf('Record.getValue', o);
    if (fieldId === 'id') return this.data.id ?? '';
    if (fieldId === 'type' || fieldId === 'recordtype') return this.schema.type;
    const def = this.db.bodyField(this.schema, fieldId);
    if (this.partialFields && !this.partialFields.has(fieldId)) return readValue(def, undefined);
    return readValue(def, this.data.fields[fieldId]);
  }

  setValue(o: N_record.SetValueOptions | string, value?: N_record.FieldValue): NsRecord {
    this.writable();
    const fieldId = fieldIdOf('Record.setValue', o);
    const v = typeof o === 'string' ? value : o.value;
    this.db.setBody(this.schema, this.data, fieldId, v);
    this.partialFields?.add(fieldId);
    return this as unknown as NsRecord;
  }

  getText(o: FieldArg): string | string[] {
    const fieldId = fieldIdOf('Record.getText', o);
    if (fieldId === 'id') return this.data.id ?? '';
    const def = this.db.bodyField(this.schema, fieldId);
    const value =
      this.partialFields && !this.partialFields.has(fieldId) ? undefined : this.data.fields[fieldId];
    return textFor(this.db, def, value);
  }

  setText(o: { fieldId: string; text: string | string[] } | string, text?: string): NsRecord {
    this.writable();
    const fieldId = fieldIdOf('Record.setText', o);
    const t = typeof o === 'string' ? text : o.text;
    const def = this.db.bodyField(this.schema, fieldId);
    this.db.setBody(this.schema, this.data, fieldId, valueFromText(this.db, def, t));
    this.partialFields?.add(fieldId);
    return this as unknown as NsRecord;
  }

  getFields(): string[] {
    if (this.partialFields) return [...this.partialFields];
    return [...this.schema.fields.keys()];
  }

  getField(o: { fieldId: string }): Record<string, unknown> | null {
    const def = this.schema.fields.get(fieldIdOf('Record.getField', o));
    return def ? fieldInfo(def, '') : null;
  }

  getSublists(): string[] {
    return [...this.schema.sublists.keys()];
  }

  getSublistFields(o: { sublistId: string }): string[] {
    return [...this.db.sublist(this.schema, this.sublistIdOf('Record.getSublistFields', o)).keys()];
  }

  // ---- sublists, standard mode -------------------------------------------------------------------

  private sublistIdOf(api: string, o: { sublistId: string }): string {
    if (!o?.sublistId) throw missingArgument(api, 'sublistId');
    return o.sublistId;
  }

  private lines(sublistId: string): Line[] {
    this.db.sublist(this.schema, sublistId);
    if (!this.data.sublists[sublistId]) this.data.sublists[sublistId] = [];
    return this.data.sublists[sublistId] as Line[];
  }

  private lineAt(sublistId: string, line: number): Line {
    const lines = this.lines(sublistId);
    if (!Number.isInteger(line) || line < 0 || line >= lines.length) {
      throw nsError(
        'SSS_INVALID_SUBLIST_OPERATION',
        `Line ${line} is out of range for sublist ${sublistId} (${lines.length} lines).`,
      );
    }
    return lines[line] as Line;
  }

  getLineCount(o: { sublistId: string }): number {
    const sublistId = this.sublistIdOf('Record.getLineCount', o);
    if (!this.schema.sublists.has(sublistId)) return -1; // NetSuite answers -1 for an unknown sublist
    return this.lines(sublistId).length;
  }

  getSublistValue(o: { sublistId: string; fieldId: string; line: number }): StoredValue {
    const def = this.db.lineField(this.schema, this.sublistIdOf('Record.getSublistValue', o), o.fieldId);
    return readValue(def, this.lineAt(o.sublistId, o.line)[o.fieldId]);
  }

  getSublistText(o: { sublistId: string; fieldId: string; line: number }): string {
    const def = this.db.lineField(this.schema, this.sublistIdOf('Record.getSublistText', o), o.fieldId);
    const text = textFor(this.db, def, this.lineAt(o.sublistId, o.line)[o.fieldId]);
    return Array.isArray(text) ? text.join(',') : text;
  }

  setSublistValue(o: {
    sublistId: string;
    fieldId: string;
    line: number;
    value: N_record.FieldValue;
  }): NsRecord {
    this.writable();
    const sublistId = this.sublistIdOf('Record.setSublistValue', o);
    this.standardOnly('setSublistValue');
    const lines = this.lines(sublistId);
    if (o.line === lines.length) lines.push({});
    this.db.setLine(this.schema, sublistId, this.lineAt(sublistId, o.line), o.fieldId, o.value);
    return this as unknown as NsRecord;
  }

  setSublistText(o: { sublistId: string; fieldId: string; line: number; text: string }): NsRecord {
    const def = this.db.lineField(this.schema, this.sublistIdOf('Record.setSublistText', o), o.fieldId);
    return this.setSublistValue({ ...o, value: valueFromText(this.db, def, o.text) as N_record.FieldValue });
  }

  insertLine(o: { sublistId: string; line: number }): NsRecord {
    this.writable();
    const sublistId = this.sublistIdOf('Record.insertLine', o);
    const lines = this.lines(sublistId);
    if (!Number.isInteger(o.line) || o.line < 0 || o.line > lines.length) {
      throw nsError(
        'SSS_INVALID_SUBLIST_OPERATION',
        `Cannot insert at line ${o.line} of ${sublistId} (${lines.length} lines).`,
      );
    }
    if (this.isDynamic) {
      this.currents.set(sublistId, { index: o.line, line: {}, isNew: true });
    } else {
      lines.splice(o.line, 0, {});
    }
    return this as unknown as NsRecord;
  }

  removeLine(o: { sublistId: string; line: number }): NsRecord {
    this.writable();
    const sublistId = this.sublistIdOf('Record.removeLine', o);
    this.lineAt(sublistId, o.line);
    this.lines(sublistId).splice(o.line, 1);
    this.currents.delete(sublistId);
    this.recalcIfDynamic();
    return this as unknown as NsRecord;
  }

  findSublistLineWithValue(o: { sublistId: string; fieldId: string; value: N_record.FieldValue }): number {
    const sublistId = this.sublistIdOf('Record.findSublistLineWithValue', o);
    this.db.lineField(this.schema, sublistId, o.fieldId);
    const wanted = isDate(o.value) ? o.value.getTime() : String(o.value);
    return this.lines(sublistId).findIndex((l) => {
      const v = l[o.fieldId];
      return isDate(v) ? v.getTime() === wanted : !isEmpty(v) && String(v) === wanted;
    });
  }

  // ---- sublists, dynamic mode ----------------------------------------------------------------------

  private standardOnly(api: string): void {
    if (this.isDynamic) {
      throw nsError(
        'SSS_INVALID_SUBLIST_OPERATION',
        `${api} is for standard mode; a dynamic record uses selectLine/setCurrentSublistValue/commitLine.`,
      );
    }
  }

  private dynamicOnly(api: string): void {
    // Assumption: the current-line APIs are refused in standard mode.
    if (!this.isDynamic) {
      throw nsError(
        'SSS_INVALID_SUBLIST_OPERATION',
        `${api} needs a record in dynamic mode (isDynamic: true).`,
      );
    }
  }

  private current(sublistId: string): Current {
    let c = this.currents.get(sublistId);
    if (!c) {
      c = { index: this.lines(sublistId).length, line: {}, isNew: true };
      this.currents.set(sublistId, c);
    }
    return c;
  }

  selectNewLine(o: { sublistId: string }): NsRecord {
    this.writable();
    const sublistId = this.sublistIdOf('Record.selectNewLine', o);
    this.dynamicOnly('selectNewLine');
    this.currents.set(sublistId, { index: this.lines(sublistId).length, line: {}, isNew: true });
    return this as unknown as NsRecord;
  }

  selectLine(o: { sublistId: string; line: number }): NsRecord {
    const sublistId = this.sublistIdOf('Record.selectLine', o);
    this.dynamicOnly('selectLine');
    this.currents.set(sublistId, {
      index: o.line,
      line: cloneValue(this.lineAt(sublistId, o.line)),
      isNew: false,
    });
    return this as unknown as NsRecord;
  }

  setCurrentSublistValue(o: { sublistId: string; fieldId: string; value: N_record.FieldValue }): NsRecord {
    this.writable();
    const sublistId = this.sublistIdOf('Record.setCurrentSublistValue', o);
    this.dynamicOnly('setCurrentSublistValue');
    this.db.setLine(this.schema, sublistId, this.current(sublistId).line, o.fieldId, o.value);
    return this as unknown as NsRecord;
  }

  setCurrentSublistText(o: { sublistId: string; fieldId: string; text: string | string[] }): NsRecord {
    const def = this.db.lineField(
      this.schema,
      this.sublistIdOf('Record.setCurrentSublistText', o),
      o.fieldId,
    );
    return this.setCurrentSublistValue({
      ...o,
      value: valueFromText(this.db, def, o.text) as N_record.FieldValue,
    });
  }

  getCurrentSublistValue(o: { sublistId: string; fieldId: string }): StoredValue {
    const sublistId = this.sublistIdOf('Record.getCurrentSublistValue', o);
    this.dynamicOnly('getCurrentSublistValue');
    const def = this.db.lineField(this.schema, sublistId, o.fieldId);
    return readValue(def, this.currents.get(sublistId)?.line[o.fieldId]);
  }

  getCurrentSublistText(o: { sublistId: string; fieldId: string }): string {
    const sublistId = this.sublistIdOf('Record.getCurrentSublistText', o);
    this.dynamicOnly('getCurrentSublistText');
    const def = this.db.lineField(this.schema, sublistId, o.fieldId);
    const text = textFor(this.db, def, this.currents.get(sublistId)?.line[o.fieldId]);
    return Array.isArray(text) ? text.join(',') : text;
  }

  getCurrentSublistIndex(o: { sublistId: string }): number {
    const sublistId = this.sublistIdOf('Record.getCurrentSublistIndex', o);
    return this.currents.get(sublistId)?.index ?? this.lines(sublistId).length;
  }

  commitLine(o: { sublistId: string }): NsRecord {
    this.writable();
    const sublistId = this.sublistIdOf('Record.commitLine', o);
    this.dynamicOnly('commitLine');
    const c = this.current(sublistId);
    const missing = [...this.db.sublist(this.schema, sublistId).values()]
      .filter((d) => d.required && isEmpty(c.line[d.id]))
      .map((d) => d.label);
    if (missing.length > 0) throw nsError('USER_ERROR', `Please enter value(s) for: ${missing.join(', ')}`);
    const lines = this.lines(sublistId);
    if (c.isNew) lines.splice(c.index, 0, c.line);
    else lines[c.index] = c.line;
    this.currents.delete(sublistId);
    this.recalcIfDynamic();
    return this as unknown as NsRecord;
  }

  cancelLine(o: { sublistId: string }): NsRecord {
    this.currents.delete(this.sublistIdOf('Record.cancelLine', o));
    return this as unknown as NsRecord;
  }

  private recalcIfDynamic(): void {
    if (this.isDynamic && this.schema.family === 'transaction')
      recalcTransaction(this.db, this.schema, this.data);
  }

  // ---- saving and printing ------------------------------------------------------------------------

  save(options: SaveOptions = {}): number {
    if (!this.saver)
      throw nsError(
        'SSS_INVALID_API_USAGE',
        'This record cannot be saved from here (e.g. a user event context record).',
      );
    return this.saver(this, options ?? {});
  }

  /** Data for a save: uncommitted current lines are dropped, as NetSuite does (assumption). */
  snapshot(): RecordData {
    return cloneData(this.data);
  }

  toJSON(): N_record.RecordToJSONReturnValue {
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.data.fields)) {
      if (this.partialFields && !this.partialFields.has(k)) continue;
      if (!isEmpty(v)) fields[k] = plain(v);
    }
    const sublists: Record<string, Record<string, Record<string, string>>> = {};
    for (const [id, lines] of Object.entries(this.data.sublists)) {
      sublists[id] = Object.fromEntries(
        lines.map((l, i) => [
          `line ${i + 1}`,
          Object.fromEntries(Object.entries(l).map(([k, v]) => [k, plain(v)])),
        ]),
      );
    }
    return { id: this.data.id ?? '', type: this.schema.type, isDynamic: this.isDynamic, fields, sublists };
  }

  toString(): string {
    return 'standard record';
  }
}

function plain(v: StoredValue): string {
  if (isDate(v)) return formatDate(v);
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  return v === null ? '' : String(v);
}

function fieldInfo(def: FieldDef, sublistId: string): Record<string, unknown> {
  return {
    id: def.id,
    label: def.label,
    type: def.type,
    isMandatory: Boolean(def.required || def.customMandatory),
    isDisabled: false,
    isDisplay: true,
    isReadOnly: Boolean(def.readOnly),
    sublistId,
  };
}

export function textFor(db: Db, def: FieldDef, value: unknown): string | string[] {
  if (def.type === 'multiselect') return Array.isArray(value) ? value.map((v) => db.textOf(def, v)) : [];
  if (def.type === 'checkbox') return value === true ? 'T' : 'F';
  if (isDate(value)) return def.type === 'date' ? formatDate(value) : formatDateTime(value);
  return db.textOf(def, value);
}

export function valueFromText(db: Db, def: FieldDef, text: unknown): unknown {
  if (text === null || text === undefined || text === '') return null;
  if (def.type === 'multiselect') {
    const list = Array.isArray(text) ? text : String(text).split(',');
    return list.map((t) => db.valueForText(def, String(t)));
  }
  const t = String(text);
  switch (def.type) {
    case 'select':
      return db.valueForText(def, t);
    case 'checkbox':
      if (t !== 'T' && t !== 'F') throw invalidFieldValue(def.id, t);
      return t === 'T';
    case 'date':
    case 'datetime': {
      const d = parseDateText(t);
      if (!d) throw invalidFieldValue(def.id, t);
      return d;
    }
    default:
      return t;
  }
}
