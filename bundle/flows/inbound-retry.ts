/**
 * Retry of an inbound Integration Log entry: reads the Salesforce record again (its latest state wins) and
 * runs the same handler as the RESTlet and the poller, then sends the write-backs.
 */
import type { FlowName } from '../adapters/integration-log';
import type { HandlerResult, InboundRequest, SfOpportunity } from '../core/inbound/types';
import { readRows } from '../adapters/inbound-salesforce';
import { loadSettings } from '../adapters/settings-store';
import { flushWriteBacks } from './inbound-flush';
import { newContext, runRequest } from './inbound-run';

const REQUESTS: Partial<Record<FlowName, Pick<InboundRequest, 'object' | 'action'>>> = {
  'Account to Customer': { object: 'Account', action: 'sync' },
  'Contact to Contact': { object: 'Contact', action: 'sync' },
  'Opportunity to Sales Order': { object: 'Opportunity', action: 'sync' },
  'Opportunity to Estimate': { object: 'Opportunity', action: 'quote' },
};

export function isInboundFlow(flow: string): boolean {
  return flow in REQUESTS;
}

export function retryInbound(
  entry: { flow: string; salesforceId: string },
  now: Date,
): Pick<HandlerResult, 'status' | 'message' | 'code'> {
  const kind = REQUESTS[entry.flow as FlowName];
  if (!kind || !entry.salesforceId)
    return { status: 'not_found', message: 'The entry names no Salesforce record.' };
  const { settings } = loadSettings();
  const ctx = newContext(settings, now);
  const row = readRows(ctx.client, kind.object, [entry.salesforceId], ctx.accountCondition).get(
    entry.salesforceId,
  );
  if (!row)
    return {
      status: 'not_found',
      message: `Salesforce ${kind.object} ${entry.salesforceId} no longer exists.`,
    };
  // An order request that failed shows Error on the opportunity: the retry asks for the order again.
  const action =
    kind.object === 'Opportunity' &&
    kind.action === 'sync' &&
    (row as SfOpportunity).NetSuite_Sync_Status__c === 'Error'
      ? 'order'
      : kind.action;
  const result = runRequest(ctx, { object: kind.object, id: entry.salesforceId, action }, row);
  const failures = flushWriteBacks(ctx);
  if (result.status !== 'failed' && failures.length > 0) {
    const first = failures[0]!;
    return { status: 'failed', message: first.error.message, code: first.error.code };
  }
  return result;
}
