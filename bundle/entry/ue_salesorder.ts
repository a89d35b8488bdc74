/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as record from 'N/record';
import { syncOrder } from '../flows/order-sync';
import { BODY } from '../catalogue';
import { isInboundEcho } from '../core/echo';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];

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
  const order =
    type === 'xedit'
      ? record.load({ type: record.Type.SALES_ORDER, id: context.newRecord.id })
      : context.newRecord;
  syncOrder(order, type);
};
