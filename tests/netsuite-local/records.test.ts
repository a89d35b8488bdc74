// N/record through the local runtime: field types, errors, sales order lines and totals, dynamic mode.
import { fixtureRuntime, seedBasics, thrown } from './support/fixture';

const rt = fixtureRuntime();
const b = seedBasics(rt);
const { record } = rt.ui;
afterAll(() => rt.close());

function order(lines: Array<Record<string, unknown>>, body: Record<string, unknown> = {}): string {
  const so = record.create({ type: record.Type.SALES_ORDER });
  so.setValue({ fieldId: 'entity', value: b.customer });
  for (const [fieldId, value] of Object.entries(body)) so.setValue({ fieldId, value: value as string });
  lines.forEach((values, line) => {
    for (const [fieldId, value] of Object.entries(values)) {
      so.setSublistValue({ sublistId: 'item', fieldId, line, value: value as string });
    }
  });
  return String(so.save());
}

const amounts = (id: string) => (rt.get('salesorder', id)?.sublists.item ?? []).map((l) => l.amount);

describe('body fields and field types', () => {
  test('a saved order reads back typed values: checkbox boolean, integer number, date Date, select id string', () => {
    const when = new Date(2025, 0, 15);
    const id = order([{ item: b.widget, quantity: 1 }], {
      custbody_fx_count: 7,
      custbody_fx_when: when,
      custbody_fx_status: '2',
    });
    const so = record.load({ type: 'salesorder', id });
    expect(so.id).toBe(Number(id));
    expect(so.type).toBe('salesorder');
    expect(so.isDynamic).toBe(false);
    expect(so.getValue({ fieldId: 'custbody_fx_flag' })).toBe(true); // defaultchecked T
    expect(so.getValue({ fieldId: 'custbody_fx_count' })).toBe(7);
    expect(so.getValue({ fieldId: 'custbody_fx_when' })).toEqual(when);
    expect(so.getValue({ fieldId: 'custbody_fx_status' })).toBe('2');
    expect(so.getText({ fieldId: 'custbody_fx_status' })).toBe('Synced');
    expect(so.getText({ fieldId: 'entity' })).toBe('Acme Inc');
    expect(so.getValue({ fieldId: 'currency' })).toBe('1'); // sourced from the customer
    expect(so.getText({ fieldId: 'custbody_fx_when' })).toBe('1/15/2025');
    expect(so.getValue({ fieldId: 'memo' })).toBe('');
  });

  test('setText finds the internal id of a list value or a record name', () => {
    const so = record.create({ type: 'salesorder' });
    so.setText({ fieldId: 'custbody_fx_status', text: 'Error' });
    so.setText({ fieldId: 'entity', text: 'Acme Inc' });
    expect(so.getValue({ fieldId: 'custbody_fx_status' })).toBe('3');
    expect(so.getValue({ fieldId: 'entity' })).toBe(b.customer);
    expect(thrown(() => so.setText({ fieldId: 'custbody_fx_status', text: 'Nope' })).name).toBe(
      'INVALID_FLD_VALUE',
    );
  });

  test('bad values fail as NetSuite does with INVALID_FLD_VALUE', () => {
    const so = record.create({ type: 'salesorder' });
    const bad = (fieldId: string, value: unknown) =>
      thrown(() => so.setValue({ fieldId, value: value as string })).name;
    expect(bad('custbody_fx_flag', 'T')).toBe('INVALID_FLD_VALUE');
    expect(bad('custbody_fx_count', 'seven')).toBe('INVALID_FLD_VALUE');
    expect(bad('custbody_fx_count', 1.5)).toBe('INVALID_FLD_VALUE');
    expect(bad('custbody_fx_when', '2025-01-15')).toBe('INVALID_FLD_VALUE');
    expect(bad('custbody_fx_note', 'x'.repeat(21))).toBe('INVALID_FLD_VALUE'); // maxlength 20
    expect(bad('orderstatus', 'Z')).toBe('INVALID_FLD_VALUE');
    so.setValue({ fieldId: 'custbody_fx_note', value: 'x'.repeat(20) });
    expect(so.getValue({ fieldId: 'custbody_fx_note' })).toHaveLength(20);
  });

  test('a field the schema does not have is refused, also a custom field that does not apply', () => {
    const so = record.create({ type: 'salesorder' });
    expect(thrown(() => so.setValue({ fieldId: 'custbody_typo', value: 'x' })).name).toBe('INVALID_FIELD_ID');
    expect(thrown(() => so.getValue({ fieldId: 'custbody_fx_purchase_only' })).name).toBe('INVALID_FIELD_ID');
    expect(thrown(() => so.setValue({ fieldId: 'custentity_fx_sf_id', value: 'x' })).name).toBe(
      'INVALID_FIELD_ID',
    );
  });

  test('a select value that does not exist is refused on save', () => {
    const so = record.create({ type: 'salesorder' });
    so.setValue({ fieldId: 'entity', value: '999' });
    so.setValue({ fieldId: 'currency', value: '1' });
    so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: b.widget });
    const e = thrown(() => so.save());
    expect(e.name).toBe('INVALID_FLD_VALUE');
    expect(e.message).toContain('999');
  });

  test('missing mandatory fields: USER_ERROR "Please enter value(s) for: ..."', () => {
    const so = record.create({ type: 'salesorder' });
    so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: b.widget });
    const e = thrown(() => so.save());
    expect(e).toMatchObject({ name: 'USER_ERROR', message: 'Please enter value(s) for: Customer, Currency' });
    const noLines = record.create({ type: 'salesorder' });
    noLines.setValue({ fieldId: 'entity', value: b.customer });
    expect(thrown(() => noLines.save()).message).toBe(
      'You must enter at least one line item for this transaction.',
    );
  });

  test('ignoreMandatoryFields skips custom mandatory fields only', () => {
    const contact = record.create({ type: 'contact' });
    contact.setValue({ fieldId: 'firstname', value: 'Ada' });
    contact.setValue({ fieldId: 'lastname', value: 'Lovelace' });
    expect(thrown(() => contact.save()).message).toBe('Please enter value(s) for: Required Code');
    const id = contact.save({ ignoreMandatoryFields: true });
    expect(rt.get('contact', id)?.fields.entityid).toBe('Ada Lovelace');
  });

  test('record type and argument errors', () => {
    expect(thrown(() => record.create({ type: 'invoice' })).name).toBe('INVALID_RCRD_TYPE');
    expect(thrown(() => record.load({ type: 'salesorder', id: 424242 })).name).toBe('RCRD_DSNT_EXIST');
    expect(thrown(() => record.load({ type: 'salesorder' } as never)).name).toBe('SSS_MISSING_REQD_ARGUMENT');
    expect(thrown(() => record.delete({ type: 'customer', id: 424242 })).name).toBe('RCRD_DSNT_EXIST');
  });

  test('thrown errors carry name, message, id and stack like a SuiteScriptError', () => {
    const e = thrown(() => record.load({ type: 'salesorder', id: 424242 })) as unknown as Record<
      string,
      unknown
    >;
    expect(e.message).toBe('That record does not exist.');
    expect(typeof e.id).toBe('string');
    expect(typeof e.stack).toBe('string');
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({
      type: 'error.SuiteScriptError',
      name: 'RCRD_DSNT_EXIST',
    });
  });
});

