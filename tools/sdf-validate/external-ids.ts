/**
 * IDs of objects that other SuiteApps install into the account; the bundle and the objects may name them
 * although no object of this project defines them. Keep the list to IDs the project really uses.
 */
import { DEFAULT_CONTRACT_IDS } from '../../bundle/core/contract-settings';

export const EXTERNAL_IDS: readonly string[] = [
  // Contract Renewals SuiteApp: Transaction Order Type body field (netsuite-records.md §7.4), the default
  // order type field of the inbound order flow (bundle/core/settings.ts).
  'custbody_order_type',
];

/**
 * IDs of the Contract Renewals SuiteApp (netsuite-records.md §7) that the bundle names as setting defaults
 * (bundle/core/contract-settings.ts). The default project must deploy to accounts without the SuiteApp, so
 * none of its objects may reference them; only the opt-in project under contracts/ does, declaring them as
 * manifest dependencies.
 */
export const SUITEAPP_IDS: readonly string[] = [
  'custbody_order_type',
  ...Object.values(DEFAULT_CONTRACT_IDS),
];
