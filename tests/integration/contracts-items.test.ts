// Contract Renewals contracts and items beyond the main story: a customer not yet in Salesforce, single item
// edits, removed items, statuses, and failures in the Integration Log.
import { ENTITY, LINK, LOG, PARAMS, SCRIPTS, SETTINGS } from '../../bundle/catalogue';
import { seedCustomer } from '../../tools/demo/seed';
import type { InboundStack } from './support/inbound';
import { product } from './support/inbound';
import {
  CONTRACT,
  CONTRACT_ITEM,
  contractItems,
  linkOf,
  startContracts,
  suiteAppAddsItems,
  suiteAppCreatesContract,
} from './support/contracts';

let stack: InboundStack;
let support = '';
let training = '';
let supportProduct = '';

beforeAll(async () => {
  stack = await startContracts();
  support = stack.ns.seed('serviceitem', { itemid: 'SUPPORT', baseprice: 1000, subsidiary: '1' });
  training = stack.ns.seed('serviceitem', { itemid: 'TRAINING', baseprice: 400, subsidiary: '1' });
  supportProduct = (await product(stack, 'Support', support, 1000)).product;
  await product(stack, 'Training', training, 400);
});
afterAll(async () => {
  await stack?.close();
});

const TERM = { start: '2025-01-01', end: '2025-12-31' };
const LINES = () => [
  { item: support, quantity: 2, rate: 1000 },
  { item: training, quantity: 1, rate: 400 },
];
const sfContract = async (contractId: string) =>
  (await stack.sf.records('Contract')).find((c) => c.NetSuite_Id__c === contractId);
const sfItems = async (contractId: string) => {
  const contract = await sfContract(contractId);
  return (await stack.sf.records('NetSuite_Contract_Item__c')).filter((i) => i.Contract__c === contract?.Id);
};
const logOf = (type: string, id: string) =>
  stack.ns
    .list(LOG.type)
    .filter((e) => e.fields[LOG.netsuiteType] === type && e.fields[LOG.netsuiteId] === id);
const calls = async () => (await stack.sf.apiCalls()).total;

describe('a contract whose customer has no Salesforce account', () => {
  test('syncs the customer (parents first) as accounts, then the contract under the new account', async () => {
    const parent = seedCustomer(stack.ns, { companyname: 'Northwind Holding' });
    const customer = seedCustomer(stack.ns, { companyname: 'Northwind Europe', parent });
    // The SuiteApp made the contract in one of its user events, so no sfsync user event ran for it;
    // its items come from a scheduled script, and the first one brings the whole contract over.
    const { contractId, itemIds } = suiteAppCreatesContract(stack.ns, customer, TERM, LINES(), {
      seeded: 'NW-2025',
    });
    const accounts = await stack.sf.records('Account');
    const parentAccount = accounts.find((a) => a.NetSuite_Id__c === parent)!;
    const account = accounts.find((a) => a.NetSuite_Id__c === customer)!;
    expect(parentAccount).toMatchObject({ Name: 'Northwind Holding' });
    expect(account).toMatchObject({ Name: 'Northwind Europe', ParentId: parentAccount.Id });
    expect(stack.ns.get('customer', customer)!.fields[ENTITY.accountId]).toBe(account.Id);
    expect(stack.ns.get('customer', parent)!.fields[ENTITY.accountId]).toBe(parentAccount.Id);

    expect(await sfContract(contractId)).toMatchObject({
      AccountId: account.Id,
      Name: 'NW-2025',
      StartDate: '2025-01-01',
      ContractTerm: 12,
      EndDate: '2025-12-31',
      Status: 'Activated',
    });
    const items = await sfItems(contractId);
    expect(items.map((i) => [i.NetSuite_Id__c, i.Quantity__c, i.Price__c]).sort()).toEqual(
      [
        [itemIds[0], 2, 1000],
        [itemIds[1], 1, 400],
      ].sort(),
    );
    expect(linkOf(stack.ns, contractId)!.fields[LINK.salesforceId]).toBe((await sfContract(contractId))!.Id);
  });
});

