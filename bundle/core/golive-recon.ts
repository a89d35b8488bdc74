/**
 * Reconciliation: linked records compared on both sides. For each linked order the Opportunity must exist,
 * carry the mapped field values, have the order's item total after discounts as its Amount and one line
 * per planned line; for each linked customer the Account must exist with the mapped values. Salesforce
 * records whose NetSuite ID names no NetSuite record are listed too. Pure.
 */
import { csv, fileStamp } from './golive-report';
import type { SalesforceBody } from './mapping';

export type Issue =
  | 'missing in Salesforce'
  | 'missing in NetSuite'
  | 'not linked in NetSuite'
  | 'linked to another record'
  | 'amount differs'
  | 'lines differ'
  | 'fields differ';

export interface Finding {
  netsuiteType: 'salesorder' | 'customer';
  netsuiteId: string;
  /** Order number or customer name ('' when the NetSuite record is gone). */
  netsuiteLabel: string;
  salesforceObject: 'Opportunity' | 'Account';
  salesforceId: string;
  issue: Issue;
  detail: string;
  /** The NetSuite record exists, so sfsync can send it again. */
  resync: boolean;
}

/** What an order should look like in Salesforce, from its current NetSuite state. */
export interface ExpectedOrder {
  orderId: string;
  tranId: string;
  opportunityId: string;
  /** Mapped Opportunity fields sfsync keeps up to date (no create-only fields), AccountId included. */
  fields: SalesforceBody;
  totalCents: number;
  /** External line IDs (NetSuite_Line_Id__c) of the lines the Opportunity should hold. */
  lineIds: string[];
  /**
   * Salesforce line ID (15 characters) → external line ID, for lines the order knows by their Salesforce
   * ID: lines of an order made from an Opportunity carry no NetSuite_Line_Id__c until sfsync sends them.
   */
  lineAliases?: Record<string, string>;
}

export interface ActualRecord {
  Id: string;
  NetSuite_Id__c?: unknown;
  Amount?: unknown;
  [field: string]: unknown;
}

export interface ExpectedCustomer {
  customerId: string;
  label: string;
  accountId: string;
  fields: SalesforceBody;
}

const cents = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
};

const money = (c: number | null): string => (c === null ? 'empty' : (c / 100).toFixed(2));

/** Equal as sfsync writes them: empty = null, numbers to the cent, text trimmed. */
export function sameValue(expected: unknown, actual: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(expected) || empty(actual)) return empty(expected) && empty(actual);
  if (typeof expected === 'number' || typeof actual === 'number') return cents(expected) === cents(actual);
  if (typeof expected === 'boolean' || typeof actual === 'boolean')
    return String(expected) === String(actual);
  return String(expected).trim() === String(actual).trim();
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fieldDifferences(expected: SalesforceBody, actual: ActualRecord): string[] {
  return Object.entries(expected)
    .filter(([field, value]) => !sameValue(value, actual[field]))
    .map(([field, value]) => `${field}: NetSuite ${show(value)}, Salesforce ${show(actual[field])}`);
}

export function compareOrder(
  expected: ExpectedOrder,
  actual: ActualRecord | undefined,
  lineIds: string[],
): Finding[] {
  const base = {
    netsuiteType: 'salesorder' as const,
    netsuiteId: expected.orderId,
    netsuiteLabel: expected.tranId,
    salesforceObject: 'Opportunity' as const,
    salesforceId: expected.opportunityId,
    resync: true,
  };
  if (!actual) {
    return [
      {
        ...base,
        issue: 'missing in Salesforce',
        detail: `Opportunity ${expected.opportunityId} does not exist (deleted in Salesforce?). Re-sync sends the order as a new Opportunity.`,
      },
    ];
  }
  const findings: Finding[] = [];
  const linked = String(actual.NetSuite_Id__c ?? '');
  if (linked && linked !== expected.orderId) {
    findings.push({
      ...base,
      issue: 'linked to another record',
      detail: `The Opportunity's NetSuite_Id__c is ${linked}, not ${expected.orderId}.`,
      resync: false,
    });
  }
  const amount = cents(actual.Amount);
  if (amount !== expected.totalCents) {
    findings.push({
      ...base,
      issue: 'amount differs',
      detail: `Order total after discounts ${money(expected.totalCents)}, Opportunity Amount ${money(amount)}.`,
    });
  }
  const aliases = expected.lineAliases ?? {};
  lineIds = lineIds.map((id) => aliases[id.slice(0, 15)] ?? id);
  const want = new Set(expected.lineIds);
  const have = new Set(lineIds);
  const missing = expected.lineIds.filter((id) => !have.has(id));
  const extra = lineIds.filter((id) => !want.has(id));
  if (missing.length > 0 || extra.length > 0 || lineIds.length !== expected.lineIds.length) {
    const parts = [`${expected.lineIds.length} line(s) in NetSuite, ${lineIds.length} in Salesforce`];
    if (missing.length) parts.push(`missing in Salesforce: ${missing.slice(0, 10).join(', ')}`);
    if (extra.length) parts.push(`not in NetSuite: ${extra.slice(0, 10).join(', ')}`);
    findings.push({ ...base, issue: 'lines differ', detail: `${parts.join('; ')}.` });
  }
  const fields = fieldDifferences(expected.fields, actual);
  if (fields.length > 0) findings.push({ ...base, issue: 'fields differ', detail: fields.join('; ') });
  return findings;
}

