/**
 * Every NetSuite ID the bundle uses, in one typed place. The SDF objects under src/Objects define them;
 * `npm run validate` fails when a literal here (or anywhere in bundle/) names an object that does not exist.
 */

/** Transaction body fields (sales orders and estimates). */
export const BODY = {
  sendAsOpportunity: 'custbody_sfsync_send_opp',
  opportunityId: 'custbody_sfsync_opp_id',
  netsuiteOriginated: 'custbody_sfsync_ns_originated',
  salesforceOriginated: 'custbody_sfsync_sf_originated',
  syncStatus: 'custbody_sfsync_status',
  lastSyncedAt: 'custbody_sfsync_synced_at',
  lastSyncError: 'custbody_sfsync_error',
  payloadHash: 'custbody_sfsync_hash',
  lineMap: 'custbody_sfsync_lines',
} as const;

/** Entity fields (customers and contacts). */
export const ENTITY = {
  accountId: 'custentity_sfsync_account_id',
  contactId: 'custentity_sfsync_contact_id',
  lockRecord: 'custentity_sfsync_lock',
  syncStatus: 'custentity_sfsync_status',
  lastSyncedAt: 'custentity_sfsync_synced_at',
  lastSyncError: 'custentity_sfsync_error',
  payloadHash: 'custentity_sfsync_hash',
} as const;

/** Transaction line fields. */
export const COLUMN = {
  lineId: 'custcol_sfsync_line_id',
} as const;

/** Item fields. */
export const ITEM = {
  productId: 'custitem_sfsync_product_id',
  priceBookEntries: 'custitem_sfsync_pbe_ids',
} as const;

/** The Integration Log custom record. */
export const LOG = {
  type: 'customrecord_sfsync_log',
  key: 'custrecord_sfsync_log_key',
  flow: 'custrecord_sfsync_log_flow',
  direction: 'custrecord_sfsync_log_direction',
  netsuiteType: 'custrecord_sfsync_log_ns_type',
  netsuiteId: 'custrecord_sfsync_log_ns_id',
  salesforceObject: 'custrecord_sfsync_log_sf_object',
  salesforceId: 'custrecord_sfsync_log_sf_id',
  status: 'custrecord_sfsync_log_status',
  retryable: 'custrecord_sfsync_log_retryable',
  errorCode: 'custrecord_sfsync_log_error_code',
  message: 'custrecord_sfsync_log_message',
  request: 'custrecord_sfsync_log_request',
  response: 'custrecord_sfsync_log_response',
  attempts: 'custrecord_sfsync_log_attempts',
  nextAttemptAt: 'custrecord_sfsync_log_next_at',
  firstSeen: 'custrecord_sfsync_log_first_seen',
  lastSeen: 'custrecord_sfsync_log_last_seen',
} as const;

