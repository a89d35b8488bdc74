/** Demo data for the local runtime: items of every kind the order flow handles, and customers. */
import type { NetSuiteRuntime } from '../netsuite-local';

export interface Catalog {
  widget: string;
  gadget: string;
  service: string;
  discount10: string;
  discountAmount: string;
  subtotal: string;
  description: string;
  bundle: string;
  markup: string;
}

export function seedCatalog(ns: NetSuiteRuntime): Catalog {
  const item = (type: string, values: Record<string, unknown>) =>
    ns.seed(type, { subsidiary: '1', ...values });
  const widget = item('inventoryitem', {
    itemid: 'WIDGET-A',
    displayname: 'Widget A',
    salesdescription: 'Blue widget',
    baseprice: 100,
  });
  const gadget = item('inventoryitem', {
    itemid: 'GADGET-B',
    displayname: 'Gadget B',
    salesdescription: 'Small gadget',
    baseprice: 300,
  });
  const service = item('serviceitem', {
    itemid: 'SETUP',
    displayname: 'Setup Service',
    salesdescription: 'On-site setup',
    baseprice: 25,
  });
  return {
    widget,
    gadget,
    service,
    discount10: item('discountitem', { itemid: 'DISC-10', description: '10% off', rate: '-10%' }),
    discountAmount: item('discountitem', { itemid: 'DISC-AMT', description: 'Fixed discount', rate: -50 }),
    subtotal: item('subtotalitem', { itemid: 'SUBTOTAL', description: 'Subtotal' }),
    description: item('descriptionitem', { itemid: 'NOTE', description: 'Note' }),
    bundle: ns.seed(
      'itemgroup',
      { itemid: 'STARTER-KIT', description: 'Starter kit', subsidiary: '1' },
      {
        member: [
          { item: widget, quantity: 1 },
          { item: service, quantity: 2 },
        ],
      },
    ),
    markup: item('discountitem', {
      itemid: 'RUSH',
      description: 'Rush fee (a positive adjustment)',
      rate: '5%',
    }),
  };
}

export function seedCustomer(ns: NetSuiteRuntime, values: Record<string, unknown> = {}): string {
  return ns.seed('customer', {
    entityid: `CUST-${Math.random().toString(36).slice(2, 8)}`,
    companyname: 'Acme Corporation',
    isperson: 'F',
    email: 'ap@acme.example',
    phone: '555-0100',
    subsidiary: '1',
    currency: '1',
    creditlimit: 50000,
    ...values,
  });
}

export interface LineInput {
  item: string;
  quantity?: number;
  rate?: number | string;
  price?: string;
  description?: string;
}

/** Creates a sales order as a person would in the UI (the save fires the user events). */
export function createOrder(
  ns: NetSuiteRuntime,
  customer: string,
  lines: LineInput[],
  body: Record<string, unknown> = {},
): string {
  const so = ns.ui.record.create({ type: 'salesorder' });
  so.setValue({ fieldId: 'entity', value: customer });
  for (const [fieldId, value] of Object.entries(body)) so.setValue({ fieldId, value: value as never });
  lines.forEach((line, i) => {
    so.insertLine({ sublistId: 'item', line: i });
    so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: i, value: line.item });
    if (line.quantity !== undefined)
      so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: i, value: line.quantity });
    if (line.price !== undefined)
      so.setSublistValue({ sublistId: 'item', fieldId: 'price', line: i, value: line.price });
    if (line.rate !== undefined)
      so.setSublistValue({ sublistId: 'item', fieldId: 'rate', line: i, value: line.rate as never });
    if (line.description !== undefined)
      so.setSublistValue({ sublistId: 'item', fieldId: 'description', line: i, value: line.description });
  });
  return String(so.save());
}
