// Reads the SDF project the way a deploy would: every object under src/Objects (custom fields, custom
// record types, custom lists, scripts with their parameters and deployments, secrets) and the manifest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { FieldDef, FieldType } from './values';

export type ScriptType = 'usereventscript' | 'restlet' | 'suitelet' | 'scheduledscript' | 'mapreducescript';
export const SCRIPT_TYPES: readonly ScriptType[] = [
  'usereventscript',
  'restlet',
  'suitelet',
  'scheduledscript',
  'mapreducescript',
];

export interface CustomFieldDef {
  objectType: string;
  def: FieldDef;
  /** Record types the field is on (body fields) or whose `item` sublist it is on (column fields). */
  appliesTo: string[];
  sublist?: string;
}

export interface CustomRecordTypeDef {
  id: string;
  internalId: number;
  name: string;
  fields: FieldDef[];
  optimisticLocking: boolean;
}

export interface CustomListDef {
  id: string;
  name: string;
  /** Internal ids are assigned 1..n in document order (assumption: real ids are account specific). */
  values: Array<{ internalId: string; scriptId: string; text: string; inactive: boolean }>;
}

export interface DeploymentDef {
  id: string;
  internalId: number;
  status: string;
  isDeployed: boolean;
  title: string;
  logLevel: string;
  /** User events: lower-case record type ('salesorder', 'customrecord_x'). */
  recordType?: string;
  /** User events: single event type filter (upper case), empty = all. */
  eventType?: string;
  /** User events: execution context filter (upper case values), empty = all. */
  executionContexts?: string[];
}

export interface ScriptDef {
  id: string;
  internalId: number;
  type: ScriptType;
  name: string;
  fileRef: string;
  file: string;
  inactive: boolean;
  params: Array<FieldDef & { setting?: string }>;
  deployments: DeploymentDef[];
}

export interface ProjectModel {
  dir: string;
  customFields: CustomFieldDef[];
  recordTypes: Map<string, CustomRecordTypeDef>;
  lists: Map<string, CustomListDef>;
  scripts: Map<string, ScriptDef>;
  secrets: string[];
  features: string[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) =>
    ['scriptdeployment', 'customrecordcustomfield', 'customvalue', 'scriptcustomfield', 'feature'].includes(
      name,
    ),
});

function text(node: unknown, key: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as Node)[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') {
    const inner = (value as Node)['#text'];
    return inner === undefined ? '' : String(inner);
  }
  return String(value);
}

const flag = (node: unknown, key: string, fallback: boolean): boolean => {
  const v = text(node, key);
  return v === undefined || v === '' ? fallback : v.toUpperCase() === 'T';
};

const list = (node: unknown, group: string, item: string): Node[] => {
  const g = node && typeof node === 'object' ? (node as Node)[group] : undefined;
  const items = g && typeof g === 'object' ? (g as Node)[item] : undefined;
  return Array.isArray(items) ? (items as Node[]) : [];
};

const FIELD_TYPES: Record<string, FieldType> = {
  CHECKBOX: 'checkbox',
  CLOBTEXT: 'clobtext',
  CURRENCY: 'currency',
  DATE: 'date',
  DATETIMETZ: 'datetime',
  DOCUMENT: 'select',
  EMAIL: 'email',
  FLOAT: 'float',
  HELP: 'text',
  IMAGE: 'select',
  INLINEHTML: 'textarea',
  INTEGER: 'integer',
  MULTISELECT: 'multiselect',
  PASSWORD: 'text',
  PERCENT: 'percent',
  PHONE: 'phone',
  RICHTEXT: 'textarea',
  SELECT: 'select',
  TEXT: 'text',
  TEXTAREA: 'textarea',
  TIMEOFDAY: 'timeofday',
  URL: 'url',
};

// Standard lists referenced by negative selectrecordtype values. -2/-10/-117 are documented in SDF samples;
// -4 employee, -30 transaction and -122 currency are seen in public projects only (assumption).
const STANDARD_LISTS: Record<string, string> = {
  '-2': 'customer',
  '-4': 'employee',
  '-10': 'item',
  '-30': 'transaction',
  '-117': 'subsidiary',
  '-122': 'currency',
};

// Assumption: a custom field's default maximum length is NetSuite's type limit (text 300, text area 4,000,
// long text 1,000,000; rich text 100,000).
const DEFAULT_MAX: Partial<Record<FieldType, number>> = {
  text: 300,
  textarea: 4000,
  clobtext: 1000000,
  url: 2000,
};

export function refId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^\[scriptid=([^\]]+)\]$/.exec(value.trim());
  return m ? m[1] : value.trim();
}

