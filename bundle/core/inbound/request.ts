/**
 * Strict validation of what Salesforce sends to the inbound RESTlet. A body names one record
 * (`{"object":"Account","id":"001…"}`), a batch (`{"records":[…]}`), or is the change notification of a
 * record-triggered flow (`{"sobject":"Account","event":"updated","id":"001…"}`); `action` is `sync` (the
 * default), or for an Opportunity `order` (Create NetSuite Order) or `quote` (Create Quote). Anything else — bad
 * JSON, unknown or mistyped fields, an unknown object, a malformed ID, too many records, too large a body —
 * is refused as a whole with a 4xx-style error that names the problem, before anything is read or written.
 */
import { isIdOf, toId18 } from './ids';
import type { InboundAction, InboundObject, InboundRequest } from './types';

/** Records per request; larger batches are refused (Salesforce sends at most 200 per trigger chunk). */
export const MAX_BATCH = 200;
/** Characters per body: 200 records take about 20 KB, so this leaves room without accepting megabytes. */
export const MAX_BODY_CHARS = 256 * 1024;

export const OBJECTS: readonly InboundObject[] = ['Account', 'Contact', 'Opportunity'];

const ACTIONS: Record<InboundObject, readonly InboundAction[]> = {
  Account: ['sync'],
  Contact: ['sync'],
  Opportunity: ['sync', 'order', 'quote'],
};

const RECORD_KEYS = ['object', 'id', 'action'];

export interface RequestError {
  /** HTTP-style status: 400 bad request, 413 too large, 415 unsupported body. */
  status: 400 | 413 | 415;
  code: string;
  message: string;
  /** Every problem found (at most 20), when there are several. */
  details?: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: RequestError };

const fail = <T>(status: RequestError['status'], code: string, message: string): Parsed<T> => ({
  ok: false,
  error: { status, code, message },
});

/** A value as it may be echoed in an error message: JSON, cut short. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks one record entry; pushes problems (prefixed with `where`) and returns the request when valid. */
function checkRecord(entry: unknown, where: string, problems: string[]): InboundRequest | null {
  if (!isPlainObject(entry)) {
    problems.push(
      `${where} must be an object like {"object":"Account","id":"001…"}, not ${typeName(entry)}.`,
    );
    return null;
  }
  const unknown = Object.keys(entry).filter((k) => !RECORD_KEYS.includes(k));
  if (unknown.length > 0) {
    problems.push(
      `${where} has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map(shown).join(', ')}; allowed: object, id, action.`,
    );
  }
  const { object, id, action } = entry;
  if (object === undefined) {
    problems.push(`${where}.object is missing (Account, Contact or Opportunity).`);
    return null;
  }
  if (typeof object !== 'string') {
    problems.push(`${where}.object must be a string, not ${typeName(object)}.`);
    return null;
  }
  if (!(OBJECTS as readonly string[]).includes(object)) {
    problems.push(
      `${where}.object ${shown(object)} is not an object sfsync takes from Salesforce (Account, Contact or Opportunity).`,
    );
    return null;
  }
  const obj = object as InboundObject;
  let normalized: string | null = null;
  if (id === undefined) problems.push(`${where}.id is missing (the Salesforce ${obj} ID).`);
  else if (typeof id !== 'string') problems.push(`${where}.id must be a string, not ${typeName(id)}.`);
  else if (!isIdOf(obj, id))
    problems.push(
      `${where}.id ${shown(id)} is not a Salesforce ${obj} ID (15 or 18 characters, ${obj} IDs).`,
    );
  else normalized = toId18(id);
  let act: InboundAction = 'sync';
  if (action !== undefined) {
    if (typeof action !== 'string')
      problems.push(`${where}.action must be a string, not ${typeName(action)}.`);
    else if (!(ACTIONS[obj] as readonly string[]).includes(action))
      problems.push(
        `${where}.action ${shown(action)} is not allowed for ${obj} (allowed: ${ACTIONS[obj].join(', ')}).`,
      );
    else act = action as InboundAction;
  }
  return normalized && unknown.length === 0 ? { object: obj, id: normalized, action: act } : null;
}

const NOTIFICATION_KEYS = ['sobject', 'event', 'id', 'changedFields', 'record'];
const EVENTS = ['created', 'updated', 'deleted'];

/**
 * A change notification as a record-triggered flow sends it: {sobject, event, id, changedFields, record}.
 * Only the object and ID are used — the record is read again from Salesforce, so its latest state wins.
 */
function checkNotification(value: Record<string, unknown>, problems: string[]): InboundRequest | null {
  const unknown = Object.keys(value).filter((k) => !NOTIFICATION_KEYS.includes(k));
  if (unknown.length > 0)
    problems.push(
      `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map(shown).join(', ')} in a change notification; allowed: ${NOTIFICATION_KEYS.join(', ')}.`,
    );
  const { event, changedFields, record } = value;
  if (event !== undefined && (typeof event !== 'string' || !EVENTS.includes(event)))
    problems.push(`"event" ${shown(event)} must be one of ${EVENTS.join(', ')}.`);
  if (
    changedFields !== undefined &&
    (!Array.isArray(changedFields) || changedFields.some((f) => typeof f !== 'string'))
  )
    problems.push('"changedFields" must be an array of field names.');
  if (record !== undefined && !isPlainObject(record))
    problems.push(`"record" must be an object, not ${typeName(record)}.`);
  const request = checkRecord({ object: value.sobject, id: value.id }, 'The notification', problems);
  return request && unknown.length === 0 ? request : null;
}

