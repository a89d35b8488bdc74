// The local NetSuite runtime: loads an SDF project (objects + built scripts) and runs it in memory.
// See README.md in this folder for what is modeled and which behaviours are assumptions.
import * as fs from 'node:fs';
import type * as N_record from 'N/record';
import type * as N_search from 'N/search';
import { Db } from './db';
import { nsError } from './errors';
import { Execution, type ExecutionReport } from './execution';
import { FileCabinet } from './filecabinet';
import type {
  EmailEntry,
  Host,
  HttpRequest,
  HttpResult,
  LogEntry,
  QueuedTask,
  RuntimeOptions,
  SaveOptions,
} from './host';
import { DEFAULT_HTTP_TIMEOUTS, HttpClient } from './httpclient';
import { runMapReduce, type MapReduceReport } from './mapreduce';
import { createRecordModule } from './modules/record';
import { createSearchModule, makeColumn, parseFilters } from './modules/search';
import { mergeProject, readProject, type ProjectModel } from './project';
import { LocalRecord } from './record';
import { Schemas, type RecordSchema } from './schema';
import { BASE_DATA } from './schema/standard';
import { installedSuiteApps } from './schema/suiteapps';
import {
  fireUserEvents,
  handleRestlet,
  handleSuitelet,
  runScheduledScript,
  type SuiteletRequest,
} from './scripts';
import { listen as listenHttp, type Listening } from './server';
import { cloneData, Store, type Line, type RecordData } from './store';
import { cloneValue, isDate } from './values';

export type { ExecutionReport } from './execution';
export type { MapReduceReport } from './mapreduce';
export type { RuntimeOptions, LogEntry, EmailEntry, QueuedTask, HttpRequest, RecordWrite } from './host';
export { SUITESCRIPTS_FOLDER } from './filecabinet';
export { SUPPORTED_MODULES } from './modules';
export { SuiteScriptError } from './errors';

export interface RecordView {
  type: string;
  id: string;
  fields: Record<string, unknown>;
  sublists: Record<string, Array<Record<string, unknown>>>;
}

/** A File Cabinet file as N/file saved it. */
export interface FileView {
  id: number;
  name: string;
  folder: number;
  path: string;
  fileType: string;
  description: string;
  contents: string;
}

export interface ModulesView {
  record: typeof N_record;
  search: typeof N_search;
}

export interface SavedSearchInput {
  type: string;
  title?: string;
  filters?: unknown[];
  columns?: Array<string | { name: string; join?: string; sort?: string }>;
}

export interface NetSuiteRuntime {
  /** N/record and N/search as a person in the UI: context USERINTERFACE, no governance; saves fire user events. */
  readonly ui: ModulesView;
  /** The same as another execution context, e.g. 'CSVIMPORT', 'WEBSERVICES', 'RESTWEBSERVICES'. */
  as(context: string): ModulesView;
  /** Direct data setup that fires no scripts and charges nothing; returns the internal id. */
  seed(
    type: string,
    values: Record<string, unknown>,
    sublists?: Record<string, Array<Record<string, unknown>>>,
  ): string;
  get(type: string, id: string | number): RecordView | undefined;
  list(type: string): RecordView[];
  callRestlet(
    scriptId: string,
    deploymentId: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    body?: unknown,
  ): { status: number; body: unknown };
  callSuitelet(
    scriptId: string,
    deploymentId: string,
    request?: SuiteletRequest,
  ): { status: number; headers: Record<string, string>; body: string };
  listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
  runMapReduce(scriptId: string, deploymentId: string, params?: Record<string, unknown>): MapReduceReport;
  runScheduled(scriptId: string, deploymentId: string, params?: Record<string, unknown>): ExecutionReport;
  runQueuedTasks(): Array<ExecutionReport | MapReduceReport>;
  /** A saved search (SDF savedsearch objects are not read): search.load({id}) finds it. Returns its internal id. */
  registerSavedSearch(id: string, definition: SavedSearchInput): number;
  /** Files saved with N/file, in id order. */
  files(): FileView[];
  /** A File Cabinet folder (parent: a folder id; default the SuiteScripts folder, -15). Returns its id. */
  createFolder(name: string, parent?: number): number;
  readonly executions: ExecutionReport[];
  readonly logs: LogEntry[];
  readonly emails: EmailEntry[];
  readonly tasks: QueuedTask[];
  readonly project: ProjectModel;
  saveState(path?: string): void;
  close(): Promise<void>;
}

