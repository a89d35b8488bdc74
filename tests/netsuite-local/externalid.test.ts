// External IDs in the local runtime: unique within a record group (all entities share one; transactions
// and items are assumed to), DUP_RCRD on a duplicate, searchable, and the beforeRecordWrite gap in which a
// test runs a second execution that commits first.
import type { RecordWrite } from '../../tools/netsuite-local';
import { fixtureRuntime, seedBasics, thrown } from './support/fixture';

const writes: RecordWrite[] = [];
let during: ((write: RecordWrite) => void) | null = null;
const rt = fixtureRuntime({
  beforeRecordWrite: (write) => {
    writes.push(write);
    const run = during;
    during = null;
    run?.(write);
  },
});
const b = seedBasics(rt);
const { record, search } = rt.ui;
afterAll(() => rt.close());

function customer(externalId: string, name = `Customer ${externalId}`): number {
  const rec = record.create({ type: 'customer' });
  rec.setValue({ fieldId: 'companyname', value: name });
  rec.setValue({ fieldId: 'externalid', value: externalId });
  return rec.save();
}

function transaction(type: 'salesorder' | 'estimate', externalId: string): number {
  const rec = record.create({ type });
  rec.setValue({ fieldId: 'entity', value: b.customer });
  rec.setValue({ fieldId: 'externalid', value: externalId });
  rec.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: b.widget });
  return rec.save();
}

const DUP = { name: 'DUP_RCRD', message: 'This record already exists' };

describe('uniqueness', () => {
  test('a second customer with the same external ID is refused and not stored', () => {
    const first = customer('001A0000000001AAAA');
    const count = rt.list('customer').length;
    expect(thrown(() => customer('001A0000000001AAAA', 'Copy'))).toMatchObject(DUP);
    expect(rt.list('customer')).toHaveLength(count);
    expect(rt.get('customer', first)?.fields.externalid).toBe('001A0000000001AAAA');
  });

  test('entities share one group: a contact or an employee cannot take a customer’s external ID', () => {
    customer('ENT-1');
    const contact = record.create({ type: 'contact' });
    contact.setValue({ fieldId: 'lastname', value: 'Smith' });
    contact.setValue({ fieldId: 'custentity_fx_required', value: 'x' });
    contact.setValue({ fieldId: 'externalid', value: 'ENT-1' });
    expect(thrown(() => contact.save())).toMatchObject(DUP);
    const employee = record.create({ type: 'employee' });
    employee.setValue({ fieldId: 'entityid', value: 'Pat' });
    employee.setValue({ fieldId: 'externalid', value: 'ENT-1' });
    expect(thrown(() => employee.save())).toMatchObject(DUP);
  });

  test('transactions share one group (assumption): an estimate cannot take a sales order’s external ID', () => {
    transaction('salesorder', 'TRX-1');
    expect(thrown(() => transaction('estimate', 'TRX-1'))).toMatchObject(DUP);
    expect(thrown(() => transaction('salesorder', 'TRX-1'))).toMatchObject(DUP);
  });

  test('items share one group (assumption)', () => {
    rt.seed('inventoryitem', { itemid: 'ITEM-X', externalid: 'ITEM-1' });
    expect(thrown(() => rt.seed('serviceitem', { itemid: 'ITEM-Y', externalid: 'ITEM-1' }))).toMatchObject(
      DUP,
    );
  });

  test('different groups may use the same value; values differing in case are different', () => {
    customer('SAME-1');
    expect(Number(transaction('salesorder', 'SAME-1'))).toBeGreaterThan(0);
    expect(Number(customer('same-1'))).toBeGreaterThan(0);
  });

  test('a record keeps its own external ID when saved again; taking another’s is refused', () => {
    const mine = customer('KEEP-1');
    customer('KEEP-2');
    const rec = record.load({ type: 'customer', id: mine });
    rec.setValue({ fieldId: 'phone', value: '555-0100' });
    expect(rec.save()).toBe(mine);
    const again = record.load({ type: 'customer', id: mine });
    again.setValue({ fieldId: 'externalid', value: 'KEEP-2' });
    expect(thrown(() => again.save())).toMatchObject(DUP);
    expect(
      thrown(() => record.submitFields({ type: 'customer', id: mine, values: { externalid: 'KEEP-2' } })),
    ).toMatchObject(DUP);
    expect(rt.get('customer', mine)?.fields.externalid).toBe('KEEP-1');
  });

  test('a copy does not carry the external ID', () => {
    const original = transaction('salesorder', 'COPY-1');
    const copy = record.copy({ type: 'salesorder', id: original });
    expect(copy.getValue({ fieldId: 'externalid' })).toBe('');
    expect(Number(copy.save())).toBeGreaterThan(0);
  });
});

describe('search', () => {
  test('externalidstring (is) and externalid (anyof) find the record; transactions by main line', () => {
    const id = String(customer('FIND-1'));
    const byString = search
      .create({ type: 'customer', filters: [['externalidstring', 'is', 'FIND-1']], columns: ['externalid'] })
      .run()
      .getRange({ start: 0, end: 10 });
    expect(byString.map((r) => [r.id, r.getValue({ name: 'externalid' })])).toEqual([[id, 'FIND-1']]);
    const byList = search
      .create({ type: 'customer', filters: [['externalid', 'anyof', ['FIND-1', 'NONE']]], columns: [] })
      .run()
      .getRange({ start: 0, end: 10 });
    expect(byList.map((r) => r.id)).toEqual([id]);
    const so = String(transaction('salesorder', 'FIND-SO'));
    const rows = search
      .create({
        type: 'salesorder',
        filters: [['externalidstring', 'is', 'FIND-SO'], 'AND', ['mainline', 'is', 'T']],
        columns: ['tranid'],
      })
      .run()
      .getRange({ start: 0, end: 10 });
    expect(rows.map((r) => r.id)).toEqual([so]);
  });
});

describe('beforeRecordWrite', () => {
  test('runs just before the commit; a record saved in that gap wins and the first save gets DUP_RCRD', () => {
    writes.length = 0;
    let inner = 0;
    during = (write) => {
      expect(write).toEqual({
        type: 'customer',
        id: null,
        externalId: 'GAP-1',
        context: 'USERINTERFACE',
        scriptId: '',
      });
      inner = customer('GAP-1', 'Made in the gap');
    };
    expect(thrown(() => customer('GAP-1', 'Made first, saved second'))).toMatchObject(DUP);
    const holders = rt.list('customer').filter((c) => c.fields.externalid === 'GAP-1');
    expect(holders.map((c) => [c.id, c.fields.companyname])).toEqual([[String(inner), 'Made in the gap']]);
    expect(writes.map((w) => w.externalId)).toEqual(['GAP-1', 'GAP-1']);
  });
});
