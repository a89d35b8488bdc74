// N/search through the local runtime: filter expressions and objects, joins, transaction lines,
// result paging, lookupFields, saved searches and their governance.
import { fixtureRuntime, seedBasics, thrown } from './support/fixture';

const rt = fixtureRuntime();
const b = seedBasics(rt);
const { search } = rt.ui;
afterAll(() => rt.close());

const parent = rt.seed('customer', {
  companyname: 'Parent Corp',
  email: 'hq@parent.test',
  creditlimit: 5000,
});
const child = rt.seed('customer', {
  companyname: 'Child Ltd',
  parent,
  email: 'child@parent.test',
  creditlimit: 100,
});
const inactive = rt.seed('customer', { companyname: 'Gone Co', isinactive: true, creditlimit: 5000 });
const order = rt.seed(
  'salesorder',
  { entity: child, memo: 'first', trandate: '2025-03-10', custbody_fx_status: '1' },
  { item: [{ item: b.widget, quantity: 2 }, { item: b.gadget, quantity: 1 }, { item: b.tenPercent }] },
);
const order2 = rt.seed(
  'salesorder',
  { entity: parent, trandate: '2025-04-01' },
  { item: [{ item: b.widget, quantity: 1 }] },
);

const ids = (s: ReturnType<typeof search.create>) => {
  const out: string[] = [];
  s.run().each((r) => {
    out.push(r.id);
    return true;
  });
  return out;
};

test('a filter expression with AND, OR, NOT and nesting returns exactly the matching records', () => {
  const s = search.create({
    type: 'customer',
    filters: [
      ['isinactive', 'is', 'F'],
      'AND',
      [['creditlimit', 'greaterthan', 1000], 'OR', ['companyname', 'startswith', 'child']],
      'AND',
      'NOT',
      ['email', 'contains', 'acme'],
    ],
    columns: ['companyname'],
  });
  expect(ids(s).sort()).toEqual([parent, child].sort());
  expect(
    ids(search.create({ type: 'customer', filters: [['internalid', 'anyof', [parent, inactive]]] })),
  ).toEqual([parent, inactive]);
  expect(
    ids(
      search.create({
        type: 'customer',
        filters: [['parent', 'anyof', '@NONE@'], 'AND', ['isinactive', 'is', 'T']],
      }),
    ),
  ).toEqual([inactive]);
});

test('filter objects from createFilter are ANDed; operators on numbers, text and emptiness', () => {
  const f = (name: string, operator: string, values?: unknown) =>
    search.createFilter({ name, operator: operator as never, values: values as string });
  const run = (...filters: ReturnType<typeof f>[]) =>
    ids(search.create({ type: 'customer', filters })).sort();
  expect(run(f('creditlimit', 'between', [100, 1000]))).toEqual([child]);
  expect(run(f('creditlimit', 'greaterthanorequalto', 5000), f('isinactive', 'is', false))).toEqual([parent]);
  expect(run(f('parent', 'noneof', '@NONE@'))).toEqual([child]);
  expect(run(f('email', 'isempty'))).toEqual(
    rt
      .list('customer')
      .filter((c) => !c.fields.email)
      .map((c) => c.id)
      .sort(),
  );
  expect(run(f('companyname', 'is', 'ACME INC'))).toEqual([b.customer]);
  expect(thrown(() => run(f('nosuchfield', 'is', 'x'))).name).toBe('SSS_INVALID_SRCH_FILTER');
  expect(thrown(() => f('email', 'resembles', 'x')).name).toBe('SSS_INVALID_SRCH_OPERATOR');
});

test('a join follows a select field one level (filter and column)', () => {
  const s = search.create({
    type: 'customer',
    filters: [['parent.email', 'is', 'hq@parent.test']],
    columns: [search.createColumn({ name: 'email', join: 'parent' }), 'companyname'],
  });
  const rows = s.run().getRange({ start: 0, end: 10 });
  expect(rows.map((r) => r.id)).toEqual([child]);
  expect(rows[0]?.getValue({ name: 'email', join: 'parent' })).toBe('hq@parent.test');
  expect(rows[0]?.getValue('companyname')).toBe('Child Ltd');
});

