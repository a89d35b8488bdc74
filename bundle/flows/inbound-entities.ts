/**
 * F3 Account → Customer and F4 Contact → Contact. Lookups (NetSuite ID, Salesforce ID, then name or
 * e-mail), the decision, the parent first, the save with only changed values, the link written back — and,
 * when an account becomes a customer, its contacts pulled in while governance allows (the rest are marked
 * in Salesforce, which hands them to the poller).
 */
import { SyncError } from '../core/errors';
import { reserveFor, UNITS } from '../core/inbound/budget';
import { decideAccount, decideContact } from '../core/inbound/decide';
import { inboundExternalId } from '../core/inbound/ids';
import { pickMatch } from '../core/inbound/lookup';
import { contactName, contactValues, customerValues } from '../core/inbound/mapping';
import type { SfAccount, SfContact } from '../core/inbound/types';
import { linkWriteBack, queuedWriteBack } from '../core/inbound/writeback';
import {
  contactsLinkedTo,
  contactsWithEmail,
  currencyByIso,
  customersLinkedTo,
  customersNamed,
  entityById,
  topSubsidiary,
  upsertEntity,
  type EntityRef,
} from '../adapters/inbound-netsuite';
import { unlinkedContacts } from '../adapters/inbound-salesforce';
import type { InboundContext, Outcome } from './inbound-context';
import { ensureCustomer, linkedCustomer } from './inbound-customers';

const fail = (code: string, message: string): SyncError =>
  new SyncError({ code, message, retryable: false, source: 'sfsync' });

/**
 * A create found the Salesforce record's external ID on `holder` (another run made it meanwhile). The sync
 * runs again as an update of that record — unless it belongs to another Salesforce record, or the second
 * run would create once more (never two records, never a loop).
 */
function checkHolder(
  type: 'customer' | 'contact',
  holder: EntityRef | null,
  holderId: string,
  row: { Id: string },
): void {
  if (holder && (!holder.linkedTo || holder.linkedTo === row.Id)) return;
  const object = type === 'customer' ? 'Account' : 'Contact';
  throw fail(
    'SFSYNC_EXTERNAL_ID_TAKEN',
    `NetSuite ${type} ${holder ? `${holder.label} ` : ''}(internal ID ${holderId}) has external ID ${inboundExternalId(type, row.Id)}, the ID of Salesforce ${object} ${row.Id}, ${holder ? `but is linked to ${holder.linkedTo}` : 'but cannot be read'}. Correct the link or the External ID of that ${type}; nothing was written.`,
  );
}

/** Contacts pulled in one go after an account is linked; more are handed to the poller. */
const CONTACTS_PER_ACCOUNT = 200;

/** `holderId`: the customer that has the account's external ID (after a create found it taken). */
function findCustomer(ctx: InboundContext, row: SfAccount, holderId: string): EntityRef | null {
  const netsuiteId = holderId || row.NetSuite_Id__c;
  const byNetsuiteId = netsuiteId ? entityById('customer', netsuiteId) : null;
  if (holderId) checkHolder('customer', byNetsuiteId, holderId, row);
  const bySalesforceId = byNetsuiteId ? [] : customersLinkedTo(row.Id);
  const name = (row.Name ?? '').trim();
  const bySecondary =
    !byNetsuiteId && bySalesforceId.length === 0 && ctx.settings.matchCustomersByName && name
      ? customersNamed(name)
      : [];
  const match = pickMatch({
    recordLabel: 'customer',
    salesforceLabel: 'Account',
    salesforceId: row.Id,
    byNetsuiteId,
    bySalesforceId,
    bySecondary,
    secondary: 'name',
    secondaryValue: name,
  });
  if (match.kind === 'error') throw fail(match.code, match.message);
  if (match.kind === 'none') return null;
  return [byNetsuiteId, ...bySalesforceId, ...bySecondary].find((c) => c?.id === match.id) ?? null;
}

