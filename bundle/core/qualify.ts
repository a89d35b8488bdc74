/** Decides whether a save should sync, with the reason in plain words (shown when it does not). */
import type { Settings } from './types';

export type Decision = { sync: true; reason: string } | { sync: false; reason: string };

export interface OrderGateInput {
  settings: Settings;
  eventType: string;
  sendAsOpportunity: boolean;
  opportunityId: string;
  salesforceOriginated: boolean;
  /** Advanced mode only: whether the order is in the qualification saved search's results. */
  inQualificationSearch?: boolean;
}

const yes = (reason: string): Decision => ({ sync: true, reason });
const no = (reason: string): Decision => ({ sync: false, reason });

export function qualifyOrder(input: OrderGateInput): Decision {
  const { settings } = input;
  if (!settings.orderFlowEnabled)
    return no('The Sales Order to Opportunity flow is turned off in sfsync Settings.');
  if (input.eventType === 'delete') return no('Deleting an order does not change Salesforce.');
  if (settings.advancedMode) {
    if (!settings.orderQualificationSearch) {
      return no('Advanced mode is on but no order qualification saved search is set in sfsync Settings.');
    }
    return input.inQualificationSearch
      ? yes('The order matches the qualification saved search.')
      : no('The order does not match the qualification saved search.');
  }
  if (!input.opportunityId) {
    if (input.salesforceOriginated) return no('Salesforce originated order without an Opportunity ID.');
    return input.sendAsOpportunity
      ? yes('Send Order as Salesforce Opportunity is checked.')
      : no('Send Order as Salesforce Opportunity is not checked.');
  }
  if (input.salesforceOriginated) {
    return settings.syncSalesforceOriginated
      ? yes('Sync Salesforce Originated Orders is on.')
      : no('Sync Salesforce Originated Orders is off in sfsync Settings.');
  }
  return settings.syncNetSuiteOriginatedUpdates
    ? yes('Sync updates for NetSuite Originated Orders is on.')
    : no('Sync updates for NetSuite Originated Orders is off in sfsync Settings.');
}

export interface CustomerGateInput {
  settings: Settings;
  eventType: string;
  accountId: string;
  inQualificationSearch?: boolean;
}

export function qualifyCustomer(input: CustomerGateInput): Decision {
  const { settings } = input;
  if (!settings.customerFlowEnabled)
    return no('The Customer to Account flow is turned off in sfsync Settings.');
  if (input.eventType === 'delete') return no('Deleting a customer does not change Salesforce.');
  if (settings.customerQualificationSearch && input.inQualificationSearch === false) {
    return no('The customer does not match the customer qualification saved search.');
  }
  if (input.accountId) return yes('The customer is linked to a Salesforce Account.');
  return settings.createAccountsForNewCustomers
    ? yes('Create Accounts for New Customers is on.')
    : no('The customer has no Salesforce Account and Create Accounts for New Customers is off.');
}
