// State saved to a JSON file and loaded by a new runtime: records, dates, id sequences, saved searches.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureRuntime, seedBasics } from './support/fixture';

test('saveState and statePath round-trip the account', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ns-state-')), 'state.json');
  const first = fixtureRuntime({ statePath: file });
  const b = seedBasics(first);
  const order = first.seed(
    'salesorder',
    { entity: b.customer, custbody_fx_when: '2025-02-03' },
    { item: [{ item: b.widget, quantity: 2 }] },
  );
  first.registerSavedSearch('customsearch_fx_orders', {
    type: 'salesorder',
    filters: [['mainline', 'is', 'T']],
    columns: ['tranid'],
  });
  first.saveState();
  await first.close();
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).version).toBe(1);

  const second = fixtureRuntime({ statePath: file });
  const loaded = second.ui.record.load({ type: 'salesorder', id: order });
  expect(loaded.getValue({ fieldId: 'custbody_fx_when' })).toEqual(new Date(2025, 1, 3));
  expect(loaded.getValue({ fieldId: 'total' })).toBe(200);
  expect(loaded.getText({ fieldId: 'entity' })).toBe('Acme Inc');
  const keyBefore = Number(second.get('salesorder', order)?.sublists.item?.[0]?.lineuniquekey);
  // sequences continue: new ids and line keys do not collide with saved ones
  const next = second.seed('salesorder', { entity: b.customer }, { item: [{ item: b.gadget }] });
  expect(Number(next)).toBeGreaterThan(Number(order));
  expect(Number(second.get('salesorder', next)?.sublists.item?.[0]?.lineuniquekey)).toBeGreaterThan(
    keyBefore,
  );
  const found: string[] = [];
  second.ui.search
    .load({ id: 'customsearch_fx_orders' })
    .run()
    .each((r) => {
      found.push(r.id);
      return true;
    });
  expect(found).toEqual([order, next]);
  // base data (currency, subsidiary, price level) came from the file, not seeded twice
  expect(second.list('currency')).toHaveLength(1);
  second.saveState(path.join(path.dirname(file), 'copy.json'));
  expect(fs.existsSync(path.join(path.dirname(file), 'copy.json'))).toBe(true);
  await second.close();
});
