/**
 * Go-live linking: matches existing NetSuite customers, contacts and items to Salesforce Accounts, Contacts
 * and Products (core/golive-match), saves the match report in the File Cabinet, and — unless it is a dry
 * run — writes the IDs on both sides: NetSuite_Id__c in Salesforce with sObject Collections (200 records
 * per collection, five collections per call), the Salesforce ID in NetSuite with submitFields.
 */
import * as log from 'N/log';
import { ENTITY, ITEM } from '../catalogue';
import { inboundMarker } from '../core/echo';
import { toSyncError } from '../core/errors';
import { chunkResults, collectionSteps, failureText } from '../core/golive-collections';
import { matchRecords, type LinkKind, type SalesforceSide } from '../core/golive-match';
import { csv, fileStamp, matchReportCsv, matchSummary } from '../core/golive-report';
import { contactsForLinking, customersForLinking, itemsForLinking } from '../adapters/golive-netsuite';
import { queryAll, sendCollections } from '../adapters/golive-salesforce';
import { writeBack } from '../adapters/netsuite-records';
import { saveReport } from '../adapters/report-files';
import { SalesforceClient } from '../adapters/salesforce-client';
import { loadSettings } from '../adapters/settings-store';

export interface LinkParams {
  dryRun: boolean;
  kinds: LinkKind[];
  subsidiary: string;
  folder: number;
}

export interface LinkItem {
  kind: LinkKind;
  netsuiteId: string;
  netsuiteType: string;
  salesforceId: string;
  label: string;
  writeSalesforce: boolean;
  writeNetSuite: boolean;
}

export interface LinkResult {
  kind: LinkKind;
  netsuiteId: string;
  salesforceId: string;
  label: string;
  ok: boolean;
  error: string;
}

/** Links per map invocation: five collections of 200, one Salesforce call. */
export const LINKS_PER_BATCH = 1000;
/** NetSuite writes per reduce invocation (5 units each). */
export const NETSUITE_WRITES_PER_REDUCE = 400;

const ALL_KINDS: LinkKind[] = ['customer', 'contact', 'item'];

/** "customers, items" → ['customer', 'item']; empty → all three. */
export function parseKinds(text: string): LinkKind[] {
  const words = text
    .toLowerCase()
    .split(/[\s,;|]+/)
    .map((w) => w.replace(/s$/, ''))
    .filter(Boolean);
  const kinds = ALL_KINDS.filter((k) => words.includes(k));
  return kinds.length > 0 ? kinds : ALL_KINDS;
}

export const SOBJECT: Record<LinkKind, string> = {
  customer: 'Account',
  contact: 'Contact',
  item: 'Product2',
};

function salesforceSide(client: SalesforceClient, kind: LinkKind): SalesforceSide[] {
  const id = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  if (kind === 'customer') {
    return queryAll<Record<string, unknown>>(
      client,
      'SELECT Id, Name, NetSuite_Id__c FROM Account ORDER BY Id',
      'the Salesforce Accounts',
    ).map((r) => ({ id: id(r.Id), label: id(r.Name), key: id(r.Name), netsuiteId: id(r.NetSuite_Id__c) }));
  }
  if (kind === 'contact') {
    return queryAll<Record<string, unknown>>(
      client,
      'SELECT Id, Name, Email, NetSuite_Id__c FROM Contact ORDER BY Id',
      'the Salesforce Contacts',
    ).map((r) => ({
      id: id(r.Id),
      label: r.Email ? `${id(r.Name)} <${id(r.Email)}>` : id(r.Name),
      key: id(r.Email),
      netsuiteId: id(r.NetSuite_Id__c),
    }));
  }
  return queryAll<Record<string, unknown>>(
    client,
    'SELECT Id, Name, ProductCode, NetSuite_Id__c FROM Product2 ORDER BY Id',
    'the Salesforce Products',
  ).map((r) => ({
    id: id(r.Id),
    label: r.ProductCode ? `${id(r.ProductCode)} (${id(r.Name)})` : id(r.Name),
    key: id(r.ProductCode),
    netsuiteId: id(r.NetSuite_Id__c),
  }));
}

function netsuiteSide(kind: LinkKind, subsidiary: string) {
  if (kind === 'customer') return customersForLinking(subsidiary);
  if (kind === 'contact') return contactsForLinking(subsidiary);
  return itemsForLinking();
}

/**
 * getInputData: reads both sides, matches, saves the report and logs its summary. A dry run stops there;
 * a real run returns the links to write, LINKS_PER_BATCH per map invocation.
 */
