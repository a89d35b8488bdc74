/** Salesforce record IDs: format checks, the 15 → 18 character form, and the key prefix of each object. */
import type { InboundObject } from './types';

/** Key prefixes of the objects the inbound flows read (first three characters of every record ID). */
export const KEY_PREFIX: Record<InboundObject, string> = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
};

const ID_FORMAT = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The three checksum characters Salesforce appends to a 15-character ID (case of each character). */
function suffix(id15: string): string {
  let out = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(block * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out += SUFFIX_CHARS.charAt(bits);
  }
  return out;
}

/**
 * The canonical 18-character form of an ID, or null when it is not one. A 15-character ID gets its suffix;
 * an 18-character ID has the case of its first 15 characters restored from the suffix (Salesforce accepts
 * an 18-character ID whatever its case), and a suffix made of other characters makes it invalid.
 */
export function toId18(value: string): string | null {
  if (!ID_FORMAT.test(value)) return null;
  if (value.length === 15) return value + suffix(value);
  let id15 = '';
  for (let block = 0; block < 3; block++) {
    const bits = SUFFIX_CHARS.indexOf(value.charAt(15 + block).toUpperCase());
    if (bits < 0) return null;
    for (let i = 0; i < 5; i++) {
      const c = value.charAt(block * 5 + i);
      id15 += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return id15 + suffix(id15);
}

/** Whether `value` is a well-formed ID of `object`. */
export function isIdOf(object: InboundObject, value: string): boolean {
  return toId18(value) !== null && value.startsWith(KEY_PREFIX[object]);
}

/** Whether `value` can be a Salesforce ID of any object (used before IDs read from Salesforce go into SOQL). */
export function isSalesforceId(value: unknown): value is string {
  return typeof value === 'string' && ID_FORMAT.test(value);
}

/** NetSuite record types the inbound flows create. */
export type InboundRecordType = 'customer' | 'contact' | 'salesorder' | 'estimate';

/**
 * The external ID a record created from Salesforce gets: the 18-character ID of the Salesforce record it
 * came from, so a second create of the same record (two pushes, or a push and the poller, at once) fails
 * in NetSuite instead of making a copy. NetSuite keeps external IDs unique within a record group (all
 * entities share one; transactions are assumed to share one too), so the estimate a quote request makes
 * from an Opportunity gets `<Opportunity ID>_estimate`: the Opportunity's sales order holds the plain ID.
 * Customers and contacts cannot clash: Account and Contact IDs start differently (001, 003).
 */
export function inboundExternalId(type: InboundRecordType, salesforceId: string): string {
  const id = toId18(salesforceId) ?? salesforceId;
  return type === 'estimate' ? `${id}_estimate` : id;
}
