/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as record from 'N/record';
import { syncOrder } from '../flows/order-sync';
import { BODY } from '../catalogue';
import { isInboundEcho, isOwnWriteBack } from '../core/echo';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];
/** What a sync writes back on the order (the Opportunity ID aside: clearing it by hand must sync). */
const WRITE_BACK = [BODY.syncStatus, BODY.lastSyncedAt, BODY.lastSyncError, BODY.payloadHash, BODY.lineMap];

/** Sales Order saved: sync it to its Salesforce Opportunity. An inline edit (xedit) reads the whole order. */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const type = String(context.type);
  if (!SYNCED_EVENTS.includes(type)) return;
  // Written by an inbound flow in this very save: nothing to send back.
  if (
    isInboundEcho(
      context.newRecord.getValue({ fieldId: BODY.payloadHash }),
      context.oldRecord?.getValue({ fieldId: BODY.payloadHash }),
    )
  )
    return;
  // The status written back by a sync the retry queue (or another script) ran: nothing new to send.
  if (type === 'xedit' && isOwnWriteBack(context.newRecord.getFields(), WRITE_BACK)) return;
  const order =
    type === 'xedit'
      ? record.load({ type: record.Type.SALES_ORDER, id: context.newRecord.id })
      : context.newRecord;
  syncOrder(order, type);
};
