import { ENTITY, LOG, SETTINGS } from '../../bundle/catalogue';
import { startInbound, unique, wonAccount, type InboundStack } from './support/inbound';

let stack: InboundStack;

beforeAll(async () => {
  stack = await startInbound();
});
afterAll(async () => {
  await stack?.close();
});

const customers = () => stack.ns.list('customer');
const customerOf = (accountId: string) => customers().filter((c) => c.fields[ENTITY.accountId] === accountId);

describe('Account → Customer by push', () => {
  test('an account with a Closed Won opportunity becomes a customer; the ID and sync time go back', async () => {
    const name = unique('Globex');
    const accountId = await wonAccount(stack, {
      Name: name,
      Phone: '+1 555 0100',
      Website: 'globex.example',
    });
    const res = await stack.push({ object: 'Account', id: accountId });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({
        object: 'Account',
        id: accountId,
        status: 'synced',
        netsuiteId: expect.stringMatching(/^\d+$/),
      }),
    ]);
    const [customer] = customerOf(accountId);
    expect(customer?.fields).toMatchObject({
      companyname: name,
      phone: '+1 555 0100',
      url: 'http://globex.example',
      currency: '1',
      subsidiary: '1',
    });
    expect(String(customer?.fields[ENTITY.payloadHash])).toMatch(/^inbound:/);
    const account = await stack.row('Account', accountId);
    expect(account.NetSuite_Id__c).toBe(customer?.id);
    expect(account.NetSuite_Sync__c).toMatch(/^Synced \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  });
});

describe('qualification and lookups', () => {
  test('an account without a won opportunity is not created', async () => {
    const accountId = await stack.sf.insert('Account', { Name: unique('Prospect') });
    await stack.sf.insert('Opportunity', {
      Name: 'open',
      StageName: 'Prospecting',
      CloseDate: '2026-05-01',
      AccountId: accountId,
    });
    const res = await stack.push({ object: 'Account', id: accountId });
    expect(res.body.results?.[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('qualification criteria'),
    });
    expect(customerOf(accountId)).toHaveLength(0);
    expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBeNull();
  });

  test('the stage list in settings qualifies accounts instead of Closed Won', async () => {
    const accountId = await stack.sf.insert('Account', { Name: unique('Negotiating') });
    await stack.sf.insert('Opportunity', {
      Name: 'n',
      StageName: 'Negotiation/Review',
      CloseDate: '2026-05-01',
      AccountId: accountId,
    });
    stack.setSettings({ [SETTINGS.accountQualifyingStages]: 'Negotiation/Review' });
    try {
      expect((await stack.push({ object: 'Account', id: accountId })).body.results?.[0]?.status).toBe(
        'synced',
      );
    } finally {
      stack.setSettings({ [SETTINGS.accountQualifyingStages]: '' });
    }
    expect(customerOf(accountId)).toHaveLength(1);
  });

  test('an unlinked customer with the same name is matched and linked, not duplicated', async () => {
    const name = unique('Initech');
    const existing = stack.ns.seed('customer', {
      entityid: name,
      companyname: name,
      subsidiary: '1',
      currency: '1',
    });
    const accountId = await wonAccount(stack, { Name: name });
    const res = await stack.push({ object: 'Account', id: accountId });
    expect(res.body.results?.[0]).toMatchObject({ status: 'synced', netsuiteId: existing });
    expect(customers().filter((c) => c.fields.companyname === name)).toHaveLength(1);
    expect(stack.ns.get('customer', existing)?.fields[ENTITY.accountId]).toBe(accountId);
  });

  test('several customers with the name: an error naming them, nothing written', async () => {
    const name = unique('Dup Co');
    const a = stack.ns.seed('customer', {
      entityid: `${name} 1`,
      companyname: name,
      subsidiary: '1',
      currency: '1',
    });
    const b = stack.ns.seed('customer', {
      entityid: `${name} 2`,
      companyname: name,
      subsidiary: '1',
      currency: '1',
    });
    const accountId = await wonAccount(stack, { Name: name });
    const before = customers().length;
    const res = await stack.push({ object: 'Account', id: accountId });
    expect(res.body.results?.[0]).toMatchObject({ status: 'failed', code: 'SFSYNC_AMBIGUOUS_MATCH' });
    expect(res.body.results?.[0]?.message).toContain(`${name} (internal ID ${a})`);
    expect(res.body.results?.[0]?.message).toContain(`${name} (internal ID ${b})`);
    expect(customers()).toHaveLength(before);
    expect(stack.ns.get('customer', a)?.fields[ENTITY.accountId]).toBeFalsy();
    const account = await stack.row('Account', accountId);
    expect(account.NetSuite_Id__c).toBeNull();
    expect(account.NetSuite_Sync__c).toMatch(/^Error: .*Several NetSuite customers are named/);
    const [entry] = stack.logEntries(accountId);
    expect(entry?.fields[LOG.errorCode]).toBe('SFSYNC_AMBIGUOUS_MATCH');
    expect(entry?.fields[LOG.salesforceObject]).toBe('Account');
  });

  test('names are lookup values, never search syntax or SOQL', async () => {
    const plain = unique('Hooli');
    stack.ns.seed('customer', { entityid: plain, companyname: plain, subsidiary: '1', currency: '1' });
    const tricky = `${plain}' OR companyname != '%`;
    const accountId = await wonAccount(stack, { Name: tricky });
    const res = await stack.push({ object: 'Account', id: accountId });
    expect(res.body.results?.[0]?.status).toBe('synced');
    const [created] = customerOf(accountId);
    expect(created?.fields.companyname).toBe(tricky);
    expect(customers().filter((c) => c.fields.companyname === plain)).toHaveLength(1);
    expect(customers().find((c) => c.fields.companyname === plain)?.fields[ENTITY.accountId]).toBeFalsy();
  });
});