class LocalNetSuite implements Host, NetSuiteRuntime {
  readonly project: ProjectModel;
  readonly db: Db;
  readonly logs: LogEntry[] = [];
  readonly emails: EmailEntry[] = [];
  readonly executions: ExecutionReport[] = [];
  readonly caches = new Map<string, Map<string, { value: string; expires: number }>>();
  readonly tasks: QueuedTask[] = [];
  readonly fileCabinet = new FileCabinet();
  readonly ui: ModulesView;
  private readonly store = new Store();
  private readonly http: HttpClient;
  private readonly secrets: Record<string, string>;
  private readonly servers: Listening[] = [];
  private url?: string;

  constructor(readonly options: RuntimeOptions) {
    this.project = readProject(options.projectDir);
    for (const dir of options.extraProjects ?? [])
      mergeProject(this.project, readProject(dir, [options.projectDir]));
    const schemas = new Schemas(this.project, installedSuiteApps(options.suiteApps));
    checkDeployedRecordTypes(this.project, schemas);
    this.db = new Db(this.project, schemas, this.store, options.now ?? (() => new Date()));
    if (options.statePath && fs.existsSync(options.statePath)) {
      this.store.load(options.statePath);
    } else {
      for (const base of BASE_DATA) this.seed(base.type, base.values);
    }
    const fromFile =
      options.secretsFile && fs.existsSync(options.secretsFile)
        ? (JSON.parse(fs.readFileSync(options.secretsFile, 'utf8')) as Record<string, string>)
        : {};
    this.secrets = { ...fromFile, ...(options.secrets ?? {}) };
    this.http = new HttpClient(() => ({
      connectMs: options.httpTimeouts?.connectMs ?? DEFAULT_HTTP_TIMEOUTS.connectMs,
      requestMs: options.httpTimeouts?.requestMs ?? DEFAULT_HTTP_TIMEOUTS.requestMs,
    }));
    this.ui = this.as('USERINTERFACE');
  }

  // ---- Host ---------------------------------------------------------------------------------------------

  baseUrl(): string {
    return this.url ?? 'http://127.0.0.1';
  }

  secret(name: string): string | undefined {
    return this.secrets[name];
  }

  httpRequest(req: HttpRequest): HttpResult {
    this.options.beforeHttpRequest?.(req);
    return this.http.request(req);
  }

  saveRecord(exec: Execution, rec: LocalRecord, options: SaveOptions): number {
    const schema = rec.schema;
    exec.charge('Record.save', unitsFor(schema, 20, 4, 10));
    const isNew = rec.data.id === null;
    let old: RecordData | undefined;
    if (!isNew) {
      const stored = this.store.get(schema.type, String(rec.data.id));
      if (!stored) throw nsError('RCRD_DSNT_EXIST', 'That record does not exist.');
      if (schema.optimisticLocking && stored.version !== rec.loadedVersion) {
        throw nsError('RCRD_HAS_BEEN_CHANGED', 'Record has been changed since it was loaded.');
      }
      old = cloneData(stored);
    }
    const data = rec.snapshot();
    this.db.calculate(schema, data);
    const fire = exec.scriptType !== 'usereventscript'; // user events never trigger user events
    const eventType = isNew ? 'create' : 'edit';
    if (fire) {
      const newRecord = new LocalRecord({ db: this.db, schema, data });
      fireUserEvents(
        this,
        'beforeSubmit',
        schema.type,
        eventType,
        exec.context,
        newRecord,
        this.readOnly(schema, old),
      );
    }
    this.db.prepare(schema, data, options ?? {});
    this.options.beforeRecordWrite?.({
      type: schema.type,
      id: data.id,
      externalId: String(data.fields.externalid ?? ''),
      context: exec.context,
      scriptId: exec.report.scriptId,
    });
    const id = this.db.write(schema, data);
    Object.assign(rec.data, cloneData(data));
    rec.loadedVersion = data.version;
    if (fire) this.afterSubmit(schema, eventType, exec.context, cloneData(data), old);
    return Number(id);
  }

