/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { syncCustomer } from '../flows/customer-sync';
import { ENTITY } from '../catalogue';
import { isInboundEcho, isOwnWriteBack } from '../core/echo';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];
/** What a sync writes back on the customer (the Account ID aside: clearing it by hand must sync). */
const WRITE_BACK = [ENTITY.syncStatus, ENTITY.lastSyncedAt, ENTITY.lastSyncError, ENTITY.payloadHash];

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
  // The status written back by a sync the retry queue (or another script) ran: nothing new to send.
  if (type === 'xedit' && isOwnWriteBack(context.newRecord.getFields(), WRITE_BACK)) return;
  syncCustomer(String(context.newRecord.id), type);
};