export function linkInput(params: LinkParams, now: Date): Array<{ kind: LinkKind; links: LinkItem[] }> {
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  const reports = params.kinds.map((kind) =>
    matchRecords(kind, netsuiteSide(kind, params.subsidiary), salesforceSide(client, kind)),
  );
  const summary = matchSummary(reports);
  const name = `sfsync-link-${params.dryRun ? 'dry-run' : 'run'}-${fileStamp(now)}.csv`;
  const fileId = saveReport(
    params.folder,
    name,
    'CSV',
    matchReportCsv(reports, params.dryRun),
    `sfsync ${params.dryRun ? 'link dry run' : 'link run'}: ${summary}`,
  );
  log.audit({
    title: params.dryRun ? 'sfsync link dry run: nothing written' : 'sfsync link run: writing links',
    details: `${summary} Match report: ${name} (file ${fileId}). Ambiguous records are never linked automatically.`,
  });
  if (params.dryRun) return [];
  const work: Array<{ kind: LinkKind; links: LinkItem[] }> = [];
  for (const report of reports) {
    const links = report.matched
      .filter((m) => m.writeNetSuite || m.writeSalesforce)
      .map((m): LinkItem => ({
        kind: report.kind,
        netsuiteId: m.netsuite.id,
        netsuiteType: m.netsuite.recordType,
        salesforceId: m.salesforce.id,
        label: m.netsuite.label,
        writeSalesforce: m.writeSalesforce,
        writeNetSuite: m.writeNetSuite,
      }));
    for (let i = 0; i < links.length; i += LINKS_PER_BATCH)
      work.push({ kind: report.kind, links: links.slice(i, i + LINKS_PER_BATCH) });
  }
  return work;
}

const result = (l: LinkItem, ok: boolean, error = ''): LinkResult => ({
  kind: l.kind,
  netsuiteId: l.netsuiteId,
  salesforceId: l.salesforceId,
  label: l.label,
  ok,
  error,
});

/**
 * map: writes NetSuite_Id__c on the Salesforce records of one batch (one call for up to 1,000). Returns the
 * links whose NetSuite side is still to write, and the finished or failed ones.
 */
export function writeSalesforceLinks(
  kind: LinkKind,
  links: LinkItem[],
): { pending: LinkItem[]; done: LinkResult[] } {
  const toWrite = links.filter((l) => l.writeSalesforce);
  const ok = new Map<string, string>();
  if (toWrite.length > 0) {
    const { settings } = loadSettings();
    const client = new SalesforceClient(settings);
    const plan = collectionSteps(
      client.base,
      'update',
      SOBJECT[kind],
      toWrite.map((l) => ({
        key: l.salesforceId,
        record: { attributes: { type: SOBJECT[kind] }, id: l.salesforceId, NetSuite_Id__c: l.netsuiteId },
      })),
      'links',
      `the ${SOBJECT[kind]} links`,
    );
    const sent = sendCollections(client, plan.steps, `the ${SOBJECT[kind]} links`);
    const missing = sent.stopped
      ? { errorCode: sent.stopped.code, message: sent.stopped.message }
      : { errorCode: 'PROCESSING_HALTED', message: 'not sent' };
    for (const [key, r] of chunkResults(plan.chunks, sent.responses, missing))
      ok.set(key, r.ok ? '' : failureText(r, `${SOBJECT[kind]} ${key}`));
  }
  const pending: LinkItem[] = [];
  const done: LinkResult[] = [];
  for (const l of links) {
    const error = l.writeSalesforce ? ok.get(l.salesforceId) : '';
    if (error) done.push(result(l, false, error));
    else if (l.writeNetSuite) pending.push(l);
    else done.push(result(l, true));
  }
  return { pending, done };
}

/**
 * reduce: writes the Salesforce IDs on NetSuite records (5 units each). A customer also gets the sync marker
 * in its hash field, so its user event does not send it back in the same save; its next real change does.
 */
export function writeNetSuiteLinks(links: LinkItem[], now: Date): LinkResult[] {
  return links.map((l) => {
    try {
      if (l.kind === 'customer')
        writeBack('customer', l.netsuiteId, {
          [ENTITY.accountId]: l.salesforceId,
          [ENTITY.payloadHash]: inboundMarker(now),
        });
      else if (l.kind === 'contact')
        writeBack('contact', l.netsuiteId, { [ENTITY.contactId]: l.salesforceId });
      else writeBack(l.netsuiteType, l.netsuiteId, { [ITEM.productId]: l.salesforceId });
      return result(l, true);
    } catch (e) {
      return result(l, false, toSyncError(e, `${l.kind} ${l.label}`).message);
    }
  });
}

/** summarize: counts, the failures as a file (when there are any), one log entry. */
export function finishLinking(results: LinkResult[], folder: number, now: Date): string {
  const linked = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  let text = `sfsync link run: ${linked} link(s) written, ${failed.length} failed.`;
  if (failed.length > 0) {
    const name = `sfsync-link-failures-${fileStamp(now)}.csv`;
    const id = saveReport(
      folder,
      name,
      'CSV',
      csv([
        ['Kind', 'NetSuite ID', 'NetSuite record', 'Salesforce ID', 'Error'],
        ...failed.map((f) => [f.kind, f.netsuiteId, f.label, f.salesforceId, f.error]),
      ]),
      text,
    );
    text += ` Failures: ${name} (file ${id}).`;
  }
  log.audit({ title: 'sfsync link run finished', details: text });
  return text;
}
