/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import { removeContractItem, syncContractItem } from '../flows/contract-sync';

const SYNCED_EVENTS = ['create', 'edit', 'xedit'];

/**
 * Contract Renewals contract item saved or deleted: sync that item to its Salesforce Contract Item, or
 * delete it there. Deployed by the opt-in contracts project on the SuiteApp's contract item record.
 */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const type = String(context.type);
  if (type === 'delete') {
    const old = context.oldRecord ?? context.newRecord;
    removeContractItem(String(old.id), (fieldId) => old.getValue({ fieldId }));
    return;
  }
  if (!SYNCED_EVENTS.includes(type)) return;
  syncContractItem(String(context.newRecord.id));
};
