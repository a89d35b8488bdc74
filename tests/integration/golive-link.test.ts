// Go-live linking on the local stand-ins: a dry run reports exact, ambiguous and missing matches and
// writes nothing; the real run links the exact ones on both sides and leaves the ambiguous ones alone.
import { ENTITY, GOLIVE_PARAMS, GOLIVE_SCRIPTS, ITEM } from '../../bundle/catalogue';
import { startStack, type Stack } from '../../tools/demo/stack';
import { parseCsv } from './golive-support';

let stack: Stack;
type Key =
  | 'exact'
  | 'twinA'
  | 'twinB'
  | 'lonely'
  | 'renamed'
  | 'contact'
  | 'item'
  | 'noProduct'
  | 'sfExact'
  | 'sfTwin'
  | 'sfRenamed'
  | 'sfOnly'
  | 'sfContact'
  | 'sfProduct';
const ids = {} as Record<Key, string>;

beforeAll(async () => {
  stack = await startStack({ settings: {} });
  const { ns, sf } = stack;
  const customer = (name: string, extra: Record<string, unknown> = {}) =>
    ns.seed('customer', {
      entityid: name.toUpperCase().replace(/\W+/g, '-'),
      companyname: name,
      subsidiary: '1',
      currency: '1',
      ...extra,
    });
  ids.exact = customer('Exact Co');
  ids.twinA = customer('Twin Corp');
  ids.twinB = customer('Twin  corp ');
  ids.lonely = customer('Lonely Ltd');
  ids.renamed = customer('Renamed In NetSuite');
  ids.contact = ns.seed('contact', {
    entityid: 'Ada Lovelace',
    firstname: 'Ada',
    lastname: 'Lovelace',
    email: 'ada@exact.example',
    company: ids.exact,
    subsidiary: '1',
  });
  ids.item = ns.seed('inventoryitem', { itemid: 'SKU-1', displayname: 'Sprocket', baseprice: 5 });
  ids.noProduct = ns.seed('inventoryitem', { itemid: 'SKU-2', baseprice: 7 });

  ids.sfExact = await sf.insert('Account', { Name: 'exact co' });
  ids.sfTwin = await sf.insert('Account', { Name: 'Twin Corp' });
  ids.sfRenamed = await sf.insert('Account', { Name: 'Old Name', NetSuite_Id__c: ids.renamed });
  ids.sfOnly = await sf.insert('Account', { Name: 'Only In Salesforce' });
  ids.sfContact = await sf.insert('Contact', {
    LastName: 'Lovelace',
    FirstName: 'Ada',
    Email: 'ADA@exact.example',
    AccountId: ids.sfExact,
  });
  ids.sfProduct = await sf.insert('Product2', { Name: 'Sprocket', ProductCode: 'sku-1', IsActive: true });
});
afterAll(async () => {
  await stack?.close();
});

const run = (dryRun: boolean) =>
  stack.ns.runMapReduce(GOLIVE_SCRIPTS.link.script, GOLIVE_SCRIPTS.link.deploy, {
    [GOLIVE_PARAMS.linkDryRun]: dryRun,
  });

function reportRows(name: RegExp): string[][] {
  const file = stack.ns.files().find((f) => name.test(f.name));
  expect(file).toBeDefined();
  return parseCsv(file!.contents);
}

const row = (rows: string[][], predicate: (r: string[]) => boolean) => rows.find(predicate);

