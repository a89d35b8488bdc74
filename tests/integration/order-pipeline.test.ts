// The order pipeline's bookkeeping on the local stand-ins: an order made from an Opportunity is sent back
// without doubling its lines (and reconciles clean), and two saves of one order at once leave Salesforce
// with the newer values.
import { BODY, COLUMN, GOLIVE_SCRIPTS, SETTINGS } from '../../bundle/catalogue';
import type { HttpRequest } from '../../tools/netsuite-local';
import { createOrder, seedCatalog, seedCustomer, type Catalog } from '../../tools/demo/seed';
import { startStack, type Stack } from '../../tools/demo/stack';
import { opportunity, product, startInbound, unique, type InboundStack } from './support/inbound';

describe('an order made from an Salesforce Opportunity, synced back', () => {
  let stack: InboundStack;
  let widget = '';
  let gadget = '';
  const entries = { widget: '', gadget: '' };

  beforeAll(async () => {
    stack = await startInbound({
      settings: {
        [SETTINGS.netsuiteAccountUrl]: 'https://1234567.app.netsuite.com',
        [SETTINGS.syncSalesforceOriginated]: true,
      },
    });
    widget = stack.ns.seed('inventoryitem', { itemid: 'WIDGET', baseprice: 100, subsidiary: '1' });
    gadget = stack.ns.seed('serviceitem', { itemid: 'GADGET', baseprice: 40, subsidiary: '1' });
    entries.widget = (await product(stack, 'Widget', widget, 100)).entry;
    entries.gadget = (await product(stack, 'Gadget', gadget, 40)).entry;
  });
  afterAll(async () => {
    await stack?.close();
  });

  const oppLines = async (oppId: string) =>
    (await stack.sf.records('OpportunityLineItem')).filter((l) => l.OpportunityId === oppId);

  async function orderFromOpportunity() {
    const accountId = await stack.sf.insert('Account', { Name: unique('Buyer') });
    const oppId = await opportunity(stack, { Name: unique('Deal'), AccountId: accountId }, [
      { entry: entries.widget, quantity: 3, unitPrice: 20 },
      { entry: entries.gadget, quantity: 2, unitPrice: 40 },
    ]);
    const res = await stack.push({ object: 'Opportunity', id: oppId });
    expect(res.body.results?.[0]).toMatchObject({ status: 'synced' });
    const order = stack.ns.list('salesorder').find((o) => o.fields[BODY.opportunityId] === oppId)!;
    const before = await oppLines(oppId);
    expect(before).toHaveLength(2);
    return { oppId, orderId: order.id, lineIds: before.map((l) => String(l.Id)).sort() };
  }

  test('an edit in NetSuite updates the Opportunity lines it came from; none is added', async () => {
    const { oppId, orderId, lineIds } = await orderFromOpportunity();
    const so = stack.ns.ui.record.load({ type: 'salesorder', id: orderId });
    expect(so.getSublistValue({ sublistId: 'item', fieldId: COLUMN.lineId, line: 0 })).toMatch(/^00k/);
    so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 5 });
    so.setValue({ fieldId: 'memo', value: 'Five widgets' });
    so.save();

    const order = stack.ns.get('salesorder', orderId)!;
    expect(order.fields[BODY.syncStatus]).toMatch(/^Synced /);
    expect(order.fields[BODY.lastSyncError]).toBeFalsy();
    const after = await oppLines(oppId);
    expect(after.map((l) => String(l.Id)).sort()).toEqual(lineIds);
    const widgetLine = after.find((l) => l.Quantity === 5)!;
    expect(widgetLine).toMatchObject({ UnitPrice: 20, TotalPrice: 100 });
    // Linked to its NetSuite line from now on.
    expect(String(widgetLine.NetSuite_Line_Id__c)).toMatch(new RegExp(`^${orderId}_`));
    const opp = await stack.row('Opportunity', oppId);
    expect(opp.Amount).toBe(180);
    expect(Number(order.fields.total)).toBe(180);
    expect(JSON.parse(String(order.fields[BODY.lineMap])) as Record<string, string>).toEqual(
      Object.fromEntries(after.map((l) => [String(l.NetSuite_Line_Id__c), String(l.Id)])),
    );

    // Salesforce's view comes back in: the order keeps its two lines.
    const again = await stack.push({ object: 'Opportunity', id: oppId });
    expect(['synced', 'unchanged']).toContain(again.body.results?.[0]?.status);
    const lines = stack.ns.get('salesorder', orderId)!.sublists.item!;
    expect(lines.map((l) => [l.item, l.quantity])).toEqual([
      [widget, 5],
      [gadget, 2],
    ]);
    expect((await oppLines(oppId)).map((l) => String(l.Id)).sort()).toEqual(lineIds);
  });

  test('a line deleted in NetSuite after the first sync back is deleted in Salesforce', async () => {
    const { oppId, orderId } = await orderFromOpportunity();
    const so = stack.ns.ui.record.load({ type: 'salesorder', id: orderId });
    so.setValue({ fieldId: 'memo', value: 'first send' });
    so.save();
    const edit = stack.ns.ui.record.load({ type: 'salesorder', id: orderId });
    edit.removeLine({ sublistId: 'item', line: 1 });
    edit.save();
    const left = await oppLines(oppId);
    expect(left.map((l) => [l.Quantity, l.UnitPrice])).toEqual([[3, 20]]);
    expect((await stack.row('Opportunity', oppId)).Amount).toBe(60);
  });

  test('a line added in NetSuite is sent, and does not come back as a second NetSuite line', async () => {
    const { oppId, orderId } = await orderFromOpportunity();
    const so = stack.ns.ui.record.load({ type: 'salesorder', id: orderId });
    so.insertLine({ sublistId: 'item', line: 2 });
    so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 2, value: gadget });
    so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 2, value: 1 });
    so.setSublistValue({ sublistId: 'item', fieldId: 'rate', line: 2, value: 45 });
    so.save();
    const sent = await oppLines(oppId);
    expect(sent.map((l) => [l.Quantity, l.UnitPrice]).sort()).toEqual([
      [1, 45],
      [2, 40],
      [3, 20],
    ]);

    const again = await stack.push({ object: 'Opportunity', id: oppId });
    expect(['synced', 'unchanged']).toContain(again.body.results?.[0]?.status);
    const lines = stack.ns.get('salesorder', orderId)!.sublists.item!;
    expect(lines.map((l) => [l.item, l.quantity, l.rate])).toEqual([
      [widget, 3, 20],
      [gadget, 2, 40],
      [gadget, 1, 45],
    ]);
    // The added line now names its Salesforce line, as the lines that came from Salesforce do.
    const added = sent.find((l) => l.UnitPrice === 45)!;
    expect(lines[2]![COLUMN.lineId]).toBe(added.Id);
    expect(await oppLines(oppId)).toHaveLength(3);
  });

  test('reconciliation finds nothing to report on such orders, sent back or not', async () => {
    const untouched = await orderFromOpportunity();
    const sentBack = await orderFromOpportunity();
    const so = stack.ns.ui.record.load({ type: 'salesorder', id: sentBack.orderId });
    so.setValue({ fieldId: 'memo', value: 'sent back' });
    so.save();
    expect(await oppLines(sentBack.oppId)).toHaveLength(2);

    const report = stack.ns.runMapReduce(GOLIVE_SCRIPTS.recon.script, GOLIVE_SCRIPTS.recon.deploy);
    expect(report.status).toBe('COMPLETE');
    const file = stack.ns.files().find((f) => f.path === 'SuiteScripts/sfsync-reconciliation-latest.json')!;
    const findings = (
      JSON.parse(file.contents) as {
        findings: Array<{ netsuiteType: string; netsuiteId: string; issue: string; detail: string }>;
      }
    ).findings;
    const about = findings.filter(
      (f) => f.netsuiteType === 'salesorder' && [untouched.orderId, sentBack.orderId].includes(f.netsuiteId),
    );
    expect(about).toEqual([]);
  });
});