function fieldDef(id: string, node: Node, file: string): FieldDef {
  const fieldtype = (text(node, 'fieldtype') ?? 'TEXT').toUpperCase();
  const type = FIELD_TYPES[fieldtype];
  if (!type) throw new Error(`${file}: field ${id} has unknown fieldtype ${fieldtype}`);
  const def: FieldDef = { id, label: text(node, 'label') ?? id, type, custom: true };
  const select = text(node, 'selectrecordtype');
  if (select) {
    const ref = refId(select) ?? '';
    def.target = STANDARD_LISTS[ref] ?? (ref.startsWith('-') ? undefined : ref.split('.')[0]);
  }
  const max = text(node, 'maxlength');
  def.maxLength = max ? Number(max) : DEFAULT_MAX[type];
  if (flag(node, 'ismandatory', false)) def.customMandatory = true;
  if (type === 'checkbox') def.defaultValue = flag(node, 'defaultchecked', false);
  else if (text(node, 'defaultvalue')) def.defaultValue = text(node, 'defaultvalue');
  return def;
}

const BODY_APPLIES: Record<string, string[]> = { bodysale: ['salesorder', 'estimate'] };
const COLUMN_APPLIES: Record<string, string[]> = { colsale: ['salesorder', 'estimate'] };
const ENTITY_APPLIES: Record<string, string[]> = {
  appliestocustomer: ['customer'],
  appliestocontact: ['contact'],
  appliestoemployee: ['employee'],
};
const ITEM_APPLIES: Record<string, string[]> = {
  appliestoinventory: ['inventoryitem'],
  appliestononinventory: ['noninventoryitem'],
  appliestoservice: ['serviceitem'],
  appliestogroup: ['itemgroup'],
};

function appliesTo(node: Node, table: Record<string, string[]>): string[] {
  return Object.entries(table).flatMap(([key, types]) => (flag(node, key, false) ? types : []));
}

/** The script file in the first File Cabinet (a folder holding src/) that has it; else in the first one. */
function scriptFile(dirs: readonly string[], ref: string): string {
  const inner = ref.replace(/^\[/, '').replace(/\]$/, '');
  const candidates = dirs.map((dir) => path.join(dir, 'src', 'FileCabinet', inner));
  return candidates.find((file) => fs.existsSync(file)) ?? candidates[0]!;
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.xml'))
    .sort();
}

/**
 * Reads the project in `dir`. `fileCabinets` are further folders holding src/ whose File Cabinet script files
 * may come from (an opt-in project whose scripts the main project deploys).
 */
export function readProject(dir: string, fileCabinets: readonly string[] = []): ProjectModel {
  const model: ProjectModel = {
    dir,
    customFields: [],
    recordTypes: new Map(),
    lists: new Map(),
    scripts: new Map(),
    secrets: [],
    features: [],
  };
  const manifest = path.join(dir, 'src', 'manifest.xml');
  if (fs.existsSync(manifest)) {
    const doc = parser.parse(fs.readFileSync(manifest, 'utf8')) as Node;
    const features = (((doc.manifest as Node)?.dependencies as Node)?.features as Node)?.feature;
    for (const f of Array.isArray(features) ? features : []) {
      model.features.push(String(typeof f === 'object' ? (f as Node)['#text'] : f).toUpperCase());
    }
  }
  const scripts: ScriptDef[] = [];
  for (const file of walk(path.join(dir, 'src', 'Objects'))) {
    const xml = fs.readFileSync(file, 'utf8');
    let doc: Node;
    try {
      doc = parser.parse(xml, true) as Node;
    } catch (e) {
      throw new Error(`${file}: not well-formed XML: ${(e as Error).message}`, { cause: e });
    }
    const [rootName, root] = Object.entries(doc).find(([k]) => k !== '?xml') ?? [];
    if (!rootName || !root || typeof root !== 'object') continue;
    const node = root as Node;
    const id = String(node['@_scriptid'] ?? '');
    switch (rootName) {
      case 'transactionbodycustomfield':
        model.customFields.push({
          objectType: rootName,
          def: fieldDef(id, node, file),
          appliesTo: appliesTo(node, BODY_APPLIES),
        });
        break;
      case 'transactioncolumncustomfield':
        model.customFields.push({
          objectType: rootName,
          def: fieldDef(id, node, file),
          appliesTo: appliesTo(node, COLUMN_APPLIES),
          sublist: 'item',
        });
        break;
      case 'entitycustomfield':
        model.customFields.push({
          objectType: rootName,
          def: fieldDef(id, node, file),
          appliesTo: appliesTo(node, ENTITY_APPLIES),
        });
        break;
      case 'itemcustomfield':
        model.customFields.push({
          objectType: rootName,
          def: fieldDef(id, node, file),
          appliesTo: appliesTo(node, ITEM_APPLIES),
        });
        break;
      case 'customrecordtype':
        model.recordTypes.set(id, {
          id,
          internalId: 0,
          name: text(node, 'recordname') ?? id,
          fields: list(node, 'customrecordcustomfields', 'customrecordcustomfield').map((f) =>
            fieldDef(String(f['@_scriptid']), f, file),
          ),
          optimisticLocking: flag(node, 'enableoptimisticlocking', true),
        });
        break;
      case 'customlist':
        model.lists.set(id, {
          id,
          name: text(node, 'name') ?? id,
          values: list(node, 'customvalues', 'customvalue').map((v, i) => ({
            internalId: String(i + 1),
            scriptId: String(v['@_scriptid'] ?? ''),
            text: text(v, 'value') ?? '',
            inactive: flag(v, 'isinactive', false),
          })),
        });
        break;
      case 'secret':
        model.secrets.push(id);
        break;
      default:
        if ((SCRIPT_TYPES as readonly string[]).includes(rootName)) {
          scripts.push(readScript([dir, ...fileCabinets], rootName as ScriptType, id, node));
        }
    }
  }
  // Internal ids: NetSuite assigns them on deploy; here they follow the sorted script ids (assumption).
  scripts.sort((a, b) => a.id.localeCompare(b.id));
  let deploymentNo = 0;
  scripts.forEach((s, i) => {
    s.internalId = i + 1;
    for (const d of s.deployments) d.internalId = ++deploymentNo;
    model.scripts.set(s.id, s);
  });
  [...model.recordTypes.values()].forEach((t, i) => (t.internalId = i + 1));
  return model;
}