describe('contract items', () => {
  let customer = '';
  let contractId = '';
  let itemIds: string[] = [];

  beforeAll(() => {
    customer = seedCustomer(stack.ns, { companyname: 'Fabrikam' });
    ({ contractId, itemIds } = suiteAppCreatesContract(stack.ns, customer, TERM, LINES()));
  });

  test('an item edited in NetSuite updates its Contract Item alone, in one API call', async () => {
    const [first, second] = await sfItems(contractId).then((rows) =>
      itemIds.map((id) => rows.find((r) => r.NetSuite_Id__c === id)!),
    );
    const before = await calls();
    const ci = stack.ns.ui.record.load({ type: CONTRACT_ITEM, id: itemIds[0]! });
    ci.setValue({ fieldId: 'custrecord_ci_quantity', value: 5 });
    ci.save();
    expect((await calls()) - before).toBe(1);
    const after = await sfItems(contractId);
    expect(after.find((r) => r.Id === first!.Id)).toMatchObject({
      Quantity__c: 5,
      Product__c: supportProduct,
    });
    expect(after.find((r) => r.Id === second!.Id)).toMatchObject({ Quantity__c: 1 });
    expect((await sfContract(contractId))!.NetSuite_Sync__c).toMatch(/^Synced /);

    // saved again without a change: nothing is sent
    const again = await calls();
    stack.ns.ui.record.load({ type: CONTRACT_ITEM, id: itemIds[0]! }).save();
    expect(await calls()).toBe(again);
  });

  test('removing a contract item deletes its Contract Item in Salesforce', async () => {
    const sfId = (await sfItems(contractId)).find((r) => r.NetSuite_Id__c === itemIds[1])!.Id;
    stack.ns.ui.record.delete({ type: CONTRACT_ITEM, id: itemIds[1]! });
    expect(contractItems(stack.ns, contractId).map((i) => i.id)).toEqual([itemIds[0]]);
    const left = await sfItems(contractId);
    expect(left.map((r) => r.NetSuite_Id__c)).toEqual([itemIds[0]]);
    expect((await stack.sf.records('NetSuite_Contract_Item__c')).some((r) => r.Id === sfId)).toBe(false);
    const state = JSON.parse(String(linkOf(stack.ns, contractId)!.fields[LINK.state])) as { items: object };
    expect(Object.keys(state.items)).toEqual([itemIds[0]]);
  });

  test('an item removed while the flow was off is deleted at the next sync of its contract', async () => {
    const [extra] = suiteAppAddsItems(stack.ns, contractId, customer, TERM, [
      { item: training, quantity: 3, rate: 400 },
    ]);
    expect((await sfItems(contractId)).map((r) => r.NetSuite_Id__c).sort()).toEqual(
      [itemIds[0], extra].sort(),
    );
    stack.setSettings({ [SETTINGS.contractFlowEnabled]: false });
    try {
      stack.ns.ui.record.delete({ type: CONTRACT_ITEM, id: extra! });
      expect((await sfItems(contractId)).map((r) => r.NetSuite_Id__c).sort()).toEqual(
        [itemIds[0], extra].sort(),
      );
    } finally {
      stack.setSettings({ [SETTINGS.contractFlowEnabled]: true });
    }
    const c = stack.ns.ui.record.load({ type: CONTRACT, id: contractId });
    c.setValue({ fieldId: 'custrecord_contracts_end_date', value: new Date(2026, 0, 31) });
    c.save();
    expect((await sfItems(contractId)).map((r) => r.NetSuite_Id__c)).toEqual([itemIds[0]]);
    expect(await sfContract(contractId)).toMatchObject({ ContractTerm: 13, EndDate: '2026-01-31' });
  });
});

describe('contract status', () => {
  test('Pending stays Draft; Active activates the contract; Closed leaves it Activated', async () => {
    const customer = seedCustomer(stack.ns, { companyname: 'Tailspin' });
    const { contractId } = suiteAppCreatesContract(stack.ns, customer, TERM, LINES(), { status: 'Pending' });
    expect(await sfContract(contractId)).toMatchObject({ Status: 'Draft' });
    const setStatus = (text: string) => {
      const c = stack.ns.ui.record.load({ type: CONTRACT, id: contractId });
      c.setText({ fieldId: 'custrecord_contract_status', text });
      c.save();
    };
    setStatus('Active');
    expect(await sfContract(contractId)).toMatchObject({ Status: 'Activated', StatusCode: 'Activated' });
    setStatus('Closed');
    expect(await sfContract(contractId)).toMatchObject({ Status: 'Activated' });
    expect(linkOf(stack.ns, contractId)!.fields[LINK.lastSyncError]).toBeFalsy();
    expect(logOf(CONTRACT, contractId)).toEqual([]);
  });
});

