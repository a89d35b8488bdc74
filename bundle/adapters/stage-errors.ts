/** Map/reduce summaries: the stages that stopped, written to the script log (redacted). */
import type { EntryPoints } from 'N/types';
import * as log from 'N/log';
import { redact } from '../core/text';

/** Logs every stage error of a run under `title` and returns them ("input: …", "map KEY: …", "reduce KEY: …"). */
export function logStoppedStages(summary: EntryPoints.MapReduce.summarizeContext, title: string): string[] {
  const stopped: string[] = [];
  if (summary.inputSummary.error) stopped.push(`input: ${summary.inputSummary.error}`);
  summary.mapSummary.errors.iterator().each((key, error) => {
    stopped.push(`map ${key}: ${error}`);
    return true;
  });
  summary.reduceSummary.errors.iterator().each((key, error) => {
    stopped.push(`reduce ${key}: ${error}`);
    return true;
  });
  for (const s of stopped) log.error({ title, details: redact(s).slice(0, 3900) });
  return stopped;
}
