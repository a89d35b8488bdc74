// Describe results: /sobjects (describeGlobal), /sobjects/{S} (basic information) and
// /sobjects/{S}/describe, with the field properties a client reads (name, type, length, nillable,
// externalId, unique, createable, updateable, picklistValues, referenceTo, relationshipName).
import type { FieldDef, ObjectDef, Schema } from './schema';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  currency: 'xsd:double',
  double: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function describeField(f: FieldDef): Record<string, unknown> {
  const numeric = ['currency', 'double', 'percent', 'int'].includes(f.type);
  return {
    name: f.name,
    label: f.label,
    type: f.type,
    soapType: SOAP_TYPES[f.type] ?? 'xsd:string',
    length: numeric || f.type === 'boolean' || f.type.startsWith('date') ? 0 : (f.length ?? 0),
    precision: numeric && f.type !== 'int' ? (f.precision ?? 0) : 0,
    scale: numeric && f.type !== 'int' ? (f.scale ?? 0) : 0,
    digits: f.type === 'int' ? (f.precision ?? 9) : 0,
    nillable: f.nillable,
    createable: f.createable,
    updateable: f.updateable,
    defaultedOnCreate: f.defaultedOnCreate,
    defaultValue: f.defaultValue ?? null,
    calculated: f.calculated,
    custom: f.custom,
    externalId: f.externalId,
    unique: f.unique,
    caseSensitive: f.caseSensitive,
    idLookup: f.name === 'Id' || f.externalId,
    filterable: true,
    sortable: f.type !== 'textarea' || (f.length ?? 0) <= 255,
    referenceTo: f.referenceTo ? [f.referenceTo] : [],
    relationshipName: f.relationshipName ?? null,
    cascadeDelete: f.cascadeDelete,
    restrictedPicklist: f.restrictedPicklist,
    picklistValues: (f.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: value === f.defaultValue,
      label: value,
      validFor: null,
      value,
    })),
  };
}

function urls(o: ObjectDef, apiPrefix: string): Record<string, string> {
  const base = `${apiPrefix}/sobjects/${o.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

export function objectSummary(o: ObjectDef, apiPrefix: string): Record<string, unknown> {
  return {
    name: o.name,
    label: o.label,
    labelPlural: o.labelPlural,
    keyPrefix: o.keyPrefix,
    custom: o.custom,
    createable: !o.readOnly,
    updateable: !o.readOnly,
    deletable: !o.readOnly,
    queryable: true,
    retrieveable: true,
    searchable: !o.readOnly,
    urls: urls(o, apiPrefix),
  };
}

export function describeGlobal(schema: Schema, apiPrefix: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: schema.objects.map((o) => objectSummary(o, apiPrefix)),
  };
}

export function describeObject(schema: Schema, o: ObjectDef, apiPrefix: string): Record<string, unknown> {
  return {
    ...objectSummary(o, apiPrefix),
    fields: o.fields.map(describeField),
    childRelationships: schema.childRelationships(o),
  };
}
