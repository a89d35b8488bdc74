/**
 * Runs one inbound request against its Salesforce row — the same for the RESTlet, the poller and the retry
 * queue. Never throws for a record's failure: the failure goes to the Integration Log (keyed by the
 * Salesforce record) and, in plain words, to the record's NetSuite Sync field in Salesforce.
 */
import { toSyncError } from '../core/errors';
import { quoteRequested } from '../core/inbound/decide';
import type {
  HandlerResult,
  InboundRequest,
  SfAccount,
  SfContact,
  SfOpportunity,
  SfRow,
} from '../core/inbound/types';
import { errorWriteBack } from '../core/inbound/writeback';
import type { Settings } from '../core/types';
import { logFailure, logSkip, logSuccess, type FlowName, type LogSubject } from '../adapters/integration-log';
import type { SalesforceClient } from '../adapters/salesforce-client';
import { createContext, type InboundContext, type Outcome } from './inbound-context';
import { syncAccount, syncContact } from './inbound-entities';
import { syncOrder, syncQuote } from './inbound-orders';

type Kind = 'record' | 'order' | 'quote';

function kindOf(request: InboundRequest): Kind {
  if (request.object !== 'Opportunity') return 'record';
  return request.action === 'quote' ? 'quote' : 'order';
}

const FLOWS: Record<string, { flow: FlowName; netsuiteType: string }> = {
  Account: { flow: 'Account to Customer', netsuiteType: 'customer' },
  Contact: { flow: 'Contact to Contact', netsuiteType: 'contact' },
  order: { flow: 'Opportunity to Sales Order', netsuiteType: 'salesorder' },
  quote: { flow: 'Opportunity to Estimate', netsuiteType: 'estimate' },
};

export function logSubject(request: InboundRequest, netsuiteId: string): LogSubject {
  const kind = kindOf(request);
  const f = FLOWS[kind === 'record' ? request.object : kind]!;
  return {
    flow: f.flow,
    direction: 'Salesforce to NetSuite',
    netsuiteType: f.netsuiteType,
    netsuiteId,
    salesforceObject: request.object,
    salesforceId: request.id,
  };
}

/** The row shows an error from an earlier sync (then a success must resolve the open log entry). */
function showsError(row: SfRow, kind: Kind): boolean {
  const sync = (row as { NetSuite_Sync__c?: string | null }).NetSuite_Sync__c ?? '';
  if (sync.startsWith('Error')) return true;
  const opp = row as Partial<SfOpportunity>;
  if (kind === 'order') return opp.NetSuite_Sync_Status__c === 'Error';
  if (kind === 'quote') return opp.NetSuite_Estimate_Status__c === 'Error';
  return false;
}

function dispatch(ctx: InboundContext, request: InboundRequest, row: SfRow, forced: boolean): Outcome {
  switch (request.object) {
    case 'Account':
      return syncAccount(ctx, row as SfAccount, forced);
    case 'Contact':
      return syncContact(ctx, row as SfContact);
    case 'Opportunity':
      return request.action === 'quote'
        ? syncQuote(ctx, row as SfOpportunity)
        : syncOrder(ctx, row as SfOpportunity, request.action);
  }
}

function runOne(ctx: InboundContext, request: InboundRequest, row: SfRow, forced: boolean): HandlerResult {
  const kind = kindOf(request);
  const base = { object: request.object, id: request.id, action: request.action };
  let outcome: Outcome;
  try {
    outcome = dispatch(ctx, request, row, forced);
  } catch (thrown) {
    const error = toSyncError(thrown, `Salesforce ${request.object} ${request.id}`);
    logFailure(logSubject(request, ''), error, ctx.settings.maxAttempts, ctx.now);
    const back = errorWriteBack(
      request.object,
      row as { Id: string; NetSuite_Sync__c: string | null },
      error.message,
      kind,
    );
    if (back) ctx.writeBacks.push(back);
    return { ...base, status: 'failed', netsuiteId: '', message: error.message, code: error.code };
  }
  const warnings = outcome.warnings ?? [];
  const message =
    warnings.length > 0 ? `${outcome.message} Warnings: ${warnings.join(' ')}` : outcome.message;
  const subject = logSubject(request, outcome.netsuiteId);
  if (outcome.logSkip) {
    logSkip(subject, outcome.message, ctx.now);
  } else if (outcome.status !== 'skipped') {
    const hadError = showsError(row, kind);
    const logSuccesses = (ctx.settings.logSuccesses && outcome.status === 'synced') || warnings.length > 0;
    if (hadError || logSuccesses) logSuccess(subject, { hadError, logSuccesses, message }, ctx.now);
  }
  return { ...base, status: outcome.status, netsuiteId: outcome.netsuiteId, message };
}

function combine(first: HandlerResult, second: HandlerResult): HandlerResult {
  const rank = { failed: 5, synced: 4, unchanged: 3, queued: 2, skipped: 1, not_found: 0 } as const;
  const main = rank[first.status] >= rank[second.status] ? first : second;
  return { ...main, message: `${first.message} ${second.message}`.trim() };
}

/**
 * One request. An Opportunity change (`sync`) also makes the quote when Create Quote was handed over
 * (estimate status Requested).
 */
export function runRequest(
  ctx: InboundContext,
  request: InboundRequest,
  row: SfRow,
  forced = false,
): HandlerResult {
  if (
    request.object === 'Opportunity' &&
    request.action === 'sync' &&
    quoteRequested(row as SfOpportunity, 'sync')
  ) {
    const quote = runOne(ctx, { ...request, action: 'quote' }, row, forced);
    return combine(quote, { ...runOne(ctx, request, row, forced), action: 'sync' });
  }
  return runOne(ctx, request, row, forced);
}

/** A context whose nested requests (parents, accounts of orders, contacts) run through runRequest. */
export function newContext(settings: Settings, now: Date, client?: SalesforceClient): InboundContext {
  const ctx: InboundContext = createContext(
    settings,
    now,
    (request, row, forced) => runRequest(ctx, request, row, forced ?? false),
    client,
  );
  return ctx;
}
