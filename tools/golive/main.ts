/**
 * `npm run golive`: a go-live rehearsal on the local stand-ins. Generates customers, items and sales
 * orders in a local NetSuite and the customers' Accounts in a local Salesforce org, then runs what an
 * administrator runs on go-live day: linking (dry run, then for real), the bulk initial sync of customers
 * and orders in slices with a progress bar (each slice a run of its own, so the rehearsal also shows that a stopped sync picks up
 * where it stopped), and a reconciliation report. Prints the summary.
 *
 * Options: --customers N (1,000), --orders N (2,000), --lines N (5 per order), --slice N (500 orders per
 * run), --json (print the figures as JSON).
 */
import { startStack } from '../demo/stack';
import { seedAccounts, seedNetSuite } from './data';
import { bulkRun, linkRun, logDetails, reconRun, settle, syncedOrders, type JobRun } from './run';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

const json = process.argv.includes('--json');
const say = (text: string) => {
  if (!json) process.stdout.write(`${text}\n`);
};

function bar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
}

function progress(text: string): void {
  if (json) return;
  if (process.stdout.isTTY) process.stdout.write(`\r${text}`);
  else process.stdout.write(`${text}\n`);
}

const units = (run: JobRun) =>
  `map ≤ ${run.governance.map.maxUnits}/1,000, reduce ≤ ${run.governance.reduce.maxUnits}/5,000 units`;

async function main(): Promise<void> {
  const customers = option('customers', 1000);
  const orders = option('orders', 2000);
  const lines = option('lines', 5);
  const slice = option('slice', 500) || orders;

  say(`Preparing the rehearsal: ${customers} customers, ${orders} orders of ${lines} lines…`);
  const stack = await startStack({ apiLimit: 10_000_000, runtime: { httpTimeouts: { requestMs: 600_000 } } });
  try {
    const data = seedNetSuite(stack.ns, { customers, orders, linesPerOrder: lines });
    await seedAccounts(stack.sf, customers);

    say('\n1. Link existing records (dry run)');
    const dry = await linkRun(stack, true, 'customers,contacts,items');
    say(`   ${logDetails(stack, /^sfsync link dry run/)}`);
    say('2. Link existing records');
    const link = await linkRun(stack, false, 'customers,contacts,items');
    say(`   ${logDetails(stack, 'sfsync link run finished')} ${link.apiCalls} API calls, ${units(link)}.`);

    say('3. Bulk initial sync (customers, open and historical orders)');
    const runs: JobRun[] = [];
    const totals: Record<string, number> = {};
    let synced = 0;
    progress(`   ${bar(0, orders)} orders`);
    for (let guard = 0; guard < Math.ceil(orders / slice) + 3; guard++) {
      const run = await bulkRun(stack, { status: 'all', max: slice, records: 'customers,orders' });
      runs.push(run);
      const finished = JSON.parse(logDetails(stack, 'sfsync bulk sync: finished') || '{}') as Record<
        string,
        unknown
      >;
      for (const [k, v] of Object.entries(finished))
        if (typeof v === 'number') totals[k] = (totals[k] ?? 0) + v;
      const now = syncedOrders(stack, data.orders);
      const calls = runs.reduce((n, r) => n + r.apiCalls, 0);
      progress(`   ${bar(now, orders)} orders, ${calls} API calls`);
      if (now === synced || now === orders) {
        synced = now;
        break;
      }
      synced = now;
    }
    if (!json && process.stdout.isTTY) process.stdout.write('\n');
    const apiCalls = runs.reduce((n, r) => n + r.apiCalls, 0);
    const wallMs = runs.reduce((n, r) => n + r.wallMs, 0);
    const maxMap = Math.max(...runs.map((r) => r.governance.map.maxUnits));
    const maxReduce = Math.max(...runs.map((r) => r.governance.reduce.maxUnits));
    const pushed = synced + (totals.customersSynced ?? 0) + (totals.itemsLinked ?? 0);
    say(
      `   ${synced} of ${orders} orders, ${totals.customersSynced ?? 0} customers and ${totals.itemsLinked ?? 0} items sent in ${runs.length} run(s): ${apiCalls} API calls (${(pushed / Math.max(1, apiCalls)).toFixed(1)} records per call), map ≤ ${maxMap}/1,000, reduce ≤ ${maxReduce}/5,000 units, ${(wallMs / 1000).toFixed(1)} s.`,
    );
    if ((totals.ordersFailed ?? 0) > 0)
      say(
        `   ${totals.ordersFailed} order(s) failed on the way (see the Integration Log); a later run sent them.`,
      );

    say('4. Reconciliation');
    const recon = await reconRun(stack);
    say(`   ${logDetails(stack, 'sfsync reconciliation')}`);

    const files = stack.ns.files().map((f) => f.path);
    say(`\nReports in the File Cabinet: ${files.join(', ')}`);
    const figures = {
      customers,
      orders,
      linesPerOrder: lines,
      historicalOrders: data.historical,
      linking: { dryRunApiCalls: dry.apiCalls, apiCalls: link.apiCalls, wallMs: link.wallMs },
      bulkSync: {
        runs: runs.length,
        synced,
        customersSynced: totals.customersSynced ?? 0,
        itemsLinked: totals.itemsLinked ?? 0,
        apiCalls,
        recordsPerApiCall: Math.round((pushed / Math.max(1, apiCalls)) * 10) / 10,
        wallMs,
        maxMapUnits: maxMap,
        maxReduceUnits: maxReduce,
      },
      reconciliation: {
        apiCalls: recon.apiCalls,
        wallMs: recon.wallMs,
        summary: logDetails(stack, 'sfsync reconciliation'),
      },
      totalApiCalls: (await settle(() => stack.sf.apiCalls())).total,
    };
    if (json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    if (synced !== orders) process.exitCode = 1;
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
