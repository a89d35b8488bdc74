import { inboundExternalId } from '../../bundle/core/inbound/ids';

describe('external IDs of records created from Salesforce', () => {
  test.each([
    ['customer', '001A000000AbCdEIAV', '001A000000AbCdEIAV'],
    ['contact', '003A000000AbCdE', '003A000000AbCdEIAV'],
    ['salesorder', '006A000000AbCdEIAV', '006A000000AbCdEIAV'],
    ['estimate', '006A000000AbCdEIAV', '006A000000AbCdEIAV_estimate'],
    // Any case of an 18-character ID names the same record: the external ID is the canonical form.
    ['customer', '001a000000abcdeiav', '001A000000AbCdEIAV'],
  ] as const)('%s from %s → %s', (type, id, expected) => {
    expect(inboundExternalId(type, id)).toBe(expected);
  });
});