test('transaction searches return a main line and one row per item line; mainline filters them', () => {
  const all = search.create({
    type: 'salesorder',
    filters: [['internalid', 'anyof', order]],
    columns: ['mainline', 'item', 'amount', 'line'],
  });
  const rows = all.run().getRange({ start: 0, end: 100 });
  expect(rows.map((r) => [r.getValue('mainline'), r.getText('item'), r.getValue('amount')])).toEqual([
    ['*', '', '470.00'],
    ['', 'WIDGET', '200.00'],
    ['', 'GADGET', '300.00'],
    ['', 'TEN', '-30.00'],
  ]);
  const main = search.create({
    type: 'transaction',
    filters: [['mainline', 'is', 'T'], 'AND', ['type', 'anyof', 'SalesOrd']],
    columns: ['tranid', 'entity', 'status'],
  });
  const mains = main.run().getRange({ start: 0, end: 100 });
  expect(mains.map((r) => r.id)).toEqual([order, order2]);
  expect(mains[0]?.recordType).toBe('salesorder');
  expect(mains[0]?.getText('entity')).toBe('Child Ltd');
  expect(mains[0]?.getValue('status')).toBe('SalesOrd:A');
  expect(mains[0]?.getText('status')).toBe('Pending Approval');
  const lines = search.create({
    type: 'salesorder',
    filters: [['mainline', 'is', 'F'], 'AND', ['item', 'anyof', b.widget]],
    columns: ['lineuniquekey', 'quantity'],
  });
  expect(
    lines
      .run()
      .getRange({ start: 0, end: 10 })
      .map((r) => [r.id, r.getValue('quantity')]),
  ).toEqual([
    [order, '2'],
    [order2, '1'],
  ]);
});

test('date filters compare calendar days; columns sort', () => {
  const s = (filters: unknown[]) =>
    ids(search.create({ type: 'salesorder', filters: [['mainline', 'is', 'T'], 'AND', filters] }));
  expect(s(['trandate', 'on', '3/10/2025'])).toEqual([order]);
  expect(s(['trandate', 'onorafter', new Date(2025, 2, 11)])).toEqual([order2]);
  expect(s(['trandate', 'within', '3/1/2025', '4/1/2025'])).toEqual([order, order2]);
  expect(s(['trandate', 'before', '3/10/2025'])).toEqual([]);
  const sorted = search.create({
    type: 'customer',
    filters: [['creditlimit', 'isnotempty', '']],
    columns: [
      search.createColumn({ name: 'creditlimit', sort: search.Sort.DESC }),
      search.createColumn({ name: 'companyname', sort: search.Sort.ASC }),
    ],
  });
  expect(ids(sorted)).toEqual([inactive, parent, child]);
});

test('the item search type covers all item types; column type gives the itemtype code', () => {
  const rows = search
    .create({ type: 'item', columns: ['itemid', 'type'] })
    .run()
    .getRange({ start: 0, end: 100 });
  const byName = Object.fromEntries(
    rows.map((r) => [r.getValue('itemid'), [r.getValue('type'), r.recordType]]),
  );
  expect(byName).toEqual({
    WIDGET: ['InvtPart', 'inventoryitem'],
    GADGET: ['Service', 'serviceitem'],
    TEN: ['Discount', 'discountitem'],
    FIFTY: ['Discount', 'discountitem'],
    SUB: ['Subtotal', 'subtotalitem'],
    NOTE: ['Description', 'descriptionitem'],
    BUNDLE: ['Group', 'itemgroup'],
  });
  expect(search.lookupFields({ type: 'item', id: b.gadget, columns: ['type', 'itemid'] })).toEqual({
    type: [{ value: 'Service', text: 'Service' }],
    itemid: 'GADGET',
  });
});

