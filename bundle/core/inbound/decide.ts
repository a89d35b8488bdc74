/**
 * Create, update or skip — with the reason in plain words — for each inbound record, from what the lookups
 * found and the settings. Pure: the adapters gather the facts, these functions decide.
 */
import type { Settings } from '../types';
import type { SfOpportunity } from './types';

export type Decision =
  | { kind: 'create'; reason: string }
  | { kind: 'update'; id: string; reason: string }
  /** `log`: the administrator should see the skip in the Integration Log (not as an error). */
  | { kind: 'skip'; reason: string; log: boolean }
  | { kind: 'fail'; code: string; reason: string };

export interface AccountFacts {
  settings: Settings;
  /** The account has an opportunity that meets the qualification criteria. */
  qualifies: boolean;
  /** Synced because another record needs it (a child account, a contact, an order or a quote). */
  forced: boolean;
  customer: { id: string; label: string; locked: boolean } | null;
}

export function decideAccount(f: AccountFacts): Decision {
  if (!f.settings.inboundAccountsEnabled && !f.forced)
    return {
      kind: 'skip',
      reason: 'The Account to Customer flow is turned off in sfsync Settings.',
      log: false,
    };
  if (f.customer) {
    if (f.customer.locked) {
      return {
        kind: 'skip',
        reason: `Salesforce Lock Record is checked on customer ${f.customer.label} (internal ID ${f.customer.id}), so the changes from Salesforce were not applied.`,
        log: true,
      };
    }
    if (f.settings.createOnly) {
      return {
        kind: 'skip',
        reason: `Create Only is on in sfsync Settings: customer ${f.customer.label} (internal ID ${f.customer.id}) exists and is not updated from Salesforce.`,
        log: false,
      };
    }
    return { kind: 'update', id: f.customer.id, reason: 'The account is linked to a customer.' };
  }
  if (f.forced) return { kind: 'create', reason: 'Another synced record needs this account in NetSuite.' };
  if (!f.qualifies) {
    return {
      kind: 'skip',
      reason:
        'The account has no opportunity that meets the qualification criteria (by default: Closed Won), so it is not created in NetSuite yet.',
      log: false,
    };
  }
  return { kind: 'create', reason: 'The account has a qualifying opportunity.' };
}

export interface ContactFacts {
  settings: Settings;
  accountId: string | null;
  /** Customer of the contact's account, when that account is synced. */
  customerId: string | null;
  contact: { id: string; label: string; locked: boolean } | null;
}

export function decideContact(f: ContactFacts): Decision {
  if (!f.settings.inboundContactsEnabled)
    return {
      kind: 'skip',
      reason: 'The Contact to Contact flow is turned off in sfsync Settings.',
      log: false,
    };
  if (!f.accountId)
    return { kind: 'skip', reason: 'Standalone contact (no account): not synced to NetSuite.', log: false };
  if (!f.customerId) {
    return {
      kind: 'skip',
      reason:
        "The contact's account is not synced to NetSuite yet; the contact follows when the account syncs.",
      log: false,
    };
  }
  if (f.contact) {
    if (f.contact.locked) {
      return {
        kind: 'skip',
        reason: `Salesforce Lock Record is checked on contact ${f.contact.label} (internal ID ${f.contact.id}), so the changes from Salesforce were not applied.`,
        log: true,
      };
    }
    return { kind: 'update', id: f.contact.id, reason: 'The contact is linked.' };
  }
  return { kind: 'create', reason: "The contact's account is synced." };
}

/** Whether the opportunity meets the order criteria that need no query (stage list or IsWon). */
export function meetsOrderStages(
  opp: Pick<SfOpportunity, 'StageName' | 'IsWon'>,
  settings: Settings,
): boolean {
  if (settings.orderQualifyingStages.length > 0)
    return settings.orderQualifyingStages.includes(opp.StageName);
  // A SOQL fragment alone decides by itself (checked with a query); without any setting, Closed Won decides.
  return settings.orderQualificationSoql.trim() ? true : opp.IsWon === true;
}

export function lineCount(opp: Pick<SfOpportunity, 'OpportunityLineItems'>): number {
  return opp.OpportunityLineItems?.records?.length ?? 0;
}