/** The settings custom record (one active record; the newest one wins). */
export const SETTINGS = {
  type: 'customrecord_sfsync_settings',
  instanceUrl: 'custrecord_sfsync_set_instance_url',
  clientId: 'custrecord_sfsync_set_client_id',
  apiVersion: 'custrecord_sfsync_set_api_version',
  orderFlowEnabled: 'custrecord_sfsync_set_order_flow',
  syncNetSuiteOriginatedUpdates: 'custrecord_sfsync_set_ns_updates',
  syncSalesforceOriginated: 'custrecord_sfsync_set_sf_orders',
  advancedMode: 'custrecord_sfsync_set_advanced',
  orderQualificationSearch: 'custrecord_sfsync_set_order_search',
  customerFlowEnabled: 'custrecord_sfsync_set_cust_flow',
  createAccountsForNewCustomers: 'custrecord_sfsync_set_new_accounts',
  customerQualificationSearch: 'custrecord_sfsync_set_cust_search',
  netsuiteOriginatedStage: 'custrecord_sfsync_set_ns_stage',
  defaultPriceBook: 'custrecord_sfsync_set_price_book',
  priceLevelBooks: 'custrecord_sfsync_set_level_books',
  zeroQuantityPolicy: 'custrecord_sfsync_set_zero_qty',
  createMissingProducts: 'custrecord_sfsync_set_new_products',
  logSuccesses: 'custrecord_sfsync_set_log_success',
  alertRecipients: 'custrecord_sfsync_set_alert_to',
  maxAttempts: 'custrecord_sfsync_set_max_attempts',
  fieldMapOverrides: 'custrecord_sfsync_set_field_map',
  netsuiteAccountUrl: 'custrecord_sfsync_set_ns_url',
  inboundAccountsEnabled: 'custrecord_sfsync_set_in_accounts',
  inboundContactsEnabled: 'custrecord_sfsync_set_in_contacts',
  inboundOrdersEnabled: 'custrecord_sfsync_set_in_orders',
  accountQualifyingStages: 'custrecord_sfsync_set_acct_stages',
  accountQualificationSoql: 'custrecord_sfsync_set_acct_soql',
  createOnly: 'custrecord_sfsync_set_create_only',
  matchCustomersByName: 'custrecord_sfsync_set_match_name',
  matchContactsByEmail: 'custrecord_sfsync_set_match_email',
  defaultSubsidiary: 'custrecord_sfsync_set_subsidiary',
  orderQualifyingStages: 'custrecord_sfsync_set_opp_stages',
  orderQualificationSoql: 'custrecord_sfsync_set_opp_soql',
  updateApprovedOrders: 'custrecord_sfsync_set_upd_approved',
  orderTypeField: 'custrecord_sfsync_set_order_type_fld',
  orderTypeValues: 'custrecord_sfsync_set_order_types',
  pollLagSeconds: 'custrecord_sfsync_set_poll_lag',
  singleCurrencyOrg: 'custrecord_sfsync_set_single_currency',
  contractFlowEnabled: 'custrecord_sfsync_set_contract_flow',
  contractRecordType: 'custrecord_sfsync_set_cr_contract_rec',
  contractCustomerField: 'custrecord_sfsync_set_cr_customer',
  contractStartField: 'custrecord_sfsync_set_cr_start',
  contractEndField: 'custrecord_sfsync_set_cr_end',
  contractStatusField: 'custrecord_sfsync_set_cr_status',
  contractItemRecordType: 'custrecord_sfsync_set_cr_item_rec',
  contractItemContractField: 'custrecord_sfsync_set_cr_item_contract',
  contractItemItemField: 'custrecord_sfsync_set_cr_item_item',
  contractItemQuantityField: 'custrecord_sfsync_set_cr_item_qty',
  contractItemPriceField: 'custrecord_sfsync_set_cr_item_price',
  contractItemStartField: 'custrecord_sfsync_set_cr_item_start',
  contractItemEndField: 'custrecord_sfsync_set_cr_item_end',
  transactionContractField: 'custrecord_sfsync_set_cr_tran_contract',
  contractStatusMap: 'custrecord_sfsync_set_cr_status_map',
  renewalStage: 'custrecord_sfsync_set_cr_renewal_stage',
} as const;

/**
 * Salesforce links of NetSuite records that cannot carry sfsync fields (Contract Renewals contracts): one
 * record per linked record, found by its key `<record type>:<internal ID>`.
 */
export const LINK = {
  type: 'customrecord_sfsync_link',
  key: 'custrecord_sfsync_link_key',
  netsuiteType: 'custrecord_sfsync_link_ns_type',
  netsuiteId: 'custrecord_sfsync_link_ns_id',
  salesforceObject: 'custrecord_sfsync_link_sf_object',
  salesforceId: 'custrecord_sfsync_link_sf_id',
  syncStatus: 'custrecord_sfsync_link_status',
  lastSyncError: 'custrecord_sfsync_link_error',
  lastSyncedAt: 'custrecord_sfsync_link_synced_at',
  state: 'custrecord_sfsync_link_state',
} as const;

