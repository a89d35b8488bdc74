/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as http from 'N/http';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import {
  outcomeParams,
  pageNotice,
  parsePageAction,
  renderGoLivePage,
  type PageOutcome,
} from '../core/golive-page';
import { checkPostOrigin, renderRefusedPage } from '../core/same-origin';
import { latestRecon } from '../flows/golive-recon';
import { startJob } from '../flows/golive-page';

/**
 * The go-live page: link existing records, bulk initial sync, reconciliation with re-sync. A POST from
 * another site is refused with a page saying why; an accepted POST starts its job and redirects back to the
 * page (post/redirect/get), so reloading the page never submits a job again.
 */
export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  const script = runtime.getCurrentScript();
  const self = url.resolveScript({ scriptId: script.id, deploymentId: script.deploymentId });
  context.response.setHeader({ name: 'Content-Type', value: 'text/html; charset=utf-8' });
  if (context.request.method === 'POST') {
    const check = checkPostOrigin(context.request.headers as Record<string, unknown>, context.request.url);
    if (!check.allowed) {
      context.response.write({ output: renderRefusedPage('sfsync go-live', check.reason, self) });
      return;
    }
    const action = parsePageAction(context.request.parameters as Record<string, string>);
    const outcome: PageOutcome = !action
      ? { done: 'none' }
      : 'error' in action
        ? { done: 'invalid', why: action.error }
        : startJob(action);
    context.response.sendRedirect({
      type: http.RedirectType.SUITELET,
      identifier: script.id,
      id: script.deploymentId,
      parameters: outcomeParams(outcome),
    });
    return;
  }
  context.response.write({
    output: renderGoLivePage({
      actionUrl: self,
      notice: pageNotice(context.request.parameters as Record<string, string>),
      report: latestRecon(),
      recordUrl: (type, id) => url.resolveRecord({ recordType: type, recordId: id }),
      fileUrl: (id) => `/app/common/media/mediaitem.nl?id=${id}`,
    }),
  });
};