  submitFields(
    exec: Execution,
    schema: RecordSchema,
    id: string,
    values: Record<string, unknown>,
    options: SaveOptions,
  ): number {
    const stored = this.store.get(schema.type, id);
    if (!stored) throw nsError('RCRD_DSNT_EXIST', 'That record does not exist.');
    const old = cloneData(stored);
    const data = cloneData(stored);
    const partial: RecordData = {
      type: schema.type,
      id,
      fields: {},
      sublists: {},
      version: stored.version,
      nextLine: stored.nextLine,
    };
    const edited = new Set<string>();
    for (const [fieldId, value] of Object.entries(values)) {
      if (!schema.fields.has(fieldId) && [...schema.sublists.values()].some((s) => s.has(fieldId))) {
        throw nsError(
          'SSS_INVALID_SUBMIT_FIELDS',
          `record.submitFields cannot edit the sublist field ${fieldId}.`,
        );
      }
      const def = this.db.bodyField(schema, fieldId);
      this.db.setBody(schema, partial, fieldId, value);
      if (!def.readOnly) edited.add(fieldId);
    }
    const fire = exec.scriptType !== 'usereventscript';
    if (fire) {
      const newRecord = new LocalRecord({ db: this.db, schema, data: partial, partialFields: edited });
      fireUserEvents(
        this,
        'beforeSubmit',
        schema.type,
        'xedit',
        exec.context,
        newRecord,
        this.readOnly(schema, old),
      );
    }
    for (const fieldId of edited) data.fields[fieldId] = partial.fields[fieldId] ?? null;
    this.db.prepare(schema, data, options ?? {});
    this.db.write(schema, data);
    if (fire) {
      const newRecord = new LocalRecord({
        db: this.db,
        schema,
        data: cloneData(partial),
        partialFields: new Set(edited),
        readOnly: true,
      });
      fireUserEvents(
        this,
        'afterSubmit',
        schema.type,
        'xedit',
        exec.context,
        newRecord,
        this.readOnly(schema, old),
      );
    }
    return Number(id);
  }

  deleteRecord(exec: Execution, schema: RecordSchema, id: string): number {
    const stored = this.store.get(schema.type, id);
    if (!stored) throw nsError('RCRD_DSNT_EXIST', 'That record does not exist.');
    const fire = exec.scriptType !== 'usereventscript';
    if (fire) {
      fireUserEvents(
        this,
        'beforeSubmit',
        schema.type,
        'delete',
        exec.context,
        this.readOnly(schema, stored) as LocalRecord,
        this.readOnly(schema, stored),
      );
    }
    this.store.remove(schema.type, id);
    if (fire) {
      fireUserEvents(
        this,
        'afterSubmit',
        schema.type,
        'delete',
        exec.context,
        this.readOnly(schema, stored) as LocalRecord,
        this.readOnly(schema, stored),
      );
    }
    return Number(id);
  }

  afterLoad(exec: Execution, rec: LocalRecord): void {
    // Assumption: only a person opening a record (ui) runs beforeLoad, as type view; record.load from a
    // script does not. context.form (N/ui/serverWidget) is not modeled and is undefined.
    if (exec.scriptType !== 'none' || exec.context !== 'USERINTERFACE') return;
    fireUserEvents(this, 'beforeLoad', rec.schema.type, 'view', exec.context, rec, null);
  }

  private afterSubmit(
    schema: RecordSchema,
    eventType: string,
    context: string,
    saved: RecordData,
    old: RecordData | undefined,
  ): void {
    const newRecord = new LocalRecord({ db: this.db, schema, data: saved, readOnly: true });
    fireUserEvents(
      this,
      'afterSubmit',
      schema.type,
      eventType,
      context,
      newRecord,
      this.readOnly(schema, old),
    );
  }

  private readOnly(schema: RecordSchema, data: RecordData | undefined): LocalRecord | null {
    return data ? new LocalRecord({ db: this.db, schema, data: cloneData(data), readOnly: true }) : null;
  }

