/** Settings with safe defaults, read from the sfsync Settings record's raw values. */
import { DEFAULT_CONTRACT_SETTINGS, parseContractSettings } from './contract-settings';
import type { Settings, ZeroQuantityPolicy } from './types';

/**
 * Contract Renewals SuiteApp: its transaction order type field and the values of its order types
 * (netsuite-records.md §7.4–7.5: 1 Contract-New, 2 Contract-Renewal, 3 Contract-Upsell), keyed by the
 * labels of the Opportunity's NetSuite_Order_Type__c picklist.
 */
export const DEFAULT_ORDER_TYPE_FIELD = 'custbody_order_type';
export const DEFAULT_ORDER_TYPES: Record<string, string> = {
  'Contract New': '1',
  'Contract Renewal': '2',
  'Contract Upsell': '3',
};

export const DEFAULT_SETTINGS: Settings = {
  instanceUrl: '',
  clientId: '',
  apiVersion: '62.0',
  orderFlowEnabled: true,
  syncNetSuiteOriginatedUpdates: false,
  syncSalesforceOriginated: false,
  advancedMode: false,
  orderQualificationSearch: '',
  customerFlowEnabled: true,
  createAccountsForNewCustomers: false,
  customerQualificationSearch: '',
  netsuiteOriginatedStage: 'Closed Won',
  defaultPriceBook: '',
  priceLevelBooks: {},
  zeroQuantityPolicy: 'skip',
  createMissingProducts: true,
  logSuccesses: false,
  alertRecipients: [],
  maxAttempts: 6,
  fieldMapOverrides: {},
  netsuiteAccountUrl: '',
  inboundAccountsEnabled: true,
  inboundContactsEnabled: true,
  inboundOrdersEnabled: true,
  accountQualifyingStages: [],
  accountQualificationSoql: '',
  createOnly: false,
  matchCustomersByName: true,
  matchContactsByEmail: true,
  defaultSubsidiary: '',
  orderQualifyingStages: [],
  orderQualificationSoql: '',
  updateApprovedOrders: false,
  orderTypeField: DEFAULT_ORDER_TYPE_FIELD,
  orderTypeValues: DEFAULT_ORDER_TYPES,
  pollLagSeconds: 60,
  singleCurrencyOrg: false,
  ...DEFAULT_CONTRACT_SETTINGS,
};

/** Raw values as read from the record: strings, booleans, numbers or empty. */
export type RawSettings = Partial<Record<keyof Settings, unknown>>;

export interface ParsedSettings {
  settings: Settings;
  /** Problems found in the stored values, in plain words; the default was used instead. */
  problems: string[];
}

