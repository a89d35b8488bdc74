import { compositeFailure, packComposites, resolveRefs, type Step } from '../../bundle/core/composite';
import {
  describeSalesforceError,
  isRetryableCode,
  salesforceError,
  toSyncError,
} from '../../bundle/core/errors';
import { afterFailure, backoffMs } from '../../bundle/core/log-policy';
import { mapAccount, mapOpportunity } from '../../bundle/core/mapping';
import { planOrder } from '../../bundle/core/order-plan';
import { qualifyCustomer, qualifyOrder } from '../../bundle/core/qualify';
import { DEFAULT_SETTINGS, parseSettings } from '../../bundle/core/settings';
import { cut, excerpt, hashText, redact, soqlString, stableJson } from '../../bundle/core/text';
import type { CustomerSnapshot, OrderSnapshot, Settings } from '../../bundle/core/types';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

const step = (ref: string, heavy: boolean): Step => ({
  method: 'GET',
  url: `/x/${ref}`,
  referenceId: ref,
  heavy,
  subject: ref,
});

describe('composite packing', () => {
  test('at most 5 collections or queries and 25 subrequests per call', () => {
    const steps = [step('a', false), ...Array.from({ length: 11 }, (_, i) => step(`c${i}`, true))];
    const batches = packComposites(steps);
    expect(batches.map((b) => b.length)).toEqual([6, 5, 1]);
    const many = Array.from({ length: 30 }, (_, i) => step(`s${i}`, false));
    expect(packComposites(many).map((b) => b.length)).toEqual([25, 5]);
  });

  test('references to earlier calls are replaced, same-call references kept', () => {
    const known = { opp: { id: '006000000000001AAA' }, products_0: [{ id: '01t1' }, { id: '01t2' }] };
    const resolved = resolveRefs(
      { a: '@{opp.id}', b: '@{products_0[1].id}', c: '@{later.id}', d: 'x/@{opp.id}/y' },
      known,
    );
    expect(resolved).toEqual({
      a: '006000000000001AAA',
      b: '01t2',
      c: '@{later.id}',
      d: 'x/006000000000001AAA/y',
    });
  });

  test('the failing subrequest is reported, not the rolled-back ones', () => {
    const steps = [step('acct', false), step('opp', false)];
    const error = compositeFailure(steps, [
      {
        referenceId: 'acct',
        httpStatusCode: 400,
        body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }],
      },
      {
        referenceId: 'opp',
        httpStatusCode: 400,
        body: [
          {
            errorCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required fields are missing: [StageName]',
            fields: ['StageName'],
          },
        ],
      },
    ]);
    expect(error?.code).toBe('REQUIRED_FIELD_MISSING');
    expect(error?.retryable).toBe(false);
    expect(error?.message).toContain(
      'StageName comes from the setting "Stage for NetSuite Originated Opportunities"',
    );
  });

  test('a per-record failure inside a collection names the record as the user knows it', () => {
    const s: Step = {
      ...step('lines', true),
      body: { records: [{ NetSuite_Line_Id__c: '7_1_5' }, { NetSuite_Line_Id__c: '7_2_6' }] },
      recordSubjects: ['line 1 (WIDGET-A) of order SO7', 'line 3 (GADGET-B) of order SO7'],
    };
    const error = compositeFailure(
      [s],
      [
        {
          referenceId: 'lines',
          httpStatusCode: 200,
          body: [
            { success: true, id: 'x' },
            { success: false, errors: [{ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: 'bad price' }] },
          ],
        },
      ],
    );
    expect(error?.code).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(error?.message).toBe('Salesforce refused values of line 3 (GADGET-B) of order SO7: bad price.');
  });

  test('300 means several records share the external ID', () => {
    const error = compositeFailure(
      [step('opp', false)],
      [{ referenceId: 'opp', httpStatusCode: 300, body: ['/a', '/b'] }],
    );
    expect(error?.code).toBe('MULTIPLE_CHOICES');
  });
});