test('lookupFields: select as [{value, text}], checkbox boolean, others strings; joins with a dot', () => {
  expect(
    search.lookupFields({
      type: 'customer',
      id: child,
      columns: ['parent', 'isinactive', 'creditlimit', 'email', 'parent.email', 'salesrep'],
    }),
  ).toEqual({
    parent: [{ value: parent, text: 'Parent Corp' }],
    isinactive: false,
    creditlimit: '100.00',
    email: 'child@parent.test',
    'parent.email': 'hq@parent.test',
    salesrep: [],
  });
  expect(
    search.lookupFields({
      type: 'salesorder',
      id: order,
      columns: ['total', 'trandate', 'custbody_fx_status'],
    }),
  ).toEqual({
    total: '470.00',
    trandate: '3/10/2025',
    custbody_fx_status: [{ value: '1', text: 'Pending' }],
  });
  expect(thrown(() => search.lookupFields({ type: 'customer', id: 99999, columns: ['email'] })).name).toBe(
    'RCRD_DSNT_EXIST',
  );
});

test('runPaged pages results; getRange refuses more than 1,000; each stops when the callback says so', () => {
  for (let i = 0; i < 12; i++)
    rt.seed('customrecord_fx_log', { name: `page ${i}`, custrecord_fx_log_count: i });
  const s = search.create({
    type: 'customrecord_fx_log',
    filters: [['name', 'startswith', 'page ']],
    columns: ['custrecord_fx_log_count'],
  });
  const paged = s.runPaged({ pageSize: 5 });
  expect(paged.count).toBe(12);
  expect(paged.pageRanges.map((p) => p.compoundLabel)).toEqual(['1 - 5', '6 - 10', '11 - 12']);
  const last = paged.fetch({ index: 2 });
  expect(last.isLast).toBe(true);
  expect(last.data.map((r) => r.getValue('custrecord_fx_log_count'))).toEqual(['10', '11']);
  expect(thrown(() => paged.fetch({ index: 3 })).name).toBe('INVALID_PAGE_INDEX');
  expect(thrown(() => s.run().getRange({ start: 0, end: 1001 })).name).toBe(
    'SSS_SEARCH_RESULT_LIMIT_EXCEEDED',
  );
  let seen = 0;
  s.run().each(() => ++seen < 3);
  expect(seen).toBe(3);
});

test('saved searches: register, load by id, add a filter, save a new one', () => {
  const internalId = rt.registerSavedSearch('customsearch_fx_big', {
    type: 'customer',
    title: 'Big customers',
    filters: [['creditlimit', 'greaterthan', 1000]],
    columns: ['companyname'],
  });
  const loaded = search.load({ id: 'customsearch_fx_big' });
  expect(loaded.searchId).toBe(internalId);
  expect(ids(loaded).sort()).toEqual([parent, inactive].sort());
  loaded.filters.push(search.createFilter({ name: 'isinactive', operator: search.Operator.IS, values: 'F' }));
  expect(ids(loaded)).toEqual([parent]);
  // filterExpression gives every filter as an expression, so a search can be narrowed by wrapping it
  expect(loaded.filterExpression).toEqual([
    ['isinactive', 'is', 'F'],
    'AND',
    [['creditlimit', 'greaterthan', 1000]],
  ]);
  const narrowed = search.create({
    type: loaded.searchType,
    filters: [loaded.filterExpression, 'AND', ['internalid', 'anyof', [inactive]]],
  });
  expect(ids(narrowed)).toEqual([]);
  const made = search.create({
    type: 'customer',
    title: 'Children',
    id: 'customsearch_fx_children',
    filters: [['parent', 'noneof', '@NONE@']],
  });
  const newId = made.save();
  expect(ids(search.load({ id: newId }))).toEqual([child]);
  expect(thrown(() => search.load({ id: 'customsearch_nope' })).name).toBe('INVALID_SEARCH');
});

test('search governance: create 0, run().each 10, getRange 10, runPaged 5 + fetch 5, lookupFields 1, load 5', () => {
  const out = rt.callRestlet('customscript_fx_rl', 'customdeploy_fx_rl', 'GET', { q: '1' });
  expect(out.status).toBe(200);
  const report = rt.executions.at(-1);
  expect(report).toMatchObject({
    entryPoint: 'get',
    unitsUsed: 10,
    calls: { 'search.create': 1, 'ResultSet.each': 1 },
  });
});