describe('sales order lines', () => {
  test('itemtype comes from the item record and amount = quantity x rate', () => {
    const id = order([
      { item: b.widget, quantity: 2 },
      { item: b.gadget, quantity: 3, rate: 250 },
      { item: b.note },
      { item: b.subtotal },
    ]);
    const lines = rt.get('salesorder', id)?.sublists.item ?? [];
    expect(lines.map((l) => l.itemtype)).toEqual(['InvtPart', 'Service', 'Description', 'Subtotal']);
    expect(lines.map((l) => l.amount)).toEqual([200, 750, undefined, 950]);
    expect(lines[0]).toMatchObject({ rate: 100, price: '1', description: 'A widget' });
    expect(lines[1]).toMatchObject({ rate: 250, price: '-1' }); // explicit rate: custom price level
    expect(lines[2]?.description).toBe('gift wrap');
  });

  test('a percent discount applies to the line above; an amount discount is its rate', () => {
    // design example 1: A 2 x 100, discount -10% -> 180
    const one = order([{ item: b.widget, quantity: 2 }, { item: b.tenPercent }]);
    expect(amounts(one)).toEqual([200, -20]);
    expect(rt.get('salesorder', one)?.fields).toMatchObject({ subtotal: 180, total: 180 });
    // design example 2: A 200, B 300, subtotal 500, discount -50.00 -> 450
    const two = order([
      { item: b.widget, quantity: 2 },
      { item: b.gadget, quantity: 1 },
      { item: b.subtotal },
      { item: b.fiftyOff },
    ]);
    expect(amounts(two)).toEqual([200, 300, 500, -50]);
    expect(rt.get('salesorder', two)?.fields.total).toBe(450);
  });

  test('a percent discount after a subtotal takes the subtotal; the header discount applies to the subtotal', () => {
    // design example 3: A 1,000 with -5%, B 4 x 25, header -10% -> 945
    const id = order(
      [
        { item: b.widget, quantity: 1, rate: 1000 },
        { item: b.tenPercent, rate: '-5%' },
        { item: b.gadget, quantity: 4, rate: 25 },
      ],
      { discountitem: b.tenPercent },
    );
    const f = rt.get('salesorder', id)?.fields;
    expect(amounts(id)).toEqual([1000, -50, 100]);
    expect(f).toMatchObject({ subtotal: 1050, discountrate: '-10%', discounttotal: -105, total: 945 });
    const pct = order([
      { item: b.widget, quantity: 3 },
      { item: b.gadget, quantity: 1 },
      { item: b.subtotal },
      { item: b.tenPercent },
    ]);
    expect(amounts(pct)).toEqual([300, 300, 600, -60]);
  });

  test('an item group expands into its members and an end-of-group line carrying their sum', () => {
    const id = order([{ item: b.bundle }, { item: b.fiftyOff, rate: -20 }]);
    const lines = rt.get('salesorder', id)?.sublists.item ?? [];
    expect(lines.map((l) => l.itemtype)).toEqual(['Group', 'InvtPart', 'Service', 'EndGroup', 'Discount']);
    expect(lines.map((l) => l.quantity)).toEqual([undefined, 1, 2, undefined, undefined]);
    expect(lines.map((l) => l.amount)).toEqual([null, 100, 600, 700, -20]);
    expect(rt.get('salesorder', id)?.fields.total).toBe(680);
  });

  test('lineuniquekey is unique, stays across edits and is new for a re-added line; line ids are never reused', () => {
    const id = order([{ item: b.widget }, { item: b.gadget }]);
    const before = rt.get('salesorder', id)?.sublists.item ?? [];
    const so = record.load({ type: 'salesorder', id });
    so.setSublistValue({ sublistId: 'item', fieldId: 'quantity', line: 0, value: 5 });
    so.removeLine({ sublistId: 'item', line: 1 });
    so.insertLine({ sublistId: 'item', line: 1 });
    so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 1, value: b.gadget });
    so.save();
    const after = rt.get('salesorder', id)?.sublists.item ?? [];
    expect(after[0]?.lineuniquekey).toBe(before[0]?.lineuniquekey);
    expect(after[0]?.line).toBe('1');
    expect(after[0]?.amount).toBe(500);
    expect(after[1]?.lineuniquekey).not.toBe(before[1]?.lineuniquekey);
    expect(after[1]?.line).toBe('3');
    const keys = rt.list('salesorder').flatMap((r) => r.sublists.item?.map((l) => l.lineuniquekey) ?? []);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('sublist helpers: getLineCount, getSublistText, findSublistLineWithValue, getSublistFields', () => {
    const so = record.load({
      type: 'salesorder',
      id: order([{ item: b.widget, custcol_fx_line_ref: 'L-1' }, { item: b.gadget }]),
    });
    expect(so.getLineCount({ sublistId: 'item' })).toBe(2);
    expect(so.getLineCount({ sublistId: 'nope' })).toBe(-1);
    expect(so.getSublistText({ sublistId: 'item', fieldId: 'item', line: 1 })).toBe('GADGET');
    expect(so.getSublistValue({ sublistId: 'item', fieldId: 'custcol_fx_line_ref', line: 0 })).toBe('L-1');
    expect(so.findSublistLineWithValue({ sublistId: 'item', fieldId: 'item', value: b.gadget })).toBe(1);
    expect(so.findSublistLineWithValue({ sublistId: 'item', fieldId: 'item', value: '777' })).toBe(-1);
    expect(so.getSublistFields({ sublistId: 'item' })).toEqual(
      expect.arrayContaining(['item', 'lineuniquekey', 'custcol_fx_line_ref']),
    );
    expect(thrown(() => so.getSublistValue({ sublistId: 'item', fieldId: 'item', line: 2 })).name).toBe(
      'SSS_INVALID_SUBLIST_OPERATION',
    );
  });
});

