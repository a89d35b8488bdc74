/**
 * F6: Contract Renewals contract → Salesforce Contract with its items as Contract Items (NetSuite_Contract_Item__c).
 * A contract syncs whole (its customer's account first when it has none, items removed in NetSuite deleted
 * in Salesforce); a saved contract item syncs alone once its contract is in Salesforce. The Salesforce IDs
 * and the sync status live on the contract's sfsync link record (the SuiteApp's records are locked).
 * Never throws: failures end in the Integration Log (flow "Contract to Contract"), on the link record and,
 * where Salesforce can take it, in the Contract's NetSuite_Sync__c.
 */
import * as runtime from 'N/runtime';
import { ITEM } from '../catalogue';
import { packComposites, resolveRefs, type Step } from '../core/composite';
import {
  mapContract,
  mapContractItem,
  statusWrite,
  type ContractItemSnapshot,
  type ContractSnapshot,
  type LinkState,
} from '../core/contract-mapping';
import { DEFAULT_CONTRACT_IDS } from '../core/contract-settings';
import { planContract, type ContractItemWrite } from '../core/contract-plan';
import { SyncError, toSyncError } from '../core/errors';
import { overrideSourceFields, type SalesforceBody } from '../core/mapping';
import { lookupQueries, type ProductWrite } from '../core/order-plan';
import { MAX_GET_SOQL_LENGTH } from '../core/soql-limit';
import { failureStatus, hashText, stableJson, syncStamp } from '../core/text';
import type { ItemSnapshot, Settings } from '../core/types';
import { readContract, readContractItem, readContractItems } from '../adapters/contract-records';
import { logFailure, logSuccess, type LogSubject } from '../adapters/integration-log';
import { findLink, saveLink, type Link } from '../adapters/link-store';
import { readCustomer, readItems, writeBack } from '../adapters/netsuite-records';
import { SalesforceClient } from '../adapters/salesforce-client';
import { loadSettings } from '../adapters/settings-store';
import { accountWrites, unlinkedChain, writeBackAccounts } from './order-sync';

export interface ContractSyncResult {
  outcome: 'synced' | 'skipped' | 'unchanged' | 'failed';
  reason: string;
  /** Salesforce ID of the Contract ('' when unknown). */
  contractId: string;
  warnings: string[];
  error?: SyncError;
}

/** Units left for the log and whatever runs after sfsync when remembering product IDs on items. */
const RESERVE_UNITS = 250;

function syncedText(now: Date, warnings: string[]): string {
  const n = warnings.length;
  return `Synced ${syncStamp(now)}${n ? ` with ${n} warning${n > 1 ? 's' : ''}` : ''}`;
}

export function contractSubject(
  netsuiteType: string,
  netsuiteId: string,
  salesforceObject: string,
  salesforceId = '',
): LogSubject {
  return {
    flow: 'Contract to Contract',
    direction: 'NetSuite to Salesforce',
    netsuiteType,
    netsuiteId,
    salesforceObject,
    salesforceId,
  };
}

const skipped = (reason: string, contractId = ''): ContractSyncResult => ({
  outcome: 'skipped',
  reason,
  contractId,
  warnings: [],
});

const DISABLED = 'The Contract Renewals flows are turned off in sfsync Settings.';

/** The hash of what a contract item sends (its own fields, item and contract). */
export function itemHash(item: ContractItemSnapshot): string {
  return hashText(stableJson({ contract: item.contractId, item: item.itemId, ...mapContractItem(item) }));
}

function runSteps(client: SalesforceClient, steps: Step[]): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const batch of packComposites(steps))
    Object.assign(known, client.composite(resolveRefs(batch, known)));
  return known;
}

interface Products {
  /** NetSuite item → Product2 ID. */
  ids: Map<string, string>;
  writes: ProductWrite[];
  /** Items whose product was found or is created now: their IDs are remembered on the item afterwards. */
  learned: ItemSnapshot[];
  warnings: string[];
}

