/**
 * No echo loops. Inbound flows (Salesforce → NetSuite) write `inbound:<time>` into the record's payload hash
 * field in the same save. The outbound user event sees the marker change in that save and sends nothing;
 * the next save made by a person finds the marker unchanged and syncs as usual.
 */
export const INBOUND_MARKER = 'inbound:';

export function inboundMarker(now: Date): string {
  return `${INBOUND_MARKER}${now.toISOString()}`;
}

export function isInboundEcho(newHash: unknown, oldHash: unknown): boolean {
  return typeof newHash === 'string' && newHash.startsWith(INBOUND_MARKER) && newHash !== oldHash;
}
