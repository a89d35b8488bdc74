/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import { parsePageAction, renderGoLivePage } from '../core/golive-page';
import { latestRecon } from '../flows/golive-recon';
import { startJob } from '../flows/golive-page';

/** The go-live page: link existing records, bulk initial sync, reconciliation with re-sync. */
export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  const script = runtime.getCurrentScript();
  const self = url.resolveScript({ scriptId: script.id, deploymentId: script.deploymentId });
  let notice = '';
  if (context.request.method === 'POST') {
    const action = parsePageAction(context.request.parameters as Record<string, string>);
    if (!action) notice = 'Nothing to do: use one of the buttons below.';
    else if ('error' in action) notice = action.error;
    else notice = startJob(action);
  }
  context.response.setHeader({ name: 'Content-Type', value: 'text/html; charset=utf-8' });
  context.response.write({
    output: renderGoLivePage({
      actionUrl: self,
      notice,
      report: latestRecon(),
      recordUrl: (type, id) => url.resolveRecord({ recordType: type, recordId: id }),
      fileUrl: (id) => `/app/common/media/mediaitem.nl?id=${id}`,
    }),
  });
};