/**
 * Products of the items: by the item's Salesforce Product ID, then by Product2.NetSuite_Id__c (one query),
 * else created when "Create Missing Products and Price Book Entries" is on; otherwise the contract item is
 * sent without a product and a warning names the item.
 */
function resolveProducts(
  client: SalesforceClient,
  itemIds: string[],
  settings: Settings,
  subject: string,
): Products {
  const items = readItems([...new Set(itemIds.filter(Boolean))]);
  const ids = new Map<string, string>();
  for (const item of items.values()) if (item.productId) ids.set(item.id, item.productId);
  const unknown = [...items.values()].filter((i) => !i.productId);
  // Sent as GET /query: each query short enough for its URL (Salesforce's URI limit), one call per query.
  for (const soql of lookupQueries(
    unknown.map((i) => i.id),
    '',
    { maxLength: MAX_GET_SOQL_LENGTH },
  ).products) {
    const rows = client.query<{ Id: string; NetSuite_Id__c: string }>(soql, `the products of ${subject}`);
    for (const row of rows) ids.set(String(row.NetSuite_Id__c), row.Id);
  }
  const missing = unknown.filter((i) => !ids.has(i.id));
  const products: Products = { ids, writes: [], learned: unknown, warnings: [] };
  if (missing.length > 0 && settings.createMissingProducts) {
    products.writes = missing.map((item) => ({
      itemId: item.id,
      body: {
        Name: (item.displayName || item.name).slice(0, 255),
        ProductCode: item.name.slice(0, 255),
        Description: item.description || null,
        IsActive: true,
      },
    }));
  } else if (missing.length > 0) {
    products.warnings.push(
      `These items have no Salesforce product, so their contract items were sent without one: ${missing.map((i) => `${i.name} (internal ID ${i.id})`).join(', ')}. Link each item to its product (field "Salesforce Product ID") or turn on "Create Missing Products and Price Book Entries".`,
    );
  }
  return products;
}

/** Remembers found and created product IDs on the items while governance allows. */
function rememberProducts(
  products: Products,
  chunks: Array<{ ref: string; itemIds: string[] }>,
  known: Record<string, unknown>,
): void {
  for (const chunk of chunks) {
    const results = (known[chunk.ref] as Array<{ id?: string }> | undefined) ?? [];
    chunk.itemIds.forEach((itemId, i) => {
      const id = results[i]?.id;
      if (id) products.ids.set(itemId, id);
    });
  }
  const script = runtime.getCurrentScript();
  for (const item of products.learned) {
    const productId = products.ids.get(item.id);
    if (!productId || script.getRemainingUsage() < RESERVE_UNITS) continue;
    writeBack(item.recordType, item.id, { [ITEM.productId]: productId });
  }
}

function itemWrite(item: ContractItemSnapshot, products: Products): ContractItemWrite {
  return {
    recordId: item.id,
    itemId: item.itemId,
    productId: products.ids.get(item.itemId) ?? '',
    body: mapContractItem(item),
  };
}

/** Salesforce IDs of the items a plan upserted, from the collection results. */
function upsertedItems(
  chunks: Array<{ ref: string; recordIds: string[] }>,
  known: Record<string, unknown>,
): Map<string, string> {
  const ids = new Map<string, string>();
  for (const chunk of chunks) {
    const results = (known[chunk.ref] as Array<{ id?: string }> | undefined) ?? [];
    chunk.recordIds.forEach((recordId, i) => {
      const id = results[i]?.id;
      if (id) ids.set(recordId, id);
    });
  }
  return ids;
}

/**
 * After a failure: the Integration Log entry, the link's status (for contracts), and — when Salesforce
 * answered and the Contract exists — the plain error in the Contract's NetSuite_Sync__c.
 */
