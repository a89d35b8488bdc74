// Shared set-up for the local NetSuite runtime tests: the fixture SDF project and a few seeded records.
import * as path from 'node:path';
import { createRuntime, type NetSuiteRuntime, type RuntimeOptions } from '../../../tools/netsuite-local';

export const FIXTURE = path.join(__dirname, '..', 'fixtures', 'project');

export function fixtureRuntime(options: Partial<RuntimeOptions> = {}): NetSuiteRuntime {
  return createRuntime({ projectDir: FIXTURE, ...options });
}

export interface Basics {
  customer: string;
  widget: string; // inventory item, base price 100
  gadget: string; // service item, base price 300
  tenPercent: string; // discount item -10%
  fiftyOff: string; // discount item -50.00
  subtotal: string;
  note: string; // description item
  bundle: string; // item group: 1 widget + 2 gadgets
}

export function seedBasics(rt: NetSuiteRuntime): Basics {
  const customer = rt.seed('customer', {
    companyname: 'Acme Inc',
    email: 'ap@acme.test',
    custentity_fx_sf_id: '001000000000001AAA',
  });
  const widget = rt.seed('inventoryitem', { itemid: 'WIDGET', baseprice: 100, salesdescription: 'A widget' });
  const gadget = rt.seed('serviceitem', { itemid: 'GADGET', baseprice: 300 });
  return {
    customer,
    widget,
    gadget,
    tenPercent: rt.seed('discountitem', { itemid: 'TEN', rate: '-10%' }),
    fiftyOff: rt.seed('discountitem', { itemid: 'FIFTY', rate: -50 }),
    subtotal: rt.seed('subtotalitem', { itemid: 'SUB' }),
    note: rt.seed('descriptionitem', { itemid: 'NOTE', description: 'gift wrap' }),
    bundle: rt.seed(
      'itemgroup',
      { itemid: 'BUNDLE' },
      {
        member: [
          { item: widget, quantity: 1 },
          { item: gadget, quantity: 2 },
        ],
      },
    ),
  };
}

/** Runs fn and returns the error it throws (fails the test when nothing is thrown). */
export function thrown(fn: () => unknown): { name: string; message: string; id?: string } {
  try {
    fn();
  } catch (e) {
    return e as { name: string; message: string };
  }
  throw new Error('expected an error, none was thrown');
}
