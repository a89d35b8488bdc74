/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as http from 'N/http';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import { actionParams, noticeFor, parseAction, renderDashboard, type ActionResult } from '../core/dashboard';
import { checkPostOrigin, renderRefusedPage } from '../core/same-origin';
import {
  createOpenErrorsSearch,
  findOpenErrorsSearch,
  openEntries,
  queueRetry,
  resolveByHand,
} from '../flows/dashboard';

/** Does what a POST asked for (the request has passed the cross-site check). */
function act(request: http.ServerRequest): ActionResult {
  const action = parseAction(request.parameters as Record<string, string>);
  if (!action) return { done: 'none' };
  if (action.action === 'createSearch')
    return { done: createOpenErrorsSearch().created ? 'search-created' : 'search-exists' };
  const now = new Date();
  const outcome = action.action === 'retry' ? queueRetry(action.ids, now) : resolveByHand(action.ids, now);
  return {
    done: action.action,
    n: outcome.done.length,
    left: outcome.left,
    gone: outcome.gone,
    closed: outcome.closed,
  };
}

/**
 * The sfsync dashboard: open sync errors grouped by flow and error, with Retry and Resolve (single, per
 * group, or the ticked rows) and the one-time creation of the open-errors saved search. A POST from another
 * site is refused with a page saying why; an accepted POST redirects back to the page (post/redirect/get),
 * so reloading never repeats an action.
 */
export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  const script = runtime.getCurrentScript();
  const self = url.resolveScript({ scriptId: script.id, deploymentId: script.deploymentId });
  context.response.setHeader({ name: 'Content-Type', value: 'text/html; charset=utf-8' });
  if (context.request.method === 'POST') {
    const check = checkPostOrigin(context.request.headers as Record<string, unknown>, context.request.url);
    if (!check.allowed) {
      context.response.write({ output: renderRefusedPage('sfsync dashboard', check.reason, self) });
      return;
    }
    context.response.sendRedirect({
      type: http.RedirectType.SUITELET,
      identifier: script.id,
      id: script.deploymentId,
      parameters: actionParams(act(context.request)),
    });
    return;
  }
  const notice = noticeFor(context.request.parameters as Record<string, string>);
  context.response.write({ output: renderDashboard(openEntries(), self, notice, findOpenErrorsSearch()) });
};
