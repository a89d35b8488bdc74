// What the N/* module implementations need from the runtime that hosts them.
import type { Db } from './db';
import type { Execution, ExecutionReport } from './execution';
import type { FileCabinet } from './filecabinet';
import type { ProjectModel } from './project';
import type { LocalRecord } from './record';
import type { RecordSchema } from './schema';

export interface RuntimeOptions {
  /** Folder holding src/ (e.g. /work/main). */
  projectDir: string;
  /**
   * Further SDF projects deployed into the same account after projectDir (folders holding src/, e.g. an
   * opt-in project). Their script files are looked up in their own File Cabinet, then in projectDir's.
   */
  extraProjects?: string[];
  /** SuiteApps installed in the account (schema/suiteapps.ts), e.g. ['contractRenewals']. None by default. */
  suiteApps?: string[];
  /** custsecret_* values. */
  secrets?: Record<string, string>;
  /** JSON file {"custsecret_x": "value"}; keep it out of git (.local/ is ignored). */
  secretsFile?: string;
  /** Load state from here if the file exists; saveState() without a path writes here. */
  statePath?: string;
  /** Values for script parameters with setting COMPANY, user preferences, accountId, features. */
  companyPreferences?: Record<string, unknown>;
  /** Per deployment id or script id: custscript_* overrides. */
  scriptParameters?: Record<string, Record<string, unknown>>;
  /** N/https timeouts; NetSuite's are 5 s to connect and 45 s for the request. */
  httpTimeouts?: { connectMs?: number; requestMs?: number };
  now?: () => Date;
  /**
   * Called on the script's thread just before each N/https request leaves, while the calling script
   * waits. Tests use it to let another user's save run in that gap, as two saves of one record do when
   * NetSuite runs them at once (each script here runs to its end on one thread otherwise).
   */
  beforeHttpRequest?: (req: HttpRequest) => void;
  /**
   * Called just before a save commits a record (after beforeSubmit and validation, before the external ID
   * check and the write). Tests use it to run another execution in that gap — the interleaving NetSuite's
   * parallel executions allow — e.g. a second RESTlet call that creates the same record first.
   */
  beforeRecordWrite?: (write: RecordWrite) => void;
}

/** A save about to commit, as beforeRecordWrite sees it. */
export interface RecordWrite {
  type: string;
  /** Internal id; null for a new record. */
  id: string | null;
  externalId: string;
  /** Execution context of the save (RESTLET, MAPREDUCE, USERINTERFACE...). */
  context: string;
  /** Script of the saving execution ('' for a person in the UI). */
  scriptId: string;
}

export interface LogEntry {
  level: string;
  title: string;
  details: string;
  scriptId?: string;
  deploymentId?: string;
  at: Date;
}

export interface EmailEntry {
  author: unknown;
  recipients: unknown;
  subject: string;
  body: string;
  cc?: unknown;
  bcc?: unknown;
  scriptId?: string;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResult {
  code: number;
  body: string;
  headers: Record<string, string>;
}

export interface QueuedTask {
  taskId: string;
  taskType: 'MAP_REDUCE' | 'SCHEDULED_SCRIPT';
  scriptId: string;
  deploymentId: string;
  params: Record<string, unknown>;
  status: 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'FAILED';
  stage?: string;
}

export interface SaveOptions {
  ignoreMandatoryFields?: boolean;
  enableSourcing?: boolean;
}

export interface Host {
  readonly db: Db;
  readonly project: ProjectModel;
  readonly options: RuntimeOptions;
  readonly logs: LogEntry[];
  readonly emails: EmailEntry[];
  readonly executions: ExecutionReport[];
  readonly caches: Map<string, Map<string, { value: string; expires: number }>>;
  readonly tasks: QueuedTask[];
  /** N/file's File Cabinet (folders and files in memory). */
  readonly fileCabinet: FileCabinet;
  /** http://127.0.0.1:port of listen(), or a placeholder host when not listening. */
  baseUrl(): string;
  secret(name: string): string | undefined;
  /** Blocking HTTP from the script's point of view (done in a worker thread). */
  httpRequest(req: HttpRequest): HttpResult;
  saveRecord(exec: Execution, record: LocalRecord, options: SaveOptions): number;
  submitFields(
    exec: Execution,
    schema: RecordSchema,
    id: string,
    values: Record<string, unknown>,
    options: SaveOptions,
  ): number;
  deleteRecord(exec: Execution, schema: RecordSchema, id: string): number;
  scriptParameter(exec: Execution, name: string): unknown;
  /** A record opened in the UI: runs beforeLoad user events (type view). */
  afterLoad(exec: Execution, record: LocalRecord): void;
}
