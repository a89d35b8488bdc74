/**
 * The main job on the local stand-ins: a local Salesforce org and a local NetSuite runtime with sfsync
 * deployed. It saves a customer and a sales order (discount, subtotal and description lines) as a person
 * would, then an order Salesforce rejects, fixes it and lets the retry queue finish it, printing what
 * landed on both sides and in the Integration Log.
 */
import { BODY, ENTITY, LOG, PARAMS, SCRIPTS } from '../../bundle/catalogue';
import { createOrder, seedCatalog } from './seed';
import { startStack } from './stack';

function table(rows: Array<Record<string, unknown>>, columns: string[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.min(100, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (values: string[]) =>
    values.map((v, i) => v.slice(0, widths[i]).padEnd(widths[i]!)).join('  ');
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join('\n');
}

function heading(text: string): void {
  console.log(`\n== ${text}`);
}

async function main(): Promise<void> {
  const stack = await startStack();
  const { ns, sf } = stack;
  try {
    console.log(`Local Salesforce org: ${sf.instanceUrl}`);
    const items = seedCatalog(ns);
    const itemNames = new Map(Object.entries(items).map(([name, id]) => [id, name]));

    heading('A person creates a customer in NetSuite (no Salesforce account yet)');
    const customer = ns.ui.record.create({ type: 'customer' });
    customer.setValue({ fieldId: 'entityid', value: 'ACME-001' });
    customer.setValue({ fieldId: 'companyname', value: 'Acme Rocket Supplies' });
    customer.setValue({ fieldId: 'subsidiary', value: '1' });
    customer.setValue({ fieldId: 'email', value: 'orders@acme.example' });
    customer.setValue({ fieldId: 'phone', value: '555-0100' });
    customer.setValue({ fieldId: 'creditlimit', value: 25000 });
    const customerId = String(customer.save());
    console.log(
      `Customer ${customerId} saved; Salesforce Account ID: "${ns.get('customer', customerId)!.fields[ENTITY.accountId] ?? ''}"`,
    );

    heading('…and a sales order with "Send Order as Salesforce Opportunity" checked');
    const orderId = createOrder(
      ns,
      customerId,
      [
        { item: items.widget, quantity: 2, rate: 100 },
        { item: items.discount10 },
        { item: items.gadget, quantity: 1, rate: 300 },
        { item: items.service, quantity: 4, rate: 25 },
        { item: items.subtotal },
        { item: items.discountAmount },
        { item: items.description, description: 'Deliver to loading dock B' },
      ],
      { [BODY.sendAsOpportunity]: true, memo: 'Rocket parts, first order' },
    );
    const order = ns.get('salesorder', orderId)!;
    console.log(
      table(
        order.sublists.item!.map((l) => ({
          type: l.itemtype,
          item: itemNames.get(String(l.item)) ?? l.item,
          quantity: l.quantity,
          rate: l.rate,
          amount: l.amount,
        })),
        ['type', 'item', 'quantity', 'rate', 'amount'],
      ),
    );
    console.log(
      `Order ${order.fields.tranid}: total ${order.fields.total}; sync status "${order.fields[BODY.syncStatus]}"; Opportunity ${order.fields[BODY.opportunityId]}`,
    );
    const ue = ns.executions.filter((e) => e.scriptId === SCRIPTS.salesOrderEvent.script).at(-1);
    if (ue)
      console.log(
        `User event: ${ue.unitsUsed} of ${ue.limit} governance units, ${ue.calls['https.request'] ?? 0} HTTP requests`,
      );

    heading('What landed in Salesforce');
    const accounts = await sf.records('Account');
    console.log(table(accounts, ['Id', 'Name', 'NetSuite_Id__c', 'Phone', 'NetSuite_Credit_Limit__c']));
    const opps = await sf.records('Opportunity');
    console.log();
    console.log(
      table(opps, [
        'Id',
        'Name',
        'StageName',
        'CloseDate',
        'Amount',
        'NetSuite_Order_Number__c',
        'NetSuite_Originated_Order__c',
      ]),
    );
    const products = new Map((await sf.records('Product2')).map((p) => [p.Id, p.Name]));
    const entries = new Map((await sf.records('PricebookEntry')).map((e) => [e.Id, e.Product2Id]));
    const lines = (await sf.records('OpportunityLineItem')).map((l) => ({
      ...l,
      Product: products.get(entries.get(l.PricebookEntryId)),
    }));
    console.log();
    console.log(
      table(lines, ['Product', 'Quantity', 'UnitPrice', 'Discount', 'TotalPrice', 'NetSuite_Line_Id__c']),
    );
    console.log(`API calls so far: ${(await sf.apiCalls()).total}`);

    heading('An order Salesforce rejects (a validation rule), then fixed and saved again');
    await sf.addValidationRule({
      sobject: 'Opportunity',
      field: 'Description',
      operator: 'contains',
      value: 'TBD',
      message: 'Describe the deal before closing it (no TBD).',
    });
    const rejected = createOrder(ns, customerId, [{ item: items.widget, quantity: 1, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
      memo: 'TBD',
    });
    const showLog = () =>
      console.log(
        table(
          ns.list(LOG.type).map((e) => ({
            id: e.id,
            status: statusText(e.fields[LOG.status]),
            record: `${e.fields[LOG.netsuiteType]} ${e.fields[LOG.netsuiteId]}`,
            code: e.fields[LOG.errorCode],
            attempts: e.fields[LOG.attempts],
            message: e.fields[LOG.message],
          })),
          ['id', 'status', 'record', 'code', 'attempts', 'message'],
        ),
      );
    // The log status is a list value; the local runtime numbers list values in the order of the SDF XML.
    const statuses = ['Error', 'Retrying', 'Resolved', 'Failed', 'Skipped', 'Success'];
    const statusText = (value: unknown) => statuses[Number(value) - 1] ?? String(value ?? '');
    console.log(
      `The order saved anyway: ${ns.get('salesorder', rejected)!.fields.tranid}, status "${ns.get('salesorder', rejected)!.fields[BODY.syncStatus]}"`,
    );
    showLog();
    const fix = ns.ui.record.load({ type: 'salesorder', id: rejected });
    fix.setValue({ fieldId: 'memo', value: 'Two widgets for the launch pad' });
    fix.save();
    console.log(
      `After the fix: status "${ns.get('salesorder', rejected)!.fields[BODY.syncStatus]}", Opportunity ${ns.get('salesorder', rejected)!.fields[BODY.opportunityId]}`,
    );
    showLog();

    heading('Salesforce unavailable for a moment: the retry queue finishes the job');
    await sf.fault({ kind: 'unavailable', times: 3 });
    const later = createOrder(ns, customerId, [{ item: items.gadget, quantity: 3, rate: 300 }], {
      [BODY.sendAsOpportunity]: true,
      memo: 'Three gadgets',
    });
    console.log(
      `Order ${ns.get('salesorder', later)!.fields.tranid} saved; status "${ns.get('salesorder', later)!.fields[BODY.syncStatus]}"`,
    );
    showLog();
    await sf.clearFaults();
    const entry = ns.list(LOG.type).find((e) => e.fields[LOG.netsuiteId] === later)!;
    const run = ns.runMapReduce(SCRIPTS.retryQueue.script, SCRIPTS.retryQueue.deployNow, {
      [PARAMS.retryEntries]: entry.id,
    });
    console.log(
      `Retry run: ${run.status}; order status "${ns.get('salesorder', later)!.fields[BODY.syncStatus]}", Opportunity ${ns.get('salesorder', later)!.fields[BODY.opportunityId]}`,
    );
    showLog();
    console.log(`\nSalesforce API calls in all: ${(await sf.apiCalls()).total}`);
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