export function syncAccount(ctx: InboundContext, row: SfAccount, forced: boolean, holderId = ''): Outcome {
  const { settings } = ctx;
  const customer = findCustomer(ctx, row, holderId);
  const decision = decideAccount({
    settings,
    qualifies: (row.Opportunities?.records?.length ?? 0) > 0,
    forced,
    customer: customer && { id: customer.id, label: customer.label, locked: customer.locked },
  });
  if (decision.kind === 'fail') throw fail(decision.code, decision.reason);
  if (decision.kind === 'skip') {
    if (customer) {
      ctx.customers.set(row.Id, customer.id);
      // Create Only: the customer stays as it is, but the Account learns which customer it is.
      if (!customer.locked) {
        const link = linkWriteBack('Account', row, customer.id, false, ctx.now);
        if (link) ctx.writeBacks.push(link);
      }
    }
    return {
      status: 'skipped',
      netsuiteId: customer?.id ?? '',
      message: decision.reason,
      logSkip: decision.log,
    };
  }

  ctx.visiting.add(row.Id);
  let result: Outcome | { takenBy: string };
  try {
    result = saveCustomer(ctx, row, decision, holderId);
  } finally {
    ctx.visiting.delete(row.Id);
  }
  // The create lost a race: the same sync again, as an update of the customer that won it.
  return 'takenBy' in result ? syncAccount(ctx, row, forced, result.takenBy) : result;
}

/** Creates or updates the account's customer (its parent first); `takenBy` when the create lost a race. */
function saveCustomer(
  ctx: InboundContext,
  row: SfAccount,
  decision: { kind: 'create' } | { kind: 'update'; id: string },
  holderId: string,
): Outcome | { takenBy: string } {
  const { settings } = ctx;
  const parentId = row.ParentId ? ensureCustomer(ctx, row.ParentId, null, 'parent account') : '';
  const creating = decision.kind === 'create';
  if (creating && holderId) checkHolder('customer', null, holderId, row);
  let currencyId = '';
  if (creating && row.CurrencyIsoCode) {
    currencyId = currencyByIso(row.CurrencyIsoCode);
    if (!currencyId) {
      throw fail(
        'SFSYNC_CURRENCY_MISSING',
        `The account's currency ${row.CurrencyIsoCode} does not exist in NetSuite (Lists > Accounting > Currencies, ISO code ${row.CurrencyIsoCode}). Add it, or change the account's currency; nothing was written.`,
      );
    }
  }
  const mapped = customerValues(row, {
    parentId,
    creating,
    currencyId,
    subsidiaryId: creating ? settings.defaultSubsidiary || topSubsidiary() : '',
  });
  const saved = upsertEntity(
    'customer',
    decision.kind === 'update' ? decision.id : null,
    mapped.values,
    ctx.now,
    inboundExternalId('customer', row.Id),
  );
  if (saved.duplicateOf) return { takenBy: saved.duplicateOf };
  ctx.customers.set(row.Id, saved.id);
  const link = linkWriteBack('Account', row, saved.id, saved.changed, ctx.now);
  if (link) ctx.writeBacks.push(link);
  const newlyLinked = saved.created || (row.NetSuite_Id__c ?? '') !== saved.id;
  const contacts = newlyLinked && settings.inboundContactsEnabled ? pullContacts(ctx, row.Id) : '';
  const what = saved.created ? 'created' : saved.changed ? 'updated' : 'already up to date';
  return {
    status: saved.changed ? 'synced' : 'unchanged',
    netsuiteId: saved.id,
    message: `Customer ${saved.id} ${what}.${contacts ? ` ${contacts}` : ''}`,
    warnings: mapped.warnings,
  };
}

/**
 * The account's contacts that are not linked yet, now that the account is a customer. Those that do not
 * fit in this script's units are marked (NetSuite Sync = Queued…), which makes the poller take them up.
 */
