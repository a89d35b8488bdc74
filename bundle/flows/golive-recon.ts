/**
 * Reconciliation report (scheduled, and on demand): linked orders and customers compared with their
 * Salesforce records (core/golive-recon), the out-of-sync list saved in the File Cabinet as CSV and as the
 * JSON the go-live page reads, a summary in the log. Re-sync sends chosen records again with the real-time
 * flows (syncOrder / syncCustomer), forced past their gates and hashes.
 */
import * as log from 'N/log';
import * as record from 'N/record';
import { BODY, ENTITY } from '../catalogue';
import { inboundMarker } from '../core/echo';
import { toSyncError } from '../core/errors';
import {
  compareCustomer,
  compareOrder,
  orphanFindings,
  RECON_LATEST,
  RECON_LATEST_PATH,
  reconCsv,
  reconFileName,
  summarise,
  summaryText,
  type ActualRecord,
  type ExpectedCustomer,
  type ExpectedOrder,
  type Finding,
  type ReconSummary,
} from '../core/golive-recon';
import { knownLineIds } from '../core/catalog-writes';
import { planLines } from '../core/lines';
import { customerDisplayName, mapAccount, mapOpportunity, overrideSourceFields } from '../core/mapping';
import { soqlString } from '../core/text';
import { linkedCustomers, linkedOrders, linkIndex } from '../adapters/golive-netsuite';
import { queryAll } from '../adapters/golive-salesforce';
import { readCustomer, readLineMap, readOrder, writeBack } from '../adapters/netsuite-records';
import { loadReport, saveReport, SUITESCRIPTS_FOLDER } from '../adapters/report-files';
import { SalesforceClient } from '../adapters/salesforce-client';
import { loadSettings } from '../adapters/settings-store';
import { syncCustomer } from './customer-sync';
import { lineExternalId, syncOrder } from './order-sync';

export interface ReconParams {
  orders: boolean;
  customers: boolean;
  /** Only orders dated from this day (YYYY-MM-DD); '' for all. */
  from: string;
  folder: number;
}

export type ReconWork =
  | { kind: 'order'; batch: number; id: string; opportunityId: string }
  | { kind: 'customers'; customers: Array<{ id: string; accountId: string }> }
  | { kind: 'finding'; finding: Finding }
  | { kind: 'resync'; type: 'salesorder' | 'customer'; id: string };

/** Orders per reduce invocation: two queries (Opportunities, then their lines). */
export const ORDERS_PER_CHECK = 200;
/** Customers per map invocation: a lookup each (1 unit) and one query. */
export const CUSTOMERS_PER_CHECK = 200;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const idList = (ids: string[]) => ids.map(soqlString).join(',');

/** getInputData: the linked records to check, and the Salesforce records whose NetSuite record is gone. */
export function reconInput(params: ReconParams): ReconWork[] {
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  const work: ReconWork[] = [];
  if (params.orders) {
    linkedOrders(params.from).forEach((o, i) =>
      work.push({
        kind: 'order',
        batch: Math.floor(i / ORDERS_PER_CHECK),
        id: o.id,
        opportunityId: o.opportunityId,
      }),
    );
    const opportunities = queryAll<{ Id: string; Name: string; NetSuite_Id__c: string }>(
      client,
      'SELECT Id, Name, NetSuite_Id__c FROM Opportunity WHERE NetSuite_Id__c != null ORDER BY Id',
      'the Opportunities linked to NetSuite',
    );
    for (const finding of orphanFindings('Opportunity', opportunities, linkIndex('salesorder')))
      work.push({ kind: 'finding', finding });
  }
  if (params.customers) {
    const linked = linkedCustomers();
    for (let i = 0; i < linked.length; i += CUSTOMERS_PER_CHECK)
      work.push({ kind: 'customers', customers: linked.slice(i, i + CUSTOMERS_PER_CHECK) });
    const accounts = queryAll<{ Id: string; Name: string; NetSuite_Id__c: string }>(
      client,
      'SELECT Id, Name, NetSuite_Id__c FROM Account WHERE NetSuite_Id__c != null ORDER BY Id',
      'the Accounts linked to NetSuite',
    );
    for (const finding of orphanFindings('Account', accounts, linkIndex('customer')))
      work.push({ kind: 'finding', finding });
  }
  return work;
}

