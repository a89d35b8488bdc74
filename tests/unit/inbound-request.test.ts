import { isIdOf, toId18 } from '../../bundle/core/inbound/ids';
import {
  MAX_BATCH,
  MAX_BODY_CHARS,
  parseFinancialsQuery,
  parsePostBody,
} from '../../bundle/core/inbound/request';

const ACCOUNT = '0018d00000ABCDEfGH';
const ACCOUNT_15 = ACCOUNT.slice(0, 15);
const CONTACT = '0038d000001xYzQAAU';
const OPP = '0068d000000Abc1AAC';

function error(body: unknown) {
  const parsed = parsePostBody(body);
  if (parsed.ok) throw new Error(`expected a refusal, got ${JSON.stringify(parsed.value)}`);
  return parsed.error;
}

describe('Salesforce IDs', () => {
  test('a 15-character ID gets the checksum suffix Salesforce gives it', () => {
    expect(toId18('001000000000001')).toBe('001000000000001AAA');
    expect(toId18('001D000000IqhSL')).toBe('001D000000IqhSLIAZ');
    expect(toId18('a0Xb0000000ZzZz')).toBe('a0Xb0000000ZzZzEAK');
  });

  test('an 18-character ID gets its case back from the suffix; a wrong suffix is no ID', () => {
    expect(toId18('001d000000iqhsliaz')).toBe('001D000000IqhSLIAZ');
    expect(toId18('001D000000IqhSL#AZ')).toBeNull();
    expect(toId18('001D000000IqhSL999')).toBeNull();
    expect(toId18("001' OR Name != '")).toBeNull();
    expect(toId18('0011')).toBeNull();
  });

  test('the key prefix tells the object', () => {
    expect(isIdOf('Account', ACCOUNT)).toBe(true);
    expect(isIdOf('Contact', ACCOUNT)).toBe(false);
    expect(isIdOf('Opportunity', OPP)).toBe(true);
  });
});

describe('RESTlet POST bodies', () => {
  test('one record, as JSON text or as the object NetSuite parsed', () => {
    const want = [{ object: 'Account', id: toId18(ACCOUNT_15), action: 'sync' }];
    expect(parsePostBody(`{"object":"Account","id":"${ACCOUNT_15}"}`)).toEqual({ ok: true, value: want });
    expect(parsePostBody({ object: 'Account', id: ACCOUNT_15 })).toEqual({ ok: true, value: want });
  });

  test('a batch keeps its order, drops exact duplicates and takes actions for opportunities', () => {
    const parsed = parsePostBody({
      records: [
        { object: 'Opportunity', id: OPP, action: 'quote' },
        { object: 'Contact', id: CONTACT },
        { object: 'Opportunity', id: OPP, action: 'quote' },
        { object: 'Opportunity', id: OPP, action: 'order' },
      ],
    });
    expect(parsed).toEqual({
      ok: true,
      value: [
        { object: 'Opportunity', id: OPP, action: 'quote' },
        { object: 'Contact', id: CONTACT, action: 'sync' },
        { object: 'Opportunity', id: OPP, action: 'order' },
      ],
    });
  });

  test('a change notification of a record-triggered flow names the record', () => {
    const parsed = parsePostBody({
      sobject: 'Contact',
      event: 'updated',
      id: CONTACT,
      changedFields: ['Email'],
      record: { Id: CONTACT, Email: 'a@b.c' },
    });
    expect(parsed).toEqual({ ok: true, value: [{ object: 'Contact', id: CONTACT, action: 'sync' }] });
    expect(error({ sobject: 'Contact', event: 'merged', id: CONTACT }).message).toContain('"event" "merged"');
  });

  test('broken JSON, empty bodies and non-objects are refused with what is wrong', () => {
    expect(error('{"object": "Account",')).toMatchObject({ status: 400, code: 'INVALID_JSON' });
    expect(error('   ')).toMatchObject({ status: 400, code: 'EMPTY_BODY' });
    expect(error(null)).toMatchObject({ status: 400, code: 'EMPTY_BODY' });
    expect(error('[1,2]')).toMatchObject({
      status: 400,
      code: 'INVALID_BODY',
      message: expect.stringContaining('array'),
    });
    expect(error(42)).toMatchObject({ status: 415, code: 'UNSUPPORTED_BODY' });
  });

  test('missing and mistyped fields are named, each one', () => {
    const e = error({
      records: [{ object: 'Account' }, { object: 'Account', id: 12345 }, { object: 7, id: ACCOUNT }],
    });
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.details).toEqual([
      'records[0].id is missing (the Salesforce Account ID).',
      'records[1].id must be a string, not number.',
      'records[2].object must be a string, not number.',
    ]);
    expect(e.message).toBe('records[0].id is missing (the Salesforce Account ID). (and 2 more)');
  });

  test('unknown objects, fields and actions are refused', () => {
    expect(error({ object: 'Lead', id: '00Q8d000000AbcdEAC' }).message).toBe(
      'The body.object "Lead" is not an object sfsync takes from Salesforce (Account, Contact or Opportunity).',
    );
    expect(error({ object: 'Account', id: ACCOUNT, Name: 'x' }).message).toContain('unknown field "Name"');
    expect(error({ object: 'Account', id: ACCOUNT, action: 'quote' }).message).toContain(
      'not allowed for Account (allowed: sync)',
    );
    expect(error({ records: [], extra: 1 }).details).toEqual([
      'Unknown field "extra" next to "records".',
      '"records" is empty; send at least one record.',
    ]);
  });

  test('an ID of another object, or SOQL in place of an ID, is not an ID', () => {
    expect(error({ object: 'Contact', id: ACCOUNT }).message).toContain('is not a Salesforce Contact ID');
    expect(error({ object: 'Account', id: "001' OR Name LIKE '%" }).message).toContain(
      'is not a Salesforce Account ID',
    );
  });

  test('oversized batches and bodies are refused before anything else', () => {
    const records = Array.from({ length: MAX_BATCH + 1 }, () => ({ object: 'Account', id: ACCOUNT }));
    expect(error({ records })).toMatchObject({ status: 413, code: 'BATCH_TOO_LARGE' });
    const huge = JSON.stringify({ object: 'Account', id: ACCOUNT, pad: 'x'.repeat(10 * 1024 * 1024) });
    expect(error(huge)).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    expect(error(JSON.parse(huge))).toMatchObject({ status: 413, code: 'BODY_TOO_LARGE' });
    expect(huge.length).toBeGreaterThan(MAX_BODY_CHARS);
  });
});

describe('RESTlet GET parameters (Update from NetSuite)', () => {
  test('an account ID or a NetSuite ID, never both, never anything else', () => {
    expect(parseFinancialsQuery({ script: '12', deploy: '1', accountId: ACCOUNT_15 })).toEqual({
      ok: true,
      value: { by: 'account', accountId: toId18(ACCOUNT_15) },
    });
    expect(parseFinancialsQuery({ netsuiteId: '42' })).toEqual({
      ok: true,
      value: { by: 'customer', customerId: '42' },
    });
    expect(parseFinancialsQuery({})).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(parseFinancialsQuery({ accountId: ACCOUNT, netsuiteId: '4' })).toMatchObject({ ok: false });
    expect(parseFinancialsQuery({ netsuiteId: '4 OR 1=1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ID' },
    });
    expect(parseFinancialsQuery({ accountId: CONTACT })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ID' },
    });
    expect(parseFinancialsQuery({ id: '4' })).toMatchObject({
      ok: false,
      error: { message: 'Unknown parameter "id"; use accountId or netsuiteId.' },
    });
  });
});
