/** Domain types shared by the pure core. Nothing here knows about N/* modules or HTTP. */

/** NetSuite item type codes as they appear in the `itemtype` line field. */
export type ItemTypeCode =
  | 'InvtPart'
  | 'NonInvtPart'
  | 'Service'
  | 'OthCharge'
  | 'Kit'
  | 'Assembly'
  | 'GiftCert'
  | 'DwnLdItem'
  | 'Discount'
  | 'Markup'
  | 'Subtotal'
  | 'Description'
  | 'Group'
  | 'EndGroup'
  | 'Payment'
  | string;

/** One line of a NetSuite sales order or estimate, as read from the `item` sublist. */
export interface OrderLine {
  /** `lineuniquekey`: stable for the life of the line. */
  key: string;
  itemId: string;
  itemName: string;
  itemType: ItemTypeCode;
  quantity: number | null;
  /** Numeric rate, or for discount/markup items a percent string such as "-10%" or "-10.00%". */
  rate: number | string | null;
  amount: number | null;
  description: string;
  priceLevel: string | null;
  /**
   * The OpportunityLineItem this line was made from (custcol_sfsync_line_id), on orders created from a
   * Salesforce Opportunity; '' on lines made in NetSuite.
   */
  salesforceLineId?: string;
}

/** What the core needs to know about the order header. */
export interface OrderSnapshot {
  id: string;
  tranId: string;
  tranDate: string; // YYYY-MM-DD
  customerId: string;
  currencyIso: string | null;
  memo: string;
  /** Header discount: percent string ("-10%") or amount (-50). */
  discountRate: number | string | null;
  opportunityId: string;
  sendAsOpportunity: boolean;
  netsuiteOriginated: boolean;
  salesforceOriginated: boolean;
  payloadHash: string;
  lines: OrderLine[];
  /** Extra body values read for field-mapping overrides, by NetSuite field ID. */
  extra: Record<string, unknown>;
}

/** A customer with its parent chain resolved to IDs. */
export interface CustomerSnapshot {
  id: string;
  entityId: string;
  companyName: string;
  isPerson: boolean;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  url: string;
  parentId: string;
  accountId: string;
  currencyIso: string | null;
  balance: number | null;
  overdueBalance: number | null;
  creditLimit: number | null;
  unbilledOrders: number | null;
  onHold: string;
  payloadHash: string;
  /** The last sync left an error on the customer. */
  hadError: boolean;
  extra: Record<string, unknown>;
}

/** An item with what Salesforce knows of it. */
export interface ItemSnapshot {
  id: string;
  /** Record type for writes (inventoryitem, serviceitem, …). */
  recordType: string;
  name: string;
  displayName: string;
  description: string;
  productId: string;
  /** Price book ID ('standard' for the Standard Price Book) → price book entry ID. */
  priceBookEntries: Record<string, string>;
}

export type ZeroQuantityPolicy = 'skip' | 'one-at-zero';

export interface Settings {
  instanceUrl: string;
  clientId: string;
  apiVersion: string;
  orderFlowEnabled: boolean;
  syncNetSuiteOriginatedUpdates: boolean;
  syncSalesforceOriginated: boolean;
  advancedMode: boolean;
  orderQualificationSearch: string;
  customerFlowEnabled: boolean;
  createAccountsForNewCustomers: boolean;
  customerQualificationSearch: string;
  netsuiteOriginatedStage: string;
  defaultPriceBook: string;
  priceLevelBooks: Record<string, string>;
  zeroQuantityPolicy: ZeroQuantityPolicy;
  createMissingProducts: boolean;
  logSuccesses: boolean;
  alertRecipients: string[];
  maxAttempts: number;
  fieldMapOverrides: Record<string, Record<string, string | null>>;
  netsuiteAccountUrl: string;
  /** Salesforce → NetSuite (inbound) flows. */
  inboundAccountsEnabled: boolean;
  inboundContactsEnabled: boolean;
  inboundOrdersEnabled: boolean;
  /** Account qualification: opportunity stages (empty = IsWon) and/or a SOQL condition on Opportunity. */
  accountQualifyingStages: string[];
  accountQualificationSoql: string;
  createOnly: boolean;
  matchCustomersByName: boolean;
  matchContactsByEmail: boolean;
  defaultSubsidiary: string;
  /** Order qualification: opportunity stages (empty = IsWon) and/or a SOQL condition on Opportunity. */
  orderQualifyingStages: string[];
  orderQualificationSoql: string;
  updateApprovedOrders: boolean;
  /** Contract Renewals: the order type field and the value of each NetSuite_Order_Type__c label. */
  orderTypeField: string;
  orderTypeValues: Record<string, string>;
  /** The poller leaves out records changed in the last seconds (their transactions may still commit). */
  pollLagSeconds: number;
  /** The Salesforce org has no multi-currency (no CurrencyIsoCode field): never send or select it. */
  singleCurrencyOrg: boolean;
  /**
   * Contract Renewals (F6, core/contract-settings.ts): flow switch, the SuiteApp's record and field IDs,
   * NetSuite contract status (text) → Salesforce Contract Status (null: leave it), renewal Opportunity stage.
   */
  contractFlowEnabled: boolean;
  contractRecordType: string;
  contractCustomerField: string;
  contractStartField: string;
  contractEndField: string;
  contractStatusField: string;
  contractItemRecordType: string;
  contractItemContractField: string;
  contractItemItemField: string;
  contractItemQuantityField: string;
  contractItemPriceField: string;
  contractItemStartField: string;
  contractItemEndField: string;
  transactionContractField: string;
  contractStatusMap: Record<string, string | null>;
  renewalStage: string;
}