test('a dry run reports exact, ambiguous and missing matches and links nothing', async () => {
  const before = (await stack.sf.apiCalls()).total;
  const report = run(true);
  expect(report.status).toBe('COMPLETE');
  expect(report.mapErrors).toEqual([]);
  expect(report.inputCount).toBe(0); // nothing to write

  const rows = reportRows(/^sfsync-link-dry-run-.*\.csv$/);
  expect(rows[0]).toEqual([
    'Kind',
    'Outcome',
    'Matched by',
    'NetSuite ID',
    'NetSuite record',
    'Salesforce ID',
    'Salesforce record',
    'Action',
    'Details',
  ]);
  expect(row(rows, (r) => r[0] === 'customer' && r[3] === ids.exact)).toEqual(
    expect.arrayContaining(['customer', 'matched', 'name', ids.exact, 'Exact Co', ids.sfExact, 'would link']),
  );
  expect(row(rows, (r) => r[0] === 'customer' && r[3] === ids.renamed)).toEqual(
    expect.arrayContaining(['customer', 'matched', 'NetSuite ID', ids.sfRenamed, 'would link']),
  );
  const twins = row(rows, (r) => r[1] === 'ambiguous')!;
  expect(twins.slice(0, 4)).toEqual(['customer', 'ambiguous', 'name', `${ids.twinA} ${ids.twinB}`]);
  expect(twins[5]).toBe(ids.sfTwin);
  expect(twins[4]).toContain(`Twin Corp (${ids.twinA}, subsidiary 1)`);
  expect(row(rows, (r) => r[0] === 'customer' && r[3] === ids.lonely)?.[1]).toBe('NetSuite only');
  expect(row(rows, (r) => r[5] === ids.sfOnly)?.[1]).toBe('Salesforce only');
  expect(row(rows, (r) => r[0] === 'contact' && r[3] === ids.contact)).toEqual(
    expect.arrayContaining(['contact', 'matched', 'e-mail', ids.sfContact]),
  );
  expect(row(rows, (r) => r[0] === 'item' && r[3] === ids.item)).toEqual(
    expect.arrayContaining(['item', 'matched', 'item name', ids.sfProduct]),
  );
  expect(row(rows, (r) => r[0] === 'item' && r[3] === ids.noProduct)?.[1]).toBe('NetSuite only');

  // The summary is in the script log; nothing was written on either side.
  const summary = stack.ns.logs.find((l) => l.title.startsWith('sfsync link dry run'))!;
  expect(summary.details).toContain(
    'Customers: 2 to link, 0 already linked, 1 ambiguous, 1 only in NetSuite, 1 only in Salesforce.',
  );
  expect(summary.details).toContain('Contacts: 1 to link');
  expect(summary.details).toContain('Items: 1 to link');
  for (const id of [ids.exact, ids.twinA, ids.twinB, ids.renamed])
    expect(stack.ns.get('customer', id)!.fields[ENTITY.accountId]).toBeFalsy();
  expect(stack.ns.get('contact', ids.contact)!.fields[ENTITY.contactId]).toBeFalsy();
  expect(stack.ns.get('inventoryitem', ids.item)!.fields[ITEM.productId]).toBeFalsy();
  const accounts = await stack.sf.records('Account');
  expect(accounts.find((a) => a.Id === ids.sfExact)?.NetSuite_Id__c).toBeFalsy();
  // Reading only: three queries, no writes.
  expect((await stack.sf.apiCalls()).total - before).toBe(3);
});

test('the real run links the exact matches on both sides and leaves the ambiguous ones', async () => {
  const before = (await stack.sf.apiCalls()).total;
  const report = run(false);
  expect(report.status).toBe('COMPLETE');
  expect(report.mapErrors).toEqual([]);
  expect(report.reduceErrors).toEqual([]);

  const customer = (id: string) => stack.ns.get('customer', id)!.fields;
  expect(customer(ids.exact)[ENTITY.accountId]).toBe(ids.sfExact);
  expect(customer(ids.renamed)[ENTITY.accountId]).toBe(ids.sfRenamed);
  expect(customer(ids.twinA)[ENTITY.accountId]).toBeFalsy();
  expect(customer(ids.twinB)[ENTITY.accountId]).toBeFalsy();
  expect(customer(ids.lonely)[ENTITY.accountId]).toBeFalsy();
  expect(stack.ns.get('contact', ids.contact)!.fields[ENTITY.contactId]).toBe(ids.sfContact);
  expect(stack.ns.get('inventoryitem', ids.item)!.fields[ITEM.productId]).toBe(ids.sfProduct);

  const bySf = async (object: string, id: string) =>
    (await stack.sf.records(object)).find((r) => r.Id === id)!.NetSuite_Id__c;
  expect(await bySf('Account', ids.sfExact)).toBe(ids.exact);
  expect(await bySf('Account', ids.sfRenamed)).toBe(ids.renamed);
  expect(await bySf('Account', ids.sfTwin)).toBeFalsy();
  expect(await bySf('Contact', ids.sfContact)).toBe(ids.contact);
  expect(await bySf('Product2', ids.sfProduct)).toBe(ids.item);
  // The Account keeps its Salesforce name: linking writes IDs only, and the customer's own user event
  // sent nothing back in the same save.
  expect((await stack.sf.records('Account')).find((a) => a.Id === ids.sfRenamed)?.Name).toBe('Old Name');

  // Three queries, then one collection call per kind that had Salesforce IDs to write.
  expect((await stack.sf.apiCalls()).total - before).toBe(3 + 3);
  const done = stack.ns.logs.find((l) => l.title === 'sfsync link run finished')!;
  expect(done.details).toBe('sfsync link run: 4 link(s) written, 0 failed.');

  // Running it again finds everything already linked and writes nothing.
  const again = (await stack.sf.apiCalls()).total;
  run(false);
  expect((await stack.sf.apiCalls()).total - again).toBe(3);
});
