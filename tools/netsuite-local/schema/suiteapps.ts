// SuiteApps a test can install into the local account: the record types and the transaction fields they add.
// The default runtime has none, as a fresh account has none; `createRuntime({ suiteApps: ['contractRenewals'] })`
// installs one. Field IDs, types and labels are the documented ones collected in netsuite-records.md §7;
// where a fact is only known from public code or not at all, the entry says "assumption".
import type { CustomFieldDef, CustomRecordTypeDef } from '../project';
import type { FieldDef, FieldType } from '../values';

export interface SuiteAppSchema {
  label: string;
  recordTypes: Array<Omit<CustomRecordTypeDef, 'internalId'>>;
  customFields: CustomFieldDef[];
}

type Extra = Partial<Omit<FieldDef, 'id' | 'label' | 'type'>>;
const f = (id: string, label: string, type: FieldType, extra: Extra = {}): FieldDef => ({
  id,
  label,
  type,
  custom: true,
  ...extra,
});
const sel = (id: string, label: string, target: string, extra: Extra = {}): FieldDef =>
  f(id, label, 'select', { target, ...extra });
const options = (...texts: Array<[string, string]>) => texts.map(([value, text]) => ({ value, text }));

const CONTRACT = 'customrecord_contracts';
const CONTRACT_ITEM = 'customrecord_contract_item';
const SALES = ['salesorder', 'estimate'];

// Transaction Order Type [NS section_4539453728]: 1, 2, 3, 13 documented; 6 "Renewal (manual)" from public
// copies of the SuiteApp's library only (assumption).
const ORDER_TYPES = options(
  ['1', 'Contract-New'],
  ['2', 'Contract-Renewal'],
  ['3', 'Contract-Upsell'],
  ['6', 'Renewal'],
  ['13', 'Contract-Downsell'],
);

// Contract statuses as documented [NS bridgehead_4460975456]; their internal IDs are not documented
// (assumption: 1..7 in the documented order). Scripts should read the status by its text.
const CONTRACT_STATUSES = options(
  ['1', 'Pending'],
  ['2', 'Active'],
  ['3', 'Renewal Generated'],
  ['4', 'Renewal Processed'],
  ['5', 'Renewal Rejected'],
  ['6', 'Canceled'],
  ['7', 'Closed'],
);

const body = (def: FieldDef): CustomFieldDef => ({
  objectType: 'transactionbodycustomfield',
  def,
  appliesTo: SALES,
});
const column = (def: FieldDef): CustomFieldDef => ({
  objectType: 'transactioncolumncustomfield',
  def,
  appliesTo: SALES,
  sublist: 'item',
});

/**
 * Contract Renewals (SWV Contract Renewals). Mandatory flags follow the documentation for the contract and
 * item fields the SuiteApp's scripts always fill; fields documented as mandatory only on the SuiteApp's
 * forms (End User, Order Type) are optional here (assumption).
 */
