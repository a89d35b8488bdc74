/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as record from 'N/record';
import { ORDER_KIND, syncOnSave } from '../flows/order-sync';

/**
 * Sales Order saved: sync it to its Salesforce Opportunity. An inline edit (xedit) reads the whole order;
 * an inbound flow's own save and a sync's own write-back send nothing (flows/order-sync.ts syncOnSave).
 */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  syncOnSave(ORDER_KIND, context, (id) => record.load({ type: record.Type.SALES_ORDER, id }));
};
