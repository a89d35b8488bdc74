/**
 * DUPLICATE_VALUE on the external ID an upsert was keyed by is the trace of two upserts of one new record
 * at once: the retry updates the record the other one made, so it is retryable. Any other DUPLICATE_VALUE
 * still needs a person.
 */
import { compositeFailure, upsertFieldOf, type Step } from '../../bundle/core/composite';
import { isRetryableCode, isUpsertRace, salesforceError } from '../../bundle/core/errors';

const BASE = '/services/data/v62.0';
const RACE = 'duplicate value found: NetSuite_Id__c duplicates value on record with id: 001000000000001AAA';

function step(method: Step['method'], url: string, referenceId = 'acct_7'): Step {
  return { method, url, referenceId, body: { Name: 'Acme' }, heavy: false, subject: 'customer C-7' };
}

describe('which request upserts by which field', () => {
  test.each([
    ['PATCH', `${BASE}/sobjects/Account/NetSuite_Id__c/7`, 'NetSuite_Id__c'],
    ['PATCH', `${BASE}/sobjects/Opportunity/NetSuite_Id__c/42?updateOnly=false`, 'NetSuite_Id__c'],
    ['PATCH', `${BASE}/composite/sobjects/Product2/NetSuite_Id__c`, 'NetSuite_Id__c'],
    ['PATCH', `${BASE}/composite/sobjects/OpportunityLineItem/NetSuite_Line_Id__c`, 'NetSuite_Line_Id__c'],
    ['PATCH', `${BASE}/sobjects/Account/001000000000001AAA`, ''],
    ['PATCH', `${BASE}/composite/sobjects`, ''],
    ['PATCH', `${BASE}/sobjects/Account/Id/001000000000001AAA`, ''],
    ['POST', `${BASE}/sobjects/Account`, ''],
    ['GET', `${BASE}/query?q=SELECT+Id+FROM+Account`, ''],
  ] as const)('%s %s → %j', (method, url, field) => {
    expect(upsertFieldOf({ method, url })).toBe(field);
  });
});

describe('DUPLICATE_VALUE classification', () => {
  test('on the field the request upserted by: a race, retryable, and the message says so', () => {
    const error = salesforceError(
      [{ errorCode: 'DUPLICATE_VALUE', message: RACE, fields: [], upsertField: 'NetSuite_Id__c' }],
      400,
      'customer C-7',
    );
    expect(error).toMatchObject({ code: 'DUPLICATE_VALUE', retryable: true, source: 'salesforce' });
    expect(error.message).toBe(
      'Salesforce was creating the same record for customer C-7 in another sync at the same moment (same NetSuite_Id__c), so this one found the value taken. sfsync will try again automatically and update the record the other sync made.',
    );
  });

  test('the field may come in `fields` instead of the message', () => {
    expect(
      isUpsertRace({
        errorCode: 'DUPLICATE_VALUE',
        message: 'duplicate value found: <unknown> duplicates value on record with id: <unknown>',
        fields: ['NetSuite_Id__c'],
        upsertField: 'NetSuite_Id__c',
      }),
    ).toBe(true);
  });

  test('not an upsert by that field (an update by Id, a create): still a duplicate someone must fix', () => {
    const error = salesforceError(
      [{ errorCode: 'DUPLICATE_VALUE', message: RACE, fields: [] }],
      400,
      'customer C-7',
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Link or merge the duplicate in Salesforce, then press Retry.');
  });

  test('a duplicate of another unique field during an upsert is not a race', () => {
    const item = {
      errorCode: 'DUPLICATE_VALUE',
      message: 'duplicate value found: Tax_Number__c duplicates value on record with id: 001000000000002AAA',
      fields: ['Tax_Number__c'],
      upsertField: 'NetSuite_Id__c',
    };
    expect(isUpsertRace(item)).toBe(false);
    expect(salesforceError([item], 400, 'customer C-7').retryable).toBe(false);
  });

  test('the code alone stays non-retryable', () => {
    expect(isRetryableCode('DUPLICATE_VALUE', 400)).toBe(false);
  });
});

describe('in a composite response', () => {
  const halted = { errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back.' };
  const duplicate = { errorCode: 'DUPLICATE_VALUE', message: RACE, fields: [] };

  test('the account upsert of a customer or order sync failing with DUPLICATE_VALUE is retryable', () => {
    const steps = [
      step('PATCH', `${BASE}/sobjects/Account/NetSuite_Id__c/7`),
      { ...step('PATCH', `${BASE}/sobjects/Opportunity/NetSuite_Id__c/42`, 'opp'), subject: 'order SO42' },
    ];
    const error = compositeFailure(steps, [
      { referenceId: 'acct_7', httpStatusCode: 400, body: [duplicate] },
      { referenceId: 'opp', httpStatusCode: 400, body: [halted] },
    ]);
    expect(error).toMatchObject({ code: 'DUPLICATE_VALUE', retryable: true });
    expect(error?.message).toContain('for customer C-7 in another sync at the same moment');
  });

  test('the same error on an update by Salesforce ID is not', () => {
    const error = compositeFailure(
      [step('PATCH', `${BASE}/sobjects/Account/001000000000009AAA`)],
      [{ referenceId: 'acct_7', httpStatusCode: 400, body: [duplicate] }],
    );
    expect(error).toMatchObject({ code: 'DUPLICATE_VALUE', retryable: false });
  });

  test('a product created by two orders at once (collection upsert) is retryable too', () => {
    const products: Step = {
      method: 'PATCH',
      url: `${BASE}/composite/sobjects/Product2/NetSuite_Id__c`,
      referenceId: 'products_0',
      body: { allOrNone: true, records: [{ NetSuite_Id__c: '55', Name: 'Widget' }] },
      heavy: true,
      subject: 'the products of the order',
    };
    const error = compositeFailure(
      [products],
      [
        {
          referenceId: 'products_0',
          httpStatusCode: 200,
          body: [{ success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: RACE, fields: [] }] }],
        },
      ],
    );
    expect(error).toMatchObject({ code: 'DUPLICATE_VALUE', retryable: true });
  });
});
