import {
  decideAccount,
  decideContact,
  decideOrder,
  decideQuote,
  meetsOrderStages,
  orderRequested,
  quoteRequested,
} from '../../bundle/core/inbound/decide';
import { pickMatch, type Candidate, type MatchInput } from '../../bundle/core/inbound/lookup';
import type { SfOpportunity } from '../../bundle/core/inbound/types';
import { DEFAULT_SETTINGS } from '../../bundle/core/settings';
import type { Settings } from '../../bundle/core/types';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });
const ACC = '0018d000000AbcdAAA';

const candidate = (id: string, label: string, linkedTo = ''): Candidate => ({ id, label, linkedTo });
const input = (over: Partial<MatchInput>): MatchInput => ({
  recordLabel: 'customer',
  salesforceLabel: 'Account',
  salesforceId: ACC,
  byNetsuiteId: null,
  bySalesforceId: [],
  bySecondary: [],
  secondary: 'name',
  secondaryValue: 'Acme',
  ...over,
});

describe('lookups: NetSuite ID, then Salesforce ID, then name or e-mail', () => {
  test('the first step that answers wins', () => {
    expect(
      pickMatch(input({ byNetsuiteId: candidate('5', 'Acme'), bySecondary: [candidate('9', 'Acme')] })),
    ).toEqual({
      kind: 'found',
      id: '5',
      via: 'NetSuite ID',
    });
    expect(pickMatch(input({ bySalesforceId: [candidate('7', 'Acme', ACC)] }))).toMatchObject({
      id: '7',
      via: 'Salesforce ID',
    });
    expect(pickMatch(input({ bySecondary: [candidate('9', 'Acme')] }))).toMatchObject({
      id: '9',
      via: 'name',
    });
    expect(pickMatch(input({}))).toEqual({ kind: 'none' });
  });

  test('several name matches are an error naming each, and nothing is chosen', () => {
    const m = pickMatch(input({ bySecondary: [candidate('9', 'Acme'), candidate('12', 'ACME')] }));
    expect(m).toEqual({
      kind: 'error',
      code: 'SFSYNC_AMBIGUOUS_MATCH',
      message: expect.stringContaining(
        'Several NetSuite customers are named "Acme": Acme (internal ID 9), ACME (internal ID 12).',
      ),
    });
  });

  test('records linked to another Salesforce record are not name matches', () => {
    const m = pickMatch(
      input({ bySecondary: [candidate('9', 'Acme', '0018d000000ZzzzAAA'), candidate('12', 'Acme')] }),
    );
    expect(m).toMatchObject({ kind: 'found', id: '12' });
  });

  test('a NetSuite ID pointing at a record linked elsewhere is a conflict, not a match', () => {
    const m = pickMatch(input({ byNetsuiteId: candidate('5', 'Other', '0018d000000ZzzzAAA') }));
    expect(m).toMatchObject({ kind: 'error', code: 'SFSYNC_LINK_CONFLICT' });
  });

  test('two records carrying the same Salesforce ID are named', () => {
    const m = pickMatch(input({ bySalesforceId: [candidate('3', 'A', ACC), candidate('4', 'B', ACC)] }));
    expect(m).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('A (internal ID 3), B (internal ID 4)'),
    });
  });
});

describe('account decisions', () => {
  const customer = { id: '5', label: 'Acme', locked: false };
  test('linked accounts update without needing a won opportunity', () => {
    expect(decideAccount({ settings: settings(), qualifies: false, forced: false, customer })).toMatchObject({
      kind: 'update',
      id: '5',
    });
  });
  test('unlinked accounts need a qualifying opportunity unless another record needs them', () => {
    expect(
      decideAccount({ settings: settings(), qualifies: false, forced: false, customer: null }).kind,
    ).toBe('skip');
    expect(decideAccount({ settings: settings(), qualifies: true, forced: false, customer: null }).kind).toBe(
      'create',
    );
    expect(decideAccount({ settings: settings(), qualifies: false, forced: true, customer: null }).kind).toBe(
      'create',
    );
  });
  test('the lock skips and is logged; Create Only skips quietly', () => {
    expect(
      decideAccount({
        settings: settings(),
        qualifies: true,
        forced: true,
        customer: { ...customer, locked: true },
      }),
    ).toEqual({
      kind: 'skip',
      log: true,
      reason: expect.stringContaining('Salesforce Lock Record is checked on customer Acme (internal ID 5)'),
    });
    expect(
      decideAccount({ settings: settings({ createOnly: true }), qualifies: true, forced: false, customer }),
    ).toMatchObject({
      kind: 'skip',
      log: false,
    });
    expect(
      decideAccount({
        settings: settings({ createOnly: true }),
        qualifies: true,
        forced: false,
        customer: null,
      }).kind,
    ).toBe('create');
  });
  test('a disabled flow still syncs accounts other records need', () => {
    const off = settings({ inboundAccountsEnabled: false });
    expect(decideAccount({ settings: off, qualifies: true, forced: false, customer: null }).kind).toBe(
      'skip',
    );
    expect(decideAccount({ settings: off, qualifies: false, forced: true, customer: null }).kind).toBe(
      'create',
    );
  });
});

