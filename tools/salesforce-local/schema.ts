// The org's schema: the built-in standard objects (standard-objects.ts) plus the project's own metadata in
// salesforce/force-app (custom fields on standard objects, custom objects), read from the same
// *.field-meta.xml / *.object-meta.xml files that `sf project deploy start` deploys.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { standardObjects, type StandardObjectOptions } from './standard-objects';

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'boolean'
  | 'currency'
  | 'double'
  | 'percent'
  | 'int'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'url'
  | 'email'
  | 'phone';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length?: number;
  precision?: number;
  scale?: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  /** Salesforce fills the field when a create leaves it out (describe's defaultedOnCreate). */
  defaultedOnCreate: boolean;
  defaultValue?: unknown;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  custom: boolean;
  /** Computed by the org (formula-like); never accepted in a request body. */
  calculated: boolean;
  referenceTo?: string;
  /** Name of the parent relationship used in SOQL and in bodies (Account, Contract__r). */
  relationshipName?: string;
  /** Name of the child relationship on the parent (Contacts, Contract_Items__r). */
  childRelationshipName?: string;
  /** Deleting the parent deletes this record too (master-detail and the standard cascades). */
  cascadeDelete: boolean;
  picklistValues?: string[];
  restrictedPicklist: boolean;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  /** Rows exist but the API cannot write them (OpportunityStage, User). */
  readOnly: boolean;
  fields: FieldDef[];
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string;
  cascadeDelete: boolean;
}

export class Schema {
  readonly objects: ObjectDef[];
  private readonly byName = new Map<string, ObjectDef>();
  private readonly byPrefix = new Map<string, ObjectDef>();
  private readonly fieldIndex = new Map<ObjectDef, Map<string, FieldDef>>();
  private readonly relIndex = new Map<ObjectDef, Map<string, FieldDef>>();

  constructor(objects: ObjectDef[]) {
    this.objects = objects;
    for (const o of objects) {
      this.byName.set(o.name.toLowerCase(), o);
      this.byPrefix.set(o.keyPrefix, o);
      const fields = new Map<string, FieldDef>();
      const rels = new Map<string, FieldDef>();
      for (const f of o.fields) {
        fields.set(f.name.toLowerCase(), f);
        if (f.relationshipName) rels.set(f.relationshipName.toLowerCase(), f);
      }
      this.fieldIndex.set(o, fields);
      this.relIndex.set(o, rels);
    }
  }

  object(name: string): ObjectDef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  objectByPrefix(prefix: string): ObjectDef | undefined {
    return this.byPrefix.get(prefix);
  }

  field(o: ObjectDef, name: string): FieldDef | undefined {
    return this.fieldIndex.get(o)?.get(name.toLowerCase());
  }

  /** The reference field whose parent relationship has this name (Account → AccountId). */
  relationship(o: ObjectDef, name: string): FieldDef | undefined {
    return this.relIndex.get(o)?.get(name.toLowerCase());
  }

  childRelationships(o: ObjectDef): ChildRelationship[] {
    const out: ChildRelationship[] = [];
    for (const child of this.objects) {
      for (const f of child.fields) {
        if (f.type === 'reference' && f.referenceTo === o.name && f.childRelationshipName) {
          out.push({
            childSObject: child.name,
            field: f.name,
            relationshipName: f.childRelationshipName,
            cascadeDelete: f.cascadeDelete,
          });
        }
      }
    }
    return out;
  }

