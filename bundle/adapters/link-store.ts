/**
 * The sfsync Salesforce Link record: for a NetSuite record that cannot carry sfsync fields (a contract of the
 * Contract Renewals SuiteApp), the Salesforce ID, the sync status an administrator reads, and the state of
 * the last sync. Finding a link is one search (10 units); writing one is 6 units new, 2 after that.
 */
import * as record from 'N/record';
import * as search from 'N/search';
import { LINK } from '../catalogue';
import { emptyLinkState, parseLinkState, type LinkState } from '../core/contract-mapping';

export interface Link {
  /** Internal ID of the link record ('' until it is first saved). */
  id: string;
  netsuiteType: string;
  netsuiteId: string;
  salesforceObject: string;
  salesforceId: string;
  /** The last sync left an error. */
  hadError: boolean;
  state: LinkState;
}

export const linkKey = (netsuiteType: string, netsuiteId: string): string => `${netsuiteType}:${netsuiteId}`;

export function newLink(netsuiteType: string, netsuiteId: string, salesforceObject: string): Link {
  return {
    id: '',
    netsuiteType,
    netsuiteId,
    salesforceObject,
    salesforceId: '',
    hadError: false,
    state: emptyLinkState(),
  };
}

/** The link of a record (the newest, should two saves have made two). */
export function findLink(netsuiteType: string, netsuiteId: string, salesforceObject: string): Link {
  const [found] = search
    .create({
      type: LINK.type,
      filters: [[LINK.key, 'is', linkKey(netsuiteType, netsuiteId)], 'AND', ['isinactive', 'is', 'F']],
      columns: [
        search.createColumn({ name: 'internalid', sort: search.Sort.DESC }),
        LINK.salesforceId,
        LINK.lastSyncError,
        LINK.state,
      ],
    })
    .run()
    .getRange({ start: 0, end: 1 });
  if (!found) return newLink(netsuiteType, netsuiteId, salesforceObject);
  return {
    id: String(found.id),
    netsuiteType,
    netsuiteId,
    salesforceObject,
    salesforceId: String(found.getValue({ name: LINK.salesforceId }) ?? ''),
    hadError: String(found.getValue({ name: LINK.lastSyncError }) ?? '') !== '',
    state: parseLinkState(String(found.getValue({ name: LINK.state }) ?? '')),
  };
}

export interface LinkUpdate {
  salesforceId?: string;
  syncStatus: string;
  lastSyncError: string;
  lastSyncedAt?: Date;
  state?: LinkState;
}

/** Writes the link (creating it the first time); returns its internal ID. */
export function saveLink(link: Link, update: LinkUpdate): string {
  const values: Record<string, string | Date> = {
    [LINK.syncStatus]: update.syncStatus.slice(0, 300),
    [LINK.lastSyncError]: update.lastSyncError.slice(0, 3900),
  };
  if (update.salesforceId !== undefined) values[LINK.salesforceId] = update.salesforceId;
  if (update.lastSyncedAt) values[LINK.lastSyncedAt] = update.lastSyncedAt;
  if (update.state) values[LINK.state] = JSON.stringify(update.state);
  if (link.id) {
    record.submitFields({
      type: LINK.type,
      id: link.id,
      values: values as Record<string, string>,
      options: { enableSourcing: false, ignoreMandatoryFields: true },
    });
    return link.id;
  }
  const rec = record.create({ type: LINK.type });
  rec.setValue({ fieldId: 'name', value: `${link.netsuiteType} ${link.netsuiteId}`.slice(0, 300) });
  rec.setValue({ fieldId: LINK.key, value: linkKey(link.netsuiteType, link.netsuiteId) });
  rec.setValue({ fieldId: LINK.netsuiteType, value: link.netsuiteType });
  rec.setValue({ fieldId: LINK.netsuiteId, value: link.netsuiteId });
  rec.setValue({ fieldId: LINK.salesforceObject, value: link.salesforceObject });
  for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value });
  link.id = String(rec.save());
  return link.id;
}