function recordFailure(
  subject: LogSubject,
  error: SyncError,
  settings: Settings | null,
  link: Link | null,
  now: Date,
): void {
  const result = logFailure(subject, error, settings?.maxAttempts ?? 6, now);
  const status = failureStatus(result.status, error.code, now);
  if (link) saveLink(link, { syncStatus: status, lastSyncError: error.message });
  if (settings && link?.salesforceId && error.source === 'salesforce' && !error.retryable) {
    try {
      const client = new SalesforceClient(settings);
      client.request(
        'PATCH',
        `${client.base}/sobjects/Contract/${link.salesforceId}`,
        { NetSuite_Sync__c: `${status}: ${error.message}`.slice(0, 255) },
        `the sync status of contract ${link.netsuiteId}`,
      );
    } catch {
      // The status on the Contract is a courtesy; the log entry already holds the error.
    }
  }
}

/** A failure of a whole contract's sync: logged against the contract, shown on its link and in Salesforce. */
function contractFailed(
  error: SyncError,
  contractId: string,
  settings: Settings | null,
  link: Link | null,
  now: Date,
): ContractSyncResult {
  const type = settings?.contractRecordType ?? DEFAULT_CONTRACT_IDS.contractRecordType;
  recordFailure(
    contractSubject(type, contractId, 'Contract', link?.salesforceId),
    error,
    settings,
    link,
    now,
  );
  return {
    outcome: 'failed',
    reason: error.message,
    contractId: link?.salesforceId ?? '',
    warnings: [],
    error,
  };
}

/** Syncs a whole contract: customer account if needed, Contract, activation, items; removed items deleted. */
export function syncContract(contractId: string, now = new Date()): ContractSyncResult {
  let settings: Settings | null = null;
  let link: Link | null = null;
  let label = `contract ${contractId}`;
  try {
    const parsed = loadSettings();
    settings = parsed.settings;
    if (!settings.contractFlowEnabled) return skipped(DISABLED);
    link = findLink(settings.contractRecordType, contractId, 'Contract');
    const contract = readContract(contractId, settings);
    label = `contract ${contract.name || contractId}`;
    return runContract(contract, link, settings, parsed.problems, now);
  } catch (thrown) {
    return contractFailed(toSyncError(thrown, label), contractId, settings, link, now);
  }
}

