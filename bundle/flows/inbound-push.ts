/**
 * The RESTlet's POST: Salesforce pushes records that changed (or asks for an order or a quote). The rows
 * are read back from Salesforce — one query per object, so the latest state wins — and each request runs
 * while governance allows; the rest is handed to the poller by marking the records in Salesforce (Queued,
 * and Processing or Requested for order and quote requests), which the poller's next run reads.
 */
import { SyncError } from '../core/errors';
import { reserveFor, unitsFor } from '../core/inbound/budget';
import type {
  HandlerResult,
  HandlerStatus,
  InboundObject,
  InboundRequest,
  SfOpportunity,
  SfRow,
} from '../core/inbound/types';
import { processingWriteBack, queuedWriteBack, quoteRequestWriteBack } from '../core/inbound/writeback';
import { qualifyingOpportunities, readRows } from '../adapters/inbound-salesforce';
import { loadSettings } from '../adapters/settings-store';
import type { InboundContext } from './inbound-context';
import { flushWriteBacks } from './inbound-flush';
import { newContext, runRequest } from './inbound-run';

export interface PushResponse {
  results: HandlerResult[];
  counts: Partial<Record<HandlerStatus, number>>;
}

function notConfigured(): SyncError {
  return new SyncError({
    code: 'SFSYNC_NOT_CONFIGURED',
    message:
      'sfsync is not connected to Salesforce: fill in "Salesforce My Domain URL" and "Salesforce Client ID" in sfsync Settings.',
    retryable: false,
    source: 'sfsync',
  });
}

/** Reads the rows of every request (one query per object and 200 IDs). */
export function readRequestedRows(ctx: InboundContext, requests: InboundRequest[]): Map<string, SfRow> {
  const rows = new Map<string, SfRow>();
  const objects: InboundObject[] = ['Account', 'Contact', 'Opportunity'];
  for (const object of objects) {
    const ids = requests.filter((r) => r.object === object).map((r) => r.id);
    if (ids.length === 0) continue;
    for (const [id, row] of readRows(ctx.client, object, ids, ctx.accountCondition))
      rows.set(`${object}:${id}`, row);
  }
  const soql = ctx.settings.orderQualificationSoql.trim();
  const opportunities = requests.filter((r) => r.object === 'Opportunity').map((r) => r.id);
  if (soql && opportunities.length > 0)
    ctx.soqlQualified = qualifyingOpportunities(ctx.client, soql, opportunities);
  return rows;
}

/** Marks a request the poller is to finish, so its next run reads the record (and the user sees it queued). */
function handOver(ctx: InboundContext, request: InboundRequest, row: SfRow): void {
  ctx.writeBacks.push(queuedWriteBack(request.object, request.id, ctx.now));
  const opp = row as SfOpportunity;
  const mark =
    request.action === 'order'
      ? processingWriteBack(opp)
      : request.action === 'quote'
        ? quoteRequestWriteBack(opp)
        : null;
  if (mark) ctx.writeBacks.push(mark);
}

export function handlePush(requests: InboundRequest[], now: Date): PushResponse {
  const { settings } = loadSettings();
  if (!settings.instanceUrl || !settings.clientId) throw notConfigured();
  const ctx = newContext(settings, now);
  const rows = readRequestedRows(ctx, requests);
  const results: HandlerResult[] = [];
  let handingOver = false;
  requests.forEach((request, i) => {
    const row = rows.get(`${request.object}:${request.id}`);
    const base = { object: request.object, id: request.id, action: request.action, netsuiteId: '' };
    if (!row) {
      results.push({
        ...base,
        status: 'not_found',
        message: `Salesforce has no ${request.object} ${request.id}.`,
      });
      return;
    }
    const needed = unitsFor(request) + reserveFor(ctx.writeBacks.length + (requests.length - i) * 2);
    if (handingOver || ctx.remaining() < needed) {
      handingOver = true;
      handOver(ctx, request, row);
      results.push({
        ...base,
        status: 'queued',
        message:
          'This request did not fit in the governance units of one call; the sfsync poller finishes it on its next run.',
      });
      return;
    }
    results.push(runRequest(ctx, request, row));
  });
  const failures = flushWriteBacks(ctx);
  for (const failure of failures) {
    const result = results.find((r) => r.object === failure.item.object && r.id === failure.item.id);
    if (result)
      result.message = `${result.message} Writing the result back to Salesforce failed: ${failure.error.message}`;
  }
  const counts: PushResponse['counts'] = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return { results, counts };
}