function bool(value: unknown, fallback: boolean): boolean {
  if (value === true || value === 'T') return true;
  if (value === false || value === 'F') return false;
  return fallback;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

/** A comma-separated list (stage names), trimmed, without empty entries. */
function list(value: unknown): string[] {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
}

function jsonObject(value: unknown, label: string, problems: string[]): Record<string, unknown> {
  if (typeof value !== 'string' || value.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  problems.push(`"${label}" is not a JSON object; it was ignored.`);
  return {};
}

export function parseSettings(raw: RawSettings): ParsedSettings {
  const problems: string[] = [];
  const d = DEFAULT_SETTINGS;
  const books = jsonObject(raw.priceLevelBooks, 'Price Level to Price Book Map', problems);
  const priceLevelBooks: Record<string, string> = {};
  for (const [level, book] of Object.entries(books)) {
    if (typeof book === 'string' && book) priceLevelBooks[level] = book;
  }
  const overridesRaw = jsonObject(raw.fieldMapOverrides, 'Field Mapping Overrides', problems);
  const fieldMapOverrides: Settings['fieldMapOverrides'] = {};
  for (const [object, map] of Object.entries(overridesRaw)) {
    if (!map || typeof map !== 'object') continue;
    const fields: Record<string, string | null> = {};
    for (const [sfField, nsField] of Object.entries(map as Record<string, unknown>)) {
      if (nsField === null || typeof nsField === 'string') fields[sfField] = nsField;
    }
    fieldMapOverrides[object] = fields;
  }
  const zeroText = text(raw.zeroQuantityPolicy, '');
  const zeroQuantityPolicy: ZeroQuantityPolicy = /^send|1 at|one/i.test(zeroText) ? 'one-at-zero' : 'skip';
  const orderTypesRaw = jsonObject(raw.orderTypeValues, 'Contract Renewals Order Types', problems);
  const orderTypeValues: Record<string, string> = {};
  for (const [label, value] of Object.entries(orderTypesRaw)) {
    if ((typeof value === 'string' && value) || typeof value === 'number')
      orderTypeValues[label] = String(value);
  }
  const lagText =
    raw.pollLagSeconds === null || raw.pollLagSeconds === undefined ? '' : String(raw.pollLagSeconds);
  const lag = /^\d{1,5}$/.test(lagText.trim()) ? Number(lagText) : null;
  const attempts = Number(raw.maxAttempts);
  return {
    settings: {
      instanceUrl: text(raw.instanceUrl, d.instanceUrl).replace(/\/+$/, ''),
      clientId: text(raw.clientId, d.clientId),
      apiVersion: text(raw.apiVersion, d.apiVersion),
      orderFlowEnabled: bool(raw.orderFlowEnabled, d.orderFlowEnabled),
      syncNetSuiteOriginatedUpdates: bool(raw.syncNetSuiteOriginatedUpdates, d.syncNetSuiteOriginatedUpdates),
      syncSalesforceOriginated: bool(raw.syncSalesforceOriginated, d.syncSalesforceOriginated),
      advancedMode: bool(raw.advancedMode, d.advancedMode),
      orderQualificationSearch: text(raw.orderQualificationSearch, d.orderQualificationSearch),
      customerFlowEnabled: bool(raw.customerFlowEnabled, d.customerFlowEnabled),
      createAccountsForNewCustomers: bool(raw.createAccountsForNewCustomers, d.createAccountsForNewCustomers),
      customerQualificationSearch: text(raw.customerQualificationSearch, d.customerQualificationSearch),
      netsuiteOriginatedStage: text(raw.netsuiteOriginatedStage, d.netsuiteOriginatedStage),
      defaultPriceBook: text(raw.defaultPriceBook, d.defaultPriceBook),
      priceLevelBooks,
      zeroQuantityPolicy,
      createMissingProducts: bool(raw.createMissingProducts, d.createMissingProducts),
      logSuccesses: bool(raw.logSuccesses, d.logSuccesses),
      alertRecipients: text(raw.alertRecipients, '')
        .split(/[,;\s]+/)
        .filter((s) => s.includes('@')),
      maxAttempts: Number.isInteger(attempts) && attempts > 0 ? attempts : d.maxAttempts,
      fieldMapOverrides,
      netsuiteAccountUrl: text(raw.netsuiteAccountUrl, d.netsuiteAccountUrl).replace(/\/+$/, ''),
      inboundAccountsEnabled: bool(raw.inboundAccountsEnabled, d.inboundAccountsEnabled),
      inboundContactsEnabled: bool(raw.inboundContactsEnabled, d.inboundContactsEnabled),
      inboundOrdersEnabled: bool(raw.inboundOrdersEnabled, d.inboundOrdersEnabled),
      accountQualifyingStages: list(raw.accountQualifyingStages),
      accountQualificationSoql: text(raw.accountQualificationSoql, d.accountQualificationSoql),
      createOnly: bool(raw.createOnly, d.createOnly),
      matchCustomersByName: bool(raw.matchCustomersByName, d.matchCustomersByName),
      matchContactsByEmail: bool(raw.matchContactsByEmail, d.matchContactsByEmail),
      defaultSubsidiary: text(raw.defaultSubsidiary, d.defaultSubsidiary),
      orderQualifyingStages: list(raw.orderQualifyingStages),
      orderQualificationSoql: text(raw.orderQualificationSoql, d.orderQualificationSoql),
      updateApprovedOrders: bool(raw.updateApprovedOrders, d.updateApprovedOrders),
      orderTypeField: text(raw.orderTypeField, d.orderTypeField),
      orderTypeValues: Object.keys(orderTypeValues).length > 0 ? orderTypeValues : { ...d.orderTypeValues },
      pollLagSeconds: lag ?? d.pollLagSeconds,
      singleCurrencyOrg: bool(raw.singleCurrencyOrg, d.singleCurrencyOrg),
      ...parseContractSettings(raw, problems),
    },
    problems,
  };
}