/** map: what the order's Opportunity should hold now (the mapping and line rules of the real-time flow). */
export function expectedOrder(orderId: string, opportunityId: string): ExpectedOrder {
  const { settings } = loadSettings();
  const rec = record.load({ type: record.Type.SALES_ORDER, id: orderId });
  const order = readOrder(rec, overrideSourceFields(settings, 'Opportunity'));
  const plan = planLines(order.lines, order.discountRate, settings.zeroQuantityPolicy);
  const customer = readCustomer(order.customerId, []);
  const fields = {
    ...mapOpportunity({ order, customerName: customerDisplayName(customer), creating: false, settings }).body,
    AccountId: customer.accountId || null,
  };
  const current = plan.lines.map((line) => ({ line, externalId: lineExternalId(order.id, line) }));
  const known = knownLineIds(
    current,
    readLineMap(rec),
    new Map(order.lines.map((l) => [l.key, l.salesforceLineId ?? ''])),
  );
  const lineAliases: Record<string, string> = {};
  for (const [externalId, salesforceId] of Object.entries(known))
    lineAliases[salesforceId.slice(0, 15)] = externalId;
  return {
    orderId,
    tranId: order.tranId,
    opportunityId,
    fields,
    totalCents: plan.totalCents,
    lineIds: current.map((c) => c.externalId),
    lineAliases,
  };
}

/** reduce: one batch of orders against their Opportunities and lines (two queries). */
export function checkOrders(expected: ExpectedOrder[]): Finding[] {
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  const ids = expected.map((e) => e.opportunityId).filter((id) => /^[A-Za-z0-9]{15,18}$/.test(id));
  const fields = [...new Set(expected.flatMap((e) => Object.keys(e.fields)))].filter(
    (f) => !['Id', 'NetSuite_Id__c', 'Amount'].includes(f),
  );
  const byId = new Map<string, ActualRecord>();
  const lines = new Map<string, string[]>();
  if (ids.length > 0) {
    for (const r of queryAll<ActualRecord>(
      client,
      `SELECT Id, NetSuite_Id__c, Amount${fields.map((f) => `, ${f}`).join('')} FROM Opportunity WHERE Id IN (${idList(ids)})`,
      'the linked Opportunities',
    ))
      byId.set(r.Id.slice(0, 15), r);
    for (const l of queryAll<{ OpportunityId: string; NetSuite_Line_Id__c: string | null; Id: string }>(
      client,
      `SELECT Id, OpportunityId, NetSuite_Line_Id__c FROM OpportunityLineItem WHERE OpportunityId IN (${idList(ids)})`,
      'the lines of the linked Opportunities',
    )) {
      const key = l.OpportunityId.slice(0, 15);
      lines.set(key, [...(lines.get(key) ?? []), l.NetSuite_Line_Id__c || l.Id]);
    }
  }
  return expected.flatMap((e) => {
    const key = e.opportunityId.slice(0, 15);
    return compareOrder(e, byId.get(key), lines.get(key) ?? []);
  });
}

/** map: one batch of linked customers against their Accounts (a lookup each, one query). */
export function checkCustomers(customers: Array<{ id: string; accountId: string }>): Finding[] {
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  const expected: ExpectedCustomer[] = customers.map((c) => {
    const customer = readCustomer(c.id, overrideSourceFields(settings, 'Account'));
    return {
      customerId: c.id,
      label: customerDisplayName(customer),
      accountId: c.accountId,
      fields: mapAccount(customer, settings).body,
    };
  });
  const ids = expected.map((e) => e.accountId).filter((id) => /^[A-Za-z0-9]{15,18}$/.test(id));
  const fields = [...new Set(expected.flatMap((e) => Object.keys(e.fields)))].filter(
    (f) => !['Id', 'NetSuite_Id__c'].includes(f),
  );
  const byId = new Map<string, ActualRecord>();
  if (ids.length > 0) {
    for (const r of queryAll<ActualRecord>(
      client,
      `SELECT Id, NetSuite_Id__c${fields.map((f) => `, ${f}`).join('')} FROM Account WHERE Id IN (${idList(ids)})`,
      'the linked Accounts',
    ))
      byId.set(r.Id.slice(0, 15), r);
  }
  return expected.flatMap((e) => compareCustomer(e, byId.get(e.accountId.slice(0, 15))));
}

export interface LatestReport {
  summary: ReconSummary;
  findings: Finding[];
  /** Re-sync results since the report was made: "salesorder:12" → what happened. */
  resynced: Record<string, string>;
  csvFile: number;
}

/** Findings kept in the JSON for the page (the CSV has them all). */
export const PAGE_FINDINGS = 2000;