/** Whether the Opportunity asks for an order: the Create NetSuite Order button, or Processing set in Salesforce. */
export function orderRequested(
  opp: Pick<SfOpportunity, 'NetSuite_Sync_Status__c'>,
  action: 'sync' | 'order' | 'quote',
): boolean {
  return action === 'order' || opp.NetSuite_Sync_Status__c === ORDER_PROCESSING;
}

export interface OrderFacts {
  settings: Settings;
  opp: SfOpportunity;
  /** Create NetSuite Order was asked for (button or Processing). */
  requested: boolean;
  /** The criteria (stages, IsWon or SOQL fragment) hold. */
  meetsCriteria: boolean;
  order: { id: string; tranId: string; status: string; netsuiteOriginated: boolean } | null;
}

export function decideOrder(f: OrderFacts): Decision {
  const { opp, settings } = f;
  if (!settings.inboundOrdersEnabled)
    return {
      kind: 'skip',
      reason: 'The Opportunity to Sales Order flow is turned off in sfsync Settings.',
      log: false,
    };
  if (opp.NetSuite_Originated_Order__c || opp.Skip_Export_To_NetSuite__c || f.order?.netsuiteOriginated) {
    return {
      kind: 'skip',
      reason:
        'The opportunity stands for an order created in NetSuite; its changes flow from NetSuite to Salesforce only.',
      log: false,
    };
  }
  if (f.order) {
    if (f.order.status === 'A' || settings.updateApprovedOrders)
      return { kind: 'update', id: f.order.id, reason: 'The order is linked to the opportunity.' };
    return {
      kind: 'skip',
      reason: `Sales order ${f.order.tranId} is no longer pending approval, so changes to the opportunity are not applied (setting "Update Salesforce Originated Orders After Approval" is off).`,
      log: false,
    };
  }
  if (!f.requested && !f.meetsCriteria)
    return {
      kind: 'skip',
      reason: 'The opportunity does not meet the order criteria (by default: Closed Won with products).',
      log: false,
    };
  if (!opp.AccountId)
    return {
      kind: 'fail',
      code: 'SFSYNC_NO_ACCOUNT',
      reason:
        'The opportunity has no account, so NetSuite has no customer to bill. Set its account in Salesforce.',
    };
  if (lineCount(opp) === 0) {
    return f.requested
      ? {
          kind: 'fail',
          code: 'SFSYNC_NO_LINES',
          reason: 'The opportunity has no products; add products before creating the NetSuite order.',
        }
      : { kind: 'skip', reason: 'The opportunity has no products, so no order is created.', log: false };
  }
  return {
    kind: 'create',
    reason: f.requested
      ? 'Create NetSuite Order was requested.'
      : 'The opportunity meets the order criteria.',
  };
}

export interface QuoteFacts {
  opp: SfOpportunity;
  estimate: { id: string } | null;
}

export function decideQuote(f: QuoteFacts): Decision {
  if (!f.opp.AccountId)
    return {
      kind: 'fail',
      code: 'SFSYNC_NO_ACCOUNT',
      reason:
        'The opportunity has no account, so NetSuite has no customer to quote. Set its account in Salesforce.',
    };
  if (lineCount(f.opp) === 0)
    return {
      kind: 'fail',
      code: 'SFSYNC_NO_LINES',
      reason: 'The opportunity has no products; add products before creating the quote.',
    };
  if (f.estimate)
    return { kind: 'update', id: f.estimate.id, reason: 'A quote was created for this opportunity before.' };
  return { kind: 'create', reason: 'Create Quote was requested.' };
}

/** Whether the Opportunity asks for a quote: the Create Quote button, or Requested set by a handover. */
export function quoteRequested(
  opp: Pick<SfOpportunity, 'NetSuite_Estimate_Status__c'>,
  action: 'sync' | 'order' | 'quote',
): boolean {
  return action === 'quote' || opp.NetSuite_Estimate_Status__c === QUOTE_REQUESTED;
}

/** Estimate status written to the Opportunity when a quote request is handed over to the poller. */
export const QUOTE_REQUESTED = 'Requested';
/** Order status written to the Opportunity while the order is being created (also set by the button). */
export const ORDER_PROCESSING = 'Processing';
