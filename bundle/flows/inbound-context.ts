/**
 * What the inbound handlers share while they work through one request or one poller record: settings, the
 * Salesforce client, the write-backs collected for the end, and what this batch learned (which customer an
 * account became), so a parent or an order's account is synced once per batch.
 */
import * as runtime from 'N/runtime';
import { opportunityCondition } from '../core/inbound/soql';
import type { HandlerResult, InboundRequest, SfRow, WriteBack } from '../core/inbound/types';
import type { Settings } from '../core/types';
import { SalesforceClient } from '../adapters/salesforce-client';

export interface InboundContext {
  settings: Settings;
  client: SalesforceClient;
  now: Date;
  /** Opportunity condition that qualifies an account (stages, SOQL fragment or IsWon). */
  accountCondition: string;
  writeBacks: WriteBack[];
  /** Salesforce Account ID → customer internal ID, as found or created in this batch. */
  customers: Map<string, string>;
  /** Opportunities that meet the SOQL order condition; null when no SOQL condition is set. */
  soqlQualified: Set<string> | null;
  /** Accounts being synced (a parent chain), to stop a cycle. */
  visiting: Set<string>;
  /** Governance units left in this script invocation. */
  remaining(): number;
  /**
   * Runs one request with its own logging and write-back (set by inbound-run; handlers use it for parents,
   * an order's account and an account's contacts). `forced`: sync even if the record does not qualify.
   */
  run(request: InboundRequest, row: SfRow, forced?: boolean): HandlerResult;
}

export function createContext(
  settings: Settings,
  now: Date,
  run: InboundContext['run'],
  client = new SalesforceClient(settings),
): InboundContext {
  return {
    settings,
    client,
    now,
    accountCondition: opportunityCondition(
      settings.accountQualifyingStages,
      settings.accountQualificationSoql,
    ),
    writeBacks: [],
    customers: new Map(),
    soqlQualified: null,
    visiting: new Set(),
    remaining: () => runtime.getCurrentScript().getRemainingUsage(),
    run,
  };
}

/** What a handler did with one record (failures are thrown as SyncError). */
export interface Outcome {
  status: 'synced' | 'unchanged' | 'skipped';
  netsuiteId: string;
  message: string;
  /** A skip the administrator should see in the Integration Log (not as an error). */
  logSkip?: boolean;
  warnings?: string[];
}
