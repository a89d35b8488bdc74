/**
 * Salesforce composite requests: packing steps into as few API calls as the documented limits allow
 * (25 subrequests per composite, at most 5 of them queries or sObject Collections), resolving `@{ref…}`
 * references across calls, and finding the first real failure in a response.
 */
import { SyncError, salesforceError, type SalesforceErrorItem } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Subrequest {
  method: HttpMethod;
  url: string;
  referenceId: string;
  body?: unknown;
}

export interface SubResponse {
  body: unknown;
  httpHeaders?: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export interface Step extends Subrequest {
  /** Queries and sObject Collections count against the 5-per-composite limit. */
  heavy: boolean;
  /** What the step is about, for error messages ("order SO-1001", "the new lines of order SO-1001"). */
  subject: string;
  /**
   * For an sObject Collection: what each record is about, in order ("line 3 (WIDGET-A) of order SO-1001"),
   * so that a failed record is named as the user knows it rather than by its external ID.
   */
  recordSubjects?: string[];
}

export const MAX_SUBREQUESTS = 25;
export const MAX_HEAVY = 5;
export const MAX_COLLECTION = 200;

/** Splits steps, in order, into composite batches within the limits. */
export function packComposites(steps: Step[]): Step[][] {
  const batches: Step[][] = [];
  let current: Step[] = [];
  let heavy = 0;
  for (const step of steps) {
    const wouldHeavy = heavy + (step.heavy ? 1 : 0);
    if (current.length >= MAX_SUBREQUESTS || wouldHeavy > MAX_HEAVY) {
      batches.push(current);
      current = [];
      heavy = 0;
    }
    current.push(step);
    heavy += step.heavy ? 1 : 0;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const REF = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

function walk(value: unknown, path: string): unknown {
  let current: unknown = value;
  const parts = path.match(/\.[A-Za-z0-9_]+|\[\d+\]/g) ?? [];
  for (const part of parts) {
    if (current === null || current === undefined) return undefined;
    const key = part.startsWith('[') ? Number(part.slice(1, -1)) : part.slice(1);
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/**
 * Replaces references to results of earlier calls (`@{opp.id}`, `@{products_0[2].id}`) with their values.
 * References to subrequests of the same batch are left for Salesforce to resolve.
 */
export function resolveRefs<T>(value: T, known: Record<string, unknown>): T {
  if (typeof value === 'string') {
    const whole = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/.exec(value);
    if (whole && whole[1]! in known) return walk(known[whole[1]!], whole[2] ?? '') as T;
    return value.replace(REF, (match, ref: string, path: string) =>
      ref in known ? String(walk(known[ref], path) ?? '') : match,
    ) as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, known)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = resolveRefs(v, known);
    return out as T;
  }
  return value;
}

/**
 * Salesforce errors of a response body. Subrequests answer `errorCode`; sObject Collections answer each
 * record's errors with `statusCode` instead, which is read as the code.
 */
function errorItems(body: unknown, upsertField = ''): SalesforceErrorItem[] {
  if (!Array.isArray(body)) return [];
  return body.flatMap((e): SalesforceErrorItem[] => {
    if (!e || typeof e !== 'object') return [];
    const item = e as { errorCode?: unknown; statusCode?: unknown; message?: unknown; fields?: unknown };
    const code = typeof item.errorCode === 'string' ? item.errorCode : item.statusCode;
    if (typeof code !== 'string') return [];
    return [
      {
        errorCode: code,
        message: typeof item.message === 'string' ? item.message : '',
        ...(Array.isArray(item.fields) ? { fields: item.fields.map(String) } : {}),
        ...(upsertField ? { upsertField } : {}),
      },
    ];
  });
}

/**
 * The external ID field a step upserts by — `PATCH …/sobjects/{SObject}/{Field}/{value}` or a collection
 * upsert `PATCH …/composite/sobjects/{SObject}/{Field}` — or '' (an update by Id, a create, a query).
 */
export function upsertFieldOf(step: Pick<Subrequest, 'method' | 'url'> | undefined): string {
  if (!step || step.method !== 'PATCH') return '';
  const path = step.url.split('?')[0] ?? '';
  const field =
    /\/composite\/sobjects\/\w+\/(\w+)$/.exec(path)?.[1] ?? /\/sobjects\/\w+\/(\w+)\/[^/]+$/.exec(path)?.[1];
  return field && field !== 'Id' ? field : '';
}

/** Per-record failures inside an sObject Collections result array. */
function collectionFailures(
  body: unknown,
  upsertField: string,
): Array<{ index: number; errors: SalesforceErrorItem[] }> {
  if (!Array.isArray(body)) return [];
  const failures: Array<{ index: number; errors: SalesforceErrorItem[] }> = [];
  body.forEach((r, index) => {
    if (r && typeof r === 'object' && (r as { success?: unknown }).success === false) {
      const errors = errorItems((r as { errors?: unknown }).errors, upsertField).filter(
        (e) => e.errorCode !== 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
      );
      failures.push({ index, errors });
    }
  });
  return failures.filter((f) => f.errors.length > 0);
}

/**
 * The first real failure of a composite response (a rolled-back subrequest only says PROCESSING_HALTED;
 * the one that caused it carries the reason), as a SyncError naming the step's subject; null when all
 * subrequests succeeded.
 */
export function compositeFailure(steps: Step[], responses: SubResponse[]): SyncError | null {
  const bySubject = new Map(steps.map((s) => [s.referenceId, s]));
  let halted: SyncError | null = null;
  for (const response of responses) {
    const step = bySubject.get(response.referenceId);
    const subject = step?.subject ?? response.referenceId;
    if (response.httpStatusCode >= 300) {
      const items = errorItems(response.body, upsertFieldOf(step));
      if (response.httpStatusCode === 300) {
        return salesforceError(
          [{ errorCode: 'MULTIPLE_CHOICES', message: 'several records match' }],
          300,
          subject,
        );
      }
      const real = items.filter((i) => i.errorCode !== 'PROCESSING_HALTED');
      if (real.length > 0) return salesforceError(real, response.httpStatusCode, subject);
      halted = halted ?? salesforceError(items, response.httpStatusCode, subject);
      continue;
    }
    const failures = collectionFailures(response.body, upsertFieldOf(step));
    if (failures.length > 0) {
      const first = failures[0]!;
      const named = step?.recordSubjects?.[first.index];
      if (named) return salesforceError(first.errors, 400, named);
      const records = (step?.body as { records?: Array<Record<string, unknown>> } | undefined)?.records;
      const record = records?.[first.index];
      const label = (record?.['NetSuite_Id__c'] ?? `record ${first.index + 1}`) as string;
      return salesforceError(first.errors, 400, `${subject} (${label})`);
    }
  }
  return halted;
}