describe('dynamic mode', () => {
  test('selectNewLine / setCurrentSublistValue / commitLine add lines and keep totals current', () => {
    const so = record.create({ type: 'salesorder', isDynamic: true });
    expect(so.isDynamic).toBe(true);
    so.setValue({ fieldId: 'entity', value: b.customer });
    so.selectNewLine({ sublistId: 'item' });
    so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'item', value: b.widget });
    so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'quantity', value: 3 });
    expect(so.getCurrentSublistValue({ sublistId: 'item', fieldId: 'amount' })).toBe(300);
    so.commitLine({ sublistId: 'item' });
    so.selectNewLine({ sublistId: 'item' });
    so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'item', value: b.tenPercent });
    so.commitLine({ sublistId: 'item' });
    expect(so.getLineCount({ sublistId: 'item' })).toBe(2);
    expect(so.getValue({ fieldId: 'total' })).toBe(270);
    so.selectLine({ sublistId: 'item', line: 0 });
    so.setCurrentSublistValue({ sublistId: 'item', fieldId: 'quantity', value: 1 });
    so.commitLine({ sublistId: 'item' });
    expect(so.getValue({ fieldId: 'total' })).toBe(90);
    const id = so.save();
    expect(amounts(String(id))).toEqual([100, -10]);
  });

  test('standard-mode sublist calls are refused in dynamic mode and the reverse', () => {
    const dyn = record.create({ type: 'salesorder', isDynamic: true });
    expect(
      thrown(() => dyn.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: b.widget }))
        .name,
    ).toBe('SSS_INVALID_SUBLIST_OPERATION');
    const std = record.create({ type: 'salesorder' });
    expect(thrown(() => std.selectNewLine({ sublistId: 'item' })).name).toBe('SSS_INVALID_SUBLIST_OPERATION');
    dyn.selectNewLine({ sublistId: 'item' });
    expect(thrown(() => dyn.commitLine({ sublistId: 'item' })).message).toBe(
      'Please enter value(s) for: Item',
    );
  });
});

