/**
 * Salesforce calls of the go-live jobs: composite requests of sObject Collections with every record
 * answered on its own (allOrNone false). A call that fails as a whole (refused, dropped, API limit) stops
 * the rest; the caller learns which subrequests ran and why the others did not.
 */
import type { Step, SubResponse } from '../core/composite';
import { toSyncError, type SyncError } from '../core/errors';
import { compositeBodies } from '../core/golive-collections';
import type { SalesforceClient } from './salesforce-client';

export interface SentCollections {
  responses: Record<string, SubResponse | undefined>;
  /** Why the remaining calls were not made, if a call failed as a whole. */
  stopped?: SyncError;
  calls: number;
}

export function sendCollections(client: SalesforceClient, steps: Step[], subject: string): SentCollections {
  const out: SentCollections = { responses: {}, calls: 0 };
  for (const call of compositeBodies(steps)) {
    try {
      out.calls += 1;
      const result = client.request('POST', `${client.base}/composite`, call.body, subject);
      const responses =
        (result.body as { compositeResponse?: SubResponse[] } | null)?.compositeResponse ?? [];
      for (const r of responses) out.responses[r.referenceId] = r;
    } catch (e) {
      out.stopped = toSyncError(e, subject);
      break;
    }
  }
  return out;
}

/** Runs a SOQL query to its end (one API call per 2,000 records). */
export function queryAll<T = Record<string, unknown>>(
  client: SalesforceClient,
  soql: string,
  subject: string,
): T[] {
  return client.query<T>(soql, subject);
}
