/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { syncCustomer } from '../flows/customer-sync';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];

/** Customer saved: sync it to its Salesforce Account. */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const type = String(context.type);
  if (!SYNCED_EVENTS.includes(type)) return;
  syncCustomer(String(context.newRecord.id), type);
};
