/**
 * F6: a renewal estimate of the Contract Renewals SuiteApp (order type Contract-Renewal, a contract set)
 * becomes a Salesforce Opportunity: NetSuite_Order_Type__c "Contract Renewal", linked to the renewed
 * Contract (synced first when it is not in Salesforce), created in the stage of the setting "Create
 * Salesforce Opportunity in Stage", with the estimate's lines priced as the order flow prices an order's.
 * The Opportunity is upserted by the estimate's internal ID, then updated by its ID, kept on the estimate.
 * Never throws: failures end in the Integration Log (flow "Contract to Contract") and on the estimate.
 */
import { BODY } from '../catalogue';
import { catalogWrites, lineChanges } from '../core/catalog-writes';
import { isRenewalEstimate, renewalOpportunity } from '../core/contract-mapping';
import { SyncError, toSyncError } from '../core/errors';
import { planLines } from '../core/lines';
import { customerDisplayName, mapOpportunity, overrideSourceFields } from '../core/mapping';
import { planOrder } from '../core/order-plan';
import { failureStatus, syncStamp } from '../core/text';
import type { OrderSnapshot, Settings } from '../core/types';
import { logFailure, logSuccess } from '../adapters/integration-log';
import { findLink } from '../adapters/link-store';
import {
  isoDate,
  readCustomer,
  readItems,
  readLineMap,
  readOrder,
  writeBack,
} from '../adapters/netsuite-records';
import { SalesforceClient } from '../adapters/salesforce-client';
import { loadSettings } from '../adapters/settings-store';
import { contractSubject, syncContract } from './contract-sync';
import {
  accountWrites,
  chooseBook,
  lineExternalId,
  orderHash,
  resolveCatalog,
  sendPlan,
  unlinkedChain,
  writeBackAccounts,
  writeBackItems,
  type OrderSyncResult,
  type Readable,
} from './order-sync';

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

