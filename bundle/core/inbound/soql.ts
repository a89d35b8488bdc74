/**
 * The SOQL of the inbound flows. The push (by ID) and the poller (changed since a watermark) read the same
 * fields, so both hand the handlers the same rows. Every value from outside goes in as an escaped literal
 * (soqlString) or is checked against a strict format first (IDs, timestamps).
 */
import { soqlString } from '../text';
import { isSalesforceId } from './ids';
import type { InboundObject } from './types';

const ACCOUNT_FIELDS = [
  'Id',
  'Name',
  'ParentId',
  'Phone',
  'Website',
  'Description',
  'CurrencyIsoCode',
  'NetSuite_Id__c',
  'NetSuite_Sync__c',
  'SystemModstamp',
];

const CONTACT_FIELDS = [
  'Id',
  'FirstName',
  'LastName',
  'Email',
  'Phone',
  'MobilePhone',
  'Title',
  'AccountId',
  'Account.NetSuite_Id__c',
  'NetSuite_Id__c',
  'NetSuite_Sync__c',
  'SystemModstamp',
];

const OPPORTUNITY_FIELDS = [
  'Id',
  'Name',
  'AccountId',
  'Account.NetSuite_Id__c',
  'StageName',
  'IsWon',
  'CloseDate',
  'Description',
  'CurrencyIsoCode',
  'HasOpportunityLineItem',
  'NetSuite_Id__c',
  'NetSuite_Order_Number__c',
  'NetSuite_Sync_Status__c',
  'NetSuite_Sync__c',
  'NetSuite_Order_Type__c',
  'NetSuite_Contract__c',
  'NetSuite_Contract__r.NetSuite_Id__c',
  'NetSuite_Originated_Order__c',
  'Skip_Export_To_NetSuite__c',
  'NetSuite_Estimate_Id__c',
  'NetSuite_Estimate_Number__c',
  'NetSuite_Estimate_Status__c',
  'NetSuite_Estimate_Total__c',
  'SystemModstamp',
];

const LINE_FIELDS = [
  'Id',
  'Quantity',
  'UnitPrice',
  'Discount',
  'TotalPrice',
  'Description',
  'Product2Id',
  'Product2.Name',
  'Product2.NetSuite_Id__c',
  'NetSuite_Line_Id__c',
];

/** The WHERE condition on Opportunity that the settings give: stage list, SOQL fragment, or IsWon. */
export function opportunityCondition(stages: string[], fragment: string): string {
  const parts: string[] = [];
  if (stages.length > 0) parts.push(`StageName IN (${stages.map(soqlString).join(', ')})`);
  if (fragment.trim()) parts.push(`(${fragment.trim()})`);
  return parts.length > 0 ? parts.join(' AND ') : 'IsWon = true';
}

export interface SelectOptions {
  /**
   * The org has multi-currency, so Account and Opportunity have CurrencyIsoCode (default true). A
   * single-currency org has no such field, and selecting it fails the whole query (INVALID_FIELD).
   */
  currency?: boolean;
}

/** The fields to select, without CurrencyIsoCode where the org has none. */
function fieldsOf(fields: string[], opts: SelectOptions): string {
  return (opts.currency === false ? fields.filter((f) => f !== 'CurrencyIsoCode') : fields).join(', ');
}

/** SELECT … FROM <object> for the rows the handlers take. `accountCondition` picks qualifying opportunities. */
export function selectFor(object: InboundObject, accountCondition: string, opts: SelectOptions = {}): string {
  switch (object) {
    case 'Account':
      return `SELECT ${fieldsOf(ACCOUNT_FIELDS, opts)}, (SELECT Id FROM Opportunities WHERE ${accountCondition} LIMIT 1) FROM Account`;
    case 'Contact':
      return `SELECT ${fieldsOf(CONTACT_FIELDS, opts)} FROM Contact`;
    case 'Opportunity':
      return `SELECT ${fieldsOf(OPPORTUNITY_FIELDS, opts)}, (SELECT ${LINE_FIELDS.join(', ')} FROM OpportunityLineItems ORDER BY SortOrder NULLS LAST, Id) FROM Opportunity`;
  }
}