describe('failures', () => {
  test('a rejected contract is logged under Contract to Contract, shown on the Contract, and resolved by the next save', async () => {
    const customer = seedCustomer(stack.ns, { companyname: 'Litware' });
    const { contractId } = suiteAppCreatesContract(stack.ns, customer, TERM, LINES());
    await stack.sf.addValidationRule({
      sobject: 'Contract',
      field: 'Name',
      operator: 'contains',
      value: 'REJECT',
      message: 'Contract names may not say REJECT',
    });
    try {
      const c = stack.ns.ui.record.load({ type: CONTRACT, id: contractId });
      c.setValue({ fieldId: 'name', value: 'REJECT-2025' });
      c.setValue({ fieldId: 'custrecord_contracts_end_date', value: new Date(2026, 5, 30) });
      c.save(); // the save is never blocked
      expect(stack.ns.get(CONTRACT, contractId)!.fields.name).toBe('REJECT-2025');
      const [entry] = logOf(CONTRACT, contractId);
      expect(entry?.fields).toMatchObject({
        [LOG.errorCode]: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        [LOG.retryable]: false,
        [LOG.salesforceObject]: 'Contract',
      });
      expect(String(entry?.fields[LOG.message])).toContain('Contract names may not say REJECT');
      const link = linkOf(stack.ns, contractId)!;
      expect(link.fields[LINK.syncStatus]).toMatch(/^Error .*FIELD_CUSTOM_VALIDATION_EXCEPTION$/);
      expect(String(link.fields[LINK.lastSyncError])).toContain('Contract names may not say REJECT');
      // The Contract itself says so too, and keeps its last synced values.
      expect(await sfContract(contractId)).toMatchObject({
        NetSuite_Sync__c: expect.stringMatching(/^Error .*Contract names may not say REJECT/),
        ContractTerm: 12,
      });
    } finally {
      await stack.sf.clearFaults();
    }
    // The administrator renames the contract: the next save syncs and resolves the entry.
    const fixed = stack.ns.ui.record.load({ type: CONTRACT, id: contractId });
    fixed.setValue({ fieldId: 'name', value: 'LITWARE-2025' });
    fixed.save();
    expect(await sfContract(contractId)).toMatchObject({
      Name: 'LITWARE-2025',
      ContractTerm: 18,
      NetSuite_Sync__c: expect.stringMatching(/^Synced /),
    });
    expect(linkOf(stack.ns, contractId)!.fields[LINK.lastSyncError]).toBeFalsy();
    const [entry] = logOf(CONTRACT, contractId);
    expect(stack.ns.ui.record.load({ type: LOG.type, id: entry!.id }).getText({ fieldId: LOG.status })).toBe(
      'Resolved',
    );
    expect(stack.ns.ui.record.load({ type: LOG.type, id: entry!.id }).getText({ fieldId: LOG.flow })).toBe(
      'Contract to Contract',
    );
  });

  test('a temporary Salesforce failure waits in the retry queue, which syncs the contract later', async () => {
    const customer = seedCustomer(stack.ns, { companyname: 'Adatum' });
    await stack.sf.fault({ kind: 'unavailable', method: 'POST', path: '/composite' });
    let made: { contractId: string } | undefined;
    try {
      made = suiteAppCreatesContract(stack.ns, customer, TERM, LINES());
    } finally {
      await stack.sf.clearFaults();
    }
    const { contractId } = made;
    expect(await sfContract(contractId)).toBeUndefined();
    const [entry] = logOf(CONTRACT, contractId);
    expect(entry?.fields).toMatchObject({ [LOG.errorCode]: 'SERVER_UNAVAILABLE', [LOG.retryable]: true });
    expect(linkOf(stack.ns, contractId)!.fields[LINK.syncStatus]).toMatch(/^Error, will retry /);

    const run = stack.ns.runMapReduce(SCRIPTS.retryQueue.script, SCRIPTS.retryQueue.deployNow, {
      [PARAMS.retryEntries]: entry!.id,
    });
    expect(run.mapErrors).toEqual([]);
    expect(await sfContract(contractId)).toMatchObject({
      Name: `${contractId}_2025-01-01_2025-12-31`,
      Status: 'Activated',
    });
    expect(await sfItems(contractId)).toHaveLength(2);
    expect(stack.ns.ui.record.load({ type: LOG.type, id: entry!.id }).getText({ fieldId: LOG.status })).toBe(
      'Resolved',
    );
    expect(linkOf(stack.ns, contractId)!.fields[LINK.syncStatus]).toMatch(/^Synced /);
  });

  test('with the flow off, nothing is sent', async () => {
    stack.setSettings({ [SETTINGS.contractFlowEnabled]: false });
    try {
      const before = await calls();
      const { contractId } = suiteAppCreatesContract(stack.ns, seedCustomer(stack.ns), TERM, LINES());
      expect(await calls()).toBe(before);
      expect(linkOf(stack.ns, contractId)).toBeUndefined();
    } finally {
      stack.setSettings({ [SETTINGS.contractFlowEnabled]: true });
    }
  });
});
