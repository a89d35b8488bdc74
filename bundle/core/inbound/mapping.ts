/**
 * Salesforce → NetSuite field mapping. Each builder returns NetSuite body values (by field ID) and warnings
 * (values cut to NetSuite's lengths). Values that NetSuite does not let change once a record is in use
 * (currency, subsidiary) are only set when the record is created. The adapters set only values that differ
 * from the record's current ones, so a record delivered twice is saved once.
 */
import { BODY, COLUMN, ENTITY } from '../../catalogue';
import { cut } from '../text';
import type { SfAccount, SfContact, SfLine, SfOpportunity } from './types';

/** A date field's value as YYYY-MM-DD (set as a Date by the adapter). */
export interface DateValue {
  date: string;
}

export type NsValue = string | number | boolean | null | DateValue;

export interface MappedRecord {
  values: Record<string, NsValue>;
  warnings: string[];
}

/** NetSuite lengths of the text fields these flows write. */
const LENGTHS: Record<string, number> = {
  entityid: 83,
  companyname: 83,
  firstname: 32,
  lastname: 32,
  phone: 32,
  mobilephone: 32,
  email: 254,
  title: 99,
  url: 2000,
  comments: 999,
  memo: 999,
};

function fit(values: Record<string, NsValue>, warnings: string[], label: string, lengths = LENGTHS): void {
  for (const [field, value] of Object.entries(values)) {
    const max = lengths[field];
    if (max === undefined || typeof value !== 'string') continue;
    const r = cut(value, max);
    if (r.cut) {
      values[field] = r.value;
      warnings.push(`${label}: NetSuite field ${field} was cut to ${max} characters.`);
    }
  }
}

const text = (v: string | null | undefined): string => (v ?? '').trim();

/** NetSuite's URL field needs a scheme; Salesforce keeps whatever was typed ("www.acme.com"). */
export function webAddress(value: string | null): string {
  const v = text(value);
  if (!v) return '';
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `http://${v}`;
}

export interface CustomerContext {
  /** Customer of the parent account ('' when the account has no parent). */
  parentId: string;
  creating: boolean;
  /** Only used when creating. */
  currencyId: string;
  subsidiaryId: string;
}

export function customerValues(account: SfAccount, ctx: CustomerContext): MappedRecord {
  const warnings: string[] = [];
  const name = text(account.Name);
  const values: Record<string, NsValue> = {
    companyname: name,
    phone: text(account.Phone),
    url: webAddress(account.Website),
    comments: text(account.Description),
    parent: ctx.parentId,
    [ENTITY.accountId]: account.Id,
  };
  if (ctx.creating) {
    values.entityid = name;
    values.isperson = 'F';
    if (ctx.currencyId) values.currency = ctx.currencyId;
    if (ctx.subsidiaryId) values.subsidiary = ctx.subsidiaryId;
  }
  fit(values, warnings, `Account ${name}`);
  return { values, warnings };
}

export interface ContactContext {
  customerId: string;
  creating: boolean;
  subsidiaryId: string;
}

export function contactName(contact: Pick<SfContact, 'FirstName' | 'LastName'>): string {
  return `${text(contact.FirstName)} ${text(contact.LastName)}`.trim();
}

export function contactValues(contact: SfContact, ctx: ContactContext): MappedRecord {
  const warnings: string[] = [];
  const values: Record<string, NsValue> = {
    firstname: text(contact.FirstName),
    lastname: text(contact.LastName),
    email: text(contact.Email),
    phone: text(contact.Phone),
    mobilephone: text(contact.MobilePhone),
    title: text(contact.Title),
    company: ctx.customerId,
    [ENTITY.contactId]: contact.Id,
  };
  if (ctx.creating) {
    values.entityid = contactName(contact);
    if (ctx.subsidiaryId) values.subsidiary = ctx.subsidiaryId;
  }
  fit(values, warnings, `Contact ${contactName(contact)}`);
  return { values, warnings };
}

/** One transaction line from an opportunity product. */
export interface NsLine {
  /** OpportunityLineItem ID, kept in the line's Salesforce Line ID column. */
  key: string;
  item: string;
  quantity: number;
  rate: number;
  amount: number;
  description: string;
  /**
   * The external ID sfsync gave the line when it sent it from NetSuite (`<order id>_<line key>_<item id>`);
   * '' for a line made in Salesforce.
   */
  sentAs: string;
}

const round = (value: number, places: number): number => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/**
 * The NetSuite unit rate for a Salesforce line: the sales price after the line discount,
 * UnitPrice × (1 − Discount / 100), kept to 6 decimals so quantity × rate gives Salesforce's total.
 */
