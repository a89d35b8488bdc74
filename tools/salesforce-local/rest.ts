// The REST API under /services/data/vNN.0: routing, sObject rows (create, retrieve, update, delete,
// upsert and retrieve by external ID), describe, query/queryAll with cursors, limits; composite, graph
// and collections are in composite.ts. `dispatch` runs one request in a savepoint: an error rolls back
// whatever the request wrote before failing.
import type { ApiRequest, ApiResponse } from './api';
import { handleCollections, handleComposite, handleGraph } from './composite';
import { describeGlobal, describeObject, objectSummary } from './describe';
import { MultipleMatches, type WriteContext } from './dml';
import { SfError, errorBody, notFound } from './errors';
import { IdGenerator } from './ids';
import type { Org } from './org';
import { runSoql } from './soql';
import type { Rec } from './store';

const MAX_CURSORS = 200;

const methodNotAllowed = (method: string, allowed: string): SfError =>
  new SfError('METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`, [], 405);

export class RestApi {
  constructor(private readonly org: Org) {}

  /** Runs one request (top-level or a composite subrequest); errors roll back its writes. */
  dispatch(req: ApiRequest, ctx: WriteContext): ApiResponse {
    const sp = this.org.store.savepoint();
    try {
      return this.route(req, ctx);
    } catch (err) {
      this.org.store.rollbackTo(sp);
      if (err instanceof MultipleMatches) return { status: 300, body: err.urls };
      const { status, body } = errorBody(err);
      return { status, body };
    }
  }

  private route(req: ApiRequest, ctx: WriteContext): ApiResponse {
    const override = req.query.get('_HttpMethod');
    const method = req.method === 'POST' && override ? override.toUpperCase() : req.method;
    const segs = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const prefix = `/services/data/v${req.version}`;
    switch (segs[0]) {
      case undefined:
        if (method !== 'GET') throw methodNotAllowed(method, 'GET,HEAD');
        return { status: 200, body: this.resources(prefix) };
      case 'limits': {
        if (method !== 'GET') throw methodNotAllowed(method, 'GET,HEAD');
        const { used, limit } = this.org.usage;
        return {
          status: 200,
          body: { DailyApiRequests: { Max: limit, Remaining: Math.max(0, limit - used) } },
        };
      }
      case 'sobjects':
        return this.sobjects(segs.slice(1), method, req, ctx);
      case 'query':
      case 'queryAll':
        if (method !== 'GET') throw methodNotAllowed(method, 'GET,HEAD');
        return this.query(segs[1], segs[0] === 'queryAll', req);
      case 'composite': {
        const api = {
          dispatch: (r: ApiRequest, sub?: WriteContext) => this.dispatch(r, sub ?? ctx),
          org: this.org,
          ctx,
        };
        if (segs.length === 1) return handleComposite(api, method, req);
        if (segs[1] === 'graph' && segs.length === 2) return handleGraph(api, method, req);
        if (segs[1] === 'sobjects') return handleCollections(api, method, segs.slice(2), req);
        throw notFound();
      }
      default:
        throw notFound();
    }
  }

  private resources(prefix: string): Rec {
    const names = ['sobjects', 'query', 'queryAll', 'composite', 'limits'];
    return Object.fromEntries(names.map((n) => [n, `${prefix}/${n}`]));
  }

  private sobjects(segs: string[], method: string, req: ApiRequest, ctx: WriteContext): ApiResponse {
    const { org } = this;
    const prefix = `/services/data/v${req.version}`;
    const [name, second, third, ...rest] = segs;
    if (name === undefined) {
      if (method !== 'GET') throw methodNotAllowed(method, 'GET,HEAD');
      return { status: 200, body: describeGlobal(org.schema, prefix) };
    }
    const o = org.object(name);
    if (rest.length > 0) throw notFound();
    if (second === undefined) {
      if (method === 'GET')
        return { status: 200, body: { objectDescribe: objectSummary(o, prefix), recentItems: [] } };
      if (method !== 'POST') throw methodNotAllowed(method, 'GET,HEAD,POST');
      const id = org.dml.create(o.name, req.body as Rec, ctx);
      return created(prefix, o.name, id, { id, success: true, errors: [] });
    }
    if (second === 'describe' && third === undefined) {
      if (method !== 'GET') throw methodNotAllowed(method, 'GET,HEAD');
      return { status: 200, body: describeObject(org.schema, o, prefix) };
    }
    if (third === undefined) {
      // /sobjects/{S}/{id}
      if (method === 'GET')
        return { status: 200, body: this.record(o.name, org.dml.live(o, second), req, prefix) };
      if (method === 'PATCH') {
        org.dml.update(o.name, second, req.body as Rec, ctx);
        return { status: 204 };
      }
      if (method === 'DELETE') {
        org.dml.remove(o.name, second, ctx);
        return { status: 204 };
      }
      throw methodNotAllowed(method, 'GET,HEAD,PATCH,DELETE');
    }
    // /sobjects/{S}/{ExternalIdField}/{value}
    const field = org.dml.externalIdField(o, second);
    if (method === 'GET' || method === 'DELETE') {
      const matches = org.dml.matchExternalId(o, field, third);
      if (matches.length > 1)
        return { status: 300, body: matches.map((r) => `${prefix}/sobjects/${o.name}/${String(r.Id)}`) };
      const match = matches[0];
      if (!match) throw notFound();
      if (method === 'GET') return { status: 200, body: this.record(o.name, match, req, prefix) };
      org.dml.remove(o.name, String(match.Id), ctx);
      return { status: 204 };
    }
    if (method !== 'PATCH' && method !== 'POST') throw methodNotAllowed(method, 'GET,HEAD,PATCH,POST,DELETE');
    const body = (req.body ?? {}) as Rec;
    const repeated = Object.keys(body).find((k) =>
      ['id', field.name.toLowerCase()].includes(k.toLowerCase()),
    );
    if (repeated) {
      // Documented as an error; assumption: errorCode INVALID_FIELD.
      throw new SfError(
        'INVALID_FIELD',
        `Field ${repeated} must not be specified in the body of an upsert by ${field.name}`,
        [repeated],
      );
    }
    const result = org.dml.upsert(o.name, field.name, third, body, ctx, {
      updateOnly: req.query.get('updateOnly') === 'true',
      apiPrefix: prefix,
    });
    const modern = Number.parseFloat(req.version) >= 46;
    if (result.created) {
      return created(prefix, o.name, result.id, {
        id: result.id,
        success: true,
        errors: [],
        ...(modern ? { created: true } : {}),
      });
    }
    // Update: 200 with created:false from API 46.0, 204 before (facts §7.1).
    return modern
      ? { status: 200, body: { id: result.id, success: true, errors: [], created: false } }
      : { status: 204 };
  }

  /** GET of one record: every field, or the ?fields= list. */
  private record(sobject: string, rec: Rec, req: ApiRequest, prefix: string): Rec {
    const o = this.org.object(sobject);
    const view = this.org.dml.view(o, rec);
    const list = req.query.get('fields');
    const fields = list
      ? list.split(',').map((name) => {
          const f = this.org.schema.field(o, name.trim());
          if (!f)
            throw new SfError('INVALID_FIELD', `No such column '${name.trim()}' on entity '${o.name}'`, [
              name.trim(),
            ]);
          return f;
        })
      : o.fields;
    const out: Rec = { attributes: { type: o.name, url: `${prefix}/sobjects/${o.name}/${String(rec.Id)}` } };
    for (const f of fields) out[f.name] = view[f.name] ?? null;
    // A ?fields= answer carries the Id even when not asked for.
    out.Id = view.Id;
    return out;
  }

  private query(locator: string | undefined, includeDeleted: boolean, req: ApiRequest): ApiResponse {
    const { cursors } = this.org;
    if (locator !== undefined) {
      const dash = locator.lastIndexOf('-');
      const cursor = cursors.get(locator.slice(0, dash));
      const offset = Number(locator.slice(dash + 1));
      if (!cursor || dash < 0 || !Number.isInteger(offset)) {
        throw new SfError('INVALID_QUERY_LOCATOR', 'invalid query locator');
      }
      return this.page(cursor.records, offset, cursor.batchSize, cursor.version, locator.slice(0, dash));
    }
    const soql = req.query.get('q');
    if (!soql) throw new SfError('MALFORMED_QUERY', 'A query string has to be specified');
    const result = runSoql(this.org.soqlEnv(req.version), soql, includeDeleted);
    const option = /batchSize\s*=\s*(\d+)/i.exec(req.headers['sforce-query-options'] ?? '');
    // Sforce-Query-Options: batchSize=N is honoured within 200–2000 (default 2000).
    const batchSize = option ? Math.min(2000, Math.max(200, Number(option[1]))) : 2000;
    if (result.records.length === 0) {
      return { status: 200, body: { totalSize: result.totalSize, done: true, records: [] } };
    }
    return this.page(result.records, 0, batchSize, req.version);
  }

  private page(
    records: Rec[],
    offset: number,
    batchSize: number,
    version: string,
    locator?: string,
  ): ApiResponse {
    const next = offset + batchSize;
    const done = next >= records.length;
    const body: Rec = { totalSize: records.length, done };
    if (!done) {
      const id = locator ?? IdGenerator.random('01g');
      if (!this.org.cursors.has(id)) {
        this.org.cursors.set(id, { records, batchSize, version });
        const oldest = this.org.cursors.keys().next().value;
        if (this.org.cursors.size > MAX_CURSORS && oldest !== undefined) this.org.cursors.delete(oldest);
      }
      body.nextRecordsUrl = `/services/data/v${version}/query/${id}-${next}`;
    }
    body.records = records.slice(offset, next);
    return { status: 200, body };
  }
}

function created(prefix: string, sobject: string, id: string, body: Rec): ApiResponse {
  return { status: 201, body, headers: { Location: `${prefix}/sobjects/${sobject}/${id}` } };
}