function idList(ids: string[]): string {
  const bad = ids.find((id) => !isSalesforceId(id));
  if (bad !== undefined) throw new Error(`Not a Salesforce ID: ${JSON.stringify(bad).slice(0, 40)}`);
  return ids.map(soqlString).join(', ');
}

/** The rows of the given IDs. */
export function byIdsQuery(
  object: InboundObject,
  accountCondition: string,
  ids: string[],
  opts: SelectOptions = {},
): string {
  return `${selectFor(object, accountCondition, opts)} WHERE Id IN (${idList(ids)})`;
}

/** The unlinked contacts of an account, oldest first. */
export function contactsOfAccountQuery(accountId: string, limit: number): string {
  return `${selectFor('Contact', '')} WHERE AccountId = ${soqlString(accountId)} AND NetSuite_Id__c = null ORDER BY Id LIMIT ${Math.floor(limit)}`;
}

/** Which of the given opportunities meet an order condition (only needed for a SOQL fragment). */
export function qualifyingOpportunitiesQuery(condition: string, ids: string[]): string {
  return `SELECT Id FROM Opportunity WHERE Id IN (${idList(ids)}) AND (${condition})`;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * A Salesforce datetime ("2026-03-01T10:00:00.000+0000") as a SOQL datetime literal in UTC
 * ("2026-03-01T10:00:00.000Z"); null when the text is not a datetime (so nothing else reaches the query).
 */
export function soqlDateTime(value: string): string | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc =
    Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h),
      Number(mi),
      Number(s),
      Number((ms ?? '0').padEnd(3, '0')),
    ) -
    offsetMinutes * 60000;
  if (Number.isNaN(utc)) return null;
  return new Date(utc).toISOString();
}

export interface Watermark {
  /** SystemModstamp of the last finished record, as Salesforce wrote it ('' = from the beginning). */
  time: string;
  /** Its ID: records with the same SystemModstamp and a greater ID come next. */
  lastId: string;
}

/**
 * The latest SystemModstamp a poll may read. Salesforce keeps SystemModstamp to the second, so a change
 * made later in the second a poll runs in gets a stamp the poll has already passed, and with an ID below
 * the watermark's it would never be read. A poll therefore stops before the second it runs in (after the
 * lag: changes of the last `lagSeconds` may still be committing).
 */
export function pollUntil(now: Date, lagSeconds: number): Date {
  const latest = now.getTime() - Math.max(0, lagSeconds) * 1000;
  return new Date(Math.floor(latest / 1000) * 1000 - 1);
}

/**
 * The next page of changes after the watermark, in a stable order (SystemModstamp, then Id), keyset-paged so
 * that any number of records sharing one timestamp are read exactly once. `until` (optional) leaves out
 * records changed in the last moments, whose transactions may still be committing.
 */
export function changedQuery(
  object: InboundObject,
  accountCondition: string,
  mark: Watermark,
  limit: number,
  until?: Date,
  opts: SelectOptions = {},
): string {
  const where: string[] = [];
  if (mark.time) {
    const t = soqlDateTime(mark.time);
    if (!t) throw new Error(`Not a Salesforce datetime: ${JSON.stringify(mark.time).slice(0, 40)}`);
    if (mark.lastId) {
      if (!isSalesforceId(mark.lastId))
        throw new Error(`Not a Salesforce ID: ${JSON.stringify(mark.lastId).slice(0, 40)}`);
      where.push(`(SystemModstamp > ${t} OR (SystemModstamp = ${t} AND Id > ${soqlString(mark.lastId)}))`);
    } else {
      where.push(`SystemModstamp > ${t}`);
    }
  }
  if (until) where.push(`SystemModstamp <= ${until.toISOString()}`);
  return `${selectFor(object, accountCondition, opts)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY SystemModstamp, Id LIMIT ${Math.floor(limit)}`;
}
