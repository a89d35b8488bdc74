/**
 * Settings of the Contract Renewals flows (F6): the flow switch, every record and field ID of the Contract
 * Renewals SuiteApp the flows read (with their documented defaults, netsuite-records.md §7), how NetSuite
 * contract statuses become Salesforce Contract statuses, and the stage of renewal Opportunities.
 *
 * Confirmed by the SuiteApp's documentation: the two record types, the contract start/end/bill-to fields and
 * the contract item fields. Known from the SuiteApp's code only (assumption, check in the account):
 * custrecord_contract_status and custbody_contract_name.
 */
import type { Settings } from './types';

export type ContractSettings = Pick<
  Settings,
  | 'contractFlowEnabled'
  | 'contractRecordType'
  | 'contractCustomerField'
  | 'contractStartField'
  | 'contractEndField'
  | 'contractStatusField'
  | 'contractItemRecordType'
  | 'contractItemContractField'
  | 'contractItemItemField'
  | 'contractItemQuantityField'
  | 'contractItemPriceField'
  | 'contractItemStartField'
  | 'contractItemEndField'
  | 'transactionContractField'
  | 'contractStatusMap'
  | 'renewalStage'
>;

type IdKey = Exclude<keyof ContractSettings, 'contractFlowEnabled' | 'contractStatusMap' | 'renewalStage'>;

/** The SuiteApp's IDs. */
export const DEFAULT_CONTRACT_IDS: Readonly<Record<IdKey, string>> = {
  contractRecordType: 'customrecord_contracts',
  contractCustomerField: 'custrecord_contracts_bill_to_customer',
  contractStartField: 'custrecord_contracts_start_date',
  contractEndField: 'custrecord_contracts_end_date',
  contractStatusField: 'custrecord_contract_status',
  contractItemRecordType: 'customrecord_contract_item',
  contractItemContractField: 'custrecord_ci_contract_id',
  contractItemItemField: 'custrecord_ci_item',
  contractItemQuantityField: 'custrecord_ci_quantity',
  contractItemPriceField: 'custrecord_ci_current_list_rate',
  contractItemStartField: 'custrecord_ci_startdate',
  contractItemEndField: 'custrecord_ci_enddate',
  transactionContractField: 'custbody_contract_name',
};

/**
 * NetSuite contract status (its text) → Salesforce Contract Status. A Salesforce contract is created in Draft
 * and, once Activated, keeps that status for good; statuses not listed (Canceled, Closed) leave Salesforce's
 * status as it is.
 */
export const DEFAULT_CONTRACT_STATUS_MAP: Readonly<Record<string, string>> = {
  Pending: 'Draft',
  Active: 'Activated',
  'Renewal Generated': 'Activated',
  'Renewal Processed': 'Activated',
  'Renewal Rejected': 'Activated',
};

export const DEFAULT_CONTRACT_SETTINGS: ContractSettings = {
  contractFlowEnabled: true,
  ...DEFAULT_CONTRACT_IDS,
  contractStatusMap: { ...DEFAULT_CONTRACT_STATUS_MAP },
  renewalStage: 'Proposal/Price Quote',
};

const ID = /^[a-z][a-z0-9_]{0,98}$/;

const LABELS: Record<IdKey, string> = {
  contractRecordType: 'Contract Record Type',
  contractCustomerField: 'Contract Customer Field',
  contractStartField: 'Contract Start Date Field',
  contractEndField: 'Contract End Date Field',
  contractStatusField: 'Contract Status Field',
  contractItemRecordType: 'Contract Item Record Type',
  contractItemContractField: 'Contract Item Contract Field',
  contractItemItemField: 'Contract Item Item Field',
  contractItemQuantityField: 'Contract Item Quantity Field',
  contractItemPriceField: 'Contract Item Price Field',
  contractItemStartField: 'Contract Item Start Date Field',
  contractItemEndField: 'Contract Item End Date Field',
  transactionContractField: 'Transaction Contract Field',
};

type Raw = Partial<Record<keyof ContractSettings, unknown>>;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The contract settings from raw record values; a bad value is reported and its default used. */
export function parseContractSettings(raw: Raw, problems: string[]): ContractSettings {
  const d = DEFAULT_CONTRACT_SETTINGS;
  const ids = { ...DEFAULT_CONTRACT_IDS };
  for (const key of Object.keys(DEFAULT_CONTRACT_IDS) as IdKey[]) {
    const value = text(raw[key]);
    if (!value) continue;
    if (ID.test(value)) ids[key] = value;
    else
      problems.push(
        `"${LABELS[key]}" is not a NetSuite ID ("${value}"); the default ${DEFAULT_CONTRACT_IDS[key]} was used.`,
      );
  }
  let contractStatusMap: Record<string, string | null> = { ...d.contractStatusMap };
  const mapText = text(raw.contractStatusMap);
  if (mapText) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(mapText);
    } catch {
      parsed = null;
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      contractStatusMap = {};
      for (const [status, target] of Object.entries(parsed as Record<string, unknown>)) {
        if (target === null || (typeof target === 'string' && target.trim()))
          contractStatusMap[status] = target === null ? null : target.trim();
      }
    } else {
      problems.push('"Contract Status Map" is not a JSON object; the default map was used.');
    }
  }
  const enabled = raw.contractFlowEnabled;
  return {
    contractFlowEnabled:
      enabled === true || enabled === 'T'
        ? true
        : enabled === false || enabled === 'F'
          ? false
          : d.contractFlowEnabled,
    ...ids,
    contractStatusMap,
    renewalStage: text(raw.renewalStage) || d.renewalStage,
  };
}
