/**
 * IDs of objects that other SuiteApps install into the account (for example the Contract Renewals SuiteApp's
 * customrecord_contracts or custbody_order_type, see shared reference netsuite-records.md §7). The bundle and
 * the objects may name these although no object of this project defines them. Keep the list to IDs the
 * project really uses.
 */
export const EXTERNAL_IDS: readonly string[] = [];
