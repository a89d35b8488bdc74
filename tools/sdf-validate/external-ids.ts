/**
 * IDs of objects that other SuiteApps install into the account; the bundle and the objects may name them
 * although no object of this project defines them. Keep the list to IDs the project really uses.
 */
export const EXTERNAL_IDS: readonly string[] = [
  // Contract Renewals SuiteApp: Transaction Order Type body field (netsuite-records.md §7.4), the default
  // order type field of the inbound order flow (bundle/core/settings.ts).
  'custbody_order_type',
];