describe('create, copy, submitFields, delete', () => {
  test('copy makes a new record with new line keys; submitFields changes body fields only', () => {
    const id = order([{ item: b.widget, quantity: 2 }]);
    const copy = record.copy({ type: 'salesorder', id });
    expect(copy.id).toBeNull();
    const copyId = copy.save();
    expect(copyId).not.toBe(Number(id));
    expect(rt.get('salesorder', copyId)?.sublists.item?.[0]?.lineuniquekey).not.toBe(
      rt.get('salesorder', id)?.sublists.item?.[0]?.lineuniquekey,
    );
    expect(
      record.submitFields({ type: 'salesorder', id, values: { memo: 'hello', custbody_fx_count: '4' } }),
    ).toBe(Number(id));
    expect(rt.get('salesorder', id)?.fields).toMatchObject({ memo: 'hello', custbody_fx_count: 4 });
    expect(thrown(() => record.submitFields({ type: 'salesorder', id, values: { quantity: 3 } })).name).toBe(
      'SSS_INVALID_SUBMIT_FIELDS',
    );
    expect(record.delete({ type: 'salesorder', id: copyId })).toBe(copyId);
    expect(rt.get('salesorder', copyId)).toBeUndefined();
  });

  test('saving a record loaded before someone else saved it fails with RCRD_HAS_BEEN_CHANGED', () => {
    const id = order([{ item: b.widget }]);
    const first = record.load({ type: 'salesorder', id });
    const second = record.load({ type: 'salesorder', id });
    second.setValue({ fieldId: 'memo', value: 'second' });
    second.save();
    first.setValue({ fieldId: 'memo', value: 'first' });
    expect(thrown(() => first.save()).name).toBe('RCRD_HAS_BEEN_CHANGED');
    expect(rt.get('salesorder', id)?.fields.memo).toBe('second');
  });

  test('custom records have name, isinactive, created and lastmodified; system fields ignore script writes', () => {
    const log = record.create({ type: 'customrecord_fx_log' });
    log.setValue({ fieldId: 'name', value: 'hello' });
    log.setValue({ fieldId: 'custrecord_fx_log_customer', value: Number(b.customer) });
    log.setValue({ fieldId: 'created', value: new Date(2000, 0, 1) });
    const id = log.save();
    const saved = record.load({ type: 'customrecord_fx_log', id });
    expect(saved.getValue({ fieldId: 'isinactive' })).toBe(false);
    expect(saved.getValue({ fieldId: 'custrecord_fx_log_customer' })).toBe(b.customer);
    expect(saved.getText({ fieldId: 'custrecord_fx_log_customer' })).toBe('Acme Inc');
    expect((saved.getValue({ fieldId: 'created' }) as Date).getFullYear()).toBeGreaterThan(2000);
    const customer = record.load({ type: 'customer', id: b.customer });
    customer.setValue({ fieldId: 'balance', value: 1e6 });
    customer.save();
    expect(rt.get('customer', b.customer)?.fields.balance).toBeUndefined();
  });

  test('currency keeps its ISO code in symbol; customers default subsidiary 1 and its currency', () => {
    const eur = rt.seed('currency', { name: 'Euro', symbol: 'EUR', exchangerate: 1.1 });
    const c = record.create({ type: 'customer' });
    c.setValue({ fieldId: 'companyname', value: 'Euro GmbH' });
    c.setValue({ fieldId: 'currency', value: eur });
    const id = c.save();
    expect(rt.get('customer', id)?.fields).toMatchObject({
      entityid: 'Euro GmbH',
      subsidiary: '1',
      currency: eur,
      isperson: 'F',
    });
    expect(record.load({ type: 'customer', id }).getText({ fieldId: 'currency' })).toBe('Euro');
    expect(rt.get('currency', eur)?.fields.symbol).toBe('EUR');
  });
});
