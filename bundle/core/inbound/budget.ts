/**
 * Governance units the inbound handlers may need, so a batch stops before NetSuite stops it
 * (SSS_USAGE_LIMIT_EXCEEDED cannot be caught) and hands the rest over. Figures from the documented unit
 * table (facts §2.2): searches 10, lookupFields 1, entity load/create 5 + save 10, transaction load/create
 * 10 + save 20, custom record 2 + 4, one Salesforce call 10. Each figure is the worst case of one record
 * with nothing linked yet; parents and contacts check the budget again before each step.
 */
import type { InboundRequest } from './types';

export const UNITS = {
  /** Lookups (NetSuite ID, Salesforce ID, name), currency, create and save, and a failure log. */
  account: 110,
  contact: 80,
  /** Account first (if needed), item searches, order create/load and save, log. */
  order: 260,
  quote: 260,
  /** Sending the write-backs (per collection of 200) and logging a failure. */
  writeBackCall: 10,
  logEntry: 20,
} as const;

export function unitsFor(request: Pick<InboundRequest, 'object' | 'action'>): number {
  if (request.object === 'Account') return UNITS.account;
  if (request.object === 'Contact') return UNITS.contact;
  return request.action === 'quote' ? UNITS.quote : UNITS.order;
}

/** Units to keep for the end of a batch: write-backs in collections of 200, one handover call, one log. */
export function reserveFor(pendingWriteBacks: number): number {
  return UNITS.writeBackCall * (Math.ceil(pendingWriteBacks / 200) + 2) + UNITS.logEntry;
}