/** Custom lists. */
export const LISTS = {
  logStatus: 'customlist_sfsync_log_status',
  flow: 'customlist_sfsync_flow',
  zeroQuantity: 'customlist_sfsync_zero_qty',
  direction: 'customlist_sfsync_direction',
} as const;

/** Script parameters. */
export const PARAMS = {
  retryEntries: 'custscript_sfsync_retry_entries',
} as const;

/** The API Secret holding the Salesforce client secret. */
export const SECRET_CLIENT = 'custsecret_sfsync_client_secret';

/** Scripts and deployments. */
export const SCRIPTS = {
  salesOrderEvent: {
    script: 'customscript_sfsync_ue_salesorder',
    deploy: 'customdeploy_sfsync_ue_salesorder',
  },
  customerEvent: { script: 'customscript_sfsync_ue_customer', deploy: 'customdeploy_sfsync_ue_customer' },
  retryQueue: {
    script: 'customscript_sfsync_mr_retry',
    deploy: 'customdeploy_sfsync_mr_retry',
    deployNow: 'customdeploy_sfsync_mr_retry_now',
  },
  dashboard: { script: 'customscript_sfsync_sl_dashboard', deploy: 'customdeploy_sfsync_sl_dashboard' },
  settingsEvent: { script: 'customscript_sfsync_ue_settings', deploy: 'customdeploy_sfsync_ue_settings' },
} as const;

/** The poller's watermark: one record per Salesforce object (Salesforce → NetSuite). */
export const WATERMARK = {
  type: 'customrecord_sfsync_watermark',
  object: 'custrecord_sfsync_wm_object',
  time: 'custrecord_sfsync_wm_time',
  lastId: 'custrecord_sfsync_wm_last_id',
} as const;

/** Salesforce → NetSuite scripts: the RESTlet Salesforce calls, and the poller. */
export const INBOUND_SCRIPTS = {
  restlet: { script: 'customscript_sfsync_rl_inbound', deploy: 'customdeploy_sfsync_rl_inbound' },
  poller: { script: 'customscript_sfsync_mr_poll', deploy: 'customdeploy_sfsync_mr_poll' },
} as const;

/** Go-live: link existing records, bulk initial sync, reconciliation, and the page that runs them. */
export const GOLIVE_SCRIPTS = {
  link: { script: 'customscript_sfsync_mr_golive_link', deploy: 'customdeploy_sfsync_mr_golive_link' },
  bulk: { script: 'customscript_sfsync_mr_golive_bulk', deploy: 'customdeploy_sfsync_mr_golive_bulk' },
  recon: {
    script: 'customscript_sfsync_mr_golive_recon',
    deploy: 'customdeploy_sfsync_mr_golive_recon',
    deployNow: 'customdeploy_sfsync_mr_golive_recon_now',
  },
  page: { script: 'customscript_sfsync_sl_golive', deploy: 'customdeploy_sfsync_sl_golive' },
} as const;

/** Parameters of the go-live scripts. */
export const GOLIVE_PARAMS = {
  linkDryRun: 'custscript_sfsync_link_dry_run',
  linkRecords: 'custscript_sfsync_link_records',
  linkSubsidiary: 'custscript_sfsync_link_subsidiary',
  linkFolder: 'custscript_sfsync_link_folder',
  bulkRecords: 'custscript_sfsync_bulk_records',
  bulkFrom: 'custscript_sfsync_bulk_from',
  bulkTo: 'custscript_sfsync_bulk_to',
  bulkStatus: 'custscript_sfsync_bulk_status',
  bulkSubsidiary: 'custscript_sfsync_bulk_subsidiary',
  bulkMax: 'custscript_sfsync_bulk_max',
  reconRecords: 'custscript_sfsync_recon_records',
  reconFrom: 'custscript_sfsync_recon_from',
  reconResync: 'custscript_sfsync_recon_resync',
  reconFolder: 'custscript_sfsync_recon_folder',
} as const;