  scriptParameter(exec: Execution, name: string): unknown {
    const script = exec.script;
    const def = script?.params.find((p) => p.id === name);
    const overrides = this.options.scriptParameters ?? {};
    const sources = [
      exec.params,
      exec.deployment ? overrides[exec.deployment.id] : undefined,
      script ? overrides[script.id] : undefined,
      this.options.companyPreferences,
    ];
    for (const source of sources) {
      if (source && Object.prototype.hasOwnProperty.call(source, name))
        return paramValue(def?.type, source[name]);
    }
    if (!def) return null;
    if (def.defaultValue !== undefined) return paramValue(def.type, def.defaultValue);
    return def.type === 'checkbox' ? false : '';
  }

  // ---- public API ------------------------------------------------------------------------------------------

  as(context: string): ModulesView {
    const exec = new Execution({
      scriptType: 'none',
      entryPoint: '',
      executionContext: context.toUpperCase(),
      limit: Infinity,
    });
    return {
      record: createRecordModule(this, exec) as unknown as typeof N_record,
      search: createSearchModule(this, exec) as unknown as typeof N_search,
    };
  }

  seed(
    type: string,
    values: Record<string, unknown>,
    sublists: Record<string, Array<Record<string, unknown>>> = {},
  ): string {
    const schema = this.db.schemas.require(type);
    const data = this.db.newData(schema);
    for (const [fieldId, value] of Object.entries(values))
      this.db.setBody(schema, data, fieldId, value, { seeding: true });
    for (const [sublistId, lines] of Object.entries(sublists)) {
      this.db.sublist(schema, sublistId);
      data.sublists[sublistId] = lines.map((values) => {
        const line: Line = {};
        for (const [fieldId, value] of Object.entries(values))
          this.db.setLine(schema, sublistId, line, fieldId, value, { seeding: true });
        return line;
      });
    }
    this.db.prepare(schema, data);
    return this.db.write(schema, data);
  }

  get(type: string, id: string | number): RecordView | undefined {
    const schema = this.db.schemas.require(type);
    const data = this.store.get(schema.type, String(id));
    return data ? view(data) : undefined;
  }

  list(type: string): RecordView[] {
    const schema = this.db.schemas.require(type);
    return this.store.all(schema.type).map(view);
  }

  callRestlet(
    scriptId: string,
    deploymentId: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    body?: unknown,
  ): { status: number; body: unknown } {
    const m = method.toUpperCase();
    const params: Record<string, string> = { script: scriptId, deploy: deploymentId };
    if ((m === 'GET' || m === 'DELETE') && body && typeof body === 'object') {
      for (const [k, v] of Object.entries(body)) params[k] = String(v);
    }
    const res = handleRestlet(this, scriptId, deploymentId, m, {
      params,
      body:
        m === 'POST' || m === 'PUT'
          ? typeof body === 'string'
            ? body
            : JSON.stringify(body ?? {})
          : undefined,
      contentType: 'application/json',
    });
    let parsed: unknown = res.body;
    try {
      parsed = res.body === '' ? '' : JSON.parse(res.body);
    } catch {
      // a RESTlet may answer plain text
    }
    return { status: res.status, body: parsed };
  }

  callSuitelet(scriptId: string, deploymentId: string, request: SuiteletRequest = {}) {
    const res = handleSuitelet(this, scriptId, deploymentId, request);
    return {
      status: res.status,
      headers: { ...(res.headers ?? {}), 'Content-Type': res.contentType },
      body: res.body,
    };
  }

  async listen(port = 0): Promise<{ url: string; close(): Promise<void> }> {
    const listening = await listenHttp(this, port, (url) => (this.url = url));
    this.servers.push(listening);
    return listening;
  }

  runMapReduce(
    scriptId: string,
    deploymentId: string,
    params: Record<string, unknown> = {},
  ): MapReduceReport {
    return runMapReduce(this, scriptId, deploymentId, params);
  }

  runScheduled(
    scriptId: string,
    deploymentId: string,
    params: Record<string, unknown> = {},
  ): ExecutionReport {
    return runScheduledScript(this, scriptId, deploymentId, params, 'SCHEDULED');
  }

