import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BODY, COLUMN, ENTITY, ITEM, SETTINGS } from '../../bundle/catalogue';
import { projectRoot } from '../../tools/demo/stack';
import {
  opportunity,
  product,
  startInbound,
  unique,
  wonAccount,
  type InboundStack,
  type LineSpec,
} from './support/inbound';

let stack: InboundStack;
let widget: string;
let gadget: string;
let widgetEntry: string;
let gadgetEntry: string;

beforeAll(async () => {
  stack = await startInbound({
    settings: { [SETTINGS.netsuiteAccountUrl]: 'https://1234567.app.netsuite.com' },
  });
  widget = stack.ns.seed('inventoryitem', { itemid: 'WIDGET', baseprice: 100, subsidiary: '1' });
  gadget = stack.ns.seed('serviceitem', { itemid: 'GADGET', baseprice: 40, subsidiary: '1' });
  widgetEntry = (await product(stack, 'Widget', widget, 100)).entry;
  gadgetEntry = (await product(stack, 'Gadget', gadget, 40)).entry;
});
afterAll(async () => {
  await stack?.close();
});

const ordersOf = (oppId: string) =>
  stack.ns.list('salesorder').filter((o) => o.fields[BODY.opportunityId] === oppId);

async function wonOpportunity(
  extra: Record<string, unknown> = {},
  lines: LineSpec[] = [{ entry: widgetEntry, quantity: 3, unitPrice: 19.99, discount: 15 }],
) {
  const accountId = await stack.sf.insert('Account', { Name: unique('Buyer') });
  const oppId = await opportunity(stack, { Name: unique('Deal'), AccountId: accountId, ...extra }, lines);
  return { accountId, oppId };
}