describe('contact decisions', () => {
  test('standalone contacts and contacts of unsynced accounts are skipped, not errors', () => {
    expect(
      decideContact({ settings: settings(), accountId: null, customerId: null, contact: null }),
    ).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('Standalone contact'),
    });
    expect(
      decideContact({ settings: settings(), accountId: ACC, customerId: null, contact: null }),
    ).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('not synced to NetSuite yet'),
    });
  });
  test('contacts of synced accounts are created or updated; locked ones are left alone', () => {
    expect(decideContact({ settings: settings(), accountId: ACC, customerId: '5', contact: null }).kind).toBe(
      'create',
    );
    expect(
      decideContact({
        settings: settings(),
        accountId: ACC,
        customerId: '5',
        contact: { id: '8', label: 'Ann', locked: false },
      }),
    ).toMatchObject({ kind: 'update', id: '8' });
    expect(
      decideContact({
        settings: settings(),
        accountId: ACC,
        customerId: '5',
        contact: { id: '8', label: 'Ann', locked: true },
      }),
    ).toMatchObject({ kind: 'skip', log: true });
  });
});

function opp(over: Partial<SfOpportunity> = {}): SfOpportunity {
  return {
    Id: '0068d000000AbcdAAA',
    Name: 'Big deal',
    AccountId: ACC,
    StageName: 'Closed Won',
    IsWon: true,
    CloseDate: '2026-03-01',
    Description: null,
    HasOpportunityLineItem: true,
    NetSuite_Id__c: null,
    NetSuite_Order_Number__c: null,
    NetSuite_Sync_Status__c: null,
    NetSuite_Sync__c: null,
    NetSuite_Order_Type__c: null,
    NetSuite_Originated_Order__c: false,
    Skip_Export_To_NetSuite__c: false,
    NetSuite_Estimate_Id__c: null,
    NetSuite_Estimate_Number__c: null,
    NetSuite_Estimate_Status__c: null,
    NetSuite_Estimate_Total__c: null,
    SystemModstamp: '2026-03-01T10:00:00.000+0000',
    OpportunityLineItems: {
      records: [
        {
          Id: '00k8d000000AbcdAAA',
          Quantity: 1,
          UnitPrice: 10,
          Discount: null,
          TotalPrice: 10,
          Description: null,
          Product2Id: '01t8d000000AbcdAAA',
        },
      ],
    },
    ...over,
  };
}

describe('order decisions', () => {
  const base = { settings: settings(), requested: false, meetsCriteria: true, order: null };
  test('Closed Won with products creates; without products nothing happens', () => {
    expect(decideOrder({ ...base, opp: opp() }).kind).toBe('create');
    expect(decideOrder({ ...base, opp: opp({ OpportunityLineItems: null }) }).kind).toBe('skip');
    expect(decideOrder({ ...base, requested: true, opp: opp({ OpportunityLineItems: null }) })).toMatchObject(
      {
        kind: 'fail',
        code: 'SFSYNC_NO_LINES',
      },
    );
  });
  test('Create NetSuite Order does not wait for the criteria', () => {
    expect(decideOrder({ ...base, meetsCriteria: false, opp: opp() }).kind).toBe('skip');
    expect(decideOrder({ ...base, meetsCriteria: false, requested: true, opp: opp() }).kind).toBe('create');
  });
  test('a linked order is updated while pending approval, or always by setting', () => {
    const order = { id: '70', tranId: 'SO70', status: 'A', netsuiteOriginated: false };
    expect(decideOrder({ ...base, opp: opp(), order })).toMatchObject({ kind: 'update', id: '70' });
    expect(decideOrder({ ...base, opp: opp(), order: { ...order, status: 'B' } })).toMatchObject({
      kind: 'skip',
      reason: expect.stringContaining('SO70 is no longer pending approval'),
    });
    expect(
      decideOrder({
        ...base,
        settings: settings({ updateApprovedOrders: true }),
        opp: opp(),
        order: { ...order, status: 'B' },
      }).kind,
    ).toBe('update');
  });
  test('opportunities of NetSuite-originated orders never write to NetSuite', () => {
    expect(decideOrder({ ...base, opp: opp({ NetSuite_Originated_Order__c: true }) }).kind).toBe('skip');
    expect(decideOrder({ ...base, opp: opp({ Skip_Export_To_NetSuite__c: true }) }).kind).toBe('skip');
  });
  test('criteria: stage list, or IsWon by default; a SOQL condition decides by itself', () => {
    expect(meetsOrderStages(opp({ IsWon: false, StageName: 'Negotiation/Review' }), settings())).toBe(false);
    expect(
      meetsOrderStages(
        opp({ IsWon: false, StageName: 'Negotiation/Review' }),
        settings({ orderQualifyingStages: ['Negotiation/Review'] }),
      ),
    ).toBe(true);
    expect(meetsOrderStages(opp({ IsWon: false }), settings({ orderQualificationSoql: 'Amount > 5' }))).toBe(
      true,
    );
  });
  test('requests come from the buttons or from the status a handover left', () => {
    expect(orderRequested(opp(), 'order')).toBe(true);
    expect(orderRequested(opp({ NetSuite_Sync_Status__c: 'Processing' }), 'sync')).toBe(true);
    expect(orderRequested(opp({ NetSuite_Sync_Status__c: 'Completed' }), 'sync')).toBe(false);
    expect(quoteRequested(opp({ NetSuite_Estimate_Status__c: 'Requested' }), 'sync')).toBe(true);
    expect(quoteRequested(opp({ NetSuite_Estimate_Status__c: 'Open' }), 'sync')).toBe(false);
  });
});

describe('quote decisions', () => {
  test('a second request updates the estimate of the first', () => {
    expect(decideQuote({ opp: opp(), estimate: null }).kind).toBe('create');
    expect(decideQuote({ opp: opp(), estimate: { id: '90' } })).toMatchObject({ kind: 'update', id: '90' });
    expect(decideQuote({ opp: opp({ AccountId: null }), estimate: null })).toMatchObject({
      code: 'SFSYNC_NO_ACCOUNT',
    });
  });
});
