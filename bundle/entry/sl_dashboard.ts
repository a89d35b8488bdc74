/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import type * as http from 'N/http';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import { noticeFor, parseAction, renderDashboard, type ActionResult } from '../core/dashboard';
import {
  createOpenErrorsSearch,
  findOpenErrorsSearch,
  openEntries,
  queueRetry,
  resolveByHand,
} from '../flows/dashboard';

function header(headers: Record<string, string> | undefined, name: string): string {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name);
  return key ? String(headers![key]) : '';
}

/** Does what a POST asked for. */
function act(request: http.ServerRequest): ActionResult {
  // A form posted from another site (cross-site request) is refused; browsers say so in Sec-Fetch-Site.
  const site = header(request.headers as Record<string, string>, 'sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return { done: 'refused' };
  const action = parseAction(request.parameters as Record<string, string>);
  if (!action) return { done: 'none' };
  if (action.action === 'createSearch')
    return { done: createOpenErrorsSearch().created ? 'search-created' : 'search-exists' };
  const now = new Date();
  const done = action.action === 'retry' ? queueRetry(action.ids, now) : resolveByHand(action.ids, now);
  return { done: action.action, n: done.length, left: action.ids.length - done.length };
}

/**
 * The sfsync dashboard: open sync errors grouped by flow and error, with Retry and Resolve (single, per
 * group, or the ticked rows) and the one-time creation of the open-errors saved search. A POST redirects
 * back to the page (post/redirect/get), so reloading never repeats an action.
 */
export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  const script = runtime.getCurrentScript();
  if (context.request.method === 'POST') {
    const result = act(context.request);
    context.response.sendRedirect({
      // Assumption: http.RedirectType.SUITELET is the string 'SUITELET' (as in NetSuite's N/http).
      type: 'SUITELET' as unknown as http.RedirectType,
      identifier: script.id,
      id: script.deploymentId,
      parameters: { done: result.done, n: result.n ?? 0, left: result.left ?? 0 },
    });
    return;
  }
  const self = url.resolveScript({ scriptId: script.id, deploymentId: script.deploymentId });
  const notice = noticeFor(context.request.parameters as Record<string, string>);
  context.response.setHeader({ name: 'Content-Type', value: 'text/html; charset=utf-8' });
  context.response.write({ output: renderDashboard(openEntries(), self, notice, findOpenErrorsSearch()) });
};