describe('error classification', () => {
  test.each([
    ['UNABLE_TO_LOCK_ROW', 400, true],
    ['REQUEST_LIMIT_EXCEEDED', 403, true],
    ['SERVER_UNAVAILABLE', 503, true],
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 400, false],
    ['DUPLICATE_VALUE', 400, false],
    ['HTTP_502', 502, true],
  ])('%s (%i) retryable=%s', (code, status, retryable) => {
    expect(isRetryableCode(code, status)).toBe(retryable);
  });

  test('a validation rule message is shown as is', () => {
    const text = describeSalesforceError(
      { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Close date cannot be in 1999' },
      'order SO1',
    );
    expect(text).toContain('"Close date cannot be in 1999"');
    expect(text).toContain('order SO1');
  });

  test('NetSuite timeouts are retryable network errors with plain words', () => {
    const e = toSyncError({ name: 'SSS_REQUEST_TIME_EXCEEDED', message: 'timed out' }, 'order SO2');
    expect(e).toMatchObject({ code: 'SSS_REQUEST_TIME_EXCEEDED', retryable: true, source: 'network' });
    expect(e.message).toBe(
      'Salesforce did not answer in time while sending order SO2. sfsync will try again automatically.',
    );
  });

  test('salesforceError keeps code and status', () => {
    const e = salesforceError(
      [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }],
      404,
      'order SO3',
    );
    expect(e).toMatchObject({ code: 'ENTITY_IS_DELETED', httpStatus: 404, retryable: false });
  });
});

describe('log lifecycle', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  test('retryable failures back off exponentially, then fail for good', () => {
    expect(backoffMs(1)).toBe(5 * 60 * 1000);
    expect(backoffMs(3)).toBe(20 * 60 * 1000);
    expect(backoffMs(30)).toBe(12 * 60 * 60 * 1000);
    expect(afterFailure(0, true, 3, now)).toEqual({
      status: 'Retrying',
      attempts: 1,
      nextAttemptAt: new Date('2026-01-01T00:05:00Z'),
    });
    expect(afterFailure(2, true, 3, now)).toEqual({ status: 'Failed', attempts: 3, nextAttemptAt: null });
    expect(afterFailure(0, false, 3, now)).toEqual({ status: 'Error', attempts: 1, nextAttemptAt: null });
  });
});

describe('gates', () => {
  const base = {
    eventType: 'create',
    sendAsOpportunity: false,
    opportunityId: '',
    salesforceOriginated: false,
  };
  test('new orders sync only when Send Order as Salesforce Opportunity is checked', () => {
    expect(qualifyOrder({ ...base, settings: settings() }).sync).toBe(false);
    expect(qualifyOrder({ ...base, sendAsOpportunity: true, settings: settings() }).sync).toBe(true);
  });
  test('linked orders follow the two update settings', () => {
    const linked = { ...base, eventType: 'edit', opportunityId: '006x' };
    expect(qualifyOrder({ ...linked, settings: settings() })).toEqual({
      sync: false,
      reason: 'Sync updates for NetSuite Originated Orders is off in sfsync Settings.',
    });
    expect(
      qualifyOrder({ ...linked, settings: settings({ syncNetSuiteOriginatedUpdates: true }) }).sync,
    ).toBe(true);
    expect(
      qualifyOrder({
        ...linked,
        salesforceOriginated: true,
        settings: settings({ syncNetSuiteOriginatedUpdates: true }),
      }).sync,
    ).toBe(false);
    expect(
      qualifyOrder({
        ...linked,
        salesforceOriginated: true,
        settings: settings({ syncSalesforceOriginated: true }),
      }).sync,
    ).toBe(true);
  });
  test('advanced mode: the saved search decides', () => {
    const adv = settings({ advancedMode: true, orderQualificationSearch: 'customsearch_x' });
    expect(
      qualifyOrder({ ...base, sendAsOpportunity: true, settings: adv, inQualificationSearch: false }).sync,
    ).toBe(false);
    expect(qualifyOrder({ ...base, settings: adv, inQualificationSearch: true }).sync).toBe(true);
  });
  test('customers: linked always, new ones by setting', () => {
    expect(qualifyCustomer({ settings: settings(), eventType: 'edit', accountId: '001x' }).sync).toBe(true);
    expect(qualifyCustomer({ settings: settings(), eventType: 'create', accountId: '' }).sync).toBe(false);
    expect(
      qualifyCustomer({
        settings: settings({ createAccountsForNewCustomers: true }),
        eventType: 'create',
        accountId: '',
      }).sync,
    ).toBe(true);
  });
});