describe('two saves of one order at once', () => {
  let stack: Stack;
  let items: Catalog;
  /** Runs once, inside the next request to Salesforce's composite resource, before it leaves. */
  let during: (() => void) | null = null;

  beforeAll(async () => {
    stack = await startStack({
      settings: { [SETTINGS.syncNetSuiteOriginatedUpdates]: true },
      runtime: {
        beforeHttpRequest: (req: HttpRequest) => {
          if (!during || req.method !== 'POST' || !/\/composite$/.test(new URL(req.url).pathname)) return;
          const run = during;
          during = null;
          run();
        },
      },
    });
    items = seedCatalog(stack.ns);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const setQuantity = (id: string, quantity: number) => {
    const so = stack.ns.ui.record.load({ type: 'salesorder', id });
    so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: quantity });
    so.save();
  };

  test('the save that sends last sends the newest values', async () => {
    const customer = seedCustomer(stack.ns, { companyname: unique('Racer') });
    const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
      memo: 'v0',
    });
    const oppId = String(stack.ns.get('salesorder', id)!.fields[BODY.opportunityId]);
    expect(oppId).toMatch(/^006/);

    // Save A (2 widgets) is about to send when save B (3 widgets) runs to its end.
    during = () => setQuantity(id, 3);
    setQuantity(id, 2);
    expect(during).toBeNull();

    const opp = await stack.sf.records('Opportunity').then((r) => r.find((o) => o.Id === oppId)!);
    expect(opp.Amount).toBe(300);
    const lines = (await stack.sf.records('OpportunityLineItem')).filter((l) => l.OpportunityId === oppId);
    expect(lines.map((l) => [l.Quantity, l.TotalPrice])).toEqual([[3, 300]]);
    const order = stack.ns.get('salesorder', id)!;
    expect(order.sublists.item![0]!.quantity).toBe(3);
    expect(order.fields[BODY.lastSyncError]).toBeFalsy();
    expect(order.fields[BODY.syncStatus]).toMatch(/^Synced /);

    // The hash kept is that of what Salesforce holds: an unchanged save sends nothing.
    const calls = (await stack.sf.apiCalls()).total;
    stack.ns.ui.record.load({ type: 'salesorder', id }).save();
    expect((await stack.sf.apiCalls()).total).toBe(calls);
  });

  test('a new order saved twice at once becomes one Opportunity with the newer values', async () => {
    const customer = seedCustomer(stack.ns, { companyname: unique('Twin') });
    const id = createOrder(stack.ns, customer, [{ item: items.gadget, quantity: 1, rate: 300 }], {
      [BODY.sendAsOpportunity]: false,
      memo: 'draft',
    });
    during = () => setQuantity(id, 4);
    const so = stack.ns.ui.record.load({ type: 'salesorder', id });
    so.setValue({ fieldId: BODY.sendAsOpportunity, value: true });
    so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 2 });
    so.save();
    expect(during).toBeNull();
    const opps = (await stack.sf.records('Opportunity')).filter((o) => o.NetSuite_Id__c === id);
    expect(opps.map((o) => o.Amount)).toEqual([1200]);
    const order = stack.ns.get('salesorder', id)!;
    expect(order.fields[BODY.opportunityId]).toBe(opps[0]!.Id);
    expect(order.fields[BODY.netsuiteOriginated]).toBe(true);
  });

  test('a description line added above an item moves it down but sends nothing', async () => {
    const customer = seedCustomer(stack.ns, { companyname: unique('Noted') });
    const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    const calls = (await stack.sf.apiCalls()).total;
    const so = stack.ns.ui.record.load({ type: 'salesorder', id });
    so.insertLine({ sublistId: 'item', line: 0 });
    so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: items.description });
    so.setSublistValue({ sublistId: 'item', fieldId: 'description', line: 0, value: 'Gift wrap' });
    so.save();
    expect(stack.ns.get('salesorder', id)!.sublists.item).toHaveLength(2);
    expect((await stack.sf.apiCalls()).total).toBe(calls);
  });

  test('an ordinary save reads the order back once and sends once', async () => {
    const customer = seedCustomer(stack.ns, { companyname: unique('Calm') });
    const id = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 1, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    const calls = (await stack.sf.apiCalls()).total;
    setQuantity(id, 7);
    expect((await stack.sf.apiCalls()).total - calls).toBe(1);
    const run = stack.ns.executions
      .filter((e) => e.eventType === 'edit' && e.entryPoint === 'afterSubmit')
      .at(-1)!;
    expect(run.calls['record.load']).toBe(1);
  });
});
