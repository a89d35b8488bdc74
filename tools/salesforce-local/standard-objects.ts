// Built-in standard objects of the local org: the fields a NetSuite sync touches, with the types, lengths,
// required-ness and create/update rights of the Salesforce Object Reference and Field Reference
// (see shared reference salesforce-objects.md). The system fields (Id, IsDeleted, audit fields) are added
// by schema.ts. Multi-currency is enabled by default (CurrencyIsoCode present, USD the corporate currency);
// a single-currency org (multi-currency never turned on, the Salesforce default) has no CurrencyIsoCode field
// on any object [salesforce-objects.md §0].
import type { FieldDef, FieldType, ObjectDef } from './schema';

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'JPY'];
export const CORPORATE_CURRENCY = 'USD';

export interface StageDef {
  name: string;
  closed: boolean;
  won: boolean;
  probability: number;
  forecast: string;
}

/** The OpportunityStage picklist of a new org. */
export const STAGES: StageDef[] = [
  { name: 'Prospecting', closed: false, won: false, probability: 10, forecast: 'Pipeline' },
  { name: 'Qualification', closed: false, won: false, probability: 10, forecast: 'Pipeline' },
  { name: 'Needs Analysis', closed: false, won: false, probability: 20, forecast: 'Pipeline' },
  { name: 'Value Proposition', closed: false, won: false, probability: 50, forecast: 'Pipeline' },
  { name: 'Id. Decision Makers', closed: false, won: false, probability: 60, forecast: 'Pipeline' },
  { name: 'Perception Analysis', closed: false, won: false, probability: 70, forecast: 'Pipeline' },
  { name: 'Proposal/Price Quote', closed: false, won: false, probability: 75, forecast: 'Pipeline' },
  { name: 'Negotiation/Review', closed: false, won: false, probability: 90, forecast: 'Pipeline' },
  { name: 'Closed Won', closed: true, won: true, probability: 100, forecast: 'Closed' },
  { name: 'Closed Lost', closed: true, won: false, probability: 0, forecast: 'Omitted' },
];

export const CONTRACT_STATUSES: Record<string, string> = {
  Draft: 'Draft',
  'In Approval Process': 'InApproval',
  Activated: 'Activated',
};

const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
];
const INDUSTRIES = (
  'Agriculture,Apparel,Banking,Biotechnology,Chemicals,Communications,Construction,Consulting,Education,' +
  'Electronics,Energy,Engineering,Entertainment,Environmental,Finance,Food & Beverage,Government,Healthcare,' +
  'Hospitality,Insurance,Machinery,Manufacturing,Media,Not For Profit,Recreation,Retail,Shipping,Technology,' +
  'Telecommunications,Transportation,Utilities,Other'
).split(',');
const OPPORTUNITY_TYPES = [
  'Existing Customer - Upgrade',
  'Existing Customer - Replacement',
  'Existing Customer - Downgrade',
  'New Customer',
];
const FORECAST_CATEGORIES = ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'];

interface Opts extends Partial<FieldDef> {
  /** Required on create (not nillable, not defaulted). */
  req?: boolean;
  /** Neither createable nor updateable. */
  ro?: boolean;
  /** Createable, not updateable. */
  createOnly?: boolean;
}

function f(name: string, type: FieldType, opts: Opts = {}): FieldDef {
  const { req, ro, createOnly, ...rest } = opts;
  return {
    name,
    label: name.replace(/Id$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'),
    type,
    createable: !ro,
    updateable: !ro && !createOnly,
    nillable: !req,
    defaultedOnCreate: false,
    externalId: false,
    unique: false,
    caseSensitive: false,
    custom: false,
    calculated: false,
    cascadeDelete: false,
    restrictedPicklist: false,
    ...rest,
  };
}

const str = (name: string, length: number, o: Opts = {}): FieldDef => f(name, 'string', { length, ...o });
const area = (name: string, length: number, o: Opts = {}): FieldDef => f(name, 'textarea', { length, ...o });
const money = (name: string, o: Opts = {}): FieldDef =>
  f(name, 'currency', { precision: 18, scale: 2, ...o });
const flag = (name: string, defaultValue: boolean, o: Opts = {}): FieldDef =>
  f(name, 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue, ...o });
const pick = (name: string, values: string[], o: Opts = {}): FieldDef =>
  f(name, 'picklist', { length: 255, picklistValues: values, ...o });
const ref = (
  name: string,
  referenceTo: string,
  relationshipName: string,
  child?: string,
  o: Opts = {},
): FieldDef =>
  f(name, 'reference', { length: 18, referenceTo, relationshipName, childRelationshipName: child, ...o });
const owner = (): FieldDef =>
  ref('OwnerId', 'User', 'Owner', undefined, { nillable: false, defaultedOnCreate: true });
const currency = (o: Opts = {}): FieldDef =>
  pick('CurrencyIsoCode', CURRENCIES, {
    length: 3,
    restrictedPicklist: true,
    nillable: false,
    defaultedOnCreate: true,
    defaultValue: CORPORATE_CURRENCY,
    label: 'Currency ISO Code',
    ...o,
  });
