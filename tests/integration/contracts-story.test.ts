// The seed's Contract Renewals story on the local stand-ins: a new-contract Opportunity becomes a sales order,
// the SuiteApp makes the contract and its items (which reach Salesforce), an upsell adds a product, and the
// renewal estimate becomes a renewal Opportunity in the configured stage. Each step is checked on both sides.
import { BODY, ENTITY, ITEM, LINK, SETTINGS } from '../../bundle/catalogue';
import type { InboundStack } from './support/inbound';
import { opportunity, product, unique } from './support/inbound';
import {
  contractItems,
  linkOf,
  startContracts,
  suiteAppAddsItems,
  suiteAppCreatesContract,
  suiteAppCreatesRenewal,
  type ContractLine,
} from './support/contracts';
import { entriesOf, makeDue, runRetryQueue } from './support/retry-queue';

let stack: InboundStack;
const items = { support: '', training: '', premium: '' };
const products = {
  support: { product: '', entry: '' },
  training: { product: '', entry: '' },
  premium: { product: '', entry: '' },
};

beforeAll(async () => {
  stack = await startContracts();
  const seedItem = (itemid: string, baseprice: number) =>
    stack.ns.seed('serviceitem', { itemid, displayname: itemid, baseprice, subsidiary: '1' });
  items.support = seedItem('SUPPORT-GOLD', 1200);
  items.training = seedItem('TRAINING', 500);
  items.premium = seedItem('PREMIUM-ADDON', 300);
  products.support = await product(stack, 'Support Gold', items.support, 1200);
  products.training = await product(stack, 'Training', items.training, 500);
  products.premium = await product(stack, 'Premium Add-on', items.premium, 300);
});
afterAll(async () => {
  await stack?.close();
});

const TERM = { start: '2015-07-14', end: '2016-07-13' };
const orderOf = (oppId: string) =>
  stack.ns.list('salesorder').find((o) => o.fields[BODY.opportunityId] === oppId)!;
const linesOf = (orderId: string): ContractLine[] =>
  stack.ns.get('salesorder', orderId)!.sublists.item!.map((l) => ({
    item: String(l.item),
    quantity: Number(l.quantity),
    rate: Number(l.rate),
  }));
const sfContract = async (contractId: string) =>
  (await stack.sf.records('Contract')).find((c) => c.NetSuite_Id__c === contractId)!;
const sfItems = async (sfContractId: string) =>
  (await stack.sf.records('NetSuite_Contract_Item__c'))
    .filter((i) => i.Contract__c === sfContractId)
    .sort((a, b) => Number(a.NetSuite_Id__c) - Number(b.NetSuite_Id__c));