describe('Opportunity → Sales Order', () => {
  test('a Closed Won opportunity with products becomes a Salesforce Originated Order, account first', async () => {
    const { accountId, oppId } = await wonOpportunity({ Description: 'Ship fast' }, [
      { entry: widgetEntry, quantity: 3, unitPrice: 19.99, discount: 15 },
      { entry: gadgetEntry, quantity: 2, unitPrice: 40, description: 'Install' },
    ]);
    const res = await stack.push({ object: 'Opportunity', id: oppId });
    expect(res.body.results?.[0]).toMatchObject({ status: 'synced' });
    const [order] = ordersOf(oppId);
    const customer = stack.ns.list('customer').find((c) => c.fields[ENTITY.accountId] === accountId)!;
    expect(order?.fields).toMatchObject({
      entity: customer.id,
      orderstatus: 'A',
      memo: 'Ship fast',
      [BODY.salesforceOriginated]: true,
      [BODY.opportunityId]: oppId,
    });
    expect(String(order?.fields[BODY.payloadHash])).toMatch(/^inbound:/);
    const lines = order!.sublists.item!;
    expect(lines.map((l) => [l.item, l.quantity, l.rate, l.price, l.amount])).toEqual([
      [widget, 3, 16.9915, '-1', 50.97],
      [gadget, 2, 40, '-1', 80],
    ]);
    expect(lines[1]?.description).toBe('Install');
    expect(lines.every((l) => String(l[COLUMN.lineId]).startsWith('00k'))).toBe(true);
    expect(order?.fields.total).toBeCloseTo(130.97, 2);

    const opp = await stack.row('Opportunity', oppId);
    expect(opp).toMatchObject({
      NetSuite_Sync_Status__c: 'Completed',
      NetSuite_Id__c: order!.id,
      NetSuite_Order_Number__c: order!.fields.tranid,
      NetSuite_Order_Record__c: `https://1234567.app.netsuite.com/app/accounting/transactions/salesord.nl?id=${order!.id}`,
    });
    expect(opp.NetSuite_Sync__c).toMatch(/^Synced /);
    expect((await stack.row('Account', accountId)).NetSuite_Id__c).toBe(customer.id);
  });

  test('delivered twice, the order is made once and saved once', async () => {
    const { oppId } = await wonOpportunity();
    await stack.push({ object: 'Opportunity', id: oppId });
    const again = await stack.push({ records: [{ object: 'Opportunity', id: oppId }] });
    expect(again.body.results?.[0]?.status).toBe('unchanged');
    expect(ordersOf(oppId)).toHaveLength(1);
  });

  test('an unmapped product is an error naming it; no order', async () => {
    const loose = await product(stack, 'Loose Product', null, 10);
    const ghost = await product(stack, 'Ghost Product', '999999', 10);
    const { oppId } = await wonOpportunity({}, [
      { entry: widgetEntry, quantity: 1, unitPrice: 100 },
      { entry: loose.entry, quantity: 1, unitPrice: 10 },
      { entry: ghost.entry, quantity: 1, unitPrice: 10 },
    ]);
    const res = await stack.push({ object: 'Opportunity', id: oppId });
    expect(res.body.results?.[0]).toMatchObject({ status: 'failed', code: 'SFSYNC_PRODUCT_NOT_MAPPED' });
    expect(res.body.results?.[0]?.message).toContain(
      `product "Loose Product" (${loose.product}) has no NetSuite item`,
    );
    expect(res.body.results?.[0]?.message).toContain('"Ghost Product"');
    expect(res.body.results?.[0]?.message).toContain('NetSuite item 999999, which does not exist');
    expect(ordersOf(oppId)).toHaveLength(0);
    const opp = await stack.row('Opportunity', oppId);
    expect(opp.NetSuite_Sync_Status__c).toBe('Error');
    expect(opp.NetSuite_Sync__c).toMatch(/^Error: .*The opportunity cannot become a NetSuite transaction/);
    expect(stack.logEntries(oppId)).toHaveLength(1);
  });

  test('a product without NetSuite ID is found through the item linked to it', async () => {
    const linkedItem = stack.ns.seed('serviceitem', { itemid: 'LINKED', baseprice: 5, subsidiary: '1' });
    const p = await product(stack, 'Linked', null, 5);
    stack.ns.ui.record.submitFields({
      type: 'serviceitem',
      id: linkedItem,
      values: { [ITEM.productId]: p.product },
    });
    const { oppId } = await wonOpportunity({}, [{ entry: p.entry, quantity: 4, unitPrice: 5 }]);
    expect((await stack.push({ object: 'Opportunity', id: oppId })).body.results?.[0]?.status).toBe('synced');
    expect(ordersOf(oppId)[0]?.sublists.item?.[0]?.item).toBe(linkedItem);
  });

  test('changes update the order while it is pending approval, then only by setting', async () => {
    const { oppId } = await wonOpportunity({}, [
      { entry: widgetEntry, quantity: 1, unitPrice: 100 },
      { entry: gadgetEntry, quantity: 1, unitPrice: 40 },
    ]);
    await stack.push({ object: 'Opportunity', id: oppId });
    const [order] = ordersOf(oppId);
    const lines = (await stack.sf.records('OpportunityLineItem')).filter((l) => l.OpportunityId === oppId);
    const widgetLine = lines.find((l) => l.PricebookEntryId === widgetEntry)!;
    const gadgetLine = lines.find((l) => l.PricebookEntryId === gadgetEntry)!;
    // Salesforce keeps TotalPrice when only Quantity changes: a new quantity comes with its sales price
    await stack.sf.update('OpportunityLineItem', String(widgetLine.Id), { Quantity: 5, UnitPrice: 100 });
    await stack.sf.insert('OpportunityLineItem', {
      OpportunityId: oppId,
      PricebookEntryId: gadgetEntry,
      Quantity: 7,
      UnitPrice: 30,
    });
    expect((await stack.push({ object: 'Opportunity', id: oppId })).body.results?.[0]?.status).toBe('synced');
    let current = stack.ns.get('salesorder', order!.id)!;
    expect(current.sublists.item?.map((l) => [l[COLUMN.lineId], l.quantity, l.amount])).toEqual([
      [widgetLine.Id, 5, 500],
      [gadgetLine.Id, 1, 40],
      [expect.stringMatching(/^00k/), 7, 210],
    ]);

    stack.ns.ui.record.submitFields({ type: 'salesorder', id: order!.id, values: { orderstatus: 'B' } });
    await stack.sf.update('OpportunityLineItem', String(widgetLine.Id), { Quantity: 6, UnitPrice: 100 });
    const skipped = await stack.push({ object: 'Opportunity', id: oppId });
    expect(skipped.body.results?.[0]).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('no longer pending approval'),
    });
    current = stack.ns.get('salesorder', order!.id)!;
    expect(current.sublists.item?.[0]?.quantity).toBe(5);

    stack.setSettings({ [SETTINGS.updateApprovedOrders]: true });
    try {
      expect((await stack.push({ object: 'Opportunity', id: oppId })).body.results?.[0]?.status).toBe(
        'synced',
      );
    } finally {
      stack.setSettings({ [SETTINGS.updateApprovedOrders]: false });
    }
    expect(stack.ns.get('salesorder', order!.id)?.sublists.item?.[0]?.quantity).toBe(6);
    expect(ordersOf(oppId)).toHaveLength(1);
  });

  test('an open opportunity waits for Closed Won; Create NetSuite Order makes the order now', async () => {
    const { oppId } = await wonOpportunity({ StageName: 'Proposal/Price Quote' });
    const waiting = await stack.push({ object: 'Opportunity', id: oppId });
    expect(waiting.body.results?.[0]?.status).toBe('skipped');
    expect(ordersOf(oppId)).toHaveLength(0);
    const button = await stack.push({ object: 'Opportunity', id: oppId, action: 'order' });
    expect(button.body.results?.[0]?.status).toBe('synced');
    expect(ordersOf(oppId)).toHaveLength(1);
    expect((await stack.row('Opportunity', oppId)).NetSuite_Sync_Status__c).toBe('Completed');
  });

  test('Processing set in Salesforce is picked up by the poller and ends Completed', async () => {
    await stack.poll(); // catch up with everything earlier tests changed
    const { oppId } = await wonOpportunity({ StageName: 'Negotiation/Review' });
    await stack.sf.update('Opportunity', oppId, { NetSuite_Sync_Status__c: 'Processing' });
    const report = await stack.poll();
    expect(report.mapErrors).toEqual([]);
    expect(ordersOf(oppId)).toHaveLength(1);
    const opp = await stack.row('Opportunity', oppId);
    expect(opp.NetSuite_Sync_Status__c).toBe('Completed');
    expect(opp.NetSuite_Order_Number__c).toBe(ordersOf(oppId)[0]?.fields.tranid);
  });

  test('opportunities of NetSuite-originated orders are left to the outbound flow', async () => {
    const { oppId } = await wonOpportunity({
      NetSuite_Originated_Order__c: true,
      Skip_Export_To_NetSuite__c: true,
    });
    const res = await stack.push({ object: 'Opportunity', id: oppId });
    expect(res.body.results?.[0]?.status).toBe('skipped');
    expect(ordersOf(oppId)).toHaveLength(0);
  });

  test('the new order is not sent back to Salesforce, even with "Sync Salesforce Originated Orders" on', async () => {
    stack.setSettings({ [SETTINGS.syncSalesforceOriginated]: true });
    try {
      const { oppId } = await wonOpportunity();
      const before = (await stack.sf.apiCalls()).byEndpoint;
      await stack.push({ object: 'Opportunity', id: oppId });
      const after = (await stack.sf.apiCalls()).byEndpoint;
      expect(after.composite ?? 0).toBe(before.composite ?? 0);
      expect(ordersOf(oppId)[0]?.fields[BODY.syncStatus]).toBeFalsy();
    } finally {
      stack.setSettings({ [SETTINGS.syncSalesforceOriginated]: false });
    }
  });

  const BULK = 120;
  test('a batch larger than one call’s governance: the rest is queued as Processing and the poller finishes it', async () => {
    await stack.poll();
    const accountId = await wonAccount(stack, { Name: unique('Bulk Buyer') });
    const opps: string[] = [];
    for (let i = 0; i < BULK; i++) {
      opps.push(
        await opportunity(stack, { Name: `Bulk ${i}`, AccountId: accountId, StageName: 'Prospecting' }, [
          { entry: widgetEntry, quantity: 1, unitPrice: 100 },
        ]),
      );
    }
    const res = await stack.push({
      records: opps.map((id) => ({ object: 'Opportunity', id, action: 'order' })),
    });
    expect(res.status).toBe(200);
    const counts = res.body.counts ?? {};
    expect(counts.synced).toBeGreaterThan(0);
    expect(counts.queued).toBeGreaterThan(0);
    expect((counts.synced ?? 0) + (counts.queued ?? 0)).toBe(BULK);
    const restlet = stack.ns.executions.filter((e) => e.scriptType === 'restlet').at(-1)!;
    expect(restlet.error).toBeUndefined();
    expect(restlet.unitsUsed).toBeLessThanOrEqual(5000);
    const queued = res.body.results!.filter((r) => r.status === 'queued').map((r) => r.id);
    for (const id of queued) {
      const opp = await stack.row('Opportunity', id);
      expect(opp.NetSuite_Sync_Status__c).toBe('Processing');
      expect(opp.NetSuite_Sync__c).toMatch(/^Queued .*poller/);
      expect(ordersOf(id)).toHaveLength(0);
    }
    const report = await stack.poll();
    expect(report.mapErrors).toEqual([]);
    for (const id of opps) {
      expect(ordersOf(id)).toHaveLength(1);
      expect((await stack.row('Opportunity', id)).NetSuite_Sync_Status__c).toBe('Completed');
    }
  });
});

