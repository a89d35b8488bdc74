// Composite (/composite), Composite Graph (/composite/graph) and sObject Collections (/composite/sobjects).
// Each is one API call. Subrequests go through the same dispatcher as top-level requests; `@{ref.path}`
// references read earlier results. All-or-none work rolls back to a savepoint taken before the first
// subrequest or record.
import type { WriteContext } from './dml';
import { MultipleMatches } from './dml';
import { SfError, errorBody } from './errors';
import { toId18 } from './ids';
import type { Org } from './org';
import { parseApiUrl, type ApiRequest, type ApiResponse } from './api';
import type { Rec } from './store';

export interface SubApi {
  /** Runs a subrequest; `ctx` replaces the request's write context (e.g. an enclosing allOrNone). */
  dispatch(req: ApiRequest, ctx?: WriteContext): ApiResponse;
  org: Org;
  ctx: WriteContext;
}

interface SubRequest {
  method?: unknown;
  url?: unknown;
  referenceId?: unknown;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

interface SubResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const MAX_SUBREQUESTS = 25;
const MAX_QUERY_OR_COLLECTIONS = 5;
const MAX_GRAPH_NODES = 500;
const MAX_GRAPHS = 75;
const MAX_FAILED_GRAPHS = 14;
const MAX_COLLECTION = 200;
const REFERENCE_ID = /^[A-Za-z][A-Za-z0-9_]*$/;

const HALTED = {
  errorCode: 'PROCESSING_HALTED',
  message: 'The transaction was rolled back since another operation in the same transaction failed.',
};

const halted = (referenceId: string): SubResult => ({
  body: [HALTED],
  httpHeaders: {},
  httpStatusCode: 400,
  referenceId,
});

const invalid = (message: string, errorCode = 'INVALID_API_INPUT'): SfError =>
  new SfError(errorCode, message);

// ---------------------------------------------------------------------------------------------------
// References: @{refId.field}, @{refId.records[0].Id}

class ReferenceError extends SfError {
  constructor(expression: string) {
    // assumption: errorCode for an unresolvable reference (the message start is documented).
    super('PROCESSING_HALTED', `Invalid reference specified. No value for ${expression} found.`);
  }
}

function lookup(results: Map<string, SubResult>, expression: string): unknown {
  // The reference ID runs up to the first '.' or '[': `@{opp.id}`, `@{lines[0].id}` (collection results).
  const head = /^[A-Za-z0-9_]+/.exec(expression)?.[0] ?? '';
  const result = results.get(head);
  if (!result || result.httpStatusCode >= 300) throw new ReferenceError(expression);
  let value: unknown = result.body;
  const rest = expression.slice(head.length).replace(/^\./, '');
  for (const part of rest === '' ? [] : rest.split(/\.|(?=\[)/)) {
    const index = /^\[(\d+)\]$/.exec(part);
    if (value === null || typeof value !== 'object') throw new ReferenceError(expression);
    value = index ? (value as unknown[])[Number(index[1])] : (value as Rec)[part];
  }
  if (value === undefined) throw new ReferenceError(expression);
  return value;
}

function substitute(value: unknown, results: Map<string, SubResult>): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{([^}]+)\}$/.exec(value);
    if (whole?.[1]) return lookup(results, whole[1]);
    return value.replace(/@\{([^}]+)\}/g, (_m, expr: string) => String(lookup(results, expr)));
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, results));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, results)]));
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------

type NodeCheck = (method: string, path: string) => void;

/** An sObject Collections result (an array of save results) with a record that failed. */
function collectionFailed(res: ApiResponse): boolean {
  return (
    Array.isArray(res.body) &&
    res.body.some((r) => !!r && typeof r === 'object' && (r as Rec).success === false)
  );
}

/**
 * Runs subrequests in order; with allOrNone the first failure rolls everything back. A failure is an error
 * status, or (allOrNone only) an sObject Collections subrequest with a record that failed: the composite's
 * allOrNone covers its collections even when their own allOrNone is false (resources_composite_allornone),
 * so such a collection answers its own per-record results (the failed record's error, the others
 * ALL_OR_NONE_OPERATION_ROLLED_BACK) and every other subrequest PROCESSING_HALTED.
 * Assumption: the failing collection subrequest keeps HTTP 200 (a collection answers 200 whatever its
 * records do); the documentation shows no response for this case.
 */
