/**
 * F3 Account → Customer and F4 Contact → Contact. Lookups (NetSuite ID, Salesforce ID, then name or
 * e-mail), the decision, the parent first, the save with only changed values, the link written back — and,
 * when an account becomes a customer, its contacts pulled in while governance allows (the rest are marked
 * in Salesforce, which hands them to the poller).
 */
import { SyncError } from '../core/errors';
import { reserveFor, UNITS } from '../core/inbound/budget';
import { decideAccount, decideContact } from '../core/inbound/decide';
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

/** Contacts pulled in one go after an account is linked; more are handed to the poller. */
const CONTACTS_PER_ACCOUNT = 200;

function findCustomer(ctx: InboundContext, row: SfAccount): EntityRef | null {
  const byNetsuiteId = row.NetSuite_Id__c ? entityById('customer', row.NetSuite_Id__c) : null;
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

export function syncAccount(ctx: InboundContext, row: SfAccount, forced: boolean): Outcome {
  const { settings } = ctx;
  const customer = findCustomer(ctx, row);
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
  try {
    const parentId = row.ParentId ? ensureCustomer(ctx, row.ParentId, null, 'parent account') : '';
    const creating = decision.kind === 'create';
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
    const saved = upsertEntity('customer', creating ? null : decision.id, mapped.values, ctx.now);
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
  } finally {
    ctx.visiting.delete(row.Id);
  }
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

function findContact(ctx: InboundContext, row: SfContact, customerId: string): EntityRef | null {
  const byNetsuiteId = row.NetSuite_Id__c ? entityById('contact', row.NetSuite_Id__c) : null;
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

export function syncContact(ctx: InboundContext, row: SfContact): Outcome {
  const { settings } = ctx;
  const customerId =
    settings.inboundContactsEnabled && row.AccountId
      ? linkedCustomer(ctx, row.AccountId, row.Account?.NetSuite_Id__c)
      : '';
  const contact = customerId ? findContact(ctx, row, customerId) : null;
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
  const subsidiaryId = creating
    ? entityById('customer', customerId)?.subsidiary || settings.defaultSubsidiary || topSubsidiary()
    : '';
  const mapped = contactValues(row, { customerId, creating, subsidiaryId });
  const saved = upsertEntity('contact', creating ? null : decision.id, mapped.values, ctx.now);
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
