/** Actions of the go-live page: start the go-live jobs as map/reduce tasks with the chosen parameters. */
import * as task from 'N/task';
import { GOLIVE_PARAMS, GOLIVE_SCRIPTS } from '../catalogue';
import type { PageAction, PageOutcome } from '../core/golive-page';

/** Submits a map/reduce task; false when that job is already queued or running. */
function submit(
  scriptId: string,
  deploymentId: string,
  params: Record<string, string | number | boolean>,
): boolean {
  try {
    task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId, deploymentId, params }).submit();
    return true;
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'MAP_REDUCE_ALREADY_RUNNING' || name === 'NO_DEPLOYMENTS_AVAILABLE') return false;
    throw e;
  }
}

/** Queues the job the form asked for; returns what happened, for the page to say. */
export function startJob(action: PageAction): PageOutcome {
  const busy: PageOutcome = { done: 'busy' };
  switch (action.action) {
    case 'link':
      return submit(GOLIVE_SCRIPTS.link.script, GOLIVE_SCRIPTS.link.deploy, {
        [GOLIVE_PARAMS.linkDryRun]: action.dryRun,
        [GOLIVE_PARAMS.linkRecords]: action.kinds.join(','),
        [GOLIVE_PARAMS.linkSubsidiary]: action.subsidiary,
      })
        ? { done: 'link', kinds: action.kinds, dryRun: action.dryRun }
        : busy;
    case 'bulk':
      return submit(GOLIVE_SCRIPTS.bulk.script, GOLIVE_SCRIPTS.bulk.deploy, {
        [GOLIVE_PARAMS.bulkRecords]: action.records,
        [GOLIVE_PARAMS.bulkFrom]: action.from,
        [GOLIVE_PARAMS.bulkTo]: action.to,
        [GOLIVE_PARAMS.bulkStatus]: action.status,
        [GOLIVE_PARAMS.bulkSubsidiary]: action.subsidiary,
        [GOLIVE_PARAMS.bulkMax]: action.max || '',
      })
        ? { done: 'bulk', records: action.records }
        : busy;
    case 'recon':
      return submit(GOLIVE_SCRIPTS.recon.script, GOLIVE_SCRIPTS.recon.deployNow, {})
        ? { done: 'recon' }
        : busy;
    case 'resync':
      return submit(GOLIVE_SCRIPTS.recon.script, GOLIVE_SCRIPTS.recon.deployNow, {
        [GOLIVE_PARAMS.reconResync]: action.records.join(','),
      })
        ? { done: 'resync', n: action.records.length }
        : busy;
  }
}