export function lineRate(unitPrice: number, discountPercent: number | null): number {
  return round(unitPrice * (1 - (discountPercent ?? 0) / 100), 6);
}

export function lineValues(line: SfLine, itemId: string): NsLine {
  const quantity = line.Quantity ?? 1;
  const unit = line.UnitPrice ?? (line.TotalPrice !== null && quantity ? line.TotalPrice / quantity : 0);
  const rate = lineRate(unit, line.Discount);
  // Salesforce's TotalPrice is the line amount to the cent; fall back to quantity × rate.
  const amount = line.TotalPrice ?? round(quantity * rate, 2);
  return {
    key: line.Id,
    item: itemId,
    quantity,
    rate,
    amount,
    description: cut(text(line.Description), 4000).value,
    sentAs: text(line.NetSuite_Line_Id__c),
  };
}

/**
 * Line fields written for each line (price level −1 = custom, since the rate is set explicitly). The amount
 * is left to NetSuite (quantity × rate, to the cent, as Salesforce computes TotalPrice): setting it as well
 * would make NetSuite derive the rate back from the rounded amount.
 */
export function lineFieldValues(line: NsLine): Record<string, NsValue> {
  return {
    item: line.item,
    quantity: line.quantity,
    price: '-1',
    rate: line.rate,
    description: line.description,
    [COLUMN.lineId]: line.key,
  };
}

export interface TransactionContext {
  kind: 'salesorder' | 'estimate';
  customerId: string;
  creating: boolean;
  /** Only used when creating (NetSuite takes the subsidiary from the customer). */
  currencyId: string;
  today: string;
}

export function transactionValues(opp: SfOpportunity, ctx: TransactionContext): MappedRecord {
  const warnings: string[] = [];
  const values: Record<string, NsValue> = {
    entity: ctx.customerId,
    memo: text(opp.Description),
    [BODY.opportunityId]: opp.Id,
  };
  if (ctx.kind === 'salesorder') {
    values.trandate = { date: opp.CloseDate };
    values[BODY.salesforceOriginated] = true;
    if (ctx.creating) values.orderstatus = 'A';
  } else {
    values.title = text(opp.Name);
    values.expectedclosedate = { date: opp.CloseDate };
    if (ctx.creating) values.trandate = { date: ctx.today };
  }
  if (ctx.creating && ctx.currencyId) values.currency = ctx.currencyId;
  fit(values, warnings, `Opportunity ${opp.Name}`, { ...LENGTHS, title: 200 });
  return { values, warnings };
}

/** The Contract Renewals order type value for the opportunity's NetSuite_Order_Type__c, if mapped. */
export function orderTypeValue(
  opp: Pick<SfOpportunity, 'NetSuite_Order_Type__c'>,
  map: Record<string, string>,
): { value: string | null; warning: string | null } {
  const label = text(opp.NetSuite_Order_Type__c);
  if (!label) return { value: null, warning: null };
  const value = map[label];
  return value
    ? { value, warning: null }
    : {
        value: null,
        warning: `Order type "${label}" has no NetSuite value in the setting "Contract Renewals Order Types"; the order type was not set.`,
      };
}

/**
 * The Contract Renewals contract of an upsell or renewal order: the NetSuite internal ID of the opportunity's
 * NetSuite_Contract__c (set on the transaction's contract field, custbody_contract_name by default).
 */
export function contractValue(opp: Pick<SfOpportunity, 'NetSuite_Contract__c' | 'NetSuite_Contract__r'>): {
  value: string | null;
  warning: string | null;
} {
  const contract = text(opp.NetSuite_Contract__c);
  if (!contract) return { value: null, warning: null };
  const id = text(opp.NetSuite_Contract__r?.NetSuite_Id__c);
  return id
    ? { value: id, warning: null }
    : {
        value: null,
        warning: `Contract ${contract} of the opportunity has no NetSuite ID (it did not come from a NetSuite contract); the order's contract was not set.`,
      };
}

/** Compares a current NetSuite value with the value the mapping wants, the way NetSuite returns values. */
export function sameValue(current: unknown, wanted: NsValue, currentDate = ''): boolean {
  if (wanted !== null && typeof wanted === 'object') return currentDate === wanted.date;
  if (typeof wanted === 'boolean') return (current === true || current === 'T') === wanted;
  if (typeof wanted === 'number') {
    if (current === null || current === undefined || current === '') return false;
    return Math.abs(Number(current) - wanted) < 1e-9;
  }
  const now = current === null || current === undefined ? '' : String(current);
  return now === (wanted ?? '');
}
