/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import { parseAction, renderDashboard } from '../core/dashboard';
import { openEntries, queueRetry, resolveByHand } from '../flows/dashboard';

/** The sfsync dashboard: open sync errors grouped by flow and error, with Retry and Resolve. */
export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  const script = runtime.getCurrentScript();
  const self = url.resolveScript({ scriptId: script.id, deploymentId: script.deploymentId });
  let notice = '';
  if (context.request.method === 'POST') {
    const action = parseAction(context.request.parameters as Record<string, string>);
    if (!action) notice = 'Select at least one entry first.';
    else if (action.action === 'retry') {
      queueRetry(action.ids);
      notice = `Retry queued for ${action.ids.length} entr${action.ids.length === 1 ? 'y' : 'ies'}.`;
    } else {
      resolveByHand(action.ids, new Date());
      notice = `${action.ids.length} entr${action.ids.length === 1 ? 'y' : 'ies'} marked resolved.`;
    }
  }
  context.response.setHeader({ name: 'Content-Type', value: 'text/html; charset=utf-8' });
  context.response.write({ output: renderDashboard(openEntries(), self, notice) });
};
