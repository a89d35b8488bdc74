/** Types of the Salesforce → NetSuite flows: requests, Salesforce rows as queried, and handler results. */

export type InboundObject = 'Account' | 'Contact' | 'Opportunity';

/** `sync`: the record changed; `order`: Create NetSuite Order; `quote`: Create Quote. */
export type InboundAction = 'sync' | 'order' | 'quote';

export interface InboundRequest {
  object: InboundObject;
  /** 18-character Salesforce ID. */
  id: string;
  action: InboundAction;
}

/** A child relationship as Salesforce returns it inside a row (null when there are no children). */
export interface ChildRows<T> {
  totalSize?: number;
  done?: boolean;
  records?: T[];
}

export interface SfAccount {
  Id: string;
  Name: string;
  ParentId: string | null;
  Phone: string | null;
  Website: string | null;
  Description: string | null;
  CurrencyIsoCode?: string | null;
  NetSuite_Id__c: string | null;
  NetSuite_Sync__c: string | null;
  SystemModstamp: string;
  /** At most one row: an opportunity that meets the account qualification criteria. */
  Opportunities?: ChildRows<{ Id: string }> | null;
}

export interface SfContact {
  Id: string;
  FirstName: string | null;
  LastName: string;
  Email: string | null;
  Phone: string | null;
  MobilePhone: string | null;
  Title: string | null;
  AccountId: string | null;
  Account?: { NetSuite_Id__c: string | null } | null;
  NetSuite_Id__c: string | null;
  NetSuite_Sync__c: string | null;
  SystemModstamp: string;
}

export interface SfLine {
  Id: string;
  Quantity: number | null;
  UnitPrice: number | null;
  Discount: number | null;
  TotalPrice: number | null;
  Description: string | null;
  Product2Id: string | null;
  Product2?: { Name: string | null; NetSuite_Id__c: string | null } | null;
  /** Set when sfsync sent the line from a NetSuite order: `<order id>_<line key>_<item id>`. */
  NetSuite_Line_Id__c?: string | null;
}

export interface SfOpportunity {
  Id: string;
  Name: string;
  AccountId: string | null;
  Account?: { NetSuite_Id__c: string | null } | null;
  StageName: string;
  IsWon: boolean;
  CloseDate: string;
  Description: string | null;
  CurrencyIsoCode?: string | null;
  HasOpportunityLineItem: boolean;
  NetSuite_Id__c: string | null;
  NetSuite_Order_Number__c: string | null;
  NetSuite_Sync_Status__c: string | null;
  NetSuite_Sync__c: string | null;
  NetSuite_Order_Type__c: string | null;
  /** Contract this opportunity renews or extends (Contract Renewals), with the contract's NetSuite ID. */
  NetSuite_Contract__c?: string | null;
  NetSuite_Contract__r?: { NetSuite_Id__c: string | null } | null;
  NetSuite_Originated_Order__c: boolean | null;
  Skip_Export_To_NetSuite__c: boolean | null;
  NetSuite_Estimate_Id__c: string | null;
  NetSuite_Estimate_Number__c: string | null;
  NetSuite_Estimate_Status__c: string | null;
  NetSuite_Estimate_Total__c: number | null;
  SystemModstamp: string;
  OpportunityLineItems?: ChildRows<SfLine> | null;
}

export type SfRow = SfAccount | SfContact | SfOpportunity;

export type HandlerStatus = 'synced' | 'unchanged' | 'skipped' | 'failed' | 'queued' | 'not_found';

/** What one request came to; the RESTlet answers with these, the poller counts them. */
export interface HandlerResult {
  object: InboundObject;
  id: string;
  action: InboundAction;
  status: HandlerStatus;
  /** Internal ID of the NetSuite record written or matched ('' when none). */
  netsuiteId: string;
  message: string;
  code?: string;
}

/** Fields to write to one Salesforce record after a sync. */
export interface WriteBack {
  object: InboundObject;
  id: string;
  fields: Record<string, string | number | boolean | null>;
}