/**
 * Parses a POST body (a string as sent, or the object NetSuite parsed from an application/json body).
 * Duplicate entries (same object, ID and action) are kept once.
 */
export function parsePostBody(body: unknown): Parsed<InboundRequest[]> {
  let value: unknown = body;
  if (typeof body === 'string') {
    if (body.length > MAX_BODY_CHARS)
      return fail(
        413,
        'BODY_TOO_LARGE',
        `The body has ${body.length} characters; sfsync accepts at most ${MAX_BODY_CHARS}. Send at most ${MAX_BATCH} records per request.`,
      );
    if (body.trim() === '')
      return fail(400, 'EMPTY_BODY', 'The body is empty; send {"object":"Account","id":"001…"}.');
    try {
      value = JSON.parse(body) as unknown;
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return fail(400, 'INVALID_JSON', `The body is not valid JSON (${reason.slice(0, 120)}).`);
    }
  } else if (body !== null && typeof body === 'object') {
    const size = JSON.stringify(body).length;
    if (size > MAX_BODY_CHARS)
      return fail(
        413,
        'BODY_TOO_LARGE',
        `The body has ${size} characters; sfsync accepts at most ${MAX_BODY_CHARS}. Send at most ${MAX_BATCH} records per request.`,
      );
  } else if (body === undefined || body === null) {
    return fail(400, 'EMPTY_BODY', 'The body is empty; send {"object":"Account","id":"001…"}.');
  } else {
    return fail(
      415,
      'UNSUPPORTED_BODY',
      `The body must be JSON text or a JSON object, not ${typeName(body)}.`,
    );
  }
  if (!isPlainObject(value))
    return fail(400, 'INVALID_BODY', `The body must be a JSON object, not ${typeName(value)}.`);

  const problems: string[] = [];
  const requests: InboundRequest[] = [];
  if ('records' in value) {
    const extra = Object.keys(value).filter((k) => k !== 'records');
    if (extra.length > 0)
      problems.push(
        `Unknown field${extra.length > 1 ? 's' : ''} ${extra.map(shown).join(', ')} next to "records".`,
      );
    const records = value.records;
    if (!Array.isArray(records)) {
      problems.push(`"records" must be an array, not ${typeName(records)}.`);
    } else if (records.length === 0) {
      problems.push('"records" is empty; send at least one record.');
    } else if (records.length > MAX_BATCH) {
      return fail(
        413,
        'BATCH_TOO_LARGE',
        `"records" has ${records.length} entries; sfsync accepts at most ${MAX_BATCH} per request.`,
      );
    } else {
      records.forEach((entry, i) => {
        const request = checkRecord(entry, `records[${i}]`, problems);
        if (request) requests.push(request);
      });
    }
  } else if ('sobject' in value) {
    const request = checkNotification(value, problems);
    if (request) requests.push(request);
  } else {
    const request = checkRecord(value, 'The body', problems);
    if (request) requests.push(request);
  }
  if (problems.length > 0) {
    return {
      ok: false,
      error: {
        status: 400,
        code: 'INVALID_REQUEST',
        message: problems.length > 1 ? `${problems[0]} (and ${problems.length - 1} more)` : problems[0]!,
        details: problems.slice(0, 20),
      },
    };
  }
  const seen = new Set<string>();
  return {
    ok: true,
    value: requests.filter((r) => {
      const key = `${r.object}:${r.id}:${r.action}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  };
}

/** Which customer the Update from NetSuite button asks for. */
export type FinancialsQuery = { by: 'account'; accountId: string } | { by: 'customer'; customerId: string };

/** Parameters NetSuite adds to every RESTlet URL; not part of the request. */
const ROUTING_PARAMS = ['script', 'deploy', 'compid', 'h'];

/** Parses the GET parameters: exactly one of `accountId` (Salesforce Account ID) or `netsuiteId`. */
export function parseFinancialsQuery(params: unknown): Parsed<FinancialsQuery> {
  const p = isPlainObject(params) ? params : {};
  const unknown = Object.keys(p).filter(
    (k) => !ROUTING_PARAMS.includes(k) && k !== 'accountId' && k !== 'netsuiteId',
  );
  if (unknown.length > 0)
    return fail(
      400,
      'INVALID_REQUEST',
      `Unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map(shown).join(', ')}; use accountId or netsuiteId.`,
    );
  const { accountId, netsuiteId } = p;
  if (accountId !== undefined && netsuiteId !== undefined)
    return fail(400, 'INVALID_REQUEST', 'Give either accountId or netsuiteId, not both.');
  if (accountId !== undefined) {
    if (typeof accountId !== 'string' || !isIdOf('Account', accountId))
      return fail(400, 'INVALID_ID', `accountId ${shown(accountId)} is not a Salesforce Account ID.`);
    return { ok: true, value: { by: 'account', accountId: toId18(accountId)! } };
  }
  if (netsuiteId !== undefined) {
    if (typeof netsuiteId !== 'string' || !/^[1-9]\d{0,11}$/.test(netsuiteId))
      return fail(400, 'INVALID_ID', `netsuiteId ${shown(netsuiteId)} is not a NetSuite internal ID.`);
    return { ok: true, value: { by: 'customer', customerId: netsuiteId } };
  }
  return fail(400, 'INVALID_REQUEST', 'Give accountId (Salesforce Account ID) or netsuiteId.');
}
