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

/** Fields NetSuite may list on an inline edit besides the edited ones (assumption: system fields only). */
const SYSTEM_FIELDS = new Set(['id', 'type', 'externalid', 'lastmodifieddate', 'sys_id', 'sys_parentid']);

/**
 * An inline edit (xedit) that touches only sfsync's own status fields is the write-back of a sync, not a
 * change to sync. A user event's own saves fire no user event, but the retry queue's and other scripts' do,
 * and syncing again there would spend a second attempt on every failed retry. Assumption: newRecord's
 * getFields() on xedit lists the edited fields (plus possibly system fields); anything else means "sync".
 */
export function isOwnWriteBack(editedFields: string[], ownFields: readonly string[]): boolean {
  const own = new Set(ownFields);
  const edited = editedFields.filter((f) => !SYSTEM_FIELDS.has(f));
  return edited.length > 0 && edited.every((f) => own.has(f));
}
