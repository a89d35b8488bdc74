/**
 * sObject Collections for the go-live jobs: records in chunks of 200 per collection request, packed five
 * collections to a composite call (the documented limits), every record answered on its own
 * (allOrNone false), so one bad record never holds back the others. Pure.
 */
import { MAX_COLLECTION, packComposites, type Step, type SubResponse } from './composite';
import { describeSalesforceError, type SalesforceErrorItem } from './errors';

export type SalesforceRecord = Record<string, unknown> & { attributes: { type: string } };

export interface CollectionChunk {
  ref: string;
  /** The caller's key of each record, in order (order ID, line external ID, customer ID, …). */
  keys: string[];
  /** The external ID field an upsert chunk matches by (its DUPLICATE_VALUE on it is a race: retryable). */
  upsertField?: string;
}

export interface CollectionPlan {
  steps: Step[];
  chunks: CollectionChunk[];
}

export interface RecordResult {
  ok: boolean;
  id: string;
  /** Error codes and messages, when not ok. */
  errors: SalesforceErrorItem[];
  /** The request carrying the record was not sent or got no answer. */
  notSent?: boolean;
}

/**
 * Steps writing `records` (key → record): `upsert` by an external ID field, `update` by `id`, `create`.
 * `refPrefix` names the steps (`accounts_0`, `accounts_1`, …).
 */
export function collectionSteps(
  base: string,
  mode: 'upsert' | 'update' | 'create',
  sobject: string,
  records: Array<{ key: string; record: SalesforceRecord }>,
  refPrefix: string,
  subject: string,
  externalIdField = 'NetSuite_Id__c',
): CollectionPlan {
  const plan: CollectionPlan = { steps: [], chunks: [] };
  for (let i = 0; i < records.length; i += MAX_COLLECTION) {
    const chunk = records.slice(i, i + MAX_COLLECTION);
    const ref = `${refPrefix}_${i / MAX_COLLECTION}`;
    plan.chunks.push({
      ref,
      keys: chunk.map((c) => c.key),
      ...(mode === 'upsert' ? { upsertField: externalIdField } : {}),
    });
    plan.steps.push({
      method: mode === 'create' ? 'POST' : 'PATCH',
      url:
        mode === 'upsert'
          ? `${base}/composite/sobjects/${sobject}/${externalIdField}`
          : `${base}/composite/sobjects`,
      referenceId: ref,
      body: { allOrNone: false, records: chunk.map((c) => c.record) },
      heavy: true,
      subject,
    });
  }
  return plan;
}

/** The composite calls for these steps, in order (five collections or 25 subrequests per call). */
export function compositeBodies(steps: Step[]): Array<{ steps: Step[]; body: unknown }> {
  return packComposites(steps).map((batch) => ({
    steps: batch,
    body: {
      allOrNone: false,
      compositeRequest: batch.map(({ method, url, referenceId, body }) =>
        body === undefined ? { method, url, referenceId } : { method, url, referenceId, body },
      ),
    },
  }));
}

function errorItems(value: unknown, upsertField?: string): SalesforceErrorItem[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map((e) => ({
      errorCode: String(e.errorCode ?? e.statusCode ?? 'UNKNOWN_EXCEPTION'),
      message: String(e.message ?? ''),
      fields: Array.isArray(e.fields) ? (e.fields as string[]) : [],
      ...(upsertField ? { upsertField } : {}),
    }));
}

/**
 * Per-record results of collection chunks, by the caller's key. A chunk whose whole subrequest failed (or
 * never ran: `missing`) gives every record of it that failure.
 */
export function chunkResults(
  chunks: CollectionChunk[],
  responses: Record<string, SubResponse | undefined>,
  missing: SalesforceErrorItem,
): Map<string, RecordResult> {
  const out = new Map<string, RecordResult>();
  for (const chunk of chunks) {
    const response = responses[chunk.ref];
    if (!response || response.httpStatusCode >= 300 || !Array.isArray(response.body)) {
      const errors = response ? errorItems(response.body, chunk.upsertField) : [];
      const failure = errors.length > 0 ? errors : [missing];
      for (const key of chunk.keys) out.set(key, { ok: false, id: '', errors: failure, notSent: !response });
      continue;
    }
    const results = response.body as Array<Record<string, unknown> | null>;
    chunk.keys.forEach((key, i) => {
      const r = results[i];
      if (r && r.success === true) out.set(key, { ok: true, id: String(r.id ?? ''), errors: [] });
      else {
        const errors = errorItems(r?.errors, chunk.upsertField);
        out.set(key, {
          ok: false,
          id: '',
          errors: errors.length > 0 ? errors : [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'no result' }],
        });
      }
    });
  }
  return out;
}

/** A record's failure in one line, for reports. */
export function failureText(result: RecordResult, subject: string): string {
  const first = result.errors[0];
  return first ? describeSalesforceError(first, subject) : `${subject}: failed`;
}
