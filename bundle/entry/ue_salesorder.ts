/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as record from 'N/record';
import { syncOrder } from '../flows/order-sync';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];

/** Sales Order saved: sync it to its Salesforce Opportunity. An inline edit (xedit) reads the whole order. */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const type = String(context.type);
  if (!SYNCED_EVENTS.includes(type)) return;
  const order = type === 'xedit' ? record.load({ type: record.Type.SALES_ORDER, id: context.newRecord.id }) : context.newRecord;
  syncOrder(order, type);
};