const contractRenewals: SuiteAppSchema = {
  label: 'Contract Renewals',
  recordTypes: [
    {
      id: CONTRACT,
      name: 'Contract',
      optimisticLocking: true,
      fields: [
        f('custrecord_contracts_start_date', 'Contract Start Date', 'date', { customMandatory: true }),
        f('custrecord_contracts_end_date', 'Contract End Date', 'date', { customMandatory: true }),
        sel('custrecord_contracts_bill_to_customer', 'Bill To Customer', 'customer', {
          customMandatory: true,
        }),
        // The help page prints "custrecord_contracts_end user"; the SuiteApp's own code uses this ID.
        sel('custrecord_contracts_end_user', 'End User', 'customer'),
        // Known from the SuiteApp's client scripts only (assumption).
        f('custrecord_contract_status', 'Status', 'select', { options: CONTRACT_STATUSES }),
        f('custrecord_swe_contract_type', 'Contract Type', 'select'),
        f('custrecord_swe_contract_value', 'Contract Value', 'currency'),
        f('custrecord_swe_contract_value_base', 'Contract Value (Base Currency)', 'currency'),
        f('custrecord_swe_annual_contract_val_gross', 'Annual Contract Value (Gross)', 'currency'),
        f('custrecord_swe_annual_contract_val_net', 'Annual Contract Value (Net)', 'currency'),
        f('custrecord_swe_target_renewal_date', 'Target Renewal Date', 'date'),
        f('custrecord_contract_date_renewed', 'Contract Renewed On', 'date'),
        sel('custrecord_swe_original_contract', 'Original Contract', CONTRACT),
        sel('custrecord_contract_renewal_tran', 'Renewal Transaction', 'transaction'),
      ],
    },
    {
      id: CONTRACT_ITEM,
      name: 'Contract Item',
      optimisticLocking: true,
      fields: [
        sel('custrecord_ci_contract_id', 'Contract', CONTRACT, { customMandatory: true }),
        sel('custrecord_ci_item', 'Item', 'item', { customMandatory: true }),
        f('custrecord_ci_quantity', 'Quantity', 'float', { customMandatory: true }),
        f('custrecord_ci_startdate', 'Start Date', 'date', { customMandatory: true }),
        f('custrecord_ci_enddate', 'End Date', 'date', { customMandatory: true }),
        f('custrecord_ci_item_category', 'Item Category', 'select'),
        f('custrecord_ci_state', 'State', 'text', { maxLength: 300 }),
        sel('custrecord_ci_bill_to_customer', 'Bill To Customer', 'customer'),
        sel('custrecord_ci_end_user', 'End User', 'customer'),
        f('custrecord_ci_process_item', 'Process Item', 'checkbox'),
        f('custrecord_ci_original_list_rate', 'Original List Rate', 'float'),
        f('custrecord_ci_current_list_rate', 'Current List Rate', 'currency'),
        f('custrecord_ci_original_discount', 'Original Discount', 'percent'),
        f('custrecord_ci_customer_discount', 'Customer Discount', 'percent'),
        f('custrecord_ci_term', 'Term', 'float'),
        f('custrecord_ci_order_type', 'Order Type', 'select', { options: ORDER_TYPES }),
        sel('custrecord_ci_original_transaction', 'Original Transaction', 'transaction'),
        f('custrecord_ci_original_so_lineno', 'Original Sales Order Line No.', 'integer'),
        sel('custrecord_ci_renew_with', 'Renew With', 'item'),
        f('custrecord_ci_renewal_processed_on', 'Renewal Processed On', 'date'),
        f('custrecord_ci_renewals_exclusion', 'Renewals Exclusion', 'checkbox'),
      ],
    },
  ],
  customFields: [
    body(f('custbody_order_type', 'Transaction Order Type', 'select', { options: ORDER_TYPES })),
    body(sel('custbody_end_user', 'End User', 'customer')),
    body(f('custbody_tran_term_in_months', 'Term', 'integer', { defaultValue: 12 })),
    body(f('custbody_renewal_terms', 'Renewal Terms', 'integer')),
    // Known from the SuiteApp's client scripts only (assumption): the "Contract" field of a transaction.
    body(sel('custbody_contract_name', 'Contract', CONTRACT)),
    body(f('custbody_swe_contract_start_date', 'Contract Start Date', 'date')),
    body(f('custbody_swe_contract_end_date', 'Contract End Date', 'date')),
    body(sel('custbody_swe_from_contract', 'From Contract', CONTRACT)),
    column(f('custcol_list_rate', 'List Rate', 'currency')),
    column(f('custcol_inline_discount', 'Discount', 'float')),
    column(f('custcol_swe_contract_item_term_months', 'Term (Months)', 'float')),
    column(f('custcol_swe_contract_start_date', 'Contract Item Start Date', 'date')),
    column(f('custcol_swe_contract_end_date', 'Contract Item End Date', 'date')),
    column(sel('custcol_from_ci_id', 'From Contract Item', CONTRACT_ITEM)),
  ],
};

export const SUITEAPPS: Readonly<Record<string, SuiteAppSchema>> = { contractRenewals };

/** The schemas of the named SuiteApps; an unknown name is an error that lists the known ones. */
export function installedSuiteApps(names: readonly string[] = []): SuiteAppSchema[] {
  return names.map((name) => {
    const app = SUITEAPPS[name];
    if (!app) {
      throw new Error(
        `Unknown SuiteApp "${name}" in the suiteApps option; the local runtime knows ${Object.keys(SUITEAPPS).join(', ')}.`,
      );
    }
    return app;
  });
}
