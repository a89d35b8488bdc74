/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { syncContract } from '../flows/contract-sync';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];

/**
 * Contract Renewals contract saved: sync it and its items to the Salesforce Contract. Deployed by the opt-in
 * contracts project on the SuiteApp's contract record. A deleted contract is left in Salesforce (Salesforce
 * keeps activated contracts).
 */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  if (!SYNCED_EVENTS.includes(String(context.type))) return;
  syncContract(String(context.newRecord.id));
};