function runSequence(
  api: SubApi,
  requests: SubRequest[],
  allOrNone: boolean,
  check?: NodeCheck,
): SubResult[] {
  const sp = api.org.store.savepoint();
  const byRef = new Map<string, SubResult>();
  const results: SubResult[] = [];
  let failed = -1;
  requests.forEach((sub, i) => {
    const referenceId = String(sub.referenceId);
    if (allOrNone && failed >= 0) {
      results.push(halted(referenceId));
      return;
    }
    let res: ApiResponse;
    try {
      const method = String(sub.method).toUpperCase();
      const parsed = parseApiUrl(String(substitute(sub.url, byRef)));
      if (!parsed) throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);
      if (/^\/composite\/?$|^\/composite\/graph/.test(parsed.path))
        throw invalid('A composite request cannot contain another one');
      check?.(method, parsed.path);
      const headers = Object.fromEntries(
        Object.entries(sub.httpHeaders ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      res = api.dispatch(
        { method, ...parsed, body: substitute(sub.body, byRef), headers },
        allOrNone ? { ...api.ctx, compositeAllOrNone: true } : undefined,
      );
    } catch (err) {
      res = errorBody(err);
    }
    const result = {
      body: res.body ?? null,
      httpHeaders: res.headers ?? {},
      httpStatusCode: res.status,
      referenceId,
    };
    results.push(result);
    byRef.set(referenceId, result);
    if ((res.status >= 300 || (allOrNone && collectionFailed(res))) && failed < 0) failed = i;
  });
  if (!allOrNone || failed < 0) return results;
  api.org.store.rollbackTo(sp);
  return results.map((r, i) => (i === failed ? r : halted(r.referenceId)));
}

function validateSubrequests(requests: unknown, max: number): SubRequest[] {
  if (!Array.isArray(requests) || requests.length === 0)
    throw invalid('compositeRequest must be a non-empty array');
  if (requests.length > max) {
    // assumption: errorCode for too many subrequests.
    throw invalid(`The number of subrequests exceeded the limit of ${max}`, 'LIMIT_EXCEEDED');
  }
  const seen = new Set<string>();
  for (const sub of requests as SubRequest[]) {
    const ref = String(sub?.referenceId ?? '');
    if (!REFERENCE_ID.test(ref)) throw invalid(`Invalid referenceId: ${ref}`);
    if (seen.has(ref)) throw invalid(`Duplicate referenceId provided in the request: ${ref}`);
    seen.add(ref);
    if (
      typeof sub.url !== 'string' ||
      !['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(String(sub.method).toUpperCase())
    ) {
      throw invalid(`Subrequest ${ref} needs a method and a url`);
    }
  }
  return requests as SubRequest[];
}

export function handleComposite(api: SubApi, method: string, req: ApiRequest): ApiResponse {
  if (method !== 'POST')
    throw new SfError('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are POST`, [], 405);
  const body = (req.body ?? {}) as Rec;
  const requests = validateSubrequests(body.compositeRequest, MAX_SUBREQUESTS);
  const heavy = requests.filter((r) =>
    /\/(query|queryAll|composite\/sobjects)(\/|\?|$)/.test(String(r.url)),
  ).length;
  if (heavy > MAX_QUERY_OR_COLLECTIONS) {
    throw invalid(
      `A composite request can contain up to ${MAX_QUERY_OR_COLLECTIONS} query or sObject Collections subrequests`,
      'LIMIT_EXCEEDED',
    );
  }
  return { status: 200, body: { compositeResponse: runSequence(api, requests, body.allOrNone === true) } };
}

/** Node URLs a graph accepts: create, and row operations by id or by external id. */
const graphNode: NodeCheck = (method, path) => {
  const segs = path.split('/').filter(Boolean);
  const ok =
    segs[0] === 'sobjects' &&
    ((segs.length === 2 && method === 'POST') ||
      (segs.length === 3 && ['GET', 'PATCH', 'DELETE'].includes(method)) ||
      (segs.length === 4 && ['GET', 'PATCH', 'DELETE', 'POST'].includes(method)));
  if (!ok) throw invalid(`${method} ${path} is not supported in a composite graph`);
};

export function handleGraph(api: SubApi, method: string, req: ApiRequest): ApiResponse {
  if (method !== 'POST')
    throw new SfError('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are POST`, [], 405);
  const graphs = ((req.body ?? {}) as Rec).graphs;
  if (!Array.isArray(graphs) || graphs.length === 0) throw invalid('graphs must be a non-empty array');
  if (graphs.length > MAX_GRAPHS)
    throw invalid(`A payload can contain up to ${MAX_GRAPHS} graphs`, 'LIMIT_EXCEEDED');
  const nodes = graphs.reduce(
    (n: number, g: Rec) => n + (Array.isArray(g?.compositeRequest) ? g.compositeRequest.length : 0),
    0,
  );
  if (nodes > MAX_GRAPH_NODES) {
    throw invalid(
      `A payload can contain up to ${MAX_GRAPH_NODES} nodes; this one has ${nodes}`,
      'LIMIT_EXCEEDED',
    );
  }
  const ids = new Set<string>();
  let failures = 0;
  const out = (graphs as Rec[]).map((graph) => {
    const graphId = String(graph.graphId ?? '');
    if (!graphId || ids.has(graphId)) throw invalid(`Each graph needs a unique graphId (${graphId})`);
    ids.add(graphId);
    const requests = validateSubrequests(graph.compositeRequest, MAX_GRAPH_NODES);
    // Each graph is all-or-nothing. After too many failed graphs the rest are not run.
    const results =
      failures >= MAX_FAILED_GRAPHS
        ? requests.map((r) => halted(String(r.referenceId)))
        : runSequence(api, requests, true, graphNode);
    const isSuccessful = results.every((r) => r.httpStatusCode < 300);
    if (!isSuccessful) failures += 1;
    return { graphId, graphResponse: { compositeResponse: results }, isSuccessful };
  });
  return { status: 200, body: { graphs: out } };
}

// ---------------------------------------------------------------------------------------------------
// sObject Collections

type SaveResult = {
  id?: string;
  success: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
  created?: boolean;
};

function failure(err: unknown, id?: string): SaveResult {
  let e = err instanceof SfError ? err : new SfError('UNKNOWN_EXCEPTION', String(err));
  if (e instanceof MultipleMatches) {
    e = new SfError(
      'DUPLICATE_EXTERNAL_ID',
      `more than one record found for external id field: ${e.urls.join(', ')}`,
    );
  }
  return {
    ...(id ? { id } : {}),
    success: false,
    errors: [{ statusCode: e.errorCode, message: e.message, fields: e.fields }],
  };
}

/** Applies `op` to each item; with allOrNone any failure rolls back all and marks the others rolled back. */
function eachRecord<T>(
  api: SubApi,
  items: T[],
  allOrNone: boolean,
  op: (item: T) => SaveResult,
  creates = false,
): SaveResult[] {
  const store = api.org.store;
  const start = store.savepoint();
  const results = items.map((item) => {
    const sp = store.savepoint();
    const result = op(item);
    if (!result.success) store.rollbackTo(sp);
    return result;
  });
  if (!allOrNone || results.every((r) => r.success)) return results;
  store.rollbackTo(start);
  return results.map((r) =>
    r.success
      ? {
          // A rolled-back create leaves no record, so no id is reported for it.
          ...(r.id && !creates ? { id: r.id } : {}),
          success: false,
          errors: [
            {
              statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
              message:
                'Record rolled back because not all records were valid and the request was using AllOrNone header',
              fields: [],
            },
          ],
        }
      : r,
  );
}

function recordsOf(body: unknown): Rec[] {
  const records = (body as Rec | undefined)?.records;
  if (!Array.isArray(records)) throw invalid('records must be an array', 'JSON_PARSER_ERROR');
  if (records.length > MAX_COLLECTION) {
    throw invalid(
      `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`,
      'EXCEEDED_ID_LIMIT',
    );
  }
  return records as Rec[];
}

const typeOf = (rec: Rec): string => {
  const type = (rec.attributes as Rec | undefined)?.type;
  if (typeof type !== 'string' || !type)
    throw new SfError('INVALID_TYPE', 'No SObject type specified in the record attributes');
  return type;
};

function guarded(op: () => SaveResult, id?: string): SaveResult {
  try {
    return op();
  } catch (err) {
    return failure(err, id);
  }
}

export function handleCollections(api: SubApi, method: string, segs: string[], req: ApiRequest): ApiResponse {
  const { dml } = api.org;
  const { ctx } = api;
  const body = (req.body ?? {}) as Rec;
  const allOrNone =
    body.allOrNone === true || req.query.get('allOrNone') === 'true' || ctx.compositeAllOrNone === true;
  const [sobject, extField, ...rest] = segs;
  if (rest.length > 0) throw new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);

  if (sobject === undefined && method === 'POST') {
    const results = eachRecord(
      api,
      recordsOf(body),
      allOrNone,
      (rec) => guarded(() => ({ id: dml.create(typeOf(rec), rec, ctx), success: true, errors: [] })),
      true,
    );
    return { status: 200, body: results };
  }
  if (sobject === undefined && method === 'PATCH') {
    const results = eachRecord(api, recordsOf(body), allOrNone, (rec) => {
      const id = typeof rec.id === 'string' ? rec.id : typeof rec.Id === 'string' ? rec.Id : undefined;
      return guarded(() => {
        if (!id) throw new SfError('MISSING_ARGUMENT', 'Id not specified in an update call');
        const { id: _id, Id: _Id, ...fields } = rec;
        return { id: dml.update(typeOf(rec), id, fields, ctx), success: true, errors: [] };
      }, id);
    });
    return { status: 200, body: results };
  }
  if (sobject === undefined && method === 'DELETE') {
    const ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length > MAX_COLLECTION) {
      throw invalid(
        `record limit reached. cannot submit more than ${MAX_COLLECTION} records into this call`,
        'EXCEEDED_ID_LIMIT',
      );
    }
    const results = eachRecord(api, ids, allOrNone, (id) =>
      guarded(() => {
        const o = api.org.schema.objectByPrefix(id.slice(0, 3));
        if (!o) throw new SfError('MALFORMED_ID', `malformed id ${id}`);
        dml.remove(o.name, id, ctx);
        return { id: toId18(id) ?? id, success: true, errors: [] };
      }, id),
    );
    return { status: 200, body: results };
  }
  if (sobject !== undefined && extField !== undefined && method === 'PATCH') {
    const field = dml.externalIdField(dml.object(sobject), extField);
    const results = eachRecord(api, recordsOf(body), allOrNone, (rec) =>
      guarded(() => {
        const key = Object.keys(rec).find((k) => k.toLowerCase() === field.name.toLowerCase());
        const value = key ? rec[key] : undefined;
        if (value === undefined || value === null || value === '') {
          throw new SfError('MISSING_ARGUMENT', `${field.name} not specified`, [field.name]);
        }
        const { attributes: _a, ...fields } = rec;
        const type = (rec.attributes as Rec | undefined)?.type;
        const r = dml.upsert(typeof type === 'string' ? type : sobject, field.name, value, fields, ctx, {
          apiPrefix: `/services/data/v${req.version}`,
        });
        return { id: r.id, success: true, errors: [], created: r.created };
      }),
    );
    return { status: 200, body: results };
  }
  if (sobject !== undefined && extField === undefined && (method === 'GET' || method === 'POST')) {
    const o = dml.object(sobject);
    const ids = method === 'GET' ? (req.query.get('ids') ?? '').split(',') : ((body.ids ?? []) as string[]);
    const fieldList =
      method === 'GET' ? (req.query.get('fields') ?? '').split(',') : ((body.fields ?? []) as string[]);
    const fields = fieldList.filter(Boolean).map((name) => {
      const f = api.org.schema.field(o, name.trim());
      if (!f)
        throw new SfError('INVALID_FIELD', `No such column '${name.trim()}' on entity '${o.name}'`, [
          name.trim(),
        ]);
      return f;
    });
    if (fields.length === 0) throw new SfError('MISSING_ARGUMENT', 'fields is required');
    const records = ids.filter(Boolean).map((id) => {
      try {
        const view = dml.view(o, dml.live(o, id));
        const out: Rec = {
          attributes: {
            type: o.name,
            url: `/services/data/v${req.version}/sobjects/${o.name}/${String(view.Id)}`,
          },
        };
        for (const f of fields) out[f.name] = view[f.name] ?? null;
        if (!('Id' in out)) out.Id = view.Id;
        return out;
      } catch {
        return null;
      }
    });
    return { status: 200, body: records };
  }
  throw new SfError('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed here`, [], 405);
}
