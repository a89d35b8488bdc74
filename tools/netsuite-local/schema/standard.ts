// The documented minimal schema of the standard record types the local runtime knows: field ids, types,
// labels, mandatory fields. Sources: the SuiteScript Records Browser field lists collected in
// netsuite-records.md. Anything not listed here is refused with a clear error, so a misspelled or
// unmodeled field is found in tests (NetSuite itself silently ignores unknown field ids: assumption).
import type { FieldDef, FieldType } from '../values';

export type RecordFamily = 'transaction' | 'entity' | 'item' | 'list';

export interface StandardRecordDef {
  type: string;
  label: string;
  family: RecordFamily;
  /** Field whose value is the record's text when it is referenced by a select field. */
  nameField: string;
  fields: FieldDef[];
  sublists?: Record<string, FieldDef[]>;
  /** Items: the `itemtype` / search `type` code. Transactions: the search `type` code. */
  typeCode?: string;
}

type Extra = Partial<Omit<FieldDef, 'id' | 'label' | 'type'>>;
const f = (id: string, label: string, type: FieldType, extra: Extra = {}): FieldDef => ({
  id,
  label,
  type,
  ...extra,
});
const sel = (id: string, label: string, target?: string, extra: Extra = {}): FieldDef =>
  f(id, label, 'select', target ? { target, ...extra } : extra);
const sys = (id: string, label: string, type: FieldType): FieldDef => f(id, label, type, { readOnly: true });

export const ORDER_STATUSES = [
  { value: 'A', text: 'Pending Approval' },
  { value: 'B', text: 'Pending Fulfillment' },
  { value: 'C', text: 'Cancelled' },
  { value: 'D', text: 'Partially Fulfilled' },
  { value: 'E', text: 'Pending Billing/Partially Fulfilled' },
  { value: 'F', text: 'Pending Billing' },
  { value: 'G', text: 'Billed' },
  { value: 'H', text: 'Closed' },
];

const common = (): FieldDef[] => [f('externalid', 'External ID', 'text', { maxLength: 255 })];

const transactionBody = (): FieldDef[] => [
  ...common(),
  sel('entity', 'Customer', 'customer', { required: true }),
  f('tranid', 'Number', 'text', { maxLength: 45 }),
  f('trandate', 'Date', 'date', { required: true }),
  sys('status', 'Status', 'text'),
  f('memo', 'Memo', 'text', { maxLength: 999 }),
  sel('currency', 'Currency', 'currency', { required: true }),
  sys('currencyname', 'Currency Name', 'text'),
  f('exchangerate', 'Exchange Rate', 'float', { required: true }),
  sel('subsidiary', 'Subsidiary', 'subsidiary'),
  sel('location', 'Location'),
  sel('department', 'Department'),
  sel('class', 'Class'),
  sys('subtotal', 'Subtotal', 'currency'),
  sys('discounttotal', 'Discount', 'currency'),
  sys('taxtotal', 'Tax', 'currency'),
  sys('total', 'Total', 'currency'),
  f('shippingcost', 'Shipping Cost', 'currency'),
  sel('discountitem', 'Discount Item', 'discountitem'),
  f('discountrate', 'Rate', 'rate'),
  sel('salesrep', 'Sales Rep', 'employee'),
  f('otherrefnum', 'PO #', 'text', { maxLength: 45 }),
  f('shipdate', 'Ship Date', 'date'),
  f('startdate', 'Start Date', 'date'),
  f('enddate', 'End Date', 'date'),
  sel('terms', 'Terms'),
  sel('createdfrom', 'Created From', 'transaction'),
  sel('opportunity', 'Opportunity'),
  sel('customform', 'Custom Form'),
  f('istaxable', 'Taxable', 'checkbox'),
  sel('taxitem', 'Tax Item'),
  sys('createddate', 'Date Created', 'datetime'),
  sys('lastmodifieddate', 'Last Modified', 'datetime'),
];

