// Admin endpoints under /__local/ (not part of Salesforce): seed and edit records as a Salesforce user
// would, inspect records, API calls and the request log, inject faults, wait until the org is quiet
// (settle), and reset or stop the org.
// Every call needs the header X-Local-Secret with the org's client secret; none counts as an API call.
import type { IncomingHttpHeaders } from 'node:http';
import { errorBody } from './errors';
import type { FaultSpec, ValidationRuleSpec } from './faults';
import type { Org } from './org';
import type { OutboundSpec } from './outbound';
import type { Reply } from './server';
import { DEFAULT_SETTLE_MS, MAX_SETTLE_MS, type SettleOutcome } from './settle';
import type { Rec } from './store';

const ok = (body: unknown = {}): Reply => ({ status: 200, body });

/** What the admin endpoints need from the server beyond the org. */
export interface AdminContext {
  /** Waits until no request is in flight and no push is queued, for at most `maxMs`. */
  settle(maxMs: number): Promise<SettleOutcome>;
}

/** Runs a write as one committed transaction; errors roll it back and come back in Salesforce's shape. */
function write(org: Org, op: () => unknown): Reply {
  const sp = org.store.savepoint();
  try {
    const result = op();
    org.commit();
    return ok(result ?? {});
  } catch (err) {
    org.store.rollbackTo(sp);
    org.commit();
    return errorBody(err);
  }
}

export async function handleAdmin(
  org: Org,
  method: string,
  url: string,
  raw: string,
  headers: IncomingHttpHeaders,
  context: AdminContext,
): Promise<{ reply: Reply; stop?: boolean }> {
  if (headers['x-local-secret'] !== org.auth.clientSecret) {
    return { reply: { status: 401, body: { error: 'X-Local-Secret header missing or wrong' } } };
  }
  const [pathPart, queryPart] = url.split('?');
  const query = new URLSearchParams(queryPart ?? '');
  const segs = (pathPart ?? '').split('/').filter(Boolean).slice(1).map(decodeURIComponent);
  let body: Rec;
  try {
    body = raw ? (JSON.parse(raw) as Rec) : {};
  } catch {
    return { reply: { status: 400, body: { error: 'body is not JSON' } } };
  }
  const route = `${method} ${segs[0] ?? ''}`;
  switch (route) {
    case 'GET info':
      return { reply: ok({ instanceUrl: org.instanceUrl, apiVersion: org.defaultApiVersion }) };
    case 'GET records': {
      const o = org.schema.object(segs[1] ?? '');
      if (!o)
        return {
          reply: { status: 404, body: [{ errorCode: 'NOT_FOUND', message: `No object ${segs[1]}` }] },
        };
      const rows = query.get('includeDeleted') === 'true' ? org.store.all(o.name) : org.store.live(o.name);
      return { reply: ok(rows.map((r) => org.dml.view(o, r))) };
    }
    case 'POST records':
      return { reply: write(org, () => ({ id: org.dml.create(segs[1] ?? '', body) })) };
    case 'PATCH records':
      return { reply: write(org, () => ({ id: org.dml.update(segs[1] ?? '', segs[2] ?? '', body) })) };
    case 'GET api-calls':
      return {
        reply: ok({
          total: org.usage.calls,
          byEndpoint: org.usage.byEndpoint,
          used: org.usage.used,
          limit: org.usage.limit,
        }),
      };
    case 'GET request-log':
      return { reply: ok(org.usage.log) };
    case 'POST faults':
      org.faults.add(body as unknown as FaultSpec);
      return { reply: ok() };
    case 'DELETE faults':
      org.faults.clear();
      return { reply: ok() };
    case 'POST validation-rules':
      org.faults.addValidationRule(body as unknown as ValidationRuleSpec);
      return { reply: ok() };
    case 'POST expire-tokens':
      org.auth.expireAll();
      return { reply: ok() };
    case 'POST api-limit':
      org.usage.limit = Number(body.max);
      if (body.used !== undefined) org.usage.used = Number(body.used);
      return { reply: ok() };
    case 'POST outbound':
      org.outbound.subscribe(body as unknown as OutboundSpec);
      return { reply: ok() };
    case 'GET outbound':
      await org.outbound.idle();
      return { reply: ok(org.outbound.deliveries) };
    case 'POST settle': {
      const asked = body.maxMs === undefined ? DEFAULT_SETTLE_MS : Number(body.maxMs);
      if (!Number.isFinite(asked) || asked < 0 || asked > MAX_SETTLE_MS)
        return {
          reply: { status: 400, body: { error: `maxMs must be a number from 0 to ${MAX_SETTLE_MS}` } },
        };
      const outcome = await context.settle(asked);
      if (outcome.settled) return { reply: ok({ settled: true }) };
      return {
        reply: {
          status: 503,
          body: [
            {
              errorCode: 'SETTLE_TIMEOUT',
              message: `The org was still busy after ${asked} ms: ${outcome.pending.join('; ')}`,
              pending: outcome.pending,
            },
          ],
        },
      };
    }
    case 'POST reset':
      org.reset();
      return { reply: ok() };
    case 'POST stop':
      return { reply: ok(), stop: true };
    default:
      return {
        reply: { status: 404, body: [{ errorCode: 'NOT_FOUND', message: `No admin endpoint ${route}` }] },
      };
  }
}