describe('Contract Renewals: new contract, upsell, renewal', () => {
  let accountId = '';
  let customer = '';
  let contractId = '';
  let sfContractId = '';

  test('a Contract New opportunity becomes a sales order with order type Contract-New', async () => {
    accountId = await stack.sf.insert('Account', { Name: unique('Contoso') });
    const oppId = await opportunity(
      stack,
      {
        Name: 'Contoso support',
        AccountId: accountId,
        NetSuite_Order_Type__c: 'Contract New',
        CloseDate: '2015-07-14',
      },
      [
        { entry: products.support.entry, quantity: 3, unitPrice: 1200 },
        { entry: products.training.entry, quantity: 1, unitPrice: 500 },
      ],
    );
    const res = await stack.push({ object: 'Opportunity', id: oppId, action: 'order' });
    expect(res.body.results?.[0]).toMatchObject({ status: 'synced' });
    const order = orderOf(oppId);
    customer = String(order.fields.entity);
    expect(stack.ns.get('customer', customer)!.fields[ENTITY.accountId]).toBe(accountId);
    expect(order.fields).toMatchObject({ custbody_order_type: '1', [BODY.salesforceOriginated]: true });
    expect(order.fields.custbody_contract_name).toBeFalsy();
    expect(linesOf(order.id)).toEqual([
      { item: items.support, quantity: 3, rate: 1200 },
      { item: items.training, quantity: 1, rate: 500 },
    ]);
    expect(await stack.row('Opportunity', oppId)).toMatchObject({ NetSuite_Id__c: order.id });

    // The SuiteApp makes the contract and its items from the order.
    const made = suiteAppCreatesContract(stack.ns, customer, TERM, linesOf(order.id), { order: order.id });
    contractId = made.contractId;
    expect(made.itemIds).toHaveLength(2);
  });

  test('the contract and its items appear in Salesforce, with the IDs kept in NetSuite', async () => {
    const contract = await sfContract(contractId);
    sfContractId = String(contract.Id);
    const number = `${contractId}_2015-07-14_2016-07-13`;
    expect(stack.ns.get('customrecord_contracts', contractId)!.fields.name).toBe(number);
    expect(contract).toMatchObject({
      AccountId: accountId,
      Name: number,
      NetSuite_Contract_Number__c: number,
      StartDate: '2015-07-14',
      ContractTerm: 12,
      EndDate: '2016-07-13',
      Status: 'Activated',
      NetSuite_Sync__c: expect.stringMatching(/^Synced \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/),
    });
    const [support, training] = contractItems(stack.ns, contractId);
    expect(await sfItems(sfContractId)).toEqual([
      expect.objectContaining({
        NetSuite_Id__c: support!.id,
        Name: 'SUPPORT-GOLD',
        Product__c: products.support.product,
        Quantity__c: 3,
        Price__c: 1200,
        Start_Date__c: '2015-07-14',
        End_Date__c: '2016-07-13',
      }),
      expect.objectContaining({
        NetSuite_Id__c: training!.id,
        Product__c: products.training.product,
        Quantity__c: 1,
        Price__c: 500,
      }),
    ]);
    const link = linkOf(stack.ns, contractId)!;
    expect(link.fields[LINK.lastSyncError]).toBeFalsy();
    expect(link.fields).toMatchObject({
      [LINK.salesforceId]: sfContractId,
      [LINK.salesforceObject]: 'Contract',
      [LINK.syncStatus]: expect.stringMatching(/^Synced /),
    });
    const state = JSON.parse(String(link.fields[LINK.state])) as { items: Record<string, { id: string }> };
    const sf = await sfItems(sfContractId);
    expect(Object.fromEntries(Object.entries(state.items).map(([k, v]) => [k, v.id]))).toEqual({
      [support!.id]: sf[0]!.Id,
      [training!.id]: sf[1]!.Id,
    });
  });

  test('an upsell opportunity on the contract adds a product: order type and contract on the order, a new item', async () => {
    const oppId = await opportunity(
      stack,
      {
        Name: 'Contoso upsell',
        AccountId: accountId,
        NetSuite_Order_Type__c: 'Contract Upsell',
        NetSuite_Contract__c: sfContractId,
        CloseDate: '2016-01-14',
      },
      [{ entry: products.premium.entry, quantity: 2, unitPrice: 300 }],
    );
    const res = await stack.push({ object: 'Opportunity', id: oppId, action: 'order' });
    expect(res.body.results?.[0]).toMatchObject({ status: 'synced' });
    const order = orderOf(oppId);
    expect(order.fields).toMatchObject({
      entity: customer,
      custbody_order_type: '3',
      custbody_contract_name: contractId,
    });
    expect(linesOf(order.id)).toEqual([{ item: items.premium, quantity: 2, rate: 300 }]);

    const before = (await stack.sf.apiCalls()).total;
    const [added] = suiteAppAddsItems(
      stack.ns,
      contractId,
      customer,
      { start: '2016-01-14', end: '2016-07-13' },
      linesOf(order.id),
      order.id,
    );
    // The contract is in Salesforce: the new item goes alone, in one call, plus one to find the product
    // of an item NetSuite had no Salesforce product ID for yet (remembered on the item from now on).
    expect((await stack.sf.apiCalls()).total - before).toBe(2);
    expect(stack.ns.get('serviceitem', items.premium)!.fields[ITEM.productId]).toBe(products.premium.product);
    expect(contractItems(stack.ns, contractId)).toHaveLength(3);
    const sf = await sfItems(sfContractId);
    expect(sf).toHaveLength(3);
    expect(sf[2]).toMatchObject({
      NetSuite_Id__c: added,
      Name: 'PREMIUM-ADDON',
      Product__c: products.premium.product,
      Quantity__c: 2,
      Price__c: 300,
      Start_Date__c: '2016-01-14',
      End_Date__c: '2016-07-13',
    });
    const state = JSON.parse(String(linkOf(stack.ns, contractId)!.fields[LINK.state])) as {
      items: Record<string, { id: string }>;
    };
    expect(state.items[added!]?.id).toBe(sf[2]!.Id);
  });

  test('the renewal estimate becomes a Contract Renewal opportunity in the configured stage', async () => {
    stack.setSettings({ [SETTINGS.renewalStage]: 'Negotiation/Review' });
    const estimateId = suiteAppCreatesRenewal(stack.ns, contractId, {
      start: '2016-07-14',
      end: '2017-07-13',
    });
    const estimate = stack.ns.get('estimate', estimateId)!;
    expect(estimate.fields).toMatchObject({
      custbody_order_type: '2',
      custbody_contract_name: contractId,
      [BODY.syncStatus]: expect.stringMatching(/^Synced /),
    });
    expect(estimate.fields[BODY.lastSyncError]).toBeFalsy();
    expect(Number(estimate.fields.total)).toBe(3 * 1200 + 500 + 2 * 300);
    const oppId = String(estimate.fields[BODY.opportunityId]);
    const opp = await stack.row('Opportunity', oppId);
    expect(opp).toMatchObject({
      AccountId: accountId,
      StageName: 'Negotiation/Review',
      CloseDate: '2016-07-14',
      NetSuite_Order_Type__c: 'Contract Renewal',
      NetSuite_Contract__c: sfContractId,
      NetSuite_Id__c: estimateId,
      NetSuite_Estimate_Id__c: estimateId,
      NetSuite_Estimate_Number__c: estimate.fields.tranid,
      NetSuite_Estimate_Total__c: 4700,
      NetSuite_Originated_Order__c: false,
      Skip_Export_To_NetSuite__c: false,
      Amount: 4700,
    });
    const lines = (await stack.sf.records('OpportunityLineItem'))
      .filter((l) => l.OpportunityId === oppId)
      .map((l) => [l.Product2Id, l.Quantity, l.UnitPrice])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(lines).toEqual(
      [
        [products.support.product, 3, 1200],
        [products.training.product, 1, 500],
        [products.premium.product, 2, 300],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // Saved again unchanged: nothing more goes to Salesforce.
    const calls = (await stack.sf.apiCalls()).total;
    stack.ns.ui.record.load({ type: 'estimate', id: estimateId }).save();
    expect((await stack.sf.apiCalls()).total).toBe(calls);
  });

  test('a renewal estimate that failed costs one attempt per retry-queue run', async () => {
    const estimate = stack.ns.list('estimate').find((e) => e.fields[BODY.opportunityId])!;
    const oppId = String(estimate.fields[BODY.opportunityId]);
    const entries = () => entriesOf(stack.ns, estimate.id, 'estimate');
    const retryQueue = () => {
      for (const e of entries()) makeDue(stack.ns, e.id);
      runRetryQueue(stack.ns);
    };
    await stack.sf.fault({ kind: 'unavailable' });
    const rec = stack.ns.ui.record.load({ type: 'estimate', id: estimate.id });
    rec.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 4 });
    rec.save();
    expect(entries().map((e) => e.attempts)).toEqual([1]);

    const runsBefore = stack.ns.executions.length;
    retryQueue();
    expect(entries().map((e) => e.attempts)).toEqual([2]);
    // The retry's write-back of the failure fired the estimate's user event, which sent nothing.
    const echoes = stack.ns.executions
      .slice(runsBefore)
      .filter((e) => /ue_renewal/.test(e.scriptId) && e.eventType === 'xedit');
    expect(echoes.length).toBeGreaterThan(0);
    expect(echoes.map((e) => e.calls['https.request'] ?? 0)).toEqual(echoes.map(() => 0));

    await stack.sf.clearFaults();
    retryQueue();
    const after = stack.ns.get('estimate', estimate.id)!;
    expect(after.fields[BODY.syncStatus]).toMatch(/^Synced /);
    expect(after.fields[BODY.lastSyncError]).toBeFalsy();
    const support = (await stack.sf.records('OpportunityLineItem')).find(
      (l) => l.OpportunityId === oppId && l.Product2Id === products.support.product,
    );
    expect(support).toMatchObject({ Quantity: 4, TotalPrice: 4800 });
  });

  test('an estimate that is not a renewal sends nothing', async () => {
    const before = (await stack.sf.apiCalls()).total;
    const est = stack.ns.ui.record.create({ type: 'estimate' });
    est.setValue({ fieldId: 'entity', value: customer });
    est.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: items.training });
    const id = String(est.save());
    expect(stack.ns.get('estimate', id)!.fields[BODY.opportunityId]).toBeFalsy();
    expect((await stack.sf.apiCalls()).total).toBe(before);
  });
});

test('every script run of the story ended without an error, each user event well inside its 1,000 units', () => {
  const runs = stack.ns.executions.filter((e) => e.scriptType === 'usereventscript');
  expect(runs.filter((e) => e.error).map((e) => `${e.scriptId}: ${e.error?.message}`)).toEqual([]);
  const contractRuns = runs.filter(
    (e) => /ue_contract|ue_renewal/.test(e.scriptId) && e.entryPoint === 'afterSubmit',
  );
  expect(contractRuns.length).toBeGreaterThan(5);
  expect(Math.max(...contractRuns.map((e) => e.unitsUsed))).toBeLessThan(200);
});
