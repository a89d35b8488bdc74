import {
  byIdsQuery,
  changedQuery,
  contactsOfAccountQuery,
  opportunityCondition,
  pollUntil,
  soqlDateTime,
} from '../../bundle/core/inbound/soql';
import { advance, isAfter } from '../../bundle/core/inbound/watermark';
import { DEFAULT_SETTINGS, parseSettings } from '../../bundle/core/settings';

describe('SOQL of the inbound flows', () => {
  test('the account qualification condition: stages, a SOQL fragment, or IsWon', () => {
    expect(opportunityCondition([], '')).toBe('IsWon = true');
    expect(opportunityCondition(['Closed Won', "Won't lose"], '')).toBe(
      "StageName IN ('Closed Won', 'Won\\'t lose')",
    );
    expect(opportunityCondition(['Closed Won'], 'Amount > 100')).toBe(
      "StageName IN ('Closed Won') AND (Amount > 100)",
    );
  });

  test('accounts carry at most one qualifying opportunity; IDs are escaped literals', () => {
    const q = byIdsQuery('Account', 'IsWon = true', ['0018d000000AbcdAAA', '0018d000000AbceAAA']);
    expect(q).toContain('(SELECT Id FROM Opportunities WHERE IsWon = true LIMIT 1) FROM Account');
    expect(q.endsWith("WHERE Id IN ('0018d000000AbcdAAA', '0018d000000AbceAAA')")).toBe(true);
    expect(() => byIdsQuery('Account', 'IsWon = true', ["x' OR Name != '"])).toThrow('Not a Salesforce ID');
    expect(contactsOfAccountQuery("001' OR '1'='1", 5)).toContain("AccountId = '001\\' OR \\'1\\'=\\'1'");
  });

  test('changes after a watermark: timestamp then ID, stable order, keyset paging', () => {
    expect(changedQuery('Contact', '', { time: '', lastId: '' }, 2000)).toMatch(
      /FROM Contact ORDER BY SystemModstamp, Id LIMIT 2000$/,
    );
    const q = changedQuery(
      'Contact',
      '',
      { time: '2026-03-01T10:00:00.123+0000', lastId: '0038d000000AbcdAAA' },
      2000,
      new Date('2026-03-01T11:00:00.000Z'),
    );
    expect(q).toMatch(
      /FROM Contact WHERE \(SystemModstamp > 2026-03-01T10:00:00\.123Z OR \(SystemModstamp = 2026-03-01T10:00:00\.123Z AND Id > '0038d000000AbcdAAA'\)\) AND SystemModstamp <= 2026-03-01T11:00:00\.000Z ORDER BY SystemModstamp, Id LIMIT 2000$/,
    );
    expect(() => changedQuery('Contact', '', { time: '2026-03-01 OR Id != null', lastId: '' }, 10)).toThrow(
      'Not a Salesforce datetime',
    );
  });

  test('Salesforce datetimes become UTC literals; anything else is refused', () => {
    expect(soqlDateTime('2026-03-01T10:00:00.000+0000')).toBe('2026-03-01T10:00:00.000Z');
    expect(soqlDateTime('2026-03-01T12:30:00+02:30')).toBe('2026-03-01T10:00:00.000Z');
    expect(soqlDateTime('yesterday')).toBeNull();
  });
});

describe('how far a poll reads', () => {
  test('never into the second it runs in: SystemModstamp has whole seconds', () => {
    expect(pollUntil(new Date('2026-12-04T10:00:07.250Z'), 0).toISOString()).toBe('2026-12-04T10:00:06.999Z');
    expect(pollUntil(new Date('2026-12-04T10:00:07.000Z'), 0).toISOString()).toBe('2026-12-04T10:00:06.999Z');
  });

  test('the lag moves it back by whole seconds', () => {
    expect(pollUntil(new Date('2026-12-04T10:01:07.250Z'), 60).toISOString()).toBe(
      '2026-12-04T10:00:06.999Z',
    );
    expect(pollUntil(new Date('2026-12-04T10:00:07.250Z'), -5).toISOString()).toBe(
      '2026-12-04T10:00:06.999Z',
    );
  });
});

describe('watermark', () => {
  const start = { time: '2026-03-01T10:00:00.000+0000', lastId: '0038d000000Aaaa' };
  const rec = (seq: number) => ({
    seq,
    id: `id${String(seq).padStart(4, '0')}`,
    stamp: '2026-03-01T10:00:00.000+0000',
  });

  test('moves to the end of the run of finished records from the start', () => {
    const all = Array.from({ length: 2100 }, (_, i) => rec(i));
    expect(advance(start, all)).toEqual({
      mark: { time: rec(0).stamp, lastId: 'id2099' },
      passed: 2100,
      blockedAt: null,
    });
  });

  test('stops before the first record that did not finish, whatever finished after it', () => {
    const finished = Array.from({ length: 2100 }, (_, i) => rec(i)).filter((r) => r.seq !== 1000);
    expect(advance(start, finished)).toEqual({
      mark: { time: rec(0).stamp, lastId: 'id0999' },
      passed: 1000,
      blockedAt: 1000,
    });
  });

  test('stays where it was when the first record did not finish', () => {
    expect(advance(start, [rec(1), rec(2)])).toEqual({ mark: start, passed: 0, blockedAt: 0 });
    expect(advance(start, [])).toEqual({ mark: start, passed: 0, blockedAt: null });
  });

  test('only moves forward', () => {
    expect(isAfter({ time: '2026-03-01T10:00:00.001+0000', lastId: 'a' }, start)).toBe(true);
    expect(isAfter({ time: start.time, lastId: '0038d000000Aaab' }, start)).toBe(true);
    expect(isAfter(start, start)).toBe(false);
    expect(isAfter({ time: '2026-03-01T09:59:59.999+0000', lastId: 'z' }, start)).toBe(false);
    expect(isAfter(start, { time: '', lastId: '' })).toBe(true);
  });
});

describe('inbound settings', () => {
  test('safe defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      inboundAccountsEnabled: true,
      createOnly: false,
      matchCustomersByName: true,
      matchContactsByEmail: true,
      updateApprovedOrders: false,
      orderTypeField: 'custbody_order_type',
      orderTypeValues: { 'Contract New': '1', 'Contract Renewal': '2', 'Contract Upsell': '3' },
      pollLagSeconds: 60,
    });
  });

  test('stored values are read; broken ones fall back with a problem named', () => {
    const parsed = parseSettings({
      accountQualifyingStages: 'Closed Won, Negotiation/Review ,',
      createOnly: 'T',
      orderTypeValues: '{"Contract New": 11, "Contract Upsell": "13"}',
      pollLagSeconds: 0,
    });
    expect(parsed.settings.accountQualifyingStages).toEqual(['Closed Won', 'Negotiation/Review']);
    expect(parsed.settings.createOnly).toBe(true);
    expect(parsed.settings.orderTypeValues).toEqual({ 'Contract New': '11', 'Contract Upsell': '13' });
    expect(parsed.settings.pollLagSeconds).toBe(0);
    const broken = parseSettings({ orderTypeValues: '{oops', pollLagSeconds: '' });
    expect(broken.settings.orderTypeValues).toEqual(DEFAULT_SETTINGS.orderTypeValues);
    expect(broken.settings.pollLagSeconds).toBe(60);
    expect(broken.problems).toEqual([
      '"Contract Renewals Order Types" is not a JSON object; it was ignored.',
    ]);
  });
});
