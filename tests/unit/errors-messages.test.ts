import { SyncError, namingSubject, salesforceError, toSyncError } from '../../bundle/core/errors';

describe('messages name the record, the field and the fix', () => {
  test('an error raised deep down gets the record in front; one that names it already is kept', () => {
    const login = toSyncError({ name: 'SSS_CONNECTION_CLOSED', message: 'refused' }, 'the Salesforce login');
    const named = toSyncError(login, 'order SO1007');
    expect(named.message).toMatch(/^Order SO1007: sfsync could not reach Salesforce/);
    expect(named).toMatchObject({ code: 'SSS_CONNECTION_CLOSED', retryable: true, source: 'network' });
    const own = salesforceError([{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }], 503, 'order SO1');
    expect(namingSubject(own, 'order SO1')).toBe(own);
  });

  test('request and response excerpts travel with the named copy', () => {
    const e = salesforceError([{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }], 400, 'customer C-1');
    e.request = 'POST /composite';
    e.response = 'HTTP 200';
    const named = namingSubject(e, 'order SO9');
    expect(named).toMatchObject({ request: 'POST /composite', response: 'HTTP 200', retryable: true });
  });

  test.each([
    ['SSS_CONNECTION_CLOSED', true, /could not reach Salesforce.*My Domain URL/],
    ['SSS_REQUEST_TIME_EXCEEDED', true, /did not answer in time/],
    ['SSS_UNKNOWN_HOST', false, /does not exist.*My Domain URL/],
    ['SSS_SECRET_NOT_FOUND', false, /custsecret_sfsync_client_secret.*API Secrets/],
    ['RCRD_HAS_BEEN_CHANGED', true, /Someone else saved order SO4/],
  ])('NetSuite %s: retryable %s', (name, retryable, words) => {
    const e = toSyncError({ name, message: 'detail' }, 'order SO4');
    expect(e.retryable).toBe(retryable);
    expect(e.message).toMatch(words);
    expect(e.message).toContain('order SO4');
  });

  test.each([
    ['ENTITY_IS_DELETED', 404, false, /deleted in Salesforce.*"Salesforce Opportunity ID".*recycle bin/],
    ['MULTIPLE_CHOICES', 300, false, /same NetSuite ID \(field NetSuite_Id__c\).*Merge or delete/],
    ['REQUEST_LIMIT_EXCEEDED', 403, true, /API request limit.*without using up attempts/],
    ['HTTP_502', 502, true, /temporary problem \(HTTP 502\).*try again automatically/],
  ])('Salesforce %s (%i): retryable %s', (code, status, retryable, words) => {
    const e = salesforceError([{ errorCode: code, message: 'x' }], status, 'order SO5');
    expect(e.retryable).toBe(retryable);
    expect(e.message).toMatch(words);
  });

  test('a customer names its own Salesforce ID field', () => {
    const e = salesforceError([{ errorCode: 'ENTITY_IS_DELETED', message: 'x' }], 404, 'customer C-7');
    expect(e.message).toContain('"Salesforce Account ID" on the customer');
  });

  test('no token or secret survives in a message, whoever made the error', () => {
    const e = new SyncError({
      code: 'X',
      message:
        'sent Authorization: Bearer 00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog then {"access_token":"abc.def"}',
      retryable: false,
      source: 'salesforce',
    });
    expect(e.message).not.toMatch(/AR8AQ|abc\.def/);
    expect(e.message).toContain('[REDACTED]');
    const wrapped = toSyncError({ name: 'SSS_X', message: 'client_secret=s3cr3t-value' }, 'order SO6');
    expect(wrapped.message).not.toContain('s3cr3t-value');
  });
});