describe('Contract Renewals order type', () => {
  let crStack: InboundStack;
  let item: string;
  let entry: string;

  beforeAll(async () => {
    // A copy of the project with the SuiteApp's order type field, as an account with Contract Renewals has it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfsync-cr-'));
    fs.cpSync(path.join(projectRoot(), 'src'), path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'src/Objects/customlist_swe_order_type.xml'),
      `<customlist scriptid="customlist_swe_order_type"><name>Order Types</name><customvalues>
        <customvalue scriptid="val_new"><value>Contract-New</value></customvalue>
        <customvalue scriptid="val_renewal"><value>Contract-Renewal</value></customvalue>
        <customvalue scriptid="val_upsell"><value>Contract-Upsell</value></customvalue>
      </customvalues></customlist>`,
    );
    fs.writeFileSync(
      path.join(dir, 'src/Objects/custbody_order_type.xml'),
      `<transactionbodycustomfield scriptid="custbody_order_type"><label>Transaction Order Type</label>
        <fieldtype>SELECT</fieldtype><selectrecordtype>[scriptid=customlist_swe_order_type]</selectrecordtype>
        <bodysale>T</bodysale><storevalue>T</storevalue></transactionbodycustomfield>`,
    );
    crStack = await startInbound({ runtime: { projectDir: dir } });
    item = crStack.ns.seed('inventoryitem', { itemid: 'LICENSE', baseprice: 1000, subsidiary: '1' });
    entry = (await product(crStack, 'License', item, 1000)).entry;
  });
  afterAll(async () => {
    await crStack?.close();
  });

  test('Contract New / Upsell / Renewal set the order type when the field exists', async () => {
    const accountId = await crStack.sf.insert('Account', { Name: 'Renewing Co' });
    const types = { 'Contract New': '1', 'Contract Renewal': '2', 'Contract Upsell': '3' };
    for (const [label, value] of Object.entries(types)) {
      const oppId = await opportunity(
        crStack,
        { Name: label, AccountId: accountId, NetSuite_Order_Type__c: label },
        [{ entry, quantity: 1, unitPrice: 1000 }],
      );
      expect((await crStack.push({ object: 'Opportunity', id: oppId })).body.results?.[0]?.status).toBe(
        'synced',
      );
      const order = crStack.ns.list('salesorder').find((o) => o.fields[BODY.opportunityId] === oppId);
      expect(order?.fields.custbody_order_type).toBe(value);
    }
  });

  test('without the SuiteApp the order is made without an order type', async () => {
    const { oppId } = await wonOpportunity({ NetSuite_Order_Type__c: 'Contract Upsell' });
    expect((await stack.push({ object: 'Opportunity', id: oppId })).body.results?.[0]?.status).toBe('synced');
    expect(Object.keys(ordersOf(oppId)[0]!.fields)).not.toContain('custbody_order_type');
  });
});