describe('updates, lock, Create Only', () => {
  async function linkedAccount(prefix: string) {
    const accountId = await wonAccount(stack, { Name: unique(prefix) });
    await stack.push({ object: 'Account', id: accountId });
    const [customer] = customerOf(accountId);
    return { accountId, customerId: customer!.id };
  }

  test('a change in Salesforce updates the customer; the same change delivered again changes nothing', async () => {
    const { accountId, customerId } = await linkedAccount('Umbrella');
    await stack.sf.update('Account', accountId, { Phone: '555-0199' });
    const first = await stack.push({ object: 'Account', id: accountId });
    expect(first.body.results?.[0]).toMatchObject({ status: 'synced', netsuiteId: customerId });
    expect(stack.ns.get('customer', customerId)?.fields.phone).toBe('555-0199');
    const saves = stack.ns.executions.length;
    const account = await stack.row('Account', accountId);
    const calls = (await stack.sf.apiCalls()).byEndpoint;
    const again = await stack.push({ object: 'Account', id: accountId });
    expect(again.body.results?.[0]).toMatchObject({ status: 'unchanged', netsuiteId: customerId });
    // no NetSuite save (no user event ran) and no write-back
    expect(stack.ns.executions.slice(saves).filter((e) => e.scriptType === 'usereventscript')).toHaveLength(
      0,
    );
    expect((await stack.sf.apiCalls()).byEndpoint.collections ?? 0).toBe(calls.collections ?? 0);
    expect((await stack.row('Account', accountId)).SystemModstamp).toBe(account.SystemModstamp);
  });

  test('Salesforce Lock Record on the customer skips the update and logs it as skipped', async () => {
    const { accountId, customerId } = await linkedAccount('Locked');
    stack.ns.ui.record.submitFields({
      type: 'customer',
      id: customerId,
      values: { [ENTITY.lockRecord]: true },
    });
    await stack.sf.update('Account', accountId, { Phone: '555-0111' });
    const res = await stack.push({ object: 'Account', id: accountId });
    expect(res.body.results?.[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('Salesforce Lock Record'),
    });
    expect(stack.ns.get('customer', customerId)?.fields.phone).toBeFalsy();
    const entries = stack.logEntries(accountId);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.fields[LOG.message]).toContain('Salesforce Lock Record is checked');
    expect(entries.map((e) => e.fields[LOG.errorCode] ?? null)).toEqual([null]);
  });

  test('Create Only keeps existing customers as they are', async () => {
    const { accountId, customerId } = await linkedAccount('CreateOnly');
    const name = stack.ns.get('customer', customerId)?.fields.companyname;
    await stack.sf.update('Account', accountId, { Name: unique('Renamed') });
    stack.setSettings({ [SETTINGS.createOnly]: true });
    try {
      const res = await stack.push({ object: 'Account', id: accountId });
      expect(res.body.results?.[0]).toMatchObject({
        status: 'skipped',
        message: expect.stringContaining('Create Only'),
      });
      // new accounts are still created
      const fresh = await wonAccount(stack, { Name: unique('Fresh') });
      expect((await stack.push({ object: 'Account', id: fresh })).body.results?.[0]?.status).toBe('synced');
    } finally {
      stack.setSettings({ [SETTINGS.createOnly]: false });
    }
    expect(stack.ns.get('customer', customerId)?.fields.companyname).toBe(name);
  });
});

