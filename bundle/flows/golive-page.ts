/** Actions of the go-live page: start the go-live jobs as map/reduce tasks with the chosen parameters. */
import * as task from 'N/task';
import { GOLIVE_PARAMS, GOLIVE_SCRIPTS } from '../catalogue';
import type { PageAction } from '../core/golive-page';

function submit(
  scriptId: string,
  deploymentId: string,
  params: Record<string, string | number | boolean>,
): string {
  try {
    task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId, deploymentId, params }).submit();
    return '';
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'MAP_REDUCE_ALREADY_RUNNING' || name === 'NO_DEPLOYMENTS_AVAILABLE')
      return 'That job is already running; try again when it has finished.';
    throw e;
  }
}

/** Queues the job the form asked for; returns what the page should say. */
export function startJob(action: PageAction): string {
  switch (action.action) {
    case 'link': {
      const busy = submit(GOLIVE_SCRIPTS.link.script, GOLIVE_SCRIPTS.link.deploy, {
        [GOLIVE_PARAMS.linkDryRun]: action.dryRun,
        [GOLIVE_PARAMS.linkRecords]: action.kinds.join(','),
        [GOLIVE_PARAMS.linkSubsidiary]: action.subsidiary,
      });
      return (
        busy ||
        `Linking ${action.kinds.join(', ')} started${action.dryRun ? ' as a dry run (nothing is written)' : ''}. The match report appears in the File Cabinet (SuiteScripts) when it is done.`
      );
    }
    case 'bulk': {
      const busy = submit(GOLIVE_SCRIPTS.bulk.script, GOLIVE_SCRIPTS.bulk.deploy, {
        [GOLIVE_PARAMS.bulkRecords]: action.records,
        [GOLIVE_PARAMS.bulkFrom]: action.from,
        [GOLIVE_PARAMS.bulkTo]: action.to,
        [GOLIVE_PARAMS.bulkStatus]: action.status,
        [GOLIVE_PARAMS.bulkSubsidiary]: action.subsidiary,
        [GOLIVE_PARAMS.bulkMax]: action.max || '',
      });
      return (
        busy ||
        `Bulk sync of ${action.records} started. Its summary is in the script's execution log; failures are in the Integration Log.`
      );
    }
    case 'recon': {
      const busy = submit(GOLIVE_SCRIPTS.recon.script, GOLIVE_SCRIPTS.recon.deployNow, {});
      return busy || 'Reconciliation started. Reload this page when it has finished.';
    }
    case 'resync': {
      const busy = submit(GOLIVE_SCRIPTS.recon.script, GOLIVE_SCRIPTS.recon.deployNow, {
        [GOLIVE_PARAMS.reconResync]: action.records.join(','),
      });
      return (
        busy ||
        `Re-sync queued for ${action.records.length} record${action.records.length === 1 ? '' : 's'}. Reload this page to see the results.`
      );
    }
  }
}
