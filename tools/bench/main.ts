/**
 * `npm run --silent bench -- --out FILE`: runs the benchmarks on the local stand-ins, prints a table and
 * writes the figures as JSON. Targets (design §5): ≤ 2 API calls and ≤ 60 governance units per order
 * sync, customer and products linked, whatever the line count; 2,000 lines within a user event's 1,000 units.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
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
  const result = { measuredAt: new Date().toISOString(), orderSync };
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwrote ${out}`);
  }
  const missed = orderSync.filter(
    (f) => !f.firstSync && !(f.sfApiCalls <= 2 && f.governanceUnits <= 60 && f.amountMatches),
  );
  if (missed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
