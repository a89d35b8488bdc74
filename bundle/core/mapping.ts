/**
 * Default field mappings NetSuite → Salesforce, with administrator overrides. Each builder returns the
 * Salesforce body plus warnings (values cut to the Salesforce length, overrides that did not apply).
 * Field ownership: fields a flow owns are written; fields Salesforce owns after creation (stage, price book)
 * are only written when the Salesforce record is created.
 */
import { cut } from './text';
import type { CustomerSnapshot, OrderSnapshot, Settings } from './types';

export type SalesforceBody = Record<string, unknown>;

export interface Mapped {
  body: SalesforceBody;
  warnings: string[];
}

/** Salesforce lengths of the text fields the sync writes. */
const LENGTHS: Record<string, number> = {
  'Account.Name': 255,
  'Account.Phone': 40,
  'Account.Website': 255,
  'Account.NetSuite_On_Hold__c': 20,
  'Opportunity.Name': 120,
  'Opportunity.Description': 32000,
  'Opportunity.NetSuite_Order_Number__c': 45,
  'OpportunityLineItem.Description': 255,
};

function fit(object: string, body: SalesforceBody, warnings: string[], label: string): void {
  for (const [field, value] of Object.entries(body)) {
    const max = LENGTHS[`${object}.${field}`];
    if (max === undefined || typeof value !== 'string') continue;
    const result = cut(value, max);
    if (result.cut) {
      body[field] = result.value;
      warnings.push(`${label}: ${object}.${field} was cut to the Salesforce limit of ${max} characters.`);
    }
  }
}

/** Applies overrides: {"Account": {"Industry": "custentity_industry", "Phone": null}}. */
function applyOverrides(
  object: string,
  body: SalesforceBody,
  extra: Record<string, unknown>,
  settings: Settings,
): void {
  const overrides = settings.fieldMapOverrides[object];
  if (!overrides) return;
  for (const [sfField, nsField] of Object.entries(overrides)) {
    if (nsField === null) {
      delete body[sfField];
      continue;
    }
    const value = extra[nsField];
    body[sfField] = value === undefined || value === '' ? null : value;
  }
}

/** NetSuite fields that overrides read from, per Salesforce object. */
export function overrideSourceFields(settings: Settings, object: string): string[] {
  return Object.values(settings.fieldMapOverrides[object] ?? {}).filter(
    (f): f is string => typeof f === 'string',
  );
}

export function customerDisplayName(
  c: Pick<CustomerSnapshot, 'isPerson' | 'companyName' | 'firstName' | 'lastName' | 'entityId'>,
): string {
  const person = `${c.firstName} ${c.lastName}`.trim();
  return (c.isPerson ? person : c.companyName) || c.companyName || person || c.entityId;
}

const money = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 100) / 100;

export function mapAccount(customer: CustomerSnapshot, settings: Settings): Mapped {
  const warnings: string[] = [];
  const body: SalesforceBody = {
    Name: customerDisplayName(customer),
    Phone: customer.phone || null,
    Website: customer.url || null,
    NetSuite_Balance__c: money(customer.balance),
    NetSuite_Overdue_Balance__c: money(customer.overdueBalance),
    NetSuite_Credit_Limit__c: money(customer.creditLimit),
    NetSuite_Unbilled_Orders__c: money(customer.unbilledOrders),
    NetSuite_On_Hold__c: customer.onHold || null,
  };
  // A single-currency org has no CurrencyIsoCode field: sending it would fail the whole write.
  if (customer.currencyIso && !settings.singleCurrencyOrg) body.CurrencyIsoCode = customer.currencyIso;
  applyOverrides('Account', body, customer.extra, settings);
  fit('Account', body, warnings, `Customer ${customer.entityId}`);
  return { body, warnings };
}

export interface OpportunityContext {
  order: OrderSnapshot;
  customerName: string;
  creating: boolean;
  settings: Settings;
}

export function opportunityName(customerName: string, tranId: string): string {
  return customerName ? `${customerName} - ${tranId}` : tranId;
}

export function orderRecordUrl(settings: Settings, orderId: string): string | null {
  return settings.netsuiteAccountUrl
    ? `${settings.netsuiteAccountUrl}/app/accounting/transactions/salesord.nl?id=${orderId}`
    : null;
}

export function mapOpportunity(ctx: OpportunityContext): Mapped {
  const { order, settings } = ctx;
  const warnings: string[] = [];
  const body: SalesforceBody = {
    CloseDate: order.tranDate,
    Description: order.memo || null,
    NetSuite_Order_Number__c: order.tranId,
    NetSuite_Order_Record__c: orderRecordUrl(settings, order.id),
  };
  if (order.currencyIso && !settings.singleCurrencyOrg) body.CurrencyIsoCode = order.currencyIso;
  if (ctx.creating) {
    body.Name = opportunityName(ctx.customerName, order.tranId);
    body.StageName = settings.netsuiteOriginatedStage;
    body.NetSuite_Originated_Order__c = !order.salesforceOriginated;
    body.Skip_Export_To_NetSuite__c = !order.salesforceOriginated;
  }
  applyOverrides('Opportunity', body, order.extra, settings);
  fit('Opportunity', body, warnings, `Order ${order.tranId}`);
  return { body, warnings };
}

export function lineDescription(description: string): { value: string | null; cut: boolean } {
  if (!description) return { value: null, cut: false };
  const r = cut(description, LENGTHS['OpportunityLineItem.Description']!);
  return { value: r.value, cut: r.cut };
}
