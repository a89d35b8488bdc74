import { ENTITY, SETTINGS } from '../../bundle/catalogue';
import { startInbound, unique, wonAccount, type InboundStack } from './support/inbound';

let stack: InboundStack;

beforeAll(async () => {
  stack = await startInbound();
});
afterAll(async () => {
  await stack?.close();
});

const contactsOf = (contactId: string) =>
  stack.ns.list('contact').filter((c) => c.fields[ENTITY.contactId] === contactId);
const customerOf = (accountId: string) =>
  stack.ns.list('customer').find((c) => c.fields[ENTITY.accountId] === accountId);

describe('Contact → Contact', () => {
  test('a standalone contact is skipped, not an error', async () => {
    const contactId = await stack.sf.insert('Contact', { LastName: 'Alone', Email: 'alone@example.com' });
    const res = await stack.push({ object: 'Contact', id: contactId });
    expect(res.body.results?.[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('Standalone'),
    });
    expect(contactsOf(contactId)).toHaveLength(0);
    expect(stack.logEntries(contactId)).toHaveLength(0);
    expect((await stack.row('Contact', contactId)).NetSuite_Sync__c).toBeNull();
  });

  test('a contact waits for its account; when the account syncs, its contacts follow', async () => {
    const accountId = await stack.sf.insert('Account', { Name: unique('Later Inc') });
    const first = await stack.sf.insert('Contact', {
      FirstName: 'Ann',
      LastName: 'Early',
      Email: 'ann@later.example',
      AccountId: accountId,
    });
    const res = await stack.push({ object: 'Contact', id: first });
    expect(res.body.results?.[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('not synced to NetSuite yet'),
    });
    const second = await stack.sf.insert('Contact', {
      FirstName: 'Bob',
      LastName: 'Early',
      AccountId: accountId,
    });

    // the account qualifies later
    await stack.sf.insert('Opportunity', {
      Name: 'won',
      StageName: 'Closed Won',
      CloseDate: '2026-03-01',
      AccountId: accountId,
    });
    const synced = await stack.push({ object: 'Account', id: accountId });
    expect(synced.body.results?.[0]?.message).toContain('2 contacts synced');
    const customer = customerOf(accountId)!;
    for (const [contactId, name] of [
      [first, 'Ann Early'],
      [second, 'Bob Early'],
    ] as const) {
      const [contact] = contactsOf(contactId);
      expect(contact?.fields).toMatchObject({ entityid: name, company: customer.id, subsidiary: '1' });
      const row = await stack.row('Contact', contactId);
      expect(row.NetSuite_Id__c).toBe(contact?.id);
      expect(row.NetSuite_Sync__c).toMatch(/^Synced /);
    }
  });

  test('updates follow; the same delivery twice saves once; an e-mail match links instead of duplicating', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Mail Co') });
    await stack.push({ object: 'Account', id: accountId });
    const customer = customerOf(accountId)!;
    const existing = stack.ns.seed('contact', {
      entityid: 'Carol Known',
      firstname: 'Carol',
      lastname: 'Known',
      email: 'carol@mail.example',
      company: customer.id,
      subsidiary: '1',
    });
    const contactId = await stack.sf.insert('Contact', {
      FirstName: 'Carol',
      LastName: 'Known',
      Email: 'carol@mail.example',
      Title: 'Buyer',
      AccountId: accountId,
    });
    const res = await stack.push({ object: 'Contact', id: contactId });
    expect(res.body.results?.[0]).toMatchObject({ status: 'synced', netsuiteId: existing });
    expect(stack.ns.get('contact', existing)?.fields).toMatchObject({
      title: 'Buyer',
      [ENTITY.contactId]: contactId,
    });

    await stack.sf.update('Contact', contactId, { Title: 'Head of Buying', MobilePhone: '555-0142' });
    expect((await stack.push({ object: 'Contact', id: contactId })).body.results?.[0]?.status).toBe('synced');
    expect(stack.ns.get('contact', existing)?.fields).toMatchObject({
      title: 'Head of Buying',
      mobilephone: '555-0142',
    });
    const again = await stack.push({ records: [{ object: 'Contact', id: contactId }] });
    expect(again.body.results?.[0]?.status).toBe('unchanged');
    expect(stack.ns.list('contact').filter((c) => c.fields.email === 'carol@mail.example')).toHaveLength(1);
  });

  test('with e-mail matching off, a same-address contact is not linked', async () => {
    const accountId = await wonAccount(stack, { Name: unique('NoMatch') });
    await stack.push({ object: 'Account', id: accountId });
    const customer = customerOf(accountId)!;
    const existing = stack.ns.seed('contact', {
      entityid: 'Dee',
      lastname: 'Dee',
      email: 'dee@x.example',
      company: customer.id,
      subsidiary: '1',
    });
    const contactId = await stack.sf.insert('Contact', {
      LastName: 'Dee',
      Email: 'dee@x.example',
      AccountId: accountId,
    });
    stack.setSettings({ [SETTINGS.matchContactsByEmail]: false });
    try {
      const res = await stack.push({ object: 'Contact', id: contactId });
      expect(res.body.results?.[0]?.status).toBe('synced');
      expect(res.body.results?.[0]?.netsuiteId).not.toBe(existing);
    } finally {
      stack.setSettings({ [SETTINGS.matchContactsByEmail]: true });
    }
  });

  test('a locked contact is left alone and the skip is logged', async () => {
    const accountId = await wonAccount(stack, { Name: unique('LockC') });
    const contactId = await stack.sf.insert('Contact', { LastName: 'Fixed', AccountId: accountId });
    await stack.push({ object: 'Account', id: accountId });
    const [contact] = contactsOf(contactId);
    stack.ns.ui.record.submitFields({
      type: 'contact',
      id: contact!.id,
      values: { [ENTITY.lockRecord]: true },
    });
    await stack.sf.update('Contact', contactId, { LastName: 'Changed' });
    const res = await stack.push({ object: 'Contact', id: contactId });
    expect(res.body.results?.[0]?.status).toBe('skipped');
    expect(stack.ns.get('contact', contact!.id)?.fields.lastname).toBe('Fixed');
    expect(stack.logEntries(contactId)).toHaveLength(1);
  });
});
