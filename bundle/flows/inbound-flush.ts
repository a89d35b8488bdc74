/** Sends collected write-backs; a record Salesforce refused goes to the Integration Log, to be retried. */
import { UNITS } from '../core/inbound/budget';
import type { WriteBack } from '../core/inbound/types';
import { logFailure } from '../adapters/integration-log';
import { sendWriteBacks, type WriteBackFailure } from '../adapters/inbound-salesforce';
import type { InboundContext } from './inbound-context';
import { logSubject } from './inbound-run';

export function flushWriteBacks(
  ctx: InboundContext,
  items: WriteBack[] = ctx.writeBacks,
): WriteBackFailure[] {
  if (items === ctx.writeBacks) ctx.writeBacks = [];
  if (items.length === 0) return [];
  const failures = sendWriteBacks(ctx.client, items);
  for (const failure of failures) {
    // Without units for the log the record stays as it is in Salesforce; its next change syncs it again.
    if (ctx.remaining() < UNITS.logEntry * 2) break;
    const quote = Object.keys(failure.item.fields).some((f) => f.startsWith('NetSuite_Estimate_'));
    const subject = logSubject(
      { object: failure.item.object, id: failure.item.id, action: quote ? 'quote' : 'sync' },
      '',
    );
    logFailure(subject, failure.error, ctx.settings.maxAttempts, ctx.now);
  }
  return failures;
}
