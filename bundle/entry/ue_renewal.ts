/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as record from 'N/record';
import { BODY } from '../catalogue';
import { isInboundEcho } from '../core/echo';
import { syncRenewalEstimate } from '../flows/renewal-sync';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];

/**
 * Estimate saved: a renewal estimate of the Contract Renewals SuiteApp becomes (or updates) its renewal
 * Opportunity; other estimates are left alone. Deployed by the opt-in contracts project.
 */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const type = String(context.type);
  if (!SYNCED_EVENTS.includes(type)) return;
  // Written by an inbound flow (Create Quote) in this very save: nothing to send back.
  if (
    isInboundEcho(
      context.newRecord.getValue({ fieldId: BODY.payloadHash }),
      context.oldRecord?.getValue({ fieldId: BODY.payloadHash }),
    )
  )
    return;
  const estimate =
    type === 'xedit'
      ? record.load({ type: record.Type.ESTIMATE, id: context.newRecord.id })
      : context.newRecord;
  syncRenewalEstimate(estimate);
};
