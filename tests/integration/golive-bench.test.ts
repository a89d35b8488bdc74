// The go-live benchmark and rehearsal at a small size: the same code `npm run bench` runs with 10,000
// orders and customers, and `npm run golive`.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { benchBulk } from '../../tools/bench/bulk';

const run = promisify(execFile);

test('bulk sync and linking figures: records per call, governance per stage, every order complete', async () => {
  const { bulkSync, linking } = await benchBulk({ orders: 320, customers: 200, linesPerOrder: 5, items: 10 });

  expect(bulkSync).toMatchObject({
    orders: 320,
    linesPerOrder: 5,
    historicalOrders: 80,
    ordersSynced: 320,
    stageErrors: 0,
    withinGovernance: true,
    amountsAndLinesMatch: true,
  });
  expect(bulkSync.salesforceRecordsWritten).toMatchObject({
    Opportunity: 320,
    OpportunityLineItem: 1600,
    Product2: 10,
    PricebookEntry: 10,
    Account: 0,
    total: 1940,
  });
  // One Standard Price Book query, three calls for the items, then up to 150 orders of 5 lines per call.
  expect(bulkSync.apiCalls).toBe(1 + 3 + 3);
  expect(bulkSync.salesforceRecordsPerApiCall).toBeGreaterThanOrEqual(100);
  expect(bulkSync.recordsPerApiCall).toBeCloseTo((320 + 10) / 7, 1);
  expect(bulkSync.governance.map.invocations).toBe(320 + 1);
  expect(bulkSync.governance.map.maxUnits).toBeLessThanOrEqual(1000);
  // Three order batches, and the one that adds up the counts.
  expect(bulkSync.governance.reduce.invocations).toBe(3 + 1);
  expect(bulkSync.governance.reduce.maxUnits).toBeLessThanOrEqual(5000);
  expect(bulkSync.target).toEqual({ recordsPerApiCall: 100, met: false }); // fixed costs dominate at this size

  expect(linking).toMatchObject({
    customers: 200,
    linked: 200,
    salesforceRecordsWritten: 200,
    dryRun: { apiCalls: 1, toLink: 200 },
    apiCalls: 2, // the Accounts query, then one call with the 200 NetSuite IDs
    recordsPerApiCall: 100,
    stageErrors: 0,
    withinGovernance: true,
  });
});

test('the rehearsal command syncs everything in slices and ends with a clean reconciliation', async () => {
  const main = path.join(__dirname, '..', '..', 'build', 'tools', 'golive', 'main.js');
  const { stdout } = await run(
    process.execPath,
    [main, '--customers', '40', '--orders', '90', '--slice', '40', '--json'],
    {
      timeout: 120000,
    },
  );
  const figures = JSON.parse(stdout) as {
    bulkSync: {
      runs: number;
      synced: number;
      customersSynced: number;
      itemsLinked: number;
      maxReduceUnits: number;
    };
    reconciliation: { summary: string };
  };
  expect(figures.bulkSync).toMatchObject({ runs: 3, synced: 90, customersSynced: 40, itemsLinked: 25 });
  expect(figures.bulkSync.maxReduceUnits).toBeLessThanOrEqual(5000);
  expect(figures.reconciliation.summary).toMatch(
    /^Checked 90 linked order\(s\) and 40 linked customer\(s\): everything is in sync\./,
  );
});