const address = (prefix: string): FieldDef[] => [
  area(`${prefix}Street`, 255),
  str(`${prefix}City`, 40),
  str(`${prefix}State`, 80),
  str(`${prefix}PostalCode`, 20),
  str(`${prefix}Country`, 80),
];

function object(
  name: string,
  keyPrefix: string,
  fields: FieldDef[],
  extra: Partial<ObjectDef> = {},
): ObjectDef {
  const label = name.replace(/2$/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
  return {
    name,
    label,
    labelPlural: `${label}s`,
    keyPrefix,
    custom: false,
    readOnly: false,
    fields,
    ...extra,
  };
}

export interface StandardObjectOptions {
  /** Multi-currency enabled: CurrencyIsoCode on the objects that have it (default true). */
  multiCurrency?: boolean;
}

export function standardObjects(options: StandardObjectOptions = {}): ObjectDef[] {
  const objects = allStandardObjects();
  if (options.multiCurrency !== false) return objects;
  return objects.map((o) => ({ ...o, fields: o.fields.filter((f) => f.name !== 'CurrencyIsoCode') }));
}

function allStandardObjects(): ObjectDef[] {
  return [
    object('Account', '001', [
      str('Name', 255, { req: true, label: 'Account Name' }),
      str('AccountNumber', 40),
      str('Site', 80),
      pick('Type', ACCOUNT_TYPES),
      pick('Industry', INDUSTRIES),
      ref('ParentId', 'Account', 'Parent', 'ChildAccounts'),
      owner(),
      f('Phone', 'phone', { length: 40 }),
      f('Fax', 'phone', { length: 40 }),
      f('Website', 'url', { length: 255 }),
      area('Description', 32000),
      ...address('Billing'),
      ...address('Shipping'),
      money('AnnualRevenue', { precision: 18, scale: 0 }),
      f('NumberOfEmployees', 'int', { precision: 8, scale: 0 }),
      currency(),
    ]),
    object('Contact', '003', [
      str('LastName', 80, { req: true }),
      str('FirstName', 40),
      pick('Salutation', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']),
      str('Name', 121, { ro: true, calculated: true, label: 'Full Name' }),
      f('Email', 'email', { length: 80 }),
      f('Phone', 'phone', { length: 40 }),
      f('MobilePhone', 'phone', { length: 40 }),
      str('Title', 128),
      str('Department', 80),
      ref('AccountId', 'Account', 'Account', 'Contacts', { cascadeDelete: true }),
      ref('ReportsToId', 'Contact', 'ReportsTo'),
      owner(),
      ...address('Mailing'),
      area('Description', 32000),
      flag('HasOptedOutOfEmail', false),
      flag('DoNotCall', false),
      currency(),
    ]),
    object('Opportunity', '006', [
      str('Name', 120, { req: true }),
      // assumption: StageName is treated as a restricted picklist (an unknown stage is rejected with
      // INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST); the Object Reference does not mark it restricted.
      pick(
        'StageName',
        STAGES.map((s) => s.name),
        { req: true, restrictedPicklist: true, label: 'Stage' },
      ),
      f('CloseDate', 'date', { req: true }),
      ref('AccountId', 'Account', 'Account', 'Opportunities', { cascadeDelete: true }),
      money('Amount'),
      f('Probability', 'percent', { precision: 3, scale: 0, defaultedOnCreate: true }),
      pick('ForecastCategoryName', FORECAST_CATEGORIES, {
        restrictedPicklist: true,
        defaultedOnCreate: true,
      }),
      flag('IsClosed', false, { ro: true }),
      flag('IsWon', false, { ro: true }),
      money('ExpectedRevenue', { ro: true, calculated: true }),
      ref('Pricebook2Id', 'Pricebook2', 'Pricebook2', 'Opportunities', { defaultedOnCreate: true }),
      pick('Type', OPPORTUNITY_TYPES),
      pick('LeadSource', ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
      str('NextStep', 255),
      area('Description', 32000),
      ref('ContractId', 'Contract', 'Contract', 'Opportunities'),
      owner(),
      flag('HasOpportunityLineItem', false, { ro: true }),
      currency(),
    ]),
    object(
      'OpportunityLineItem',
      '00k',
      [
        ref('OpportunityId', 'Opportunity', 'Opportunity', 'OpportunityLineItems', {
          req: true,
          createOnly: true,
          cascadeDelete: true,
        }),
        // Required in practice (rules.ts); declared nillable by Salesforce for API 1.0/2.0 compatibility.
        ref('PricebookEntryId', 'PricebookEntry', 'PricebookEntry', 'OpportunityLineItems', {
          createOnly: true,
        }),
        ref('Product2Id', 'Product2', 'Product2', undefined, { createOnly: true }),
        f('Quantity', 'double', { precision: 12, scale: 2, req: true }),
        money('UnitPrice', { defaultedOnCreate: true, label: 'Sales Price' }),
        money('TotalPrice', { defaultedOnCreate: true }),
        f('Discount', 'percent', { precision: 5, scale: 2 }),
        money('ListPrice', { ro: true, calculated: true }),
        money('Subtotal', { ro: true, calculated: true }),
        str('Description', 255, { label: 'Line Description' }),
        f('ServiceDate', 'date'),
        f('SortOrder', 'int', { precision: 9, scale: 0 }),
        str('Name', 376, { ro: true, calculated: true }),
        str('ProductCode', 255, { ro: true, calculated: true }),
        currency({ ro: true, defaultedOnCreate: true }),
      ],
      { label: 'Opportunity Product', labelPlural: 'Opportunity Product' },
    ),
    object('Product2', '01t', [
      str('Name', 255, { req: true, label: 'Product Name' }),
      str('ProductCode', 255),
      area('Description', 4000),
      pick('Family', []),
      flag('IsActive', false),
      str('StockKeepingUnit', 180),
      pick('QuantityUnitOfMeasure', ['Each']),
      flag('IsArchived', false, { ro: true }),
      currency(),
    ]),
    object('Pricebook2', '01s', [
      str('Name', 255, { req: true, label: 'Price Book Name' }),
      str('Description', 255),
      flag('IsActive', false),
      flag('IsStandard', false, { ro: true }),
      flag('IsArchived', false, { ro: true }),
    ]),
    object('PricebookEntry', '01u', [
      ref('Pricebook2Id', 'Pricebook2', 'Pricebook2', 'PricebookEntries', {
        req: true,
        createOnly: true,
        cascadeDelete: true,
      }),
      ref('Product2Id', 'Product2', 'Product2', 'PricebookEntries', {
        req: true,
        createOnly: true,
        cascadeDelete: true,
      }),
      // Required unless UseStandardPrice is true (rules.ts).
      money('UnitPrice', { label: 'List Price' }),
      flag('UseStandardPrice', false),
      flag('IsActive', false),
      str('Name', 255, { ro: true, calculated: true }),
      str('ProductCode', 255, { ro: true, calculated: true }),
      flag('IsArchived', false, { ro: true }),
      currency({ createOnly: true }),
    ]),
    object('Contract', '800', [
      ref('AccountId', 'Account', 'Account', 'Contracts', { req: true, cascadeDelete: true }),
      // assumption: Status defaults to Draft (the standard value set flags no default).
      pick('Status', Object.keys(CONTRACT_STATUSES), {
        restrictedPicklist: true,
        nillable: false,
        defaultedOnCreate: true,
        defaultValue: 'Draft',
      }),
      pick('StatusCode', Object.values(CONTRACT_STATUSES), { ro: true, label: 'Status Category' }),
      f('StartDate', 'date', { label: 'Contract Start Date' }),
      f('ContractTerm', 'int', { precision: 4, scale: 0, label: 'Contract Term (months)' }),
      f('EndDate', 'date', { ro: true, label: 'Contract End Date' }),
      str('ContractNumber', 30, { ro: true, nillable: false, defaultedOnCreate: true }),
      str('Name', 80, { label: 'Contract Name' }),
      ref('Pricebook2Id', 'Pricebook2', 'Pricebook2', 'Contracts'),
      pick('OwnerExpirationNotice', ['15', '30', '45', '60', '90', '120'], { restrictedPicklist: true }),
      ref('CustomerSignedId', 'Contact', 'CustomerSigned', 'ContractsSigned'),
      f('CustomerSignedDate', 'date'),
      str('CustomerSignedTitle', 40),
      f('CompanySignedDate', 'date'),
      f('ActivatedDate', 'datetime', { ro: true }),
      area('Description', 32000),
      area('SpecialTerms', 4000),
      owner(),
      ...address('Billing'),
      ...address('Shipping'),
      currency(),
    ]),
    object(
      'OpportunityStage',
      '01J',
      [
        str('ApiName', 255, { ro: true }),
        str('MasterLabel', 255, { ro: true }),
        flag('IsActive', true, { ro: true }),
        flag('IsClosed', false, { ro: true }),
        flag('IsWon', false, { ro: true }),
        f('DefaultProbability', 'percent', { precision: 3, scale: 0, ro: true }),
        pick('ForecastCategory', ['Omitted', 'Pipeline', 'BestCase', 'Forecast', 'Closed'], { ro: true }),
        pick('ForecastCategoryName', FORECAST_CATEGORIES, { ro: true }),
        f('SortOrder', 'int', { precision: 9, scale: 0, ro: true }),
        str('Description', 255, { ro: true }),
      ],
      { readOnly: true, label: 'Opportunity Stage' },
    ),
    object(
      'User',
      '005',
      [
        str('Username', 80, { ro: true }),
        str('FirstName', 40, { ro: true }),
        str('LastName', 80, { ro: true }),
        str('Name', 121, { ro: true }),
        f('Email', 'email', { length: 128, ro: true }),
        str('Alias', 8, { ro: true }),
        flag('IsActive', true, { ro: true }),
      ],
      { readOnly: true },
    ),
  ];
}
