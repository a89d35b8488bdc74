// N/task: map/reduce and scheduled script tasks. submit() queues the task (runtime.runQueuedTasks() runs
// the queue); the deployment must be Not Scheduled and may hold one unfinished task at a time.
import type * as N_task from 'N/task';
import { nsError } from '../errors';
import type { Execution } from '../execution';
import type { Host, QueuedTask } from '../host';
import type { ScriptDef } from '../project';
import { requireOptions } from './common';

const TASK_TYPE = {
  SCHEDULED_SCRIPT: 'SCHEDULED_SCRIPT',
  MAP_REDUCE: 'MAP_REDUCE',
  CSV_IMPORT: 'CSV_IMPORT',
  ENTITY_DEDUPLICATION: 'ENTITY_DEDUPLICATION',
  WORKFLOW_TRIGGER: 'WORKFLOW_TRIGGER',
  SEARCH: 'SEARCH',
  RECORD_ACTION: 'RECORD_ACTION',
  SUITE_QL: 'SUITE_QL',
  QUERY: 'QUERY',
  DOCUMENT_CAPTURE: 'DOCUMENT_CAPTURE',
} as const;
const STATUS = {
  PENDING: 'PENDING',
  PROCESSING: 'PROCESSING',
  COMPLETE: 'COMPLETE',
  FAILED: 'FAILED',
} as const;
const STAGE = {
  GET_INPUT: 'GET_INPUT',
  MAP: 'MAP',
  SHUFFLE: 'SHUFFLE',
  REDUCE: 'REDUCE',
  SUMMARIZE: 'SUMMARIZE',
} as const;

// A map/reduce deployment is busy while queued or running. A scheduled script may queue its own running
// deployment again (the usual "reschedule yourself" pattern), but not one already waiting in the queue.
const unfinished = (t: QueuedTask) =>
  t.status === 'PENDING' || (t.taskType === 'MAP_REDUCE' && t.status === 'PROCESSING');

export function submitTask(
  host: Host,
  taskType: string,
  scriptId: string,
  deploymentId: string | undefined,
  params: Record<string, unknown>,
): string {
  const expected = taskType === TASK_TYPE.MAP_REDUCE ? 'mapreducescript' : 'scheduledscript';
  const script: ScriptDef | undefined = host.project.scripts.get(scriptId);
  // Assumption: error names for an unknown script or an unusable deployment (not documented).
  if (!script || script.type !== expected) {
    throw nsError('INVALID_SCRIPT_ID', `No ${expected} with script id ${scriptId} in the project.`);
  }
  const busy = (depId: string) =>
    host.tasks.some((t) => t.scriptId === scriptId && t.deploymentId === depId && unfinished(t));
  let deployment = deploymentId ? script.deployments.find((d) => d.id === deploymentId) : undefined;
  if (deploymentId && !deployment)
    throw nsError('INVALID_DEPLOYMENT_ID', `No deployment ${deploymentId} on ${scriptId}.`);
  if (!deployment) {
    deployment = script.deployments.find((d) => d.isDeployed && d.status === 'NOTSCHEDULED' && !busy(d.id));
    if (!deployment)
      throw nsError('NO_DEPLOYMENTS_AVAILABLE', `No available Not Scheduled deployment of ${scriptId}.`);
  }
  if (!deployment.isDeployed || deployment.status !== 'NOTSCHEDULED') {
    throw nsError(
      'FAILED_TO_SUBMIT_JOB_REQUEST_1',
      `Deployment ${deployment.id} must be deployed with status NOTSCHEDULED to take a task (it is ${deployment.status}).`,
    );
  }
  if (busy(deployment.id)) {
    if (taskType === TASK_TYPE.MAP_REDUCE) {
      throw nsError(
        'MAP_REDUCE_ALREADY_RUNNING',
        `Map/reduce ${scriptId} deployment ${deployment.id} is already queued or running.`,
      );
    }
    throw nsError(
      'FAILED_TO_SUBMIT_JOB_REQUEST_1',
      `Scheduled script ${scriptId} deployment ${deployment.id} is already queued or running.`,
    );
  }
  const taskId = `${taskType === TASK_TYPE.MAP_REDUCE ? 'MAPREDUCETASK' : 'SCHEDSCRIPT'}_${String(host.db.store.next('task')).padStart(6, '0')}`;
  host.tasks.push({
    taskId,
    taskType: taskType as QueuedTask['taskType'],
    scriptId,
    deploymentId: deployment.id,
    params,
    status: 'PENDING',
  });
  return taskId;
}

export function createTaskModule(host: Host, exec: Execution) {
  const create = (o: {
    taskType: string;
    scriptId?: string;
    deploymentId?: string;
    params?: Record<string, unknown>;
  }) => {
    requireOptions('task.create', o, 'taskType');
    if (o.taskType !== TASK_TYPE.MAP_REDUCE && o.taskType !== TASK_TYPE.SCHEDULED_SCRIPT) {
      throw nsError(
        'SSS_NOT_YET_SUPPORTED',
        `task type ${o.taskType} is not modeled by the local NetSuite runtime`,
      );
    }
    const task = {
      taskType: o.taskType,
      scriptId: o.scriptId,
      deploymentId: o.deploymentId,
      params: o.params ?? {},
      submit: (): string => {
        exec.charge(
          o.taskType === TASK_TYPE.MAP_REDUCE ? 'MapReduceScriptTask.submit' : 'ScheduledScriptTask.submit',
          20,
        );
        if (!task.scriptId)
          throw nsError('SSS_MISSING_REQD_ARGUMENT', 'task.submit: Missing a required argument: scriptId');
        return submitTask(host, o.taskType, task.scriptId, task.deploymentId, { ...(task.params ?? {}) });
      },
      toString: () => `${o.taskType} task ${task.scriptId ?? ''}`,
    };
    return task;
  };
  const checkStatus = (o: { taskId: string }) => {
    requireOptions('task.checkStatus', o, 'taskId');
    exec.charge('task.checkStatus', 0);
    const t = host.tasks.find((x) => x.taskId === o.taskId);
    if (!t) throw nsError('INVALID_TASK_ID', `No task with id ${o.taskId}.`);
    return {
      taskId: t.taskId,
      scriptId: t.scriptId,
      deploymentId: t.deploymentId,
      status: t.status,
      stage: t.stage ?? null,
      getPercentageCompleted: () => (t.status === 'COMPLETE' ? 100 : 0),
      toString: () => `${t.taskId} ${t.status}`,
    };
  };
  const module = { create, checkStatus } as unknown as Pick<typeof N_task, 'create' | 'checkStatus'>;
  return { ...module, TaskType: TASK_TYPE, TaskStatus: STATUS, MapReduceStage: STAGE };
}
