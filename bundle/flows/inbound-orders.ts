/**
 * F5 Opportunity → Sales Order (Salesforce Originated Order) and F5b Create Quote → Estimate. The account is
 * synced first; lines come from the opportunity products through the item each product names; a second
 * request for the same opportunity updates the order (while pending approval, or always by setting) or
 * the estimate instead of making another.
 */
import type * as record from 'N/record';
import { BODY } from '../catalogue';
import { SyncError } from '../core/errors';
import { decideOrder, decideQuote, meetsOrderStages, orderRequested } from '../core/inbound/decide';
import { inboundExternalId } from '../core/inbound/ids';
import {
  contractValue,
  lineValues,
  orderTypeValue,
  transactionValues,
  type NsLine,
  type NsValue,
} from '../core/inbound/mapping';
import type { InboundAction, SfOpportunity } from '../core/inbound/types';
import { estimateWriteBack, orderWriteBack } from '../core/inbound/writeback';
import { orderRecordUrl } from '../core/mapping';
import {
  currencyByIso,
  existingItems,
  itemsOfProducts,
  loadTransaction,
  transactionsOfOpportunity,
  transactionSummary,
  upsertTransaction,
  type TransactionType,
} from '../adapters/inbound-netsuite';
import type { InboundContext, Outcome } from './inbound-context';
import { ensureCustomer } from './inbound-customers';

const fail = (code: string, message: string): SyncError =>
  new SyncError({ code, message, retryable: false, source: 'sfsync' });

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * The transaction made from this opportunity: by the ID the opportunity carries, then by search. After a
 * create found the opportunity's external ID taken, `holderId` names the transaction that has it.
 */
function findTransaction(
  type: TransactionType,
  linkedId: string | null,
  opportunityId: string,
  holderId = '',
): record.Record | null {
  const label = type === 'salesorder' ? 'sales order' : 'estimate';
  if (holderId) {
    const rec = loadTransaction(type, holderId);
    const owner = rec ? str(rec.getValue({ fieldId: BODY.opportunityId })) : '';
    if (rec && (!owner || owner === opportunityId)) return rec;
    throw fail(
      'SFSYNC_EXTERNAL_ID_TAKEN',
      `NetSuite ${label} ${rec ? `${str(rec.getValue({ fieldId: 'tranid' }))} ` : ''}(internal ID ${holderId}) has external ID ${inboundExternalId(type, opportunityId)}, the ID of opportunity ${opportunityId}, ${rec ? `but was made from another opportunity (${owner})` : 'but cannot be read'}. Correct the External ID of that ${label}; nothing was written.`,
    );
  }
  if (linkedId) {
    const rec = loadTransaction(type, linkedId);
    if (rec) {
      const owner = str(rec.getValue({ fieldId: BODY.opportunityId }));
      if (owner && owner !== opportunityId) {
        throw fail(
          'SFSYNC_LINK_CONFLICT',
          `The opportunity names ${label} ${str(rec.getValue({ fieldId: 'tranid' }))} (internal ID ${linkedId}), which was made from another opportunity (${owner}). Correct the NetSuite ID on the opportunity; nothing was written.`,
        );
      }
      return rec;
    }
  }
  const ids = transactionsOfOpportunity(type, opportunityId);
  if (ids.length > 1) {
    throw fail(
      'SFSYNC_AMBIGUOUS_MATCH',
      `Several NetSuite ${label}s were made from opportunity ${opportunityId} (internal IDs ${ids.join(', ')}). Keep one; nothing was written.`,
    );
  }
  return ids.length === 1 ? loadTransaction(type, ids[0]!) : null;
}

/** NetSuite lines for the opportunity products; an unmapped product is an error that names it. */
function resolveLines(opp: SfOpportunity): NsLine[] {
  const lines = opp.OpportunityLineItems?.records ?? [];
  const named = lines.map((l) => str(l.Product2?.NetSuite_Id__c).trim());
  const existing = existingItems(named.filter(Boolean));
  const unresolved = lines.filter((_, i) => !existing.has(named[i]!));
  const byProduct = itemsOfProducts([...new Set(unresolved.map((l) => str(l.Product2Id)).filter(Boolean))]);
  const problems: string[] = [];
  const out = lines.map((line, i) => {
    const itemId = existing.has(named[i]!) ? named[i]! : (byProduct.get(str(line.Product2Id)) ?? '');
    if (!itemId) {
      const name = str(line.Product2?.Name) || str(line.Product2Id);
      problems.push(
        named[i]
          ? `product "${name}" (${str(line.Product2Id)}) names NetSuite item ${named[i]}, which does not exist`
          : `product "${name}" (${str(line.Product2Id)}) has no NetSuite item (its NetSuite_Id__c is empty)`,
      );
    }
    return lineValues(line, itemId);
  });
  if (problems.length > 0) {
    throw fail(
      'SFSYNC_PRODUCT_NOT_MAPPED',
      `The opportunity cannot become a NetSuite transaction: ${problems.join('; ')}. Set NetSuite_Id__c on each product to the internal ID of its NetSuite item (or link the item to the product in NetSuite); nothing was written.`,
    );
  }
  return out;
}

function currencyOf(opp: SfOpportunity): string {
  if (!opp.CurrencyIsoCode) return '';
  const id = currencyByIso(opp.CurrencyIsoCode);
  if (!id) {
    throw fail(
      'SFSYNC_CURRENCY_MISSING',
      `The opportunity's currency ${opp.CurrencyIsoCode} does not exist in NetSuite (Lists > Accounting > Currencies, ISO code ${opp.CurrencyIsoCode}); nothing was written.`,
    );
  }
  return id;
}

