// Record schemas of one project: the standard records of standard.ts with the project's custom fields
// added, plus one schema per custom record type; installed SuiteApps (suiteapps.ts) add theirs the same way.
import { nsError } from '../errors';
import type { ProjectModel } from '../project';
import type { SuiteAppSchema } from './suiteapps';
import type { FieldDef } from '../values';
import { CUSTOM_RECORD_FIELDS, STANDARD_RECORDS, type RecordFamily } from './standard';

export type GovernanceKind = 'transaction' | 'customrecord' | 'other';

export interface RecordSchema {
  type: string;
  label: string;
  family: RecordFamily | 'customrecord';
  governance: GovernanceKind;
  nameField: string;
  fields: Map<string, FieldDef>;
  sublists: Map<string, Map<string, FieldDef>>;
  typeCode?: string;
  optimisticLocking: boolean;
  /** Custom record types: numeric id used in URLs. */
  internalId?: number;
}

const byId = (defs: FieldDef[]): Map<string, FieldDef> => new Map(defs.map((d) => [d.id, { ...d }]));

export class Schemas {
  private readonly map = new Map<string, RecordSchema>();

  constructor(project: ProjectModel, suiteApps: readonly SuiteAppSchema[] = []) {
    for (const std of STANDARD_RECORDS) {
      this.map.set(std.type, {
        type: std.type,
        label: std.label,
        family: std.family,
        governance: std.family === 'transaction' ? 'transaction' : 'other',
        nameField: std.nameField,
        fields: byId(std.fields),
        sublists: new Map(Object.entries(std.sublists ?? {}).map(([id, defs]) => [id, byId(defs)])),
        typeCode: std.typeCode,
        optimisticLocking: true,
      });
    }
    // SuiteApp record types are numbered after the project's (assumption: real numbers are account specific).
    let nextInternalId = project.recordTypes.size;
    const recordTypes = [
      ...project.recordTypes.values(),
      ...suiteApps.flatMap((app) => app.recordTypes.map((t) => ({ ...t, internalId: ++nextInternalId }))),
    ];
    for (const t of recordTypes) {
      this.map.set(t.id, {
        type: t.id,
        label: t.name,
        family: 'customrecord',
        governance: 'customrecord',
        nameField: 'name',
        fields: byId([...CUSTOM_RECORD_FIELDS, ...t.fields]),
        sublists: new Map(),
        optimisticLocking: t.optimisticLocking,
        internalId: t.internalId,
      });
    }
    for (const cf of [...project.customFields, ...suiteApps.flatMap((app) => app.customFields)]) {
      for (const type of cf.appliesTo) {
        const schema = this.map.get(type);
        if (!schema) continue;
        const target = cf.sublist ? schema.sublists.get(cf.sublist) : schema.fields;
        target?.set(cf.def.id, { ...cf.def });
      }
    }
  }

  get(type: string): RecordSchema | undefined {
    return this.map.get(String(type).toLowerCase());
  }

  require(type: unknown): RecordSchema {
    const schema = typeof type === 'string' ? this.get(type) : undefined;
    if (!schema) {
      throw nsError('INVALID_RCRD_TYPE', `The record type [${String(type).toUpperCase()}] is invalid.`);
    }
    return schema;
  }

  all(): RecordSchema[] {
    return [...this.map.values()];
  }

  ofFamily(family: string): RecordSchema[] {
    return this.all().filter((s) => s.family === family);
  }

  /** Schemas a select target names: 'item' and 'transaction' cover their whole family, 'entity' too. */
  forTarget(target: string): RecordSchema[] {
    if (target === 'item' || target === 'transaction' || target === 'entity') return this.ofFamily(target);
    const one = this.get(target);
    return one ? [one] : [];
  }
}