function runContract(
  contract: ContractSnapshot,
  link: Link,
  settings: Settings,
  problems: string[],
  now: Date,
): ContractSyncResult {
  const subject = `contract ${contract.name || contract.id}`;
  const warnings = [...problems];
  if (!contract.customerId) {
    throw new SyncError({
      code: 'SFSYNC_NO_CUSTOMER',
      message: `${subject} has no customer (field ${settings.contractCustomerField}), so it has no Salesforce account to belong to. Set the customer on the contract, or correct "Contract Customer Field" in sfsync Settings.`,
      retryable: false,
      source: 'sfsync',
    });
  }
  const items = readContractItems(contract.id, settings);
  const customer = readCustomer(contract.customerId, overrideSourceFields(settings, 'Account'));
  const chain = customer.accountId ? [] : unlinkedChain(customer, settings);
  const accounts = accountWrites(chain, settings);
  warnings.push(...accounts.warnings);
  const mapped = mapContract(contract, settings);
  warnings.push(...mapped.warnings);
  const hashes = new Map(items.map((item) => [item.id, itemHash(item)]));
  const hash = hashText(
    stableJson({
      contract: mapped.body,
      status: mapped.status,
      account: customer.accountId,
      accounts: accounts.writes.map((a) => a.body),
      items: [...hashes],
    }),
  );
  if (link.salesforceId && hash === link.state.hash && !link.hadError) {
    return {
      outcome: 'unchanged',
      reason: 'No mapped field changed since the last sync.',
      contractId: link.salesforceId,
      warnings,
    };
  }
  const status = statusWrite(mapped.status, link.state.status, contract.name || contract.id);
  if (status.warning) warnings.push(status.warning);

  const client = new SalesforceClient(settings);
  const products = resolveProducts(
    client,
    items.map((i) => i.itemId),
    settings,
    subject,
  );
  warnings.push(...products.warnings);
  const body: SalesforceBody = { ...mapped.body, NetSuite_Sync__c: syncedText(now, warnings) };
  if (status.inBody) body.Status = status.inBody;
  const plan = planContract({
    base: client.base,
    subject,
    contractRecordId: contract.id,
    contractId: link.salesforceId,
    body,
    account: customer.accountId ? { accountId: customer.accountId } : { customerId: customer.id },
    accounts: accounts.writes,
    activate: status.activate,
    products: products.writes,
    items: items.map((item) => itemWrite(item, products)),
  });
  const known = runSteps(client, plan.steps);
  const salesforceId = link.salesforceId || String((known.contract as { id?: unknown } | null)?.id ?? '');

  const upserted = upsertedItems(plan.refs.itemChunks, known);
  const state: LinkState = {
    hash,
    status: status.activate ? 'Activated' : (status.inBody ?? link.state.status),
    items: {},
  };
  for (const item of items) {
    const id = upserted.get(item.id) ?? link.state.items[item.id]?.id;
    if (id) state.items[item.id] = { id, hash: hashes.get(item.id) ?? '' };
  }
  const removed = Object.entries(link.state.items)
    .filter(([recordId]) => !hashes.has(recordId))
    .map(([, known]) => known.id);
  for (let i = 0; i < removed.length; i += 200) {
    // Items already deleted in Salesforce answer per record with an error; allOrNone=false lets the rest go.
    client.request(
      'DELETE',
      `${client.base}/composite/sobjects?allOrNone=false&ids=${removed.slice(i, i + 200).join(',')}`,
      undefined,
      `the removed items of ${subject}`,
    );
  }

  saveLink(link, {
    salesforceId,
    syncStatus: syncedText(now, warnings),
    lastSyncError: '',
    lastSyncedAt: now,
    state,
  });
  writeBackAccounts(plan.refs.accounts, known, now);
  rememberProducts(products, plan.refs.productChunks, known);
  logSuccess(
    contractSubject(link.netsuiteType, contract.id, 'Contract', salesforceId),
    {
      hadError: link.hadError,
      logSuccesses: settings.logSuccesses || warnings.length > 0,
      message: `Contract ${salesforceId} synced with ${items.length} item(s)${removed.length ? `, ${removed.length} removed` : ''}.${warnings.length ? ` Warnings: ${warnings.join(' ')}` : ''}`,
    },
    now,
  );
  return { outcome: 'synced', reason: 'Synced.', contractId: salesforceId, warnings };
}

/**
 * A saved contract item. Once its contract is in Salesforce the item is upserted alone (and the Contract's
 * NetSuite_Sync__c refreshed) in one API call; before that, or after a failed contract sync, the whole
 * contract syncs.
 */