describe('Create Quote → Estimate', () => {
  test('the first quote also syncs the account; its number, status and total go back', async () => {
    const accountId = await stack.sf.insert('Account', { Name: unique('Quoted') });
    const oppId = await opportunity(
      stack,
      { Name: 'Quote me', AccountId: accountId, StageName: 'Proposal/Price Quote' },
      [{ entry: widgetEntry, quantity: 2, unitPrice: 100, discount: 10 }],
    );
    const res = await stack.push({ object: 'Opportunity', id: oppId, action: 'quote' });
    expect(res.body.results?.[0]).toMatchObject({ action: 'quote', status: 'synced' });
    const customer = stack.ns.list('customer').find((c) => c.fields[ENTITY.accountId] === accountId);
    expect(customer).toBeDefined();
    const estimates = stack.ns.list('estimate').filter((e) => e.fields[BODY.opportunityId] === oppId);
    expect(estimates).toHaveLength(1);
    expect(estimates[0]?.fields).toMatchObject({ entity: customer!.id, title: 'Quote me' });
    expect(estimates[0]?.sublists.item?.map((l) => [l.item, l.quantity, l.rate, l.amount])).toEqual([
      [widget, 2, 90, 180],
    ]);
    expect(await stack.row('Opportunity', oppId)).toMatchObject({
      NetSuite_Estimate_Id__c: estimates[0]!.id,
      NetSuite_Estimate_Number__c: estimates[0]!.fields.tranid,
      NetSuite_Estimate_Status__c: 'Open',
      NetSuite_Estimate_Total__c: 180,
    });
    expect(ordersOf(oppId)).toHaveLength(0);
  });

  test('a second request updates the same estimate', async () => {
    const accountId = await stack.sf.insert('Account', { Name: unique('Requote') });
    const oppId = await opportunity(
      stack,
      { Name: 'Twice', AccountId: accountId, StageName: 'Proposal/Price Quote' },
      [{ entry: gadgetEntry, quantity: 1, unitPrice: 40 }],
    );
    await stack.push({ object: 'Opportunity', id: oppId, action: 'quote' });
    const [line] = (await stack.sf.records('OpportunityLineItem')).filter((l) => l.OpportunityId === oppId);
    await stack.sf.update('OpportunityLineItem', String(line!.Id), { Quantity: 3, UnitPrice: 40 });
    const second = await stack.push({ object: 'Opportunity', id: oppId, action: 'quote' });
    expect(second.body.results?.[0]?.status).toBe('synced');
    const estimates = stack.ns.list('estimate').filter((e) => e.fields[BODY.opportunityId] === oppId);
    expect(estimates).toHaveLength(1);
    expect(estimates[0]?.sublists.item?.[0]?.quantity).toBe(3);
    expect((await stack.row('Opportunity', oppId)).NetSuite_Estimate_Total__c).toBe(120);
    const third = await stack.push({ object: 'Opportunity', id: oppId, action: 'quote' });
    expect(third.body.results?.[0]?.status).toBe('unchanged');
  });
});