describe('settings', () => {
  test('defaults are safe and bad JSON is reported, not fatal', () => {
    const parsed = parseSettings({
      priceLevelBooks: '{not json',
      syncNetSuiteOriginatedUpdates: 'T',
      zeroQuantityPolicy: 'Send as 1 at price 0',
      alertRecipients: 'a@x.com, nope',
    });
    expect(parsed.settings.priceLevelBooks).toEqual({});
    expect(parsed.problems).toEqual([
      '"Price Level to Price Book Map" is not a JSON object; it was ignored.',
    ]);
    expect(parsed.settings.syncNetSuiteOriginatedUpdates).toBe(true);
    expect(parsed.settings.zeroQuantityPolicy).toBe('one-at-zero');
    expect(parsed.settings.alertRecipients).toEqual(['a@x.com']);
    expect(parsed.settings.netsuiteOriginatedStage).toBe('Closed Won');
  });
});

describe('text', () => {
  test('hash ignores key order and changes with content', () => {
    expect(hashText(stableJson({ a: 1, b: [1, 2] }))).toBe(hashText(stableJson({ b: [1, 2], a: 1 })));
    expect(hashText(stableJson({ a: 1 }))).not.toBe(hashText(stableJson({ a: 2 })));
    expect(hashText('x')).toMatch(/^[0-9a-f]{16}$/);
  });
  test('cut never splits an emoji', () => {
    expect(cut('ab😀cd', 3)).toEqual({ value: 'ab', cut: true });
    expect(cut('ab😀cd', 4)).toEqual({ value: 'ab😀', cut: true });
    expect(cut('abc', 3)).toEqual({ value: 'abc', cut: false });
  });
  test('tokens, secrets and Authorization headers are redacted', () => {
    const text = redact(
      '{"access_token":"00Dxx0000001gPL!AQ4AQFsecret","client_secret":"s3cr3t"} Authorization: Bearer abcdefghijkl',
    );
    expect(text).not.toMatch(/AQ4AQFsecret|s3cr3t|abcdefghijkl/);
    expect(excerpt('x'.repeat(50), 10)).toBe('xxxxxxxxxx… (40 more characters)');
  });
  test('SOQL literals are escaped', () => {
    expect(soqlString("O'Brien \\ Co")).toBe("'O\\'Brien \\\\ Co'");
  });
});

