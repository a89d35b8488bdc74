import { BODY } from '../../bundle/catalogue';
import { isOwnWriteBack } from '../../bundle/core/echo';

const own = [BODY.syncStatus, BODY.lastSyncedAt, BODY.lastSyncError, BODY.payloadHash, BODY.lineMap];

describe('an inline edit that is only a sync write-back', () => {
  test('status fields alone (with system fields) are a write-back: no new sync', () => {
    expect(isOwnWriteBack([BODY.syncStatus, BODY.lastSyncError], own)).toBe(true);
    expect(isOwnWriteBack(['id', 'type', BODY.syncStatus, 'lastmodifieddate'], own)).toBe(true);
  });

  test('anything a person or another script changes still syncs', () => {
    expect(isOwnWriteBack([BODY.syncStatus, 'memo'], own)).toBe(false);
    expect(isOwnWriteBack([BODY.opportunityId], own)).toBe(false);
    expect(isOwnWriteBack([BODY.sendAsOpportunity], own)).toBe(false);
    expect(isOwnWriteBack(['id', 'type'], own)).toBe(false);
    expect(isOwnWriteBack([], own)).toBe(false);
  });
});
