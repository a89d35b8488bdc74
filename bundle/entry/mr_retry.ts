/**
 * @NApiVersion 2.1
 * @NScriptType MapReduceScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as email from 'N/email';
import * as log from 'N/log';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import { LOG, PARAMS } from '../catalogue';
import { alertMail, type FailedEntry } from '../core/dashboard';
import { redact } from '../core/text';
import { loadSettings } from '../adapters/settings-store';
import { dueEntries, markAlerted, pausedUntil, retryEntry, type DueEntry } from '../flows/retry';

/** Due entries, or only those chosen on the dashboard (comma-separated IDs in the script parameter). */
export const getInputData: EntryPoints.MapReduce.getInputData = () => {
  const now = new Date();
  const chosen = String(runtime.getCurrentScript().getParameter({ name: PARAMS.retryEntries }) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s));
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
      netsuiteType: entry.netsuiteType,
      netsuiteId: entry.netsuiteId,
      status: result.status ?? '',
    }),
  });
};

/**
 * Counts outcomes and sends one e-mail listing every entry that failed for good since the last run (in this
 * run, or on a save or an inbound request); then clears their pending alerts.
 */
export const summarize: EntryPoints.MapReduce.summarize = (summary) => {
  const counts: Record<string, number> = {};
  const failed: FailedEntry[] = [];
  summary.output.iterator().each((key, value) => {
    counts[key] = (counts[key] ?? 0) + 1;
    const parsed = JSON.parse(value) as FailedEntry & { status: string };
    if (key === 'failed' && parsed.status === 'Failed') failed.push(parsed);
    return true;
  });
  summary.mapSummary.errors.iterator().each((key, error) => {
    log.error({ title: `Retry of entry ${key} stopped`, details: redact(String(error)) });
    return true;
  });
  log.audit({ title: 'Retry run', details: JSON.stringify(counts) });
  if (failed.length === 0) return;
  const recipients = loadSettings().settings.alertRecipients;
  if (recipients.length > 0) {
    const links = failed.map((f) => ({
      ...f,
      entryUrl: url.resolveRecord({ recordType: LOG.type, recordId: f.entryId }),
    }));
    const mail = alertMail(links);
    email.send({ author: runtime.getCurrentUser().id, recipients, subject: mail.subject, body: mail.body });
  }
  markAlerted(failed.map((f) => f.entryId));
};
