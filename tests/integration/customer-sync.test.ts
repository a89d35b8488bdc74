import { ENTITY, LOG, SETTINGS } from '../../bundle/catalogue';
import { seedCustomer } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const accountOf = async (customerId: string) =>
  (await stack.sf.records('Account')).filter((a) => a.NetSuite_Id__c === customerId);

function editCustomer(id: string, values: Record<string, unknown>): void {
  const rec = stack.ns.ui.record.load({ type: 'customer', id });
  for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value: value as never });
  rec.save();
}

describe('Customer → Account', () => {
  test('a new customer gets no account unless "Create Accounts for New Customers" is on', async () => {
    const off = stack.ns.ui.record.create({ type: 'customer' });
    off.setValue({ fieldId: 'entityid', value: 'NEW-OFF' });
    off.setValue({ fieldId: 'companyname', value: 'Not Yet Inc' });
    off.setValue({ fieldId: 'subsidiary', value: '1' });
    const offId = String(off.save());
    expect(await accountOf(offId)).toHaveLength(0);

    stack.setSettings({ [SETTINGS.createAccountsForNewCustomers]: true });
    try {
      const on = stack.ns.ui.record.create({ type: 'customer' });
      on.setValue({ fieldId: 'entityid', value: 'NEW-ON' });
      on.setValue({ fieldId: 'companyname', value: 'Right Away Ltd' });
      on.setValue({ fieldId: 'subsidiary', value: '1' });
      on.setValue({ fieldId: 'phone', value: '555-0199' });
      on.setValue({ fieldId: 'creditlimit', value: 12000 });
      const onId = String(on.save());
      const [account] = await accountOf(onId);
      expect(account).toMatchObject({
        Name: 'Right Away Ltd',
        Phone: '555-0199',
        NetSuite_Credit_Limit__c: 12000,
        CurrencyIsoCode: 'USD',
      });
      expect(stack.ns.get('customer', onId)!.fields[ENTITY.accountId]).toBe(account!.Id);
      expect(stack.ns.get('customer', onId)!.fields[ENTITY.syncStatus]).toMatch(/^Synced /);
    } finally {
      stack.setSettings({ [SETTINGS.createAccountsForNewCustomers]: false });
    }
  });

  test('a linked customer updates its account, financial fields included; an unchanged save sends nothing', async () => {
    const id = seedCustomer(stack.ns, { companyname: 'Linked Co' });
    const accountId = await stack.sf.insert('Account', { Name: 'Linked Co (old name)', NetSuite_Id__c: id });
    stack.ns.ui.record.submitFields({ type: 'customer', id, values: { [ENTITY.accountId]: accountId } });
    editCustomer(id, { companyname: 'Linked Company', creditlimit: 75000 });
    const [account] = await accountOf(id);
    expect(account).toMatchObject({
      Id: accountId,
      Name: 'Linked Company',
      NetSuite_Credit_Limit__c: 75000,
      NetSuite_On_Hold__c: 'Auto',
    });
    const before = (await stack.sf.apiCalls()).total;
    editCustomer(id, { comments: 'internal note only' });
    expect((await stack.sf.apiCalls()).total).toBe(before);
  });

  test('a parent added later is created first and linked as ParentId', async () => {
    const child = seedCustomer(stack.ns, { companyname: 'Child Branch' });
    const accountId = await stack.sf.insert('Account', { Name: 'Child Branch', NetSuite_Id__c: child });
    stack.ns.ui.record.submitFields({
      type: 'customer',
      id: child,
      values: { [ENTITY.accountId]: accountId },
    });
    const parent = seedCustomer(stack.ns, { companyname: 'New Parent Group' });
    editCustomer(child, { parent });
    const [parentAccount] = await accountOf(parent);
    expect(parentAccount).toMatchObject({ Name: 'New Parent Group' });
    const [childAccount] = await accountOf(child);
    expect(childAccount!.ParentId).toBe(parentAccount!.Id);
    expect(stack.ns.get('customer', parent)!.fields[ENTITY.accountId]).toBe(parentAccount!.Id);
  });

  test('a rejected account is logged with the validation message, and the save stands', async () => {
    await stack.sf.addValidationRule({
      sobject: 'Account',
      field: 'Name',
      operator: 'contains',
      value: 'Forbidden',
      message: 'Account names may not contain Forbidden',
    });
    const id = seedCustomer(stack.ns, { companyname: 'Friendly' });
    const accountId = await stack.sf.insert('Account', { Name: 'Friendly', NetSuite_Id__c: id });
    stack.ns.ui.record.submitFields({ type: 'customer', id, values: { [ENTITY.accountId]: accountId } });
    editCustomer(id, { companyname: 'Forbidden Fruit' });
    expect(stack.ns.get('customer', id)!.fields.companyname).toBe('Forbidden Fruit');
    const entries = stack.ns.list(LOG.type).filter((l) => l.fields[LOG.netsuiteId] === id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.fields).toMatchObject({
      [LOG.errorCode]: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      [LOG.retryable]: false,
    });
    expect(entries[0]!.fields[LOG.message]).toContain('"Account names may not contain Forbidden"');
    expect(stack.ns.get('customer', id)!.fields[ENTITY.lastSyncError]).toContain('validation rule');
    expect((await accountOf(id))[0]!.Name).toBe('Friendly');
  });
});