  childRelationship(o: ObjectDef, name: string): ChildRelationship | undefined {
    const lower = name.toLowerCase();
    return this.childRelationships(o).find((r) => r.relationshipName.toLowerCase() === lower);
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading salesforce/force-app metadata

type Xml = Record<string, unknown>;

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

function readXml(file: string, root: string): Xml {
  const doc = parser.parse(fs.readFileSync(file, 'utf8')) as Xml;
  const node = doc[root];
  if (!node || typeof node !== 'object') throw new Error(`${file}: no <${root}> element`);
  return node as Xml;
}

const text = (node: Xml, key: string): string | undefined => {
  const v = node[key];
  return v === undefined || v === '' ? undefined : String(v);
};
const bool = (node: Xml, key: string): boolean => text(node, key) === 'true';
const num = (node: Xml, key: string): number | undefined => {
  const v = text(node, key);
  return v === undefined ? undefined : Number(v);
};

function picklistValues(node: Xml): { values: string[]; restricted: boolean } {
  const valueSet = (node.valueSet ?? {}) as Xml;
  const definition = (valueSet.valueSetDefinition ?? {}) as Xml;
  const raw = definition.value;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Xml[];
  return { values: list.map((v) => String(v.fullName)), restricted: bool(valueSet, 'restricted') };
}

/** Maps one CustomField to the describe-style definition. */
export function fieldFromMetadata(node: Xml, file: string): FieldDef {
  const name = text(node, 'fullName');
  const type = text(node, 'type');
  if (!name || !type) throw new Error(`${file}: fullName and type are required`);
  const base: FieldDef = {
    name,
    label: text(node, 'label') ?? name,
    type: 'string',
    createable: true,
    updateable: true,
    nillable: !bool(node, 'required'),
    defaultedOnCreate: false,
    externalId: bool(node, 'externalId'),
    unique: bool(node, 'unique'),
    caseSensitive: bool(node, 'caseSensitive'),
    custom: true,
    calculated: false,
    cascadeDelete: false,
    restrictedPicklist: false,
  };
  switch (type) {
    case 'Text':
      return { ...base, type: 'string', length: num(node, 'length') ?? 255 };
    case 'TextArea':
      return { ...base, type: 'textarea', length: 255 };
    case 'LongTextArea':
      return { ...base, type: 'textarea', length: num(node, 'length') ?? 32768 };
    case 'Email':
      return { ...base, type: 'email', length: 80 };
    case 'Phone':
      return { ...base, type: 'phone', length: 40 };
    case 'Url':
      return { ...base, type: 'url', length: 255 };
    case 'Checkbox':
      return {
        ...base,
        type: 'boolean',
        nillable: false,
        defaultedOnCreate: true,
        defaultValue: text(node, 'defaultValue') === 'true',
      };
    case 'Currency':
    case 'Number':
    case 'Percent':
      return {
        ...base,
        type: type === 'Currency' ? 'currency' : type === 'Percent' ? 'percent' : 'double',
        precision: num(node, 'precision') ?? 18,
        scale: num(node, 'scale') ?? 0,
      };
    case 'Date':
      return { ...base, type: 'date' };
    case 'DateTime':
      return { ...base, type: 'datetime' };
    case 'Picklist': {
      const { values, restricted } = picklistValues(node);
      return {
        ...base,
        type: 'picklist',
        length: 255,
        picklistValues: values,
        restrictedPicklist: restricted,
      };
    }
    case 'Lookup':
    case 'MasterDetail': {
      const referenceTo = text(node, 'referenceTo');
      if (!referenceTo) throw new Error(`${file}: referenceTo is required on a ${type} field`);
      const master = type === 'MasterDetail';
      const childName = text(node, 'relationshipName');
      return {
        ...base,
        type: 'reference',
        length: 18,
        referenceTo,
        relationshipName: name.replace(/__c$/, '__r'),
        childRelationshipName: childName ? `${childName}__r` : undefined,
        nillable: master ? false : base.nillable,
        updateable: master ? bool(node, 'reparentableMasterDetail') : true,
        cascadeDelete: master,
      };
    }
    default:
      throw new Error(`${file}: field type ${type} is not modelled by the local org`);
  }
}

function customObjectFromMetadata(name: string, node: Xml, keyPrefix: string): ObjectDef {
  const label = text(node, 'label') ?? name;
  const nameField = (node.nameField ?? {}) as Xml;
  const autoNumber = text(nameField, 'type') === 'AutoNumber';
  const nameDef: FieldDef = {
    name: 'Name',
    label: text(nameField, 'label') ?? `${label} Name`,
    type: 'string',
    length: 80,
    createable: !autoNumber,
    updateable: !autoNumber,
    nillable: false,
    defaultedOnCreate: autoNumber,
    externalId: false,
    unique: false,
    caseSensitive: false,
    custom: false,
    calculated: autoNumber,
    cascadeDelete: false,
    restrictedPicklist: false,
  };
  return {
    name,
    label,
    labelPlural: text(node, 'pluralLabel') ?? `${label}s`,
    keyPrefix,
    custom: true,
    readOnly: false,
    fields: [nameDef],
  };
}

const CUSTOM_PREFIXES = 'XYZ0123456789ABCDEFGHIJKLMNOPQRSTUVW';

/** Loads the standard objects and the metadata of `<projectDir>/salesforce` (if present). */
export function loadSchema(projectDir: string, options: StandardObjectOptions = {}): Schema {
  const objects = standardObjects(options);
  const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
  const objectsDir = path.join(projectDir, 'salesforce', 'force-app', 'main', 'default', 'objects');
  const dirs = fs.existsSync(objectsDir) ? fs.readdirSync(objectsDir).sort() : [];
  let customCount = 0;
  for (const dir of dirs) {
    const objectFile = path.join(objectsDir, dir, `${dir}.object-meta.xml`);
    let target = byName.get(dir.toLowerCase());
    if (!target && dir.endsWith('__c')) {
      if (!fs.existsSync(objectFile)) throw new Error(`${objectFile} is missing for custom object ${dir}`);
      // Custom objects get prefixes a0X, a0Y, ... in name order (real orgs allocate a0*, a1*, ...).
      const prefix = `a0${CUSTOM_PREFIXES.charAt(customCount++)}`;
      target = customObjectFromMetadata(dir, readXml(objectFile, 'CustomObject'), prefix);
      objects.push(target);
      byName.set(dir.toLowerCase(), target);
    }
    if (!target) {
      process.stderr.write(`salesforce-local: no built-in definition of ${dir}; its metadata is ignored\n`);
      continue;
    }
    const fieldsDir = path.join(objectsDir, dir, 'fields');
    if (!fs.existsSync(fieldsDir)) continue;
    for (const file of fs.readdirSync(fieldsDir).sort()) {
      if (!file.endsWith('.field-meta.xml')) continue;
      const full = path.join(fieldsDir, file);
      const def = fieldFromMetadata(readXml(full, 'CustomField'), full);
      target.fields = target.fields
        .filter((f) => f.name.toLowerCase() !== def.name.toLowerCase())
        .concat(def);
    }
  }
  return new Schema(objects.map(withSystemFields));
}

function systemField(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    name,
    label: name.replace(/([a-z])([A-Z])/g, '$1 $2'),
    type,
    createable: false,
    updateable: false,
    nillable: false,
    defaultedOnCreate: true,
    externalId: false,
    unique: false,
    caseSensitive: false,
    custom: false,
    calculated: false,
    cascadeDelete: false,
    restrictedPicklist: false,
    ...extra,
  };
}

/** Id, IsDeleted and the audit fields every object has, in front of its own fields. */
function withSystemFields(o: ObjectDef): ObjectDef {
  const user = { referenceTo: 'User', length: 18 };
  const system = [
    systemField('Id', 'id', { length: 18, label: `${o.label} ID` }),
    systemField('IsDeleted', 'boolean'),
    systemField('CreatedDate', 'datetime'),
    systemField('CreatedById', 'reference', { ...user, relationshipName: 'CreatedBy' }),
    systemField('LastModifiedDate', 'datetime'),
    systemField('LastModifiedById', 'reference', { ...user, relationshipName: 'LastModifiedBy' }),
    systemField('SystemModstamp', 'datetime'),
  ];
  const own = o.fields.filter((f) => !system.some((s) => s.name === f.name));
  return { ...o, fields: [...system, ...own] };
}
