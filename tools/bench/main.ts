/**
 * `npm run --silent bench -- --out FILE`: runs the benchmarks on the local stand-ins, prints a table and
 * writes the figures as JSON. Targets (design §5): ≤ 2 API calls and ≤ 60 governance units per order
 * sync, customer and products linked, whatever the line count; 2,000 lines within a user event's 1,000 units.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchBulk } from './bulk';
import { benchOrders, type OrderSyncFigure } from './orders';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function printOrders(figures: OrderSyncFigure[]): void {
  const rows = figures.map((f) => [
    String(f.lines),
    f.firstSync ? 'yes' : 'no',
    String(f.sfApiCalls),
    String(f.governanceUnits),
    String(f.wallMs),
    String(f.opportunityLines),
    f.amountMatches ? 'yes' : 'NO',
    f.firstSync ? '' : f.sfApiCalls <= 2 && f.governanceUnits <= 60 && f.amountMatches ? 'met' : 'MISSED',
  ]);
  const head = [
    'lines',
    'first sync',
    'API calls',
    'units',
    'wall ms',
    'SF lines',
    'amount matches',
    'target',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<void> {
  const out = argument('--out');
  const orderSync = await benchOrders();
  printOrders(orderSync);
  // Bulk go-live figures: 10,000 orders of 5 lines and linking 10,000 customers (--skip-bulk leaves them out).
  const bulk = process.argv.includes('--skip-bulk') ? null : await benchBulk();
  if (bulk) {
    const b = bulk.bulkSync;
    const l = bulk.linking;
    console.log(
      `\nbulk sync: ${b.ordersSynced}/${b.orders} orders of ${b.linesPerOrder} lines, ${b.apiCalls} API calls, ` +
        `${b.recordsPerApiCall} records per call (target ≥ ${b.target.recordsPerApiCall}: ${b.target.met ? 'met' : 'MISSED'}), ` +
        `max units per stage getInputData ${b.governance.getInputData.maxUnits} / map ${b.governance.map.maxUnits} / ` +
        `reduce ${b.governance.reduce.maxUnits} / summarize ${b.governance.summarize.maxUnits}, ${b.wallMs} ms, ` +
        `amounts and lines match: ${b.amountsAndLinesMatch ? 'yes' : 'NO'}`,
    );
    console.log(
      `linking: ${l.linked}/${l.customers} customers linked, ${l.apiCalls} API calls (${l.recordsPerApiCall} records per call), ` +
        `dry run ${l.dryRun.apiCalls} calls, within governance: ${l.withinGovernance ? 'yes' : 'NO'}, ${l.wallMs} ms`,
    );
  }
  const result = { measuredAt: new Date().toISOString(), orderSync, ...(bulk ?? {}) };
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwrote ${out}`);
  }
  const missed = orderSync.filter(
    (f) => !f.firstSync && !(f.sfApiCalls <= 2 && f.governanceUnits <= 60 && f.amountMatches),
  );
  if (missed.length > 0 || (bulk && (!bulk.bulkSync.target.met || !bulk.bulkSync.withinGovernance)))
    process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