  runQueuedTasks(): Array<ExecutionReport | MapReduceReport> {
    const reports: Array<ExecutionReport | MapReduceReport> = [];
    for (let guard = 0; guard < 1000; guard++) {
      const task = this.tasks.find((t) => t.status === 'PENDING');
      if (!task) break;
      task.status = 'PROCESSING';
      if (task.taskType === 'MAP_REDUCE') {
        task.stage = 'GET_INPUT';
        const r = runMapReduce(this, task.scriptId, task.deploymentId, task.params);
        task.stage = 'SUMMARIZE';
        task.status = r.status === 'COMPLETE' ? 'COMPLETE' : 'FAILED';
        reports.push(r);
      } else {
        const r = runScheduledScript(this, task.scriptId, task.deploymentId, task.params, 'ONDEMAND');
        task.status = r?.error ? 'FAILED' : 'COMPLETE';
        reports.push(r);
      }
    }
    return reports;
  }

  registerSavedSearch(id: string, definition: SavedSearchInput): number {
    const type = definition.type.toLowerCase();
    if (type !== 'item' && type !== 'transaction') this.db.schemas.require(type);
    const existing = this.store.savedSearches.get(id);
    const internalId = existing?.internalId ?? this.store.next('savedsearch');
    const parsed = parseFilters(definition.filters ?? []);
    this.store.savedSearches.set(id, {
      id,
      internalId,
      type,
      title: definition.title ?? id,
      filters: parsed.expression ?? parsed.list,
      columns: (definition.columns ?? []).map((c) => makeColumn(c)),
    });
    return internalId;
  }

  files(): FileView[] {
    return [...this.fileCabinet.files.values()]
      .sort((a, b) => a.id - b.id)
      .map((f) => ({
        id: f.id,
        name: f.name,
        folder: f.folder,
        path: this.fileCabinet.filePath(f),
        fileType: f.fileType,
        description: f.description,
        contents: f.contents,
      }));
  }

  createFolder(name: string, parent?: number): number {
    return this.fileCabinet.createFolder(name, parent);
  }

  saveState(path?: string): void {
    const target = path ?? this.options.statePath;
    if (!target) throw new Error('saveState: no path given and no statePath option');
    this.store.save(target);
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.splice(0).map((s) => s.close()));
    await this.http.close();
  }
}

/**
 * A deploy fails when a script deployment names a custom record type the account does not have (one of
 * another SuiteApp that is not installed); so does creating the runtime. Standard record types the runtime
 * does not model are left alone.
 */
function checkDeployedRecordTypes(project: ProjectModel, schemas: Schemas): void {
  for (const script of project.scripts.values()) {
    for (const d of script.deployments) {
      if (d.recordType?.startsWith('customrecord') && !schemas.get(d.recordType)) {
        throw new Error(
          `Deployment ${d.id} of ${script.id} is on record type ${d.recordType}, which this account does not have (is the SuiteApp that defines it installed? see the suiteApps option).`,
        );
      }
    }
  }
}

function unitsFor(schema: RecordSchema, transaction: number, custom: number, other: number): number {
  return schema.governance === 'transaction'
    ? transaction
    : schema.governance === 'customrecord'
      ? custom
      : other;
}

function view(data: RecordData): RecordView {
  return {
    type: data.type,
    id: String(data.id),
    fields: cloneValue(data.fields),
    sublists: cloneValue(data.sublists),
  };
}

function paramValue(type: string | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return type === 'checkbox' ? false : '';
  switch (type) {
    case 'checkbox':
      return value === true || value === 'T' || value === 'true';
    case 'integer':
    case 'float':
    case 'currency':
    case 'percent':
      return value === '' ? '' : Number(value);
    case 'date':
    case 'datetime':
      return isDate(value) ? value : new Date(String(value));
    case 'multiselect':
      return Array.isArray(value) ? value.map(String) : String(value).split(/[|,]/);
    default:
      return String(value);
  }
}

export function createRuntime(options: RuntimeOptions): NetSuiteRuntime {
  return new LocalNetSuite(options);
}