function pullContacts(ctx: InboundContext, accountId: string): string {
  if (ctx.remaining() < UNITS.contact + reserveFor(ctx.writeBacks.length) + UNITS.writeBackCall) {
    return 'Its contacts follow with the poller.';
  }
  const rows = unlinkedContacts(ctx.client, accountId, CONTACTS_PER_ACCOUNT);
  let synced = 0;
  let queued = 0;
  for (const contact of rows) {
    if (ctx.remaining() >= UNITS.contact + reserveFor(ctx.writeBacks.length + rows.length)) {
      const result = ctx.run({ object: 'Contact', id: contact.Id, action: 'sync' }, contact);
      if (result.status === 'synced' || result.status === 'unchanged') synced += 1;
    } else {
      ctx.writeBacks.push(queuedWriteBack('Contact', contact.Id, ctx.now));
      queued += 1;
    }
  }
  if (rows.length === 0) return '';
  return `${synced} contact${synced === 1 ? '' : 's'} synced${queued ? `, ${queued} queued for the poller` : ''}.`;
}

/** `holderId`: the contact that has the Salesforce contact's external ID (after a create found it taken). */
function findContact(
  ctx: InboundContext,
  row: SfContact,
  customerId: string,
  holderId: string,
): EntityRef | null {
  const netsuiteId = holderId || row.NetSuite_Id__c;
  const byNetsuiteId = netsuiteId ? entityById('contact', netsuiteId) : null;
  if (holderId) checkHolder('contact', byNetsuiteId, holderId, row);
  const bySalesforceId = byNetsuiteId ? [] : contactsLinkedTo(row.Id);
  const email = (row.Email ?? '').trim();
  const bySecondary =
    !byNetsuiteId && bySalesforceId.length === 0 && ctx.settings.matchContactsByEmail && email
      ? contactsWithEmail(email, customerId)
      : [];
  const match = pickMatch({
    recordLabel: 'contact',
    salesforceLabel: 'Contact',
    salesforceId: row.Id,
    byNetsuiteId,
    bySalesforceId,
    bySecondary,
    secondary: 'e-mail',
    secondaryValue: email,
  });
  if (match.kind === 'error') throw fail(match.code, match.message);
  if (match.kind === 'none') return null;
  return [byNetsuiteId, ...bySalesforceId, ...bySecondary].find((c) => c?.id === match.id) ?? null;
}

export function syncContact(ctx: InboundContext, row: SfContact, holderId = ''): Outcome {
  const { settings } = ctx;
  const customerId =
    settings.inboundContactsEnabled && row.AccountId
      ? linkedCustomer(ctx, row.AccountId, row.Account?.NetSuite_Id__c)
      : '';
  const contact = customerId ? findContact(ctx, row, customerId, holderId) : null;
  const decision = decideContact({
    settings,
    accountId: row.AccountId,
    customerId: customerId || null,
    contact: contact && { id: contact.id, label: contact.label, locked: contact.locked },
  });
  if (decision.kind === 'fail') throw fail(decision.code, decision.reason);
  if (decision.kind === 'skip')
    return {
      status: 'skipped',
      netsuiteId: contact?.id ?? '',
      message: decision.reason,
      logSkip: decision.log,
    };
  const creating = decision.kind === 'create';
  if (creating && holderId) checkHolder('contact', null, holderId, row);
  const subsidiaryId = creating
    ? entityById('customer', customerId)?.subsidiary || settings.defaultSubsidiary || topSubsidiary()
    : '';
  const mapped = contactValues(row, { customerId, creating, subsidiaryId });
  const saved = upsertEntity(
    'contact',
    creating ? null : decision.id,
    mapped.values,
    ctx.now,
    inboundExternalId('contact', row.Id),
  );
  // The create lost a race: the same sync again, as an update of the contact that won it.
  if (saved.duplicateOf) return syncContact(ctx, row, saved.duplicateOf);
  const link = linkWriteBack('Contact', row, saved.id, saved.changed, ctx.now);
  if (link) ctx.writeBacks.push(link);
  const what = saved.created ? 'created' : saved.changed ? 'updated' : 'already up to date';
  return {
    status: saved.changed ? 'synced' : 'unchanged',
    netsuiteId: saved.id,
    message: `Contact ${contactName(row)} (${saved.id}) ${what}.`,
    warnings: mapped.warnings,
  };
}