describe('parents, subsidiaries and currencies', () => {
  test('the parent account is synced first, even without a won opportunity of its own', async () => {
    const parentId = await stack.sf.insert('Account', { Name: unique('Holding') });
    const childId = await wonAccount(stack, { Name: unique('Branch'), ParentId: parentId });
    const res = await stack.push({ object: 'Account', id: childId });
    expect(res.body.results?.[0]?.status).toBe('synced');
    const [parent] = customerOf(parentId);
    const [child] = customerOf(childId);
    expect(child?.fields.parent).toBe(parent?.id);
    expect((await stack.row('Account', parentId)).NetSuite_Id__c).toBe(parent?.id);
  });

  test('a parent added later is synced when the child changes', async () => {
    const childId = await wonAccount(stack, { Name: unique('Subsidiary Ltd') });
    await stack.push({ object: 'Account', id: childId });
    const [child] = customerOf(childId);
    expect(child?.fields.parent).toBeFalsy();
    const parentId = await stack.sf.insert('Account', { Name: unique('Group plc') });
    await stack.sf.update('Account', childId, { ParentId: parentId });
    const res = await stack.push({ object: 'Account', id: childId });
    expect(res.body.results?.[0]?.status).toBe('synced');
    const [parent] = customerOf(parentId);
    expect(parent).toBeDefined();
    expect(stack.ns.get('customer', child!.id)?.fields.parent).toBe(parent?.id);
  });

  test('OneWorld and multi-currency: default subsidiary, currency by ISO code; a missing currency is named', async () => {
    const euro = stack.ns.seed('currency', { name: 'Euro', symbol: 'EUR', exchangerate: 1.1 });
    const europe = stack.ns.seed('subsidiary', { name: 'Europe GmbH', parent: '1', currency: euro });
    stack.setSettings({ [SETTINGS.defaultSubsidiary]: europe });
    try {
      const accountId = await wonAccount(stack, { Name: unique('Euro AG'), CurrencyIsoCode: 'EUR' });
      expect((await stack.push({ object: 'Account', id: accountId })).body.results?.[0]?.status).toBe(
        'synced',
      );
      expect(customerOf(accountId)[0]?.fields).toMatchObject({ currency: euro, subsidiary: europe });

      const pounds = await wonAccount(stack, { Name: unique('Sterling Ltd'), CurrencyIsoCode: 'GBP' });
      const res = await stack.push({ object: 'Account', id: pounds });
      expect(res.body.results?.[0]).toMatchObject({
        status: 'failed',
        code: 'SFSYNC_CURRENCY_MISSING',
        message: expect.stringContaining('currency GBP does not exist in NetSuite'),
      });
      expect(customerOf(pounds)).toHaveLength(0);
    } finally {
      stack.setSettings({ [SETTINGS.defaultSubsidiary]: '' });
    }
  });
});

describe('no echo', () => {
  test('a customer written from Salesforce is not sent back; a later edit in NetSuite is', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Echo') });
    const before = (await stack.sf.apiCalls()).byEndpoint;
    await stack.push({ object: 'Account', id: accountId });
    const after = (await stack.sf.apiCalls()).byEndpoint;
    // the push read the account (query) and wrote the link (collections); no composite from the user event
    expect(after.composite ?? 0).toBe(before.composite ?? 0);
    const [customer] = customerOf(accountId);
    expect(customer?.fields[ENTITY.syncStatus]).toBeFalsy();

    const rec = stack.ns.ui.record.load({ type: 'customer', id: customer!.id });
    rec.setValue({ fieldId: 'creditlimit', value: 1234 });
    rec.save();
    expect((await stack.row('Account', accountId)).NetSuite_Credit_Limit__c).toBe(1234);
  });
});

describe('Update from NetSuite (GET)', () => {
  test('financial fields of the customer, by Account ID or NetSuite ID', async () => {
    const accountId = await wonAccount(stack, { Name: unique('Money') });
    await stack.push({ object: 'Account', id: accountId });
    const [customer] = customerOf(accountId);
    stack.ns.ui.record.submitFields({
      type: 'customer',
      id: customer!.id,
      values: { creditlimit: 5000, creditholdoverride: 'ON' },
    });
    const byAccount = await stack.financials({ accountId });
    expect(byAccount.status).toBe(200);
    expect(byAccount.body).toMatchObject({
      accountId,
      netsuiteId: customer!.id,
      fields: expect.objectContaining({
        NetSuite_Id__c: customer!.id,
        NetSuite_Credit_Limit__c: 5000,
        NetSuite_On_Hold__c: 'On',
      }),
    });
    expect(Object.keys(byAccount.body.fields as object)).not.toContain('Name');
    const byId = await stack.financials({ netsuiteId: customer!.id });
    expect(byId.body.fields).toEqual(byAccount.body.fields);
  });

  test('an unknown account or a bad parameter is a 400 naming it', async () => {
    const res = await stack.financials({ accountId: '001000000000001AAA' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'SFSYNC_NOT_FOUND' } } });
    const bad = await stack.financials({ accountId: "001' OR 1=1" });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'SFSYNC_INVALID_ID' } } });
  });
});