export function syncContractItem(itemRecordId: string, now = new Date()): ContractSyncResult {
  let settings: Settings | null = null;
  try {
    const parsed = loadSettings();
    settings = parsed.settings;
    if (!settings.contractFlowEnabled) return skipped(DISABLED);
    const item = readContractItem(itemRecordId, settings);
    if (!item.contractId) return skipped('The contract item belongs to no contract.');
    const link = findLink(settings.contractRecordType, item.contractId, 'Contract');
    if (!link.salesforceId || link.hadError) return syncContract(item.contractId, now);
    const hash = itemHash(item);
    if (link.state.items[item.id]?.hash === hash) {
      return {
        outcome: 'unchanged',
        reason: 'No mapped field changed since the last sync.',
        contractId: link.salesforceId,
        warnings: [],
      };
    }
    const subject = `contract item ${item.itemName || item.id} of contract ${item.contractId}`;
    const client = new SalesforceClient(settings);
    const products = resolveProducts(client, [item.itemId], settings, subject);
    const warnings = [...parsed.problems, ...products.warnings];
    const plan = planContract({
      base: client.base,
      subject,
      contractRecordId: item.contractId,
      contractId: link.salesforceId,
      body: { NetSuite_Sync__c: syncedText(now, warnings) },
      account: null,
      accounts: [],
      activate: false,
      products: products.writes,
      items: [itemWrite(item, products)],
    });
    const known = runSteps(client, plan.steps);
    const id = upsertedItems(plan.refs.itemChunks, known).get(item.id) ?? link.state.items[item.id]?.id ?? '';
    saveLink(link, {
      syncStatus: syncedText(now, warnings),
      lastSyncError: '',
      lastSyncedAt: now,
      state: { ...link.state, items: { ...link.state.items, ...(id ? { [item.id]: { id, hash } } : {}) } },
    });
    rememberProducts(products, plan.refs.productChunks, known);
    logSuccess(
      contractSubject(settings.contractItemRecordType, item.id, 'NetSuite_Contract_Item__c', id),
      {
        // The item has no error flag of its own: look for an open entry every time (10 units).
        hadError: true,
        logSuccesses: settings.logSuccesses || warnings.length > 0,
        message: `Contract item ${id} synced.${warnings.length ? ` Warnings: ${warnings.join(' ')}` : ''}`,
      },
      now,
    );
    return { outcome: 'synced', reason: 'Synced.', contractId: link.salesforceId, warnings };
  } catch (thrown) {
    const error = toSyncError(thrown, `contract item ${itemRecordId}`);
    const type = settings?.contractItemRecordType ?? DEFAULT_CONTRACT_IDS.contractItemRecordType;
    recordFailure(
      contractSubject(type, itemRecordId, 'NetSuite_Contract_Item__c'),
      error,
      settings,
      null,
      now,
    );
    return { outcome: 'failed', reason: error.message, contractId: '', warnings: [], error };
  }
}

/**
 * A deleted contract item: its Contract Item is deleted in Salesforce (one API call). A failure is logged
 * against the contract, whose next sync (or retry) deletes every item NetSuite no longer has.
 */
export function removeContractItem(
  itemRecordId: string,
  /** Reads a field of the deleted item (the user event's oldRecord). */
  deleted: (fieldId: string) => unknown,
  now = new Date(),
): ContractSyncResult {
  let settings: Settings | null = null;
  let link: Link | null = null;
  let contractId = '';
  try {
    const parsed = loadSettings();
    settings = parsed.settings;
    if (!settings.contractFlowEnabled) return skipped(DISABLED);
    const value = deleted(settings.contractItemContractField);
    contractId = value === null || value === undefined ? '' : String(value);
    if (!contractId) return skipped('The contract item belonged to no contract.');
    link = findLink(settings.contractRecordType, contractId, 'Contract');
    if (!link.salesforceId) return skipped('The contract is not in Salesforce yet.');
    const client = new SalesforceClient(settings);
    const known = link.state.items[itemRecordId]?.id;
    try {
      client.request(
        'DELETE',
        known
          ? `${client.base}/sobjects/NetSuite_Contract_Item__c/${known}`
          : `${client.base}/sobjects/NetSuite_Contract_Item__c/NetSuite_Id__c/${encodeURIComponent(itemRecordId)}`,
        undefined,
        `the removed contract item ${itemRecordId}`,
      );
    } catch (thrown) {
      // Already gone in Salesforce: nothing left to do.
      const code = thrown instanceof SyncError ? thrown.code : '';
      if (code !== 'NOT_FOUND' && code !== 'ENTITY_IS_DELETED') throw thrown;
    }
    const items = { ...link.state.items };
    delete items[itemRecordId];
    saveLink(link, {
      syncStatus: syncedText(now, []),
      lastSyncError: '',
      lastSyncedAt: now,
      state: { ...link.state, items },
    });
    return {
      outcome: 'synced',
      reason: 'Contract item deleted in Salesforce.',
      contractId: link.salesforceId,
      warnings: [],
    };
  } catch (thrown) {
    const error = toSyncError(
      thrown,
      `the removal of contract item ${itemRecordId} from contract ${contractId}`,
    );
    return contractFailed(error, contractId, settings, link, now);
  }
}
