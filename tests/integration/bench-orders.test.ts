import { benchOrders } from '../../tools/bench/orders';

// The benchmark's own code, at small sizes: figures come from the local org's call counter and the
// runtime's governance report (no timing is asserted).
test('order sync benchmark: linked orders cost one API call and well under 60 units', async () => {
  const figures = await benchOrders([1, 30]);
  const first = figures[0]!;
  expect(first).toMatchObject({ firstSync: true, amountMatches: true, opportunityLines: 193 });
  expect(first.governanceUnits).toBeLessThan(1000);
  for (const f of figures.slice(1)) {
    expect(f).toMatchObject({ firstSync: false, sfApiCalls: 1, amountMatches: true });
    expect(f.governanceUnits).toBeLessThanOrEqual(60);
  }
  expect(figures.slice(1).map((f) => f.opportunityLines)).toEqual([1, 29]);
}, 120000);