function num(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const subjectOf = (estimateId: string, opportunityId = '') =>
  contractSubject('estimate', estimateId, 'Opportunity', opportunityId);

/** Syncs one estimate; anything but a renewal estimate is skipped without a trace. */
export function syncRenewalEstimate(rec: Readable, now = new Date()): OrderSyncResult {
  const estimateId = String(rec.id);
  const hadError = !!rec.getValue({ fieldId: BODY.lastSyncError });
  let settings: Settings | null = null;
  let order: OrderSnapshot | null = null;
  try {
    const parsed = loadSettings();
    settings = parsed.settings;
    if (!settings.contractFlowEnabled)
      return {
        outcome: 'skipped',
        reason: 'The Contract Renewals flows are turned off.',
        opportunityId: '',
        warnings: [],
      };
    const orderType = str(rec.getValue({ fieldId: settings.orderTypeField }));
    const contractId = str(rec.getValue({ fieldId: settings.transactionContractField }));
    if (!isRenewalEstimate(orderType, contractId, settings))
      return { outcome: 'skipped', reason: 'Not a renewal estimate.', opportunityId: '', warnings: [] };
    order = readOrder(rec, overrideSourceFields(settings, 'Opportunity'));
    return runRenewal(rec, order, contractId, settings, hadError, now, parsed.problems);
  } catch (thrown) {
    const error = toSyncError(thrown, `renewal estimate ${order?.tranId || estimateId}`);
    const result = logFailure(
      subjectOf(estimateId, order?.opportunityId ?? ''),
      error,
      settings?.maxAttempts ?? 6,
      now,
    );
    writeBack('estimate', estimateId, {
      [BODY.syncStatus]: failureStatus(result.status, error.code, now),
      [BODY.lastSyncError]: error.message.slice(0, 3900),
    });
    return {
      outcome: 'failed',
      reason: error.message,
      opportunityId: order?.opportunityId ?? '',
      warnings: [],
      error,
    };
  }
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

function runRenewal(
  rec: Readable,
  order: OrderSnapshot,
  contractId: string,
  settings: Settings,
  hadError: boolean,
  now: Date,
  problems: string[],
): OrderSyncResult {
  const subject = `renewal estimate ${order.tranId || order.id}`;
  const warnings = [...problems];
  const plan = planLines(order.lines, order.discountRate, settings.zeroQuantityPolicy);
  warnings.push(...plan.warnings);
  const contractSfId = contractInSalesforce(contractId, settings, subject, now);

  const customer = readCustomer(order.customerId, overrideSourceFields(settings, 'Account'));
  const chain = customer.accountId ? [] : unlinkedChain(customer, settings);
  const accounts = accountWrites(chain, settings);
  warnings.push(...accounts.warnings);

  const client = new SalesforceClient(settings);
  let standardBookId = client.standardBookId;
  const book = chooseBook(plan.lines, settings, standardBookId);
  warnings.push(...book.warnings);
  const items = readItems([...new Set(plan.lines.map((l) => l.itemId))]);

  const creating = !order.opportunityId;
  const mapped = mapOpportunity({ order, customerName: customerDisplayName(customer), creating, settings });
  warnings.push(...mapped.warnings);
  const renewalInput = {
    estimateId: order.id,
    tranId: order.tranId,
    total: num(rec.getValue({ fieldId: 'total' })),
    contractId: contractSfId,
    expectedClose: rec.getValue({ fieldId: 'expectedclosedate' })
      ? isoDate(rec.getValue({ fieldId: 'expectedclosedate' }))
      : '',
    creating,
    settings,
  };
  const opportunity = renewalOpportunity(mapped.body, renewalInput);
  const lineMap = readLineMap(rec);
  const current = plan.lines.map((line) => ({ line, externalId: lineExternalId(order.id, line) }));
  // What the estimate says, whatever was created on the way, so a re-save after the first sync sends nothing.
  const forHash = creating
    ? renewalOpportunity(
        mapOpportunity({ order, customerName: customerDisplayName(customer), creating: false, settings })
          .body,
        {
          ...renewalInput,
          creating: false,
        },
      )
    : opportunity;
  const hash = orderHash(forHash, book.key, current);
  if (!creating && hash === order.payloadHash && !hadError) {
    return {
      outcome: 'unchanged',
      reason: 'No mapped field changed since the last sync.',
      opportunityId: order.opportunityId,
      warnings,
    };
  }

  const catalogue = resolveCatalog(client, items, book, settings, standardBookId, {
    subject,
    retryHint: 'save the estimate again',
  });
  const { unlinked, stillMissing } = catalogue;
  standardBookId = catalogue.standardBookId;
  const catalog = catalogWrites(stillMissing, plan.lines, book);
  const { lines, removed } = lineChanges(current, lineMap, items, book.key);

  const orderPlan = planOrder({
    base: client.base,
    orderId: order.id,
    subject,
    priceBookId: book.bookId,
    standardBookId,
    accounts: accounts.writes,
    accountId: customer.accountId,
    customerId: customer.id,
    products: catalog.products,
    entries: catalog.entries,
    opportunityId: order.opportunityId,
    opportunity,
    lines,
  });
  const sent = sendPlan(client, orderPlan, lines, removed, order.opportunityId, subject);
  const { known, opportunityId } = sent;
  const newMap = sent.lineMap;
  const n = warnings.length;
  writeBack('estimate', order.id, {
    [BODY.opportunityId]: opportunityId,
    [BODY.syncStatus]: `Synced ${syncStamp(now)}${n ? ` with ${n} warning${n > 1 ? 's' : ''}` : ''}`,
    [BODY.lastSyncedAt]: now,
    [BODY.lastSyncError]: '',
    [BODY.payloadHash]: hash,
    [BODY.lineMap]: JSON.stringify(newMap),
  });
  writeBackAccounts(orderPlan.refs.accounts, known, now);
  writeBackItems(unlinked, orderPlan.refs, known, book.key);
  logSuccess(
    subjectOf(order.id, opportunityId),
    {
      hadError,
      logSuccesses: settings.logSuccesses || warnings.length > 0,
      message: `Renewal Opportunity ${opportunityId} synced with ${plan.lines.length} line(s), amount ${(plan.totalCents / 100).toFixed(2)}.${warnings.length ? ` Warnings: ${warnings.join(' ')}` : ''}`,
    },
    now,
  );
  return { outcome: 'synced', reason: 'Synced.', opportunityId, warnings };
}
