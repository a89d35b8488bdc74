/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { syncCustomer } from '../flows/customer-sync';
import { ENTITY } from '../catalogue';
import { isInboundEcho } from '../core/echo';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];

/** Customer saved: sync it to its Salesforce Account. */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const type = String(context.type);
  if (!SYNCED_EVENTS.includes(type)) return;
  // Written by an inbound flow in this very save: nothing to send back.
  if (
    isInboundEcho(
      context.newRecord.getValue({ fieldId: ENTITY.payloadHash }),
      context.oldRecord?.getValue({ fieldId: ENTITY.payloadHash }),
    )
  )
    return;
  syncCustomer(String(context.newRecord.id), type);
};
