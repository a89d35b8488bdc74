/**
 * F2: NetSuite Customer → Salesforce Account. Linked customers update their account; new customers get one
 * when the setting allows. Parents without an account are written first, in the same API call.
 * Never throws: failures end in the Integration Log and on the customer's sync status fields.
 */
import { ENTITY } from '../catalogue';
import { packComposites, resolveRefs } from '../core/composite';
import { SyncError, toSyncError } from '../core/errors';
import { overrideSourceFields } from '../core/mapping';
import { accountSteps, type AccountWrite } from '../core/order-plan';
import { qualifyCustomer } from '../core/qualify';
import { failureStatus, hashText, stableJson, syncStamp } from '../core/text';
import type { CustomerSnapshot, Settings } from '../core/types';
import { logFailure, logSuccess, type LogSubject } from '../adapters/integration-log';
import { readCustomer, writeBack } from '../adapters/netsuite-records';
import { inSavedSearch } from '../adapters/qualification';
import { SalesforceClient } from '../adapters/salesforce-client';
import { loadSettings } from '../adapters/settings-store';
import { accountWrites, unlinkedChain, type SyncOptions } from './order-sync';

export interface CustomerSyncResult {
  outcome: 'synced' | 'skipped' | 'unchanged' | 'failed';
  reason: string;
  accountId: string;
  warnings: string[];
  error?: SyncError;
}

function subjectOf(customerId: string, accountId: string): LogSubject {
  return {
    flow: 'Customer to Account',
    direction: 'NetSuite to Salesforce',
    netsuiteType: 'customer',
    netsuiteId: customerId,
    salesforceObject: 'Account',
    salesforceId: accountId,
  };
}

/** The hash kept on the customer (custentity_sfsync_hash): the mapped Account fields and parent of each write. */
export function customerHash(writes: Array<Pick<AccountWrite, 'body' | 'parent'>>): string {
  return hashText(stableJson(writes.map((w) => ({ body: w.body, parent: w.parent }))));
}

export function syncCustomer(
  customerId: string,
  eventType: string,
  now = new Date(),
  options: SyncOptions = {},
): CustomerSyncResult {
  let settings: Settings | null = null;
  let customer: CustomerSnapshot | null = null;
  try {
    const parsed = loadSettings();
    settings = parsed.settings;
    customer = readCustomer(customerId, overrideSourceFields(settings, 'Account'));
    const gate = options.force
      ? { sync: true, reason: 'Re-sync requested.' }
      : qualifyCustomer({
          settings,
          eventType,
          accountId: customer.accountId,
          inQualificationSearch: settings.customerQualificationSearch
            ? inSavedSearch(settings.customerQualificationSearch, customerId)
            : undefined,
        });
    if (!gate.sync)
      return { outcome: 'skipped', reason: gate.reason, accountId: customer.accountId, warnings: [] };

    const chain = unlinkedChain(customer, settings);
    const accounts = accountWrites(chain, settings);
    const hash = customerHash(accounts.writes);
    if (!options.force && customer.accountId && hash === customer.payloadHash && !customer.hadError) {
      return {
        outcome: 'unchanged',
        reason: 'No mapped field changed since the last sync.',
        accountId: customer.accountId,
        warnings: [],
      };
    }
    const client = new SalesforceClient(settings);
    const refs: Record<string, string> = {};
    const steps = accountSteps(client.base, accounts.writes, refs);
    const known: Record<string, unknown> = {};
    for (const batch of packComposites(steps))
      Object.assign(known, client.composite(resolveRefs(batch, known)));

    let accountId = customer.accountId;
    for (const [id, ref] of Object.entries(refs)) {
      const written = (known[ref] as { id?: unknown } | null | undefined)?.id;
      const linked =
        typeof written === 'string' && written ? written : id === customerId ? customer.accountId : '';
      if (!linked) continue;
      if (id === customerId) accountId = linked;
      writeBack('customer', id, {
        [ENTITY.accountId]: linked,
        [ENTITY.syncStatus]: `Synced ${syncStamp(now)}${accounts.warnings.length ? ' with warnings' : ''}`,
        [ENTITY.lastSyncedAt]: now,
        [ENTITY.lastSyncError]: '',
        ...(id === customerId ? { [ENTITY.payloadHash]: hash } : {}),
      });
    }
    logSuccess(
      subjectOf(customerId, accountId),
      {
        hadError: customer.hadError,
        logSuccesses: settings.logSuccesses || accounts.warnings.length > 0,
        message: `Account ${accountId} synced.${accounts.warnings.length ? ` Warnings: ${accounts.warnings.join(' ')}` : ''}`,
      },
      now,
    );
    return { outcome: 'synced', reason: 'Synced.', accountId, warnings: accounts.warnings };
  } catch (thrown) {
    const error = toSyncError(thrown, `customer ${customer?.entityId || customerId}`);
    const result = logFailure(
      subjectOf(customerId, customer?.accountId ?? ''),
      error,
      settings?.maxAttempts ?? 6,
      now,
    );
    writeBack('customer', customerId, {
      [ENTITY.syncStatus]: failureStatus(result.status, error.code, now),
      [ENTITY.lastSyncError]: error.message.slice(0, 3900),
    });
    return {
      outcome: 'failed',
      reason: error.message,
      accountId: customer?.accountId ?? '',
      warnings: [],
      error,
    };
  }
}
