/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

import type { EntryPoints } from 'N/types';
import * as record from 'N/record';
import { renewalSaved } from '../flows/renewal-sync';

/**
 * Estimate saved: a renewal estimate of the Contract Renewals SuiteApp becomes (or updates) its renewal
 * Opportunity; other estimates are left alone. Deployed by the opt-in contracts project.
 */
export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  renewalSaved(context, (id) => record.load({ type: record.Type.ESTIMATE, id }));
};
