/**
 * The customer a Salesforce Account stands for, synced first when it is not in NetSuite yet — for a
 * child account's parent, a contact's account (never forced), and an order's or quote's account.
 */
import { isRetryableCode, SyncError } from '../core/errors';
import type { SfAccount } from '../core/inbound/types';
import { customersLinkedTo, entityById } from '../adapters/inbound-netsuite';
import { readRows } from '../adapters/inbound-salesforce';
import type { InboundContext } from './inbound-context';

const fail = (code: string, message: string): SyncError =>
  new SyncError({ code, message, retryable: false, source: 'sfsync' });

/**
 * The customer already linked to the account, or '' when there is none: first what this batch learned,
 * then the account's NetSuite ID (when the row carries it), then the Salesforce ID stored on customers.
 */
export function linkedCustomer(
  ctx: InboundContext,
  accountId: string,
  netsuiteId: string | null | undefined,
): string {
  const known = ctx.customers.get(accountId);
  if (known) return known;
  if (netsuiteId) {
    const byId = entityById('customer', netsuiteId);
    if (byId && (!byId.linkedTo || byId.linkedTo === accountId)) {
      ctx.customers.set(accountId, byId.id);
      return byId.id;
    }
  }
  const linked = customersLinkedTo(accountId);
  if (linked.length > 1) {
    throw fail(
      'SFSYNC_AMBIGUOUS_MATCH',
      `Several NetSuite customers are linked to Salesforce Account ${accountId}: ${linked
        .map((c) => `${c.label} (internal ID ${c.id})`)
        .join(', ')}. Keep the link on one of them; nothing was written.`,
    );
  }
  if (linked.length === 1) {
    ctx.customers.set(accountId, linked[0]!.id);
    return linked[0]!.id;
  }
  return '';
}

/** The customer of the account, syncing the account (and its parents) first when needed. */
export function ensureCustomer(
  ctx: InboundContext,
  accountId: string,
  netsuiteId: string | null | undefined,
  role: string,
): string {
  const linked = linkedCustomer(ctx, accountId, netsuiteId);
  if (linked) return linked;
  if (ctx.visiting.has(accountId) || ctx.visiting.size >= 10) {
    throw fail(
      'SFSYNC_PARENT_CYCLE',
      `The account hierarchy above ${accountId} loops or is deeper than 10 levels; fix the Parent Account fields in Salesforce.`,
    );
  }
  const row = readRows<SfAccount>(ctx.client, 'Account', [accountId], ctx.accountCondition).get(accountId);
  if (!row)
    throw fail(
      'SFSYNC_NOT_FOUND',
      `The ${role} (Salesforce Account ${accountId}) was not found in Salesforce.`,
    );
  const result = ctx.run({ object: 'Account', id: accountId, action: 'sync' }, row, true);
  if (result.status === 'failed' || !result.netsuiteId) {
    throw new SyncError({
      code: result.code || 'SFSYNC_ACCOUNT_FAILED',
      message: `The ${role} "${row.Name}" (${accountId}) could not be synced to NetSuite first: ${result.message}`,
      retryable: isRetryableCode(result.code ?? ''),
      source: 'sfsync',
    });
  }
  ctx.customers.set(accountId, result.netsuiteId);
  return result.netsuiteId;
}
