import { LOG } from '../../bundle/catalogue';
import { startInbound, unique, wonAccount, type InboundStack } from './support/inbound';

let stack: InboundStack;

beforeAll(async () => {
  stack = await startInbound();
});
afterAll(async () => {
  await stack?.close();
});

/** Everything a request could write: NetSuite records of the flows, log entries, Salesforce API calls. */
async function footprint() {
  return {
    customers: stack.ns.list('customer').length,
    contacts: stack.ns.list('contact').length,
    orders: stack.ns.list('salesorder').length,
    log: stack.ns.list(LOG.type).length,
    calls: (await stack.sf.apiCalls()).total,
  };
}

describe('malformed requests are refused with a clear 4xx error and write nothing', () => {
  let accountId: string;
  beforeAll(async () => {
    accountId = await wonAccount(stack, { Name: unique('Untouched') });
  });

  const cases: Array<[string, () => unknown, string, RegExp]> = [
    [
      'broken JSON sent as text',
      () => '{"object": "Account", "id": ',
      'SFSYNC_INVALID_JSON',
      /not valid JSON/,
    ],
    [
      'a JSON array',
      () => '[{"object":"Account"}]',
      'SFSYNC_INVALID_BODY',
      /must be a JSON object, not array/,
    ],
    [
      'a number for the ID',
      () => ({ object: 'Account', id: 12345 }),
      'SFSYNC_INVALID_REQUEST',
      /id must be a string, not number/,
    ],
    ['a missing ID', () => ({ object: 'Account' }), 'SFSYNC_INVALID_REQUEST', /id is missing/],
    [
      'an unknown object',
      () => ({ object: 'Lead', id: '00Q8d000000AbcdEAC' }),
      'SFSYNC_INVALID_REQUEST',
      /"Lead" is not an object sfsync takes/,
    ],
    [
      'an unknown field',
      () => ({ object: 'Account', id: accountId, Name: 'X' }),
      'SFSYNC_INVALID_REQUEST',
      /unknown field "Name"/,
    ],
    [
      'records that are not an array',
      () => ({ records: { object: 'Account' } }),
      'SFSYNC_INVALID_REQUEST',
      /"records" must be an array, not object/,
    ],
    [
      'SOQL in place of an ID',
      () => ({ object: 'Account', id: "001' OR Name != '" }),
      'SFSYNC_INVALID_REQUEST',
      /is not a Salesforce Account ID/,
    ],
    [
      'one bad record among good ones',
      () => ({
        records: [
          { object: 'Account', id: accountId },
          { object: 'Account', id: accountId, action: 'quote' },
        ],
      }),
      'SFSYNC_INVALID_REQUEST',
      /records\[1\]\.action "quote" is not allowed for Account/,
    ],
    [
      'too many records',
      () => ({ records: Array.from({ length: 201 }, () => ({ object: 'Account', id: accountId })) }),
      'SFSYNC_BATCH_TOO_LARGE',
      /"records" has 201 entries; sfsync accepts at most 200/,
    ],
    [
      'a 10 MB body',
      () => JSON.stringify({ object: 'Account', id: accountId, padding: 'x'.repeat(10 * 1024 * 1024) }),
      'SFSYNC_BODY_TOO_LARGE',
      /sfsync accepts at most 262144/,
    ],
  ];

  test.each(cases)('%s', async (_label, body, code, message) => {
    const before = await footprint();
    const value = body();
    // text bodies go as text/plain (the RESTlet parses them), objects as JSON (NetSuite parses them)
    const res = typeof value === 'string' ? await stack.push(value, 'text/plain') : await stack.push(value);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe(code);
    expect(res.body.error?.message).toMatch(message);
    expect(await footprint()).toEqual(before);
  });

  test('broken JSON sent as application/json is refused by NetSuite before the script runs', async () => {
    const before = await footprint();
    const res = await stack.push('{"object": ', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/JSON/);
    expect(await footprint()).toEqual(before);
  });

  test('a well-formed ID that does not exist answers not_found for that record only', async () => {
    const res = await stack.push({
      records: [
        { object: 'Account', id: '001000000000099AAA' },
        { object: 'Account', id: accountId },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results?.map((r) => r.status)).toEqual(['not_found', 'synced']);
  });

  test('the change notification of a record-triggered flow is taken as well', async () => {
    const other = await wonAccount(stack, { Name: unique('Flow Push') });
    const res = await stack.push({
      sobject: 'Account',
      event: 'updated',
      id: other,
      changedFields: ['Name'],
      record: { Id: other },
    });
    expect(res.body.results?.[0]).toMatchObject({ object: 'Account', id: other, status: 'synced' });
  });
});

describe('push from Salesforce when a record changes', () => {
  test('a record-triggered push reaches the RESTlet over HTTP and syncs the record', async () => {
    await stack.sf.pushOnChange({ sobject: 'Contact', url: stack.restletUrl });
    const accountId = await wonAccount(stack, { Name: unique('Pushed') });
    await stack.push({ object: 'Account', id: accountId });
    const contactId = await stack.sf.insert('Contact', {
      LastName: 'Pushed',
      Email: 'p@pushed.example',
      AccountId: accountId,
    });
    await stack.sf.update('Contact', contactId, { Title: 'Owner' });
    const deliveries = (await stack.sf.outboundDeliveries()).filter((d) => d.id === contactId);
    expect(deliveries.map((d) => d.status)).toEqual(expect.arrayContaining([200]));
    const contact = stack.ns.list('contact').find((c) => c.fields.custentity_sfsync_contact_id === contactId);
    expect(contact?.fields).toMatchObject({ lastname: 'Pushed', title: 'Owner' });
  });
});
