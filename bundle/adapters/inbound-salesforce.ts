/**
 * Salesforce side of the inbound flows: reading the rows the handlers take (by ID, or changed since a
 * watermark), and writing results back in sObject Collections of up to 200 records per call.
 */
import { salesforceError, SyncError, toSyncError, type SalesforceErrorItem } from '../core/errors';
import {
  byIdsQuery,
  changedQuery,
  contactsOfAccountQuery,
  qualifyingOpportunitiesQuery,
  type Watermark,
} from '../core/inbound/soql';
import type { InboundObject, SfContact, SfRow, WriteBack } from '../core/inbound/types';
import { chunks, mergeWriteBacks } from '../core/inbound/writeback';
import type { SalesforceClient } from './salesforce-client';

/** Rows of these IDs, by ID (one query per 200 IDs). */
export function readRows<T extends SfRow>(
  client: SalesforceClient,
  object: InboundObject,
  ids: string[],
  accountCondition: string,
): Map<string, T> {
  const rows = new Map<string, T>();
  for (const part of chunks([...new Set(ids)], 200)) {
    for (const row of client.query<T>(
      byIdsQuery(object, accountCondition, part, { currency: !client.singleCurrencyOrg }),
      `the Salesforce ${object} records`,
    ))
      rows.set(row.Id, row);
  }
  return rows;
}

/** One page of changes after the watermark (one query call per 2,000 records). */
export function readChanges<T extends SfRow>(
  client: SalesforceClient,
  object: InboundObject,
  accountCondition: string,
  mark: Watermark,
  limit: number,
  until: Date | undefined,
): T[] {
  return client.query<T>(
    changedQuery(object, accountCondition, mark, limit, until, { currency: !client.singleCurrencyOrg }),
    `the changed Salesforce ${object} records`,
  );
}

/** Contacts of an account that are not linked to NetSuite yet. */
export function unlinkedContacts(client: SalesforceClient, accountId: string, limit: number): SfContact[] {
  return client.query<SfContact>(contactsOfAccountQuery(accountId, limit), 'the contacts of the account');
}

/** Which of these opportunities meet a SOQL order condition (one query per 200). */
export function qualifyingOpportunities(
  client: SalesforceClient,
  condition: string,
  ids: string[],
): Set<string> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)], 200)) {
    const rows = client.query<{ Id: string }>(
      qualifyingOpportunitiesQuery(condition, part),
      'the order qualification condition (setting "Order Qualification: SOQL Condition")',
    );
    for (const row of rows) found.add(row.Id);
  }
  return found;
}

export interface WriteBackFailure {
  item: WriteBack;
  error: SyncError;
}

interface SaveResult {
  id?: string;
  success?: boolean;
  errors?: Array<{ statusCode?: string; errorCode?: string; message?: string; fields?: string[] }>;
}

/**
 * Sends the write-backs (merged per record) in collections of 200 with allOrNone=false, so one refused
 * record does not hold back the others. Returns the records that were not written, with the reason.
 */
export function sendWriteBacks(client: SalesforceClient, items: WriteBack[]): WriteBackFailure[] {
  const failures: WriteBackFailure[] = [];
  for (const part of chunks(mergeWriteBacks(items), 200)) {
    const subject = `the NetSuite results written back to ${part.length} Salesforce record${part.length > 1 ? 's' : ''}`;
    let results: SaveResult[];
    try {
      const response = client.request(
        'PATCH',
        `${client.base}/composite/sobjects`,
        {
          allOrNone: false,
          records: part.map((w) => ({ attributes: { type: w.object }, id: w.id, ...w.fields })),
        },
        subject,
      );
      results = Array.isArray(response.body) ? (response.body as SaveResult[]) : [];
    } catch (e) {
      const error = toSyncError(e, subject);
      for (const item of part) failures.push({ item, error });
      continue;
    }
    part.forEach((item, i) => {
      const result = results[i];
      if (result?.success) return;
      const items: SalesforceErrorItem[] = (result?.errors ?? []).map((e) => ({
        errorCode: e.statusCode ?? e.errorCode ?? 'UNKNOWN_EXCEPTION',
        message: e.message ?? '',
        fields: e.fields,
      }));
      failures.push({
        item,
        error: salesforceError(items, 400, `the write-back to Salesforce ${item.object} ${item.id}`),
      });
    });
  }
  return failures;
}
