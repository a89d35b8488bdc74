/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as email from 'N/email';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import { PARAMS } from '../catalogue';
import { loadSettings } from '../adapters/settings-store';
import { dueEntries, pausedUntil, retryEntry, type DueEntry } from '../flows/retry';

/** Due entries, or only those chosen on the dashboard (comma-separated IDs in the script parameter). */
export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const now = new Date();
  const chosen = String(runtime.getCurrentScript().getParameter({ name: PARAMS.retryEntries }) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (chosen.length === 0 && pausedUntil(now)) {
    log.audit({
      title: 'Retry queue paused',
      details: `Salesforce API limit reached; paused until ${new Date(pausedUntil(now)).toISOString()}`,
    });
    return [];
  }
  return dueEntries(now, chosen);
};

export const map: EntryPoints.MapReduce.map = (context) => {
  const entry = JSON.parse(context.value) as DueEntry;
  const result = retryEntry(entry, new Date());
  context.write({
    key: result.outcome,
    value: JSON.stringify({
      entryId: entry.entryId,
      flow: entry.flow,
      netsuiteId: entry.netsuiteId,
      status: result.status ?? '',
    }),
  });
};

/** Counts outcomes and sends one e-mail listing the entries that failed for good in this run. */
export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const counts: Record<string, number> = {};
  const failed: Array<{ entryId: string; flow: string; netsuiteId: string }> = [];
  summary.output.iterator().each((key, value) => {
    counts[key] = (counts[key] ?? 0) + 1;
    const parsed = JSON.parse(value) as { entryId: string; flow: string; netsuiteId: string; status: string };
    if (key === 'failed' && parsed.status === 'Failed') failed.push(parsed);
    return true;
  });
  summary.mapSummary.errors.iterator().each((key, error) => {
    log.error({ title: `Retry of entry ${key} stopped`, details: error });
    return true;
  });
  log.audit({ title: 'Retry run', details: JSON.stringify(counts) });
  const recipients = loadSettings().settings.alertRecipients;
  if (failed.length > 0 && recipients.length > 0) {
    email.send({
      author: runtime.getCurrentUser().id,
      recipients,
      subject: `sfsync: ${failed.length} sync${failed.length > 1 ? 's' : ''} failed after every retry`,
      body: [
        'These records could not be synced with Salesforce after all automatic retries. Open each Integration Log entry for what to fix, then press Retry on the sfsync dashboard.',
        '',
        ...failed.map((f) => `- ${f.flow}: NetSuite record ${f.netsuiteId} (log entry ${f.entryId})`),
      ].join('\n'),
    });
  }
};