/** summarize: the CSV, the JSON for the go-live page, and one log entry. */
export function saveRecon(
  findings: Finding[],
  checked: ReconSummary['checked'],
  folder: number,
  now: Date,
): LatestReport {
  const summary = summarise(findings, checked, now);
  const text = summaryText(summary);
  const name = reconFileName(now);
  const csvFile = saveReport(folder, name, 'CSV', reconCsv(findings), `sfsync reconciliation: ${text}`);
  const latest: LatestReport = { summary, findings: findings.slice(0, PAGE_FINDINGS), resynced: {}, csvFile };
  saveReport(
    SUITESCRIPTS_FOLDER,
    RECON_LATEST,
    'JSON',
    JSON.stringify(latest),
    `sfsync reconciliation (latest): ${text}`,
  );
  log.audit({ title: 'sfsync reconciliation', details: `${text} Report: ${name} (file ${csvFile}).` });
  return latest;
}

/** The latest report (its JSON, always in the SuiteScripts folder); null when none was made yet. */
export function latestRecon(): LatestReport | null {
  const text = loadReport(RECON_LATEST_PATH);
  if (!text) return null;
  try {
    return JSON.parse(text) as LatestReport;
  } catch {
    return null;
  }
}

/** summarize of a re-sync run: notes each result on the latest report, so the page shows it. */
export function noteResyncs(results: Record<string, string>): void {
  log.audit({ title: 'sfsync re-sync', details: JSON.stringify(results).slice(0, 3900) });
  const latest = latestRecon();
  if (!latest) return;
  latest.resynced = { ...latest.resynced, ...results };
  saveReport(
    SUITESCRIPTS_FOLDER,
    RECON_LATEST,
    'JSON',
    JSON.stringify(latest),
    'sfsync reconciliation (latest)',
  );
}

/**
 * map: sends one record again. The links are first made right from what Salesforce holds (an Opportunity or
 * Account that is gone is forgotten, so it is created again; an order's line map is rebuilt from the lines
 * that exist), then the real-time flow runs, forced past its gate and hash.
 */
export function resyncRecord(type: 'salesorder' | 'customer', id: string, now: Date): string {
  const { settings } = loadSettings();
  const client = new SalesforceClient(settings);
  try {
    if (type === 'customer') {
      const customer = readCustomer(id, []);
      if (customer.accountId) {
        const found = queryAll(
          client,
          `SELECT Id FROM Account WHERE Id = ${soqlString(customer.accountId)}`,
          `customer ${customer.entityId}`,
        );
        if (found.length === 0)
          writeBack('customer', id, { [ENTITY.accountId]: '', [ENTITY.payloadHash]: inboundMarker(now) });
      }
      const result = syncCustomer(id, 'retry', now, { force: true });
      return `${result.outcome}: ${result.reason}`;
    }
    const before = record.load({ type: record.Type.SALES_ORDER, id });
    const opportunityId = text(before.getValue({ fieldId: BODY.opportunityId }));
    const values: Record<string, string | boolean> = { [BODY.payloadHash]: inboundMarker(now) };
    if (opportunityId) {
      const opp = queryAll(
        client,
        `SELECT Id FROM Opportunity WHERE Id = ${soqlString(opportunityId)}`,
        `order ${id}`,
      );
      if (opp.length === 0) {
        values[BODY.opportunityId] = '';
        values[BODY.lineMap] = '';
        values[BODY.sendAsOpportunity] = true;
      } else {
        const lineMap: Record<string, string> = {};
        for (const l of queryAll<{ Id: string; NetSuite_Line_Id__c: string | null }>(
          client,
          `SELECT Id, NetSuite_Line_Id__c FROM OpportunityLineItem WHERE OpportunityId = ${soqlString(opportunityId)}`,
          `order ${id}`,
        ))
          if (l.NetSuite_Line_Id__c) lineMap[l.NetSuite_Line_Id__c] = l.Id;
        values[BODY.lineMap] = JSON.stringify(lineMap);
      }
    } else {
      values[BODY.sendAsOpportunity] = true;
    }
    writeBack('salesorder', id, values);
    const result = syncOrder(record.load({ type: record.Type.SALES_ORDER, id }), 'retry', now, {
      force: true,
    });
    return `${result.outcome}: ${result.reason}`;
  } catch (e) {
    return `failed: ${toSyncError(e, `${type} ${id}`).message}`;
  }
}
