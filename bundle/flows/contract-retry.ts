/**
 * Retry of "Contract to Contract" entries from the record's current state: a contract syncs whole, a contract
 * item alone (or with its contract), a renewal estimate again. Null when the record no longer exists.
 */
import * as record from 'N/record';
import { loadSettings } from '../adapters/settings-store';
import { syncContract, syncContractItem } from './contract-sync';
import { syncRenewalEstimate } from './renewal-sync';

export interface RetriedSync {
  outcome: string;
  reason: string;
  error?: { code: string };
}

function load(type: string, id: string): record.Record | null {
  try {
    return record.load({ type, id });
  } catch (e) {
    if ((e as { name?: string }).name === 'RCRD_DSNT_EXIST') return null;
    throw e;
  }
}

export function retryContractEntry(netsuiteType: string, netsuiteId: string, now: Date): RetriedSync | null {
  if (netsuiteType === 'estimate') {
    const estimate = load(record.Type.ESTIMATE, netsuiteId);
    return estimate ? syncRenewalEstimate(estimate, now) : null;
  }
  if (!load(netsuiteType, netsuiteId)) return null;
  const { settings } = loadSettings();
  return netsuiteType === settings.contractItemRecordType
    ? syncContractItem(netsuiteId, now)
    : syncContract(netsuiteId, now);
}
