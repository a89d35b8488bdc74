/**
 * F6, pure rules: a Contract Renewals contract and its items as a Salesforce Contract and Contract Items, the
 * Contract's status lifecycle, the state kept on the sfsync link record, and what makes an estimate a
 * renewal estimate.
 *
 * Salesforce computes a Contract's EndDate from StartDate + ContractTerm (months) − 1 day and does not let it
 * be written (salesforce-objects.md §10), so the end date travels as the term: the number of whole months
 * that ends on the NetSuite end date.
 */
import type { SalesforceBody } from './mapping';
import { cut } from './text';
import type { Settings } from './types';

export interface ContractSnapshot {
  id: string;
  /** NetSuite names a contract `<ID>_<start>_<end>`, e.g. 3097_2015-07-14_2016-07-13. */
  name: string;
  customerId: string;
  /** YYYY-MM-DD, or '' when empty. */
  startDate: string;
  endDate: string;
  /** Status as its text (Pending, Active, Renewal Generated, …). */
  status: string;
}

export interface ContractItemSnapshot {
  id: string;
  contractId: string;
  itemId: string;
  itemName: string;
  quantity: number | null;
  price: number | null;
  startDate: string;
  endDate: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function parts(date: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** `date` plus `months`, the day clamped to the last day of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const p = parts(date);
  if (!p) return '';
  const [y, m, d] = p;
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function addDays(date: string, days: number): string {
  const p = parts(date);
  if (!p) return '';
  const t = new Date(Date.UTC(p[0], p[1] - 1, p[2] + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * The Salesforce ContractTerm for a NetSuite start and end date: the fewest whole months whose last day
 * (start + months − 1 day) is on or after the end date; `exact` when it is the end date itself.
 */
export function contractTerm(start: string, end: string): { months: number | null; exact: boolean } {
  if (!parts(start) || !parts(end) || end < start) return { months: null, exact: false };
  for (let months = 1; months <= 1200; months++) {
    const last = addDays(addMonths(start, months), -1);
    if (last >= end) return { months, exact: last === end };
  }
  return { months: null, exact: false };
}

export interface MappedContract {
  body: SalesforceBody;
  /** Salesforce Status the NetSuite status maps to (null: leave Salesforce's status as it is). */
  status: string | null;
  warnings: string[];
}

export function mapContract(
  contract: ContractSnapshot,
  settings: Pick<Settings, 'contractStatusMap'>,
): MappedContract {
  const warnings: string[] = [];
  const label = contract.name || `contract ${contract.id}`;
  const name = cut(contract.name, 80);
  if (name.cut)
    warnings.push(`Contract ${label}: the name was cut to the Salesforce limit of 80 characters.`);
  const term = contractTerm(contract.startDate, contract.endDate);
  if (contract.startDate && contract.endDate && !term.exact) {
    warnings.push(
      term.months === null
        ? `Contract ${label}: the end date ${contract.endDate} is before the start date ${contract.startDate}, so no term was sent.`
        : `Contract ${label}: ${contract.startDate} to ${contract.endDate} is not a whole number of months; Salesforce computes the end date from the term (${term.months} months), so it shows ${addDays(addMonths(contract.startDate, term.months), -1)}.`,
    );
  }
  const status = settings.contractStatusMap[contract.status];
  return {
    body: {
      Name: name.value || null,
      NetSuite_Contract_Number__c: name.value || null,
      StartDate: contract.startDate || null,
      ContractTerm: term.months,
    },
    status: status ?? null,
    warnings,
  };
}

export interface StatusWrite {
  /** Status to send with the contract's other fields. */
  inBody: string | null;
  /** Send `Status: Activated` alone, after the contract's other fields (Salesforce activates no other way). */
  activate: boolean;
  warning: string | null;
}

/**
 * How the wanted Salesforce status is written, given the status sfsync last sent. Salesforce creates a
 * contract in Draft or In Approval, activates it only in an update of Status alone, and never moves it out
 * of Activated.
 */
export function statusWrite(wanted: string | null, lastSent: string, label: string): StatusWrite {
  if (!wanted) return { inBody: null, activate: false, warning: null };
  if (wanted === 'Activated') return { inBody: null, activate: lastSent !== 'Activated', warning: null };
  if (lastSent === 'Activated') {
    return {
      inBody: null,
      activate: false,
      warning: `Contract ${label}: Salesforce keeps an activated contract Activated, so its status was not changed to ${wanted}.`,
    };
  }
  return { inBody: wanted, activate: false, warning: null };
}

const money = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 100) / 100;

/** A Contract Item's own fields (the flow adds Contract__c and Product__c). */
export function mapContractItem(item: ContractItemSnapshot): SalesforceBody {
  return {
    Name: cut(item.itemName || `Item ${item.itemId}`, 80).value,
    Quantity__c: item.quantity,
    Price__c: money(item.price),
    Start_Date__c: item.startDate || null,
    End_Date__c: item.endDate || null,
  };
}

/** What the link record keeps about the last sync of a contract. */
export interface LinkState {
  /** Hash of the payload last sent for the whole contract. */
  hash: string;
  /** The Salesforce Status last sent ('' when none). */
  status: string;
  /** Contract item internal ID → its Salesforce ID and the hash of the item fields last sent. */
  items: Record<string, { id: string; hash: string }>;
}

export function emptyLinkState(): LinkState {
  return { hash: '', status: '', items: {} };
}

/** The stored state; anything unreadable counts as "never synced", which only costs a full sync. */
export function parseLinkState(text: string): LinkState {
  const state = emptyLinkState();
  if (!text) return state;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return state;
  }
  if (!raw || typeof raw !== 'object') return state;
  const r = raw as Record<string, unknown>;
  if (typeof r.hash === 'string') state.hash = r.hash;
  if (typeof r.status === 'string') state.status = r.status;
  if (r.items && typeof r.items === 'object') {
    for (const [key, value] of Object.entries(r.items as Record<string, unknown>)) {
      const v = value as { id?: unknown; hash?: unknown } | null;
      if (v && typeof v.id === 'string')
        state.items[key] = { id: v.id, hash: typeof v.hash === 'string' ? v.hash : '' };
    }
  }
  return state;
}

/** The Opportunity order type of renewal Opportunities (a value of NetSuite_Order_Type__c). */
export const RENEWAL_ORDER_TYPE = 'Contract Renewal';

/**
 * An estimate made by the renewal process: its order type is the renewal value (setting "Contract Renewals
 * Order Types", 2 Contract-Renewal by default) and it names a contract.
 */
export function isRenewalEstimate(
  orderType: string,
  contractId: string,
  settings: Pick<Settings, 'orderTypeValues'>,
): boolean {
  const renewal = settings.orderTypeValues[RENEWAL_ORDER_TYPE] ?? '2';
  return contractId !== '' && orderType !== '' && orderType === renewal;
}

export interface RenewalFacts {
  estimateId: string;
  tranId: string;
  total: number | null;
  /** Salesforce ID of the renewed contract. */
  contractId: string;
  /** Expected close date of the estimate, when set (YYYY-MM-DD). */
  expectedClose: string;
  creating: boolean;
  settings: Pick<Settings, 'renewalStage'>;
}

/**
 * Turns the order flow's Opportunity body for the estimate into a renewal Opportunity: stage from the
 * setting, order type Contract Renewal, the contract and the estimate's number, ID and total; the order-only
 * fields are left out, and the Opportunity may still become a sales order from Salesforce (Skip Export off).
 */
export function renewalOpportunity(orderBody: SalesforceBody, facts: RenewalFacts): SalesforceBody {
  const body: SalesforceBody = { ...orderBody };
  delete body.NetSuite_Order_Number__c;
  delete body.NetSuite_Order_Record__c;
  delete body.NetSuite_Originated_Order__c;
  if (facts.expectedClose) body.CloseDate = facts.expectedClose;
  body.NetSuite_Order_Type__c = RENEWAL_ORDER_TYPE;
  body.NetSuite_Contract__c = facts.contractId;
  body.NetSuite_Estimate_Id__c = facts.estimateId;
  body.NetSuite_Estimate_Number__c = facts.tranId;
  body.NetSuite_Estimate_Total__c = money(facts.total);
  if (facts.creating) {
    body.StageName = facts.settings.renewalStage;
    body.Skip_Export_To_NetSuite__c = false;
  } else {
    delete body.StageName;
    delete body.Skip_Export_To_NetSuite__c;
  }
  return body;
}
