/**
 * F6: a renewal estimate of the Contract Renewals SuiteApp (order type Contract-Renewal, a contract set)
 * becomes a Salesforce Opportunity: NetSuite_Order_Type__c "Contract Renewal", linked to the renewed
 * Contract (synced first when it is not in Salesforce), created in the stage of the setting "Create
 * Salesforce Opportunity in Stage", with the estimate's lines priced as the order flow prices an order's.
 * The estimate goes through the order pipeline (flows/order-sync.ts) as a transaction kind of its own:
 * only the gate, the contract and the Opportunity fields differ. Failures are logged under flow "Contract
 * to Contract".
 */
import { isRenewalEstimate, renewalOpportunity } from '../core/contract-mapping';
import { SyncError } from '../core/errors';
import type { Settings } from '../core/types';
import { findLink } from '../adapters/link-store';
import { isoDate } from '../adapters/netsuite-records';
import { contractSubject, syncContract } from './contract-sync';
import {
  syncOnSave,
  syncTransaction,
  type OrderSyncResult,
  type Readable,
  type SavedContext,
  type TransactionKind,
} from './order-sync';

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The Salesforce ID of the estimate's contract, syncing the contract first when Salesforce lacks it. */
function contractInSalesforce(contractId: string, settings: Settings, subject: string, now: Date): string {
  const link = findLink(settings.contractRecordType, contractId, 'Contract');
  if (link.salesforceId && !link.hadError) return link.salesforceId;
  const synced = syncContract(contractId, now);
  if (synced.contractId && synced.outcome !== 'failed') return synced.contractId;
  throw new SyncError({
    code: synced.error?.code ?? 'SFSYNC_CONTRACT_NOT_SYNCED',
    message: `The contract of ${subject} (internal ID ${contractId}) could not be synced to Salesforce first: ${synced.reason}`,
    retryable: synced.error?.retryable ?? false,
    source: synced.error?.source ?? 'sfsync',
  });
}

export const RENEWAL_KIND: TransactionKind<{ contractId: string }> = {
  recordType: 'estimate',
  noun: 'renewal estimate',
  title: 'Renewal Opportunity',
  retryHint: 'save the estimate again',
  subjectOf: (id, opportunityId) => contractSubject('estimate', id, 'Opportunity', opportunityId),
  gate: ({ rec, settings }) => {
    if (!settings.contractFlowEnabled)
      return { sync: false, reason: 'The Contract Renewals flows are turned off.' };
    const orderType = str(rec.getValue({ fieldId: settings.orderTypeField }));
    const contractId = str(rec.getValue({ fieldId: settings.transactionContractField }));
    return isRenewalEstimate(orderType, contractId, settings)
      ? { sync: true, reason: 'A renewal estimate.' }
      : { sync: false, reason: 'Not a renewal estimate.' };
  },
  prepare: (rec, _order, settings, subject, now) => ({
    contractId: contractInSalesforce(
      str(rec.getValue({ fieldId: settings.transactionContractField })),
      settings,
      subject,
      now,
    ),
  }),
  opportunity: (mapped, { rec, order, settings, creating, context }) => {
    const close = rec.getValue({ fieldId: 'expectedclosedate' });
    return renewalOpportunity(mapped, {
      estimateId: order.id,
      tranId: order.tranId,
      total: num(rec.getValue({ fieldId: 'total' })),
      contractId: context.contractId,
      expectedClose: close ? isoDate(close) : '',
      creating,
      settings,
    });
  },
  createdValues: () => ({}),
};

/** Syncs one estimate; anything but a renewal estimate is skipped without a trace. */
export function syncRenewalEstimate(rec: Readable, now = new Date()): OrderSyncResult {
  return syncTransaction(RENEWAL_KIND, rec, 'retry', now);
}

/** The estimate user event: the same guards as the sales order's (flows/order-sync.ts syncOnSave). */
export function renewalSaved(
  context: SavedContext,
  load: (id: number | string) => Readable,
): OrderSyncResult | null {
  return syncOnSave(RENEWAL_KIND, context, load);
}