const itemLine = (): FieldDef[] => [
  sel('item', 'Item', 'item', { required: true }),
  sys('itemtype', 'Item Type', 'text'),
  f('quantity', 'Quantity', 'float'),
  f('rate', 'Rate', 'rate'),
  f('amount', 'Amount', 'currency'),
  sel('price', 'Price Level', 'pricelevel'),
  f('description', 'Description', 'textarea', { maxLength: 4000 }),
  f('isclosed', 'Closed', 'checkbox'),
  sys('line', 'Line ID', 'text'),
  sys('lineuniquekey', 'Line Unique Key', 'text'),
  sel('units', 'Units'),
  sel('taxcode', 'Tax Code'),
  sel('location', 'Location'),
  sel('department', 'Department'),
  sel('class', 'Class'),
  f('revrecstartdate', 'Rev. Rec. Start Date', 'date'),
  f('revrecenddate', 'Rev. Rec. End Date', 'date'),
  f('expectedshipdate', 'Expected Ship Date', 'date'),
  sys('quantitybilled', 'Invoiced', 'float'),
  sys('quantityfulfilled', 'Fulfilled', 'float'),
  sys('quantitycommitted', 'Committed', 'float'),
  sys('quantitybackordered', 'Back Ordered', 'float'),
];

const itemCommon = (): FieldDef[] => [
  ...common(),
  f('itemid', 'Item Name/Number', 'text', { required: true, maxLength: 250 }),
  f('displayname', 'Display Name/Code', 'text', { maxLength: 250 }),
  f('isinactive', 'Inactive', 'checkbox'),
  sel('subsidiary', 'Subsidiary', 'subsidiary'),
  f('includechildren', 'Include Children', 'checkbox'),
  sys('itemtype', 'Item Type', 'text'),
  sys('createddate', 'Date Created', 'datetime'),
  sys('lastmodifieddate', 'Last Modified', 'datetime'),
];

// Assumption: item pricing (price sublists per currency and level) is not modeled; sales items carry
// `baseprice`, which lines use as their default rate.
const salesItem = (): FieldDef[] => [
  ...itemCommon(),
  f('salesdescription', 'Sales Description', 'textarea', { maxLength: 4000 }),
  f('baseprice', 'Base Price', 'currency'),
  sel('incomeaccount', 'Income Account'),
  sel('pricinggroup', 'Pricing Group'),
  f('upccode', 'UPC Code', 'text', { maxLength: 100 }),
  f('vendorname', 'Vendor Name/Code', 'text', { maxLength: 100 }),
];

const subtyped = (): FieldDef[] => [
  ...salesItem(),
  sel('subtype', 'Subtype', undefined, {
    options: [
      { value: 'Sale', text: 'For Sale' },
      { value: 'Resale', text: 'For Resale' },
      { value: 'Purchase', text: 'For Purchase' },
    ],
  }),
  f('isfulfillable', 'Can be Fulfilled', 'checkbox'),
];

const otherItem = (extra: FieldDef[] = []): FieldDef[] => [
  ...itemCommon(),
  f('description', 'Description', 'textarea', { maxLength: 4000 }),
  ...extra,
];

const entityCommon = (): FieldDef[] => [
  ...common(),
  f('entityid', 'Name', 'text', { required: true, maxLength: 83 }),
  f('firstname', 'First Name', 'text', { maxLength: 32 }),
  f('lastname', 'Last Name', 'text', { maxLength: 32 }),
  f('email', 'Email', 'email', { maxLength: 254 }),
  f('phone', 'Phone', 'phone', { maxLength: 32 }),
  sel('subsidiary', 'Subsidiary', 'subsidiary', { required: true }),
  f('isinactive', 'Inactive', 'checkbox'),
  sys('datecreated', 'Date Created', 'datetime'),
  sys('lastmodifieddate', 'Last Modified', 'datetime'),
];

