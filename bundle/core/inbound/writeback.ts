/**
 * What the inbound flows write back to Salesforce: the NetSuite ID and a NetSuite Sync text (the time of
 * the last sync, or the plain error). Only fields whose value differs from the row as read are written, and
 * a sync that changed nothing writes nothing — so a record delivered twice does not come back as a change.
 */
import { cut } from '../text';
import { ORDER_PROCESSING, QUOTE_REQUESTED } from './decide';
import type { SfAccount, SfContact, SfOpportunity, WriteBack } from './types';

type Fields = WriteBack['fields'];

/** "Synced 2026-03-01 10:00 UTC". */
export function syncedText(now: Date): string {
  return `Synced ${now.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/** "Error: …", cut to the 255 characters of NetSuite_Sync__c. */
export function errorText(message: string): string {
  return cut(`Error: ${message}`, 255).value;
}

export function isSyncedText(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.startsWith('Synced ');
}

/** Keeps the fields that differ from the row; null when none do. */
function changedFields(row: Record<string, unknown>, wanted: Fields): Fields | null {
  const out: Fields = {};
  for (const [field, value] of Object.entries(wanted)) {
    const current = row[field] ?? null;
    const same =
      typeof value === 'number' && current !== null
        ? Math.abs(Number(current) - value) < 0.005
        : current === value;
    if (!same) out[field] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * After a successful sync: the NetSuite ID, plus the sync time when anything is written or the row showed
 * an error. `changed`: the NetSuite record was created or saved in this sync.
 */
export function linkWriteBack(
  object: 'Account' | 'Contact',
  row: SfAccount | SfContact,
  netsuiteId: string,
  changed: boolean,
  now: Date,
): WriteBack | null {
  const link = changedFields(row as unknown as Record<string, unknown>, { NetSuite_Id__c: netsuiteId });
  if (!link && !changed && isSyncedText(row.NetSuite_Sync__c)) return null;
  return { object, id: row.Id, fields: { ...(link ?? {}), NetSuite_Sync__c: syncedText(now) } };
}

/** After a failure: the plain error in NetSuite Sync, and Error as the order or estimate status. */
export function errorWriteBack(
  object: 'Account' | 'Contact' | 'Opportunity',
  row: { Id: string; NetSuite_Sync__c: string | null },
  message: string,
  kind: 'record' | 'order' | 'quote',
): WriteBack | null {
  const wanted: Fields = { NetSuite_Sync__c: errorText(message) };
  if (kind === 'order') wanted.NetSuite_Sync_Status__c = 'Error';
  if (kind === 'quote') wanted.NetSuite_Estimate_Status__c = 'Error';
  const fields = changedFields(row as unknown as Record<string, unknown>, wanted);
  return fields ? { object, id: row.Id, fields } : null;
}

/** Handed over to the poller: the mark that makes the poller read the record again (and shows it). */
export function queuedWriteBack(
  object: 'Account' | 'Contact' | 'Opportunity',
  id: string,
  now: Date,
): WriteBack {
  return {
    object,
    id,
    fields: {
      NetSuite_Sync__c: `Queued ${syncedText(now).slice('Synced '.length)}: handed to the sfsync poller`,
    },
  };
}

/** Order created or updated: Completed with the order number. */
export function orderWriteBack(
  opp: SfOpportunity,
  order: { id: string; tranId: string; url: string | null },
  changed: boolean,
  now: Date,
): WriteBack | null {
  const wanted: Fields = {
    NetSuite_Id__c: order.id,
    NetSuite_Order_Number__c: order.tranId,
    NetSuite_Sync_Status__c: 'Completed',
  };
  if (order.url) wanted.NetSuite_Order_Record__c = order.url;
  const fields = changedFields(opp as unknown as Record<string, unknown>, wanted);
  if (!fields && !changed && isSyncedText(opp.NetSuite_Sync__c)) return null;
  return {
    object: 'Opportunity',
    id: opp.Id,
    fields: { ...(fields ?? {}), NetSuite_Sync__c: syncedText(now) },
  };
}

/** Quote created or updated: the estimate's ID, number, status and total. */
export function estimateWriteBack(
  opp: SfOpportunity,
  estimate: { id: string; tranId: string; status: string; total: number | null },
): WriteBack | null {
  const fields = changedFields(opp as unknown as Record<string, unknown>, {
    NetSuite_Estimate_Id__c: estimate.id,
    NetSuite_Estimate_Number__c: estimate.tranId,
    NetSuite_Estimate_Status__c: cut(estimate.status, 40).value,
    NetSuite_Estimate_Total__c: estimate.total,
  });
  return fields ? { object: 'Opportunity', id: opp.Id, fields } : null;
}

/** Marks handed-over order requests, so the poller takes them up (and the user sees Processing). */
export function processingWriteBack(
  opp: Pick<SfOpportunity, 'Id' | 'NetSuite_Sync_Status__c'>,
): WriteBack | null {
  return opp.NetSuite_Sync_Status__c === ORDER_PROCESSING
    ? null
    : { object: 'Opportunity', id: opp.Id, fields: { NetSuite_Sync_Status__c: ORDER_PROCESSING } };
}

/**
 * Merges write-backs per record (later fields win), so each Salesforce record is written once per batch —
 * a collection may not name the same record twice.
 */
export function mergeWriteBacks(items: WriteBack[]): WriteBack[] {
  const byKey = new Map<string, WriteBack>();
  for (const item of items) {
    const key = `${item.object}:${item.id}`;
    const known = byKey.get(key);
    if (known) known.fields = { ...known.fields, ...item.fields };
    else byKey.set(key, { object: item.object, id: item.id, fields: { ...item.fields } });
  }
  return [...byKey.values()];
}

/** Collections of at most 200 records (one API call each). */
export function chunks<T>(items: T[], size = 200): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Marks handed-over quote requests, so the poller takes them up. */
export function quoteRequestWriteBack(
  opp: Pick<SfOpportunity, 'Id' | 'NetSuite_Estimate_Status__c'>,
): WriteBack | null {
  return opp.NetSuite_Estimate_Status__c === QUOTE_REQUESTED
    ? null
    : { object: 'Opportunity', id: opp.Id, fields: { NetSuite_Estimate_Status__c: QUOTE_REQUESTED } };
}
