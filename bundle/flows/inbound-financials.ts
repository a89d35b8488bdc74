/**
 * F7 Update from NetSuite: the current financial fields of one customer (and anything else the
 * Customer → Account mapping sends), for a button on the Salesforce Account. Read-only: Salesforce writes
 * the answer to the Account itself.
 */
import { SyncError } from '../core/errors';
import type { FinancialsQuery } from '../core/inbound/request';
import { mapAccount, overrideSourceFields } from '../core/mapping';
import { customersLinkedTo, entityById } from '../adapters/inbound-netsuite';
import { readCustomer } from '../adapters/netsuite-records';
import { loadSettings } from '../adapters/settings-store';

/** Fields Salesforce owns once the account syncs to NetSuite; never sent back by this call. */
const SALESFORCE_OWNED = ['Name', 'Phone', 'Website', 'Description'];

export interface Financials {
  accountId: string;
  netsuiteId: string;
  /** When NetSuite answered (ISO 8601). */
  asOf: string;
  /** Salesforce Account fields with their current NetSuite values. */
  fields: Record<string, unknown>;
}

const notFound = (message: string): SyncError =>
  new SyncError({ code: 'SFSYNC_NOT_FOUND', message, retryable: false, source: 'sfsync' });

export function financialsFor(query: FinancialsQuery, now: Date): Financials {
  const { settings } = loadSettings();
  let customerId: string;
  if (query.by === 'account') {
    const linked = customersLinkedTo(query.accountId);
    if (linked.length === 0)
      throw notFound(`No NetSuite customer is linked to Salesforce Account ${query.accountId}.`);
    if (linked.length > 1) {
      throw new SyncError({
        code: 'SFSYNC_AMBIGUOUS_MATCH',
        message: `Several NetSuite customers are linked to Salesforce Account ${query.accountId}: ${linked
          .map((c) => `${c.label} (internal ID ${c.id})`)
          .join(', ')}.`,
        retryable: false,
        source: 'sfsync',
      });
    }
    customerId = linked[0]!.id;
  } else {
    if (!entityById('customer', query.customerId))
      throw notFound(`NetSuite has no customer ${query.customerId}.`);
    customerId = query.customerId;
  }
  const customer = readCustomer(customerId, overrideSourceFields(settings, 'Account'));
  const { body } = mapAccount(customer, settings);
  const fields: Record<string, unknown> = { NetSuite_Id__c: customerId };
  for (const [field, value] of Object.entries(body))
    if (!SALESFORCE_OWNED.includes(field)) fields[field] = value;
  return {
    accountId: customer.accountId || (query.by === 'account' ? query.accountId : ''),
    netsuiteId: customerId,
    asOf: now.toISOString(),
    fields,
  };
}
