import { salesforceError } from '../../bundle/core/errors';
import { chunkResults, collectionSteps } from '../../bundle/core/golive-collections';

const BASE = '/services/data/v62.0';
const duplicate = {
  statusCode: 'DUPLICATE_VALUE',
  message: 'duplicate value found: NetSuite_Id__c duplicates value on record with id: 0018d000000000AAAQ',
  fields: [],
};

function resultOf(mode: 'upsert' | 'create') {
  const plan = collectionSteps(
    BASE,
    mode,
    'Account',
    [{ key: '7', record: { attributes: { type: 'Account' }, NetSuite_Id__c: '7', Name: 'Acme' } }],
    'accounts',
    'the bulk sync of customers',
  );
  const results = chunkResults(
    plan.chunks,
    {
      accounts_0: {
        referenceId: 'accounts_0',
        httpStatusCode: 200,
        body: [{ success: false, errors: [duplicate] }],
      },
    },
    { errorCode: 'PROCESSING_HALTED', message: 'not sent' },
  );
  return results.get('7')!;
}

describe('bulk collections: two upserts of one new external ID at once', () => {
  test('a DUPLICATE_VALUE on the field a chunk upserts by is a race, retried', () => {
    const result = resultOf('upsert');
    expect(result.ok).toBe(false);
    const error = salesforceError(result.errors, 400, 'customer Acme');
    expect(error).toMatchObject({ code: 'DUPLICATE_VALUE', retryable: true });
    expect(error.message).toContain('in another sync at the same moment (same NetSuite_Id__c)');
  });

  test('the same error on a plain create is not a race: a person has to look', () => {
    const error = salesforceError(resultOf('create').errors, 400, 'customer Acme');
    expect(error).toMatchObject({ code: 'DUPLICATE_VALUE', retryable: false });
  });
});
