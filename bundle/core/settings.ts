/** Settings with safe defaults, read from the sfsync Settings record's raw values. */
import type { Settings, ZeroQuantityPolicy } from './types';

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
    },
    problems,
  };
}