export function compareCustomer(expected: ExpectedCustomer, actual: ActualRecord | undefined): Finding[] {
  const base = {
    netsuiteType: 'customer' as const,
    netsuiteId: expected.customerId,
    netsuiteLabel: expected.label,
    salesforceObject: 'Account' as const,
    salesforceId: expected.accountId,
    resync: true,
  };
  if (!actual) {
    return [
      {
        ...base,
        issue: 'missing in Salesforce',
        detail: `Account ${expected.accountId} does not exist (deleted in Salesforce?). Re-sync sends the customer as a new Account.`,
      },
    ];
  }
  const findings: Finding[] = [];
  const linked = String(actual.NetSuite_Id__c ?? '');
  if (linked && linked !== expected.customerId) {
    findings.push({
      ...base,
      issue: 'linked to another record',
      detail: `The Account's NetSuite_Id__c is ${linked}, not ${expected.customerId}.`,
      resync: false,
    });
  }
  const fields = fieldDifferences(expected.fields, actual);
  if (fields.length > 0) findings.push({ ...base, issue: 'fields differ', detail: fields.join('; ') });
  return findings;
}

/**
 * Salesforce records carrying a NetSuite ID: the NetSuite record is gone, or exists but does not point back
 * (e.g. a sync that stopped before its write-back).
 */
export function orphanFindings(
  object: 'Opportunity' | 'Account',
  salesforce: Array<{ Id: string; NetSuite_Id__c: string; Name?: string }>,
  netsuite: Map<string, { label: string; linkedTo: string }>,
): Finding[] {
  const netsuiteType = object === 'Opportunity' ? ('salesorder' as const) : ('customer' as const);
  const kind = object === 'Opportunity' ? 'order' : 'customer';
  const findings: Finding[] = [];
  for (const s of salesforce) {
    const n = netsuite.get(s.NetSuite_Id__c);
    if (!n) {
      findings.push({
        netsuiteType,
        netsuiteId: s.NetSuite_Id__c,
        netsuiteLabel: '',
        salesforceObject: object,
        salesforceId: s.Id,
        issue: 'missing in NetSuite',
        detail: `${object} ${s.Name ? `"${s.Name}" ` : ''}names NetSuite ${kind} ${s.NetSuite_Id__c}, which does not exist (deleted in NetSuite?). Delete or keep it in Salesforce; nothing can be re-sent.`,
        resync: false,
      });
    } else if (!n.linkedTo) {
      findings.push({
        netsuiteType,
        netsuiteId: s.NetSuite_Id__c,
        netsuiteLabel: n.label,
        salesforceObject: object,
        salesforceId: s.Id,
        issue: 'not linked in NetSuite',
        detail: `The ${kind} has no Salesforce ID although ${object} ${s.Id} names it (a sync that stopped before writing back?). Re-sync links it and sends its current state.`,
        resync: true,
      });
    }
  }
  return findings;
}

export interface ReconSummary {
  generatedAt: string;
  checked: { orders: number; customers: number };
  counts: Partial<Record<Issue, number>>;
  total: number;
}

export function summarise(findings: Finding[], checked: ReconSummary['checked'], now: Date): ReconSummary {
  const counts: Partial<Record<Issue, number>> = {};
  for (const f of findings) counts[f.issue] = (counts[f.issue] ?? 0) + 1;
  return { generatedAt: now.toISOString(), checked, counts, total: findings.length };
}

export function summaryText(s: ReconSummary): string {
  const parts = Object.entries(s.counts).map(([issue, n]) => `${n} ${issue}`);
  return `Checked ${s.checked.orders} linked order(s) and ${s.checked.customers} linked customer(s): ${
    s.total === 0 ? 'everything is in sync' : `${s.total} out of sync (${parts.join(', ')})`
  }.`;
}

export const RECON_HEADER = [
  'NetSuite type',
  'NetSuite ID',
  'NetSuite record',
  'Salesforce object',
  'Salesforce ID',
  'Issue',
  'Details',
  'Can re-sync',
];

export function reconCsv(findings: Finding[]): string {
  return csv([
    RECON_HEADER,
    ...findings.map((f) => [
      f.netsuiteType,
      f.netsuiteId,
      f.netsuiteLabel,
      f.salesforceObject,
      f.salesforceId,
      f.issue,
      f.detail,
      f.resync ? 'yes' : 'no',
    ]),
  ]);
}

/**
 * File names: a dated CSV for people (in the report folder), and the latest result as JSON for the go-live
 * page, always in the SuiteScripts folder so the page finds it by path.
 */
export const RECON_LATEST = 'sfsync-reconciliation-latest.json';
export const RECON_LATEST_PATH = `SuiteScripts/${RECON_LATEST}`;
export const reconFileName = (now: Date): string => `sfsync-reconciliation-${fileStamp(now)}.csv`;

/** Records chosen for re-sync: "salesorder:12" or "customer:7". */
export function parseResyncList(text: string): Array<{ type: 'salesorder' | 'customer'; id: string }> {
  const out: Array<{ type: 'salesorder' | 'customer'; id: string }> = [];
  const seen = new Set<string>();
  for (const part of text.split(/[,\s]+/)) {
    const m = /^(salesorder|customer):(\d{1,12})$/.exec(part.trim());
    if (!m || seen.has(part.trim())) continue;
    seen.add(part.trim());
    out.push({ type: m[1] as 'salesorder' | 'customer', id: m[2]! });
  }
  return out;
}