function today(now: Date): string {
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${m}-${d}`;
}

export function syncOrder(
  ctx: InboundContext,
  opp: SfOpportunity,
  action: InboundAction,
  holderId = '',
): Outcome {
  const { settings } = ctx;
  const rec = findTransaction('salesorder', opp.NetSuite_Id__c, opp.Id, holderId);
  const order = rec
    ? {
        id: String(rec.id),
        tranId: str(rec.getValue({ fieldId: 'tranid' })),
        status: str(rec.getValue({ fieldId: 'orderstatus' })),
        netsuiteOriginated: rec.getValue({ fieldId: BODY.netsuiteOriginated }) === true,
      }
    : null;
  const requested = orderRequested(opp, action);
  const soql = settings.orderQualificationSoql.trim();
  const meetsCriteria = meetsOrderStages(opp, settings) && (!soql || ctx.soqlQualified?.has(opp.Id) === true);
  const decision = decideOrder({ settings, opp, requested, meetsCriteria, order });
  if (decision.kind === 'fail') throw fail(decision.code, decision.reason);
  if (decision.kind === 'skip') {
    if (order && !order.netsuiteOriginated) {
      // The order stays as it is, but the opportunity shows it (and leaves Processing).
      const back = orderWriteBack(opp, { ...order, url: orderRecordUrl(settings, order.id) }, false, ctx.now);
      if (back) ctx.writeBacks.push(back);
    } else if (requested) {
      // Asked for with the button: say on the opportunity why no order was made.
      throw fail('SFSYNC_ORDER_NOT_CREATED', decision.reason);
    }
    return { status: 'skipped', netsuiteId: order?.id ?? '', message: decision.reason };
  }
  const creating = decision.kind === 'create';
  const { lines, mapped } = transactionInput(ctx, opp, 'salesorder', creating);
  const warnings = [...mapped.warnings];
  const optional: Record<string, NsValue> = {};
  const type = orderTypeValue(opp, settings.orderTypeValues);
  if (type.warning) warnings.push(type.warning);
  if (type.value && settings.orderTypeField) optional[settings.orderTypeField] = type.value;
  const contract = contractValue(opp);
  if (contract.warning) warnings.push(contract.warning);
  if (contract.value && settings.transactionContractField)
    optional[settings.transactionContractField] = contract.value;
  const saved = upsertTransaction(
    'salesorder',
    rec,
    mapped.values,
    optional,
    lines,
    ctx.now,
    inboundExternalId('salesorder', opp.Id),
  );
  // The create lost a race (a second push, or the poller, made the order meanwhile): the same sync again,
  // as an update of that order. Its lookup finds it by holderId, so it cannot create a second time.
  if (saved.duplicateOf) return syncOrder(ctx, opp, action, saved.duplicateOf);
  const tranId = order?.tranId || transactionSummary('salesorder', saved.id).tranId;
  const back = orderWriteBack(
    opp,
    { id: saved.id, tranId, url: orderRecordUrl(settings, saved.id) },
    saved.changed,
    ctx.now,
  );
  if (back) ctx.writeBacks.push(back);
  const what = saved.created ? 'created' : saved.changed ? 'updated' : 'already up to date';
  return {
    status: saved.changed ? 'synced' : 'unchanged',
    netsuiteId: saved.id,
    message: `Sales order ${tranId} (${saved.id}) ${what} with ${lines.length} line${lines.length === 1 ? '' : 's'}.`,
    warnings,
  };
}

/** The account synced first, then the lines and header values of the order or estimate to write. */
function transactionInput(
  ctx: InboundContext,
  opp: SfOpportunity,
  kind: 'salesorder' | 'estimate',
  creating: boolean,
) {
  const customerId = ensureCustomer(
    ctx,
    opp.AccountId!,
    opp.Account?.NetSuite_Id__c,
    "opportunity's account",
  );
  const lines = resolveLines(opp);
  const mapped = transactionValues(opp, {
    kind,
    customerId,
    creating,
    currencyId: creating ? currencyOf(opp) : '',
    today: today(ctx.now),
  });
  return { lines, mapped };
}

export function syncQuote(ctx: InboundContext, opp: SfOpportunity, holderId = ''): Outcome {
  const rec = findTransaction('estimate', opp.NetSuite_Estimate_Id__c, opp.Id, holderId);
  const decision = decideQuote({ opp, estimate: rec ? { id: String(rec.id) } : null });
  if (decision.kind === 'fail') throw fail(decision.code, decision.reason);
  if (decision.kind === 'skip') return { status: 'skipped', netsuiteId: '', message: decision.reason };
  const creating = decision.kind === 'create';
  const { lines, mapped } = transactionInput(ctx, opp, 'estimate', creating);
  const saved = upsertTransaction(
    'estimate',
    rec,
    mapped.values,
    {},
    lines,
    ctx.now,
    inboundExternalId('estimate', opp.Id),
  );
  // The create lost a race: the same sync again, as an update of the estimate that won it.
  if (saved.duplicateOf) return syncQuote(ctx, opp, saved.duplicateOf);
  const summary = transactionSummary('estimate', saved.id);
  const back = estimateWriteBack(opp, { id: saved.id, ...summary });
  if (back) ctx.writeBacks.push(back);
  const what = saved.created ? 'created' : saved.changed ? 'updated' : 'already up to date';
  return {
    status: saved.changed ? 'synced' : 'unchanged',
    netsuiteId: saved.id,
    message: `Estimate ${summary.tranId} (${saved.id}) ${what}: ${summary.status}, total ${summary.total ?? ''}.`,
    warnings: mapped.warnings,
  };
}