describe('mapping', () => {
  const customer: CustomerSnapshot = {
    id: '5',
    entityId: 'C5',
    companyName: 'A'.repeat(300),
    isPerson: false,
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    url: '',
    parentId: '',
    accountId: '',
    currencyIso: 'USD',
    balance: 10.005,
    overdueBalance: 0,
    creditLimit: 5000,
    unbilledOrders: null,
    onHold: 'Auto',
    payloadHash: '',
    hadError: false,
    extra: { custentity_tier: 'Gold' },
  };
  test('long names are cut to the Salesforce length with a warning', () => {
    const m = mapAccount(customer, settings());
    expect((m.body.Name as string).length).toBe(255);
    expect(m.warnings).toEqual([
      'Customer C5: Account.Name was cut to the Salesforce limit of 255 characters.',
    ]);
    expect(m.body).toMatchObject({
      CurrencyIsoCode: 'USD',
      NetSuite_Credit_Limit__c: 5000,
      NetSuite_On_Hold__c: 'Auto',
    });
  });
  test('overrides add and remove fields', () => {
    const m = mapAccount(
      customer,
      settings({ fieldMapOverrides: { Account: { Rating: 'custentity_tier', Phone: null } } }),
    );
    expect(m.body.Rating).toBe('Gold');
    expect('Phone' in m.body).toBe(false);
  });
  test('stage and originated flags only on create', () => {
    const order = {
      id: '9',
      tranId: 'SO9',
      tranDate: '2026-02-03',
      memo: 'm',
      currencyIso: null,
      salesforceOriginated: false,
      extra: {},
    } as unknown as OrderSnapshot;
    const created = mapOpportunity({
      order,
      customerName: 'Acme',
      creating: true,
      settings: settings({ netsuiteAccountUrl: 'https://1.app.netsuite.com' }),
    });
    expect(created.body).toMatchObject({
      Name: 'Acme - SO9',
      StageName: 'Closed Won',
      CloseDate: '2026-02-03',
      NetSuite_Originated_Order__c: true,
      Skip_Export_To_NetSuite__c: true,
      NetSuite_Order_Record__c: 'https://1.app.netsuite.com/app/accounting/transactions/salesord.nl?id=9',
    });
    const updated = mapOpportunity({ order, customerName: 'Acme', creating: false, settings: settings() });
    expect('StageName' in updated.body).toBe(false);
  });
});

describe('order plan', () => {
  test('a new order: accounts, standard book lookup, opportunity and lines in one call', () => {
    const plan = planOrder({
      base: '/services/data/v62.0',
      orderId: '9',
      subject: 'order SO9',
      priceBookId: '',
      standardBookId: '',
      accounts: [
        { customerId: '4', entityId: 'P', body: { Name: 'Parent' }, parent: null, accountId: '' },
        {
          customerId: '5',
          entityId: 'C',
          body: { Name: 'Child' },
          parent: { customerId: '4' },
          accountId: '',
        },
      ],
      accountId: '',
      customerId: '5',
      products: [],
      entries: [],
      opportunityId: '',
      opportunity: { Name: 'x' },
      lines: [
        {
          line: {
            key: '1',
            lineNumber: 1,
            itemId: '77',
            itemName: 'W',
            priceLevel: null,
            quantity: 2,
            unitPrice: 10,
            totalPrice: null,
            discountPercent: 0,
            netCents: 2000,
            description: '',
          },
          externalId: '9_1_77',
          salesforceId: '',
          entryId: '01u1',
        },
      ],
    });
    expect(plan.steps.map((s) => s.referenceId)).toEqual([
      'acct_4',
      'acct_5',
      'stdbook',
      'opp',
      'newlines_0',
    ]);
    expect((plan.steps[1]!.body as Record<string, unknown>).ParentId).toBe('@{acct_4.id}');
    expect(plan.steps[3]!.body).toMatchObject({
      AccountId: '@{acct_5.id}',
      Pricebook2Id: '@{stdbook.records[0].Id}',
    });
    expect(packComposites(plan.steps)).toHaveLength(1);
  });
  test('2,000 known lines fit in two calls', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => ({
      line: {
        key: String(i),
        lineNumber: i + 1,
        itemId: '1',
        itemName: 'W',
        priceLevel: null,
        quantity: 1,
        unitPrice: 1,
        totalPrice: null,
        discountPercent: 0,
        netCents: 100,
        description: '',
      },
      externalId: `9_${i}_1`,
      salesforceId: `00k${i}`,
      entryId: '01u1',
    }));
    const plan = planOrder({
      base: '/b',
      orderId: '9',
      subject: 's',
      priceBookId: '',
      standardBookId: '01s1',
      accounts: [],
      accountId: '001',
      customerId: '5',
      products: [],
      entries: [],
      opportunityId: '006',
      opportunity: {},
      lines,
    });
    expect(packComposites(plan.steps)).toHaveLength(2);
  });
});