export const STANDARD_RECORDS: StandardRecordDef[] = [
  {
    type: 'salesorder',
    label: 'Sales Order',
    family: 'transaction',
    nameField: 'tranid',
    typeCode: 'SalesOrd',
    fields: [
      ...transactionBody(),
      sel('orderstatus', 'Status', undefined, { required: true, options: ORDER_STATUSES }),
    ],
    sublists: { item: itemLine() },
  },
  {
    type: 'estimate',
    label: 'Estimate',
    family: 'transaction',
    nameField: 'tranid',
    typeCode: 'Estimate',
    fields: [
      ...transactionBody(),
      sel('entitystatus', 'Status'),
      f('probability', 'Probability', 'percent'),
      f('expectedclosedate', 'Exp. Close', 'date'),
      f('duedate', 'Expires', 'date'),
      f('title', 'Title', 'text', { maxLength: 200 }),
    ],
    sublists: { item: itemLine() },
  },
  {
    type: 'customer',
    label: 'Customer',
    family: 'entity',
    nameField: 'entityid',
    fields: [
      ...entityCommon(),
      f('companyname', 'Company Name', 'text', { maxLength: 83 }),
      sel('isperson', 'Type', undefined, {
        options: [
          { value: 'F', text: 'Company' },
          { value: 'T', text: 'Individual' },
        ],
      }),
      f('url', 'Web Address', 'url', { maxLength: 2000 }),
      sel('parent', 'Child Of', 'customer'),
      sel('currency', 'Currency', 'currency', { required: true }),
      sel('terms', 'Terms'),
      sel('pricelevel', 'Price Level', 'pricelevel'),
      sel('salesrep', 'Sales Rep', 'employee'),
      sel('entitystatus', 'Status'),
      sel('category', 'Category'),
      f('creditlimit', 'Credit Limit', 'currency'),
      sys('balance', 'Balance', 'currency'),
      sys('overduebalance', 'Overdue Balance', 'currency'),
      sys('unbilledorders', 'Unbilled Orders', 'currency'),
      sys('depositbalance', 'Deposit Balance', 'currency'),
      sys('daysoverdue', 'Days Overdue', 'integer'),
      sys('consolbalance', 'Consolidated Balance', 'currency'),
      // Assumption: internal values of the Hold list (label Auto / On / Off) are AUTO / ON / OFF.
      sel('creditholdoverride', 'Hold', undefined, {
        options: [
          { value: 'AUTO', text: 'Auto' },
          { value: 'ON', text: 'On' },
          { value: 'OFF', text: 'Off' },
        ],
      }),
      f('comments', 'Comments', 'textarea', { maxLength: 999 }),
    ],
  },
  {
    type: 'contact',
    label: 'Contact',
    family: 'entity',
    nameField: 'entityid',
    fields: [
      ...entityCommon(),
      f('middlename', 'Middle Name', 'text', { maxLength: 32 }),
      f('salutation', 'Mr./Ms...', 'text', { maxLength: 15 }),
      f('title', 'Job Title', 'text', { maxLength: 99 }),
      f('officephone', 'Office Phone', 'phone', { maxLength: 32 }),
      f('mobilephone', 'Mobile Phone', 'phone', { maxLength: 32 }),
      sel('company', 'Company', 'customer'),
      sel('supervisor', 'Supervisor', 'contact'),
      f('isprivate', 'Private', 'checkbox'),
      sel('globalsubscriptionstatus', 'Global Subscription Status'),
      f('contactrole', 'Contact Role', 'integer'),
    ],
  },
  {
    type: 'employee',
    label: 'Employee',
    family: 'entity',
    nameField: 'entityid',
    fields: [
      ...entityCommon(),
      f('title', 'Job Title', 'text', { maxLength: 99 }),
      sel('supervisor', 'Supervisor', 'employee'),
    ],
  },
  {
    type: 'inventoryitem',
    label: 'Inventory Item',
    family: 'item',
    nameField: 'itemid',
    typeCode: 'InvtPart',
    fields: salesItem(),
  },
  {
    type: 'noninventoryitem',
    label: 'Non-inventory Item',
    family: 'item',
    nameField: 'itemid',
    typeCode: 'NonInvtPart',
    fields: subtyped(),
  },
  {
    type: 'serviceitem',
    label: 'Service',
    family: 'item',
    nameField: 'itemid',
    typeCode: 'Service',
    fields: subtyped(),
  },
  {
    type: 'discountitem',
    label: 'Discount',
    family: 'item',
    nameField: 'itemid',
    typeCode: 'Discount',
    fields: otherItem([
      f('rate', 'Rate', 'rate', { required: true }),
      f('ispretax', 'Apply Before Sales Tax', 'checkbox'),
      f('nonposting', 'Non-Posting', 'checkbox'),
      sel('account', 'Account'),
    ]),
  },
  {
    type: 'subtotalitem',
    label: 'Subtotal',
    family: 'item',
    nameField: 'itemid',
    typeCode: 'Subtotal',
    fields: otherItem(),
  },
  {
    type: 'descriptionitem',
    label: 'Description',
    family: 'item',
    nameField: 'itemid',
    typeCode: 'Description',
    fields: otherItem(),
  },
  {
    type: 'itemgroup',
    label: 'Item Group',
    family: 'item',
    nameField: 'itemid',
    typeCode: 'Group',
    fields: otherItem(),
    sublists: {
      member: [sel('item', 'Item', 'item', { required: true }), f('quantity', 'Quantity', 'float')],
    },
  },
  {
    type: 'pricelevel',
    label: 'Price Level',
    family: 'list',
    nameField: 'name',
    fields: [
      ...common(),
      f('name', 'Price Level', 'text', { required: true, maxLength: 50 }),
      f('discountpct', 'Markup/Discount %', 'percent'),
      f('isonline', 'Online Price Level', 'checkbox'),
      f('isinactive', 'Inactive', 'checkbox'),
    ],
  },
  {
    type: 'subsidiary',
    label: 'Subsidiary',
    family: 'list',
    nameField: 'name',
    fields: [
      ...common(),
      f('name', 'Name', 'text', { required: true, maxLength: 83 }),
      sel('parent', 'Subsidiary Of', 'subsidiary'),
      sel('currency', 'Currency', 'currency'),
      sel('country', 'Country'),
      sel('fiscalcalendar', 'Fiscal Calendar'),
      f('legalname', 'Legal Name', 'text', { maxLength: 83 }),
      f('iselimination', 'Elimination', 'checkbox'),
      f('isinactive', 'Inactive', 'checkbox'),
    ],
  },
  {
    type: 'currency',
    label: 'Currency',
    family: 'list',
    nameField: 'name',
    fields: [
      ...common(),
      f('name', 'Name', 'text', { required: true, maxLength: 50 }),
      f('symbol', 'ISO Code', 'text', { required: true, maxLength: 3 }),
      f('displaysymbol', 'Symbol', 'text', { maxLength: 10 }),
      f('exchangerate', 'Default Exchange Rate', 'float', { required: true }),
      f('isbasecurrency', 'Base Currency', 'checkbox'),
      f('currencyprecision', 'Currency Precision', 'integer'),
      f('isinactive', 'Inactive', 'checkbox'),
    ],
  },
];

/** Fields every custom record type has besides its custrecord_* fields. */
export const CUSTOM_RECORD_FIELDS: FieldDef[] = [
  f('name', 'Name', 'text', { maxLength: 300 }),
  f('isinactive', 'Inactive', 'checkbox'),
  f('externalid', 'External ID', 'text', { maxLength: 255 }),
  sys('created', 'Date Created', 'datetime'),
  sys('lastmodified', 'Last Modified', 'datetime'),
  sel('owner', 'Owner', 'employee', { readOnly: true }),
];

/** Data every account has: the local runtime starts with it (base currency, subsidiary, price level). */
export const BASE_DATA: Array<{ type: string; values: Record<string, unknown> }> = [
  {
    type: 'currency',
    values: { name: 'US Dollar', symbol: 'USD', displaysymbol: '$', exchangerate: 1, isbasecurrency: true },
  },
  { type: 'subsidiary', values: { name: 'Parent Company', currency: '1' } },
  { type: 'pricelevel', values: { name: 'Base Price' } },
];
