// N/record: create, load, copy, delete, submitFields, Type. Record.save goes through the host so that
// user events fire and governance is charged to the calling script.
import type * as N_record from 'N/record';
import { nsError } from '../errors';
import type { Execution } from '../execution';
import type { Host } from '../host';
import { LocalRecord } from '../record';
import type { RecordSchema } from '../schema';
import { withPromise, requireOptions } from './common';

type RecordModule = Pick<typeof N_record, 'create' | 'load' | 'copy' | 'delete' | 'submitFields'>;

/** record.Type: the types the runtime models (custom record types are used by their script id). */
export const RECORD_TYPE = {
  CONTACT: 'contact',
  CURRENCY: 'currency',
  CUSTOMER: 'customer',
  DESCRIPTION_ITEM: 'descriptionitem',
  DISCOUNT_ITEM: 'discountitem',
  EMPLOYEE: 'employee',
  ESTIMATE: 'estimate',
  INVENTORY_ITEM: 'inventoryitem',
  ITEM_GROUP: 'itemgroup',
  NON_INVENTORY_ITEM: 'noninventoryitem',
  PRICE_LEVEL: 'pricelevel',
  SALES_ORDER: 'salesorder',
  SERVICE_ITEM: 'serviceitem',
  SUBSIDIARY: 'subsidiary',
  SUBTOTAL_ITEM: 'subtotalitem',
} as const;

/** Governance per record kind [facts 2.2]: transaction / custom record / other. */
export function unitsFor(schema: RecordSchema, transaction: number, custom: number, other: number): number {
  return schema.governance === 'transaction'
    ? transaction
    : schema.governance === 'customrecord'
      ? custom
      : other;
}

export function createRecordModule(host: Host, exec: Execution) {
  const { db } = host;
  const newRecord = (schema: RecordSchema, data: LocalRecord['data'], isDynamic: boolean) =>
    new LocalRecord({
      db,
      schema,
      data,
      isDynamic,
      save: (rec, options) => host.saveRecord(exec, rec, options),
    });

  const applyDefaults = (rec: LocalRecord, defaults: Record<string, unknown> | undefined) => {
    for (const [fieldId, value] of Object.entries(defaults ?? {})) {
      db.setBody(rec.schema, rec.data, fieldId, value);
    }
  };

  const create = (options: N_record.RecordCreateOptions): N_record.Record => {
    requireOptions('record.create', options, 'type');
    const schema = db.schemas.require(options.type);
    exec.charge('record.create', unitsFor(schema, 10, 2, 5));
    const rec = newRecord(schema, db.newData(schema), Boolean(options.isDynamic));
    applyDefaults(rec, options.defaultValues);
    return rec as unknown as N_record.Record;
  };

  const load = (options: N_record.CopyLoadOptions): N_record.Record & { id: number } => {
    requireOptions('record.load', options, 'type', 'id');
    const schema = db.schemas.require(options.type);
    exec.charge('record.load', unitsFor(schema, 10, 2, 5));
    const rec = newRecord(schema, db.load(schema.type, options.id), Boolean(options.isDynamic));
    host.afterLoad(exec, rec);
    return rec as unknown as N_record.Record & { id: number };
  };

  const copy = (options: N_record.CopyLoadOptions): N_record.Record => {
    requireOptions('record.copy', options, 'type', 'id');
    const schema = db.schemas.require(options.type);
    exec.charge('record.copy', unitsFor(schema, 10, 2, 5));
    const data = db.load(schema.type, options.id);
    data.id = null;
    data.version = 0;
    data.nextLine = 1;
    for (const f of [
      'tranid',
      'createddate',
      'datecreated',
      'created',
      'lastmodifieddate',
      'lastmodified',
      'externalid',
    ]) {
      delete data.fields[f];
    }
    for (const lines of Object.values(data.sublists)) {
      for (const line of lines) {
        delete line.line;
        delete line.lineuniquekey;
      }
    }
    const rec = newRecord(schema, data, Boolean(options.isDynamic));
    applyDefaults(rec, options.defaultValues);
    return rec as unknown as N_record.Record;
  };

  const deleteRecord = (options: { type: string; id: string | number }): number => {
    requireOptions('record.delete', options, 'type', 'id');
    const schema = db.schemas.require(options.type);
    exec.charge('record.delete', unitsFor(schema, 20, 4, 10));
    return host.deleteRecord(exec, schema, String(options.id));
  };

  const submitFields = (options: N_record.SubmitFieldsOptions): number => {
    requireOptions('record.submitFields', options, 'type', 'id', 'values');
    const schema = db.schemas.require(options.type);
    exec.charge('record.submitFields', unitsFor(schema, 10, 2, 5));
    if (typeof options.values !== 'object')
      throw nsError('SSS_INVALID_TYPE_ARG', 'record.submitFields: values must be an object');
    return host.submitFields(
      exec,
      schema,
      String(options.id),
      options.values as Record<string, unknown>,
      options.options ?? {},
    );
  };

  const module: RecordModule = {
    create: withPromise(create),
    load: withPromise(load),
    copy: withPromise(copy),
    delete: withPromise(deleteRecord),
    submitFields: withPromise(submitFields),
  };
  return { ...module, Type: RECORD_TYPE };
}