function readScript(dirs: readonly string[], type: ScriptType, id: string, node: Node): ScriptDef {
  const fileRef = text(node, 'scriptfile') ?? '';
  return {
    id,
    internalId: 0,
    type,
    name: text(node, 'name') ?? id,
    fileRef,
    file: scriptFile(dirs, fileRef),
    inactive: flag(node, 'isinactive', false),
    params: list(node, 'scriptcustomfields', 'scriptcustomfield').map((p) => ({
      ...fieldDef(String(p['@_scriptid']), p, id),
      setting: text(p, 'setting'),
    })),
    deployments: list(node, 'scriptdeployments', 'scriptdeployment').map((d) => {
      const contexts = text(d, 'executioncontext');
      const recordType = refId(text(d, 'recordtype'));
      return {
        id: String(d['@_scriptid'] ?? ''),
        internalId: 0,
        status: (text(d, 'status') || 'TESTING').toUpperCase(),
        isDeployed: flag(d, 'isdeployed', true),
        title: text(d, 'title') ?? '',
        logLevel: (text(d, 'loglevel') || 'DEBUG').toUpperCase(),
        recordType: recordType ? recordType.toLowerCase() : undefined,
        eventType: text(d, 'eventtype')?.toUpperCase() || undefined,
        executionContexts: contexts
          ? contexts
              .split('|')
              .map((c) => c.trim().toUpperCase())
              .filter(Boolean)
          : undefined,
      };
    }),
  };
}

/**
 * Adds the objects of a project deployed after `main` into the same account. Its scripts and deployments
 * are numbered after main's; an ID both projects define is an error, as a deploy would overwrite it.
 */
export function mergeProject(main: ProjectModel, extra: ProjectModel): void {
  const clash = (id: string): never => {
    throw new Error(`${extra.dir}: ${id} is already defined by ${main.dir}`);
  };
  for (const f of extra.customFields) {
    if (main.customFields.some((m) => m.def.id === f.def.id)) clash(f.def.id);
    main.customFields.push(f);
  }
  for (const [id, t] of extra.recordTypes) {
    if (main.recordTypes.has(id)) clash(id);
    main.recordTypes.set(id, { ...t, internalId: main.recordTypes.size + 1 });
  }
  for (const [id, l] of extra.lists) {
    if (main.lists.has(id)) clash(id);
    main.lists.set(id, l);
  }
  const scripts = [...main.scripts.values()];
  let deploymentNo = scripts.reduce((n, s) => n + s.deployments.length, 0);
  let scriptNo = scripts.length;
  for (const s of [...extra.scripts.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (main.scripts.has(s.id)) clash(s.id);
    s.internalId = ++scriptNo;
    for (const d of s.deployments) d.internalId = ++deploymentNo;
    main.scripts.set(s.id, s);
  }
  main.secrets.push(...extra.secrets.filter((id) => !main.secrets.includes(id)));
}
