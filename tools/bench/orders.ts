/**
 * Order sync benchmark: orders of 1 to 2,000 lines saved in the local runtime against the local org, with
 * the customer and products already linked, plus one first sync that creates the account and products.
 * API calls are counted by the local org, governance units by the local runtime.
 */
import { BODY, SCRIPTS } from '../../bundle/catalogue';
import { createOrder, seedCustomer, type LineInput } from '../demo/seed';
import { startStack, type Stack } from '../demo/stack';

export interface OrderSyncFigure {
  lines: number;
  firstSync: boolean;
  sfApiCalls: number;
  governanceUnits: number;
  wallMs: number;
  opportunityLines: number;
  amountMatches: boolean;
}

const DISTINCT_ITEMS = 200;

function seedItems(stack: Stack, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    stack.ns.seed('inventoryitem', {
      itemid: `BENCH-${String(i + 1).padStart(4, '0')}`,
      displayname: `Bench item ${i + 1}`,
      salesdescription: `Benchmark item number ${i + 1}`,
      baseprice: 10 + (i % 37),
      subsidiary: '1',
    }),
  );
}

/** Lines with varied quantities and prices, a line discount every 25 lines. */
function orderLines(items: string[], count: number, discount: string): LineInput[] {
  const lines: LineInput[] = [];
  for (let i = 0; lines.length < count; i++) {
    lines.push({
      item: items[i % items.length]!,
      quantity: 1 + (i % 7),
      rate: Math.round((9.99 + (i % 53) * 3.17) * 100) / 100,
    });
    if (i % 25 === 24 && lines.length < count) lines.push({ item: discount });
  }
  return lines;
}

async function measure(
  stack: Stack,
  customer: string,
  lines: LineInput[],
  firstSync: boolean,
): Promise<OrderSyncFigure> {
  const before = (await stack.sf.apiCalls()).total;
  const started = Date.now();
  const id = createOrder(stack.ns, customer, lines, { [BODY.sendAsOpportunity]: true });
  const wallMs = Date.now() - started;
  const execution = stack.ns.executions.filter((e) => e.scriptId === SCRIPTS.salesOrderEvent.script).at(-1);
  const order = stack.ns.get('salesorder', id)!;
  const opportunityId = String(order.fields[BODY.opportunityId] ?? '');
  const opp = (await stack.sf.records('Opportunity')).find((o) => o.Id === opportunityId);
  const oppLines = (await stack.sf.records('OpportunityLineItem')).filter(
    (l) => l.OpportunityId === opportunityId,
  );
  if (execution?.error) throw new Error(`order of ${lines.length} lines: ${JSON.stringify(execution.error)}`);
  return {
    lines: lines.length,
    firstSync,
    sfApiCalls: (await stack.sf.apiCalls()).total - before,
    governanceUnits: execution?.unitsUsed ?? -1,
    wallMs,
    opportunityLines: oppLines.length,
    amountMatches:
      !!opp && Math.round(Number(opp.Amount) * 100) === Math.round(Number(order.fields.total) * 100),
  };
}

export async function benchOrders(sizes = [1, 10, 100, 1000, 2000]): Promise<OrderSyncFigure[]> {
  const stack = await startStack();
  try {
    const discount = stack.ns.seed('discountitem', {
      itemid: 'BENCH-DISC',
      description: '5% off',
      rate: '-5%',
      subsidiary: '1',
    });
    const items = seedItems(stack, DISTINCT_ITEMS);
    const figures: OrderSyncFigure[] = [];
    // First sync: a new customer and never-synced products (created on the way).
    const first = seedCustomer(stack.ns, { companyname: 'Bench First Sync Ltd' });
    figures.push(await measure(stack, first, orderLines(items, DISTINCT_ITEMS, discount), true));
    // Linked customer and products from here on: small orders link the items the first sync could not
    // remember within its governance (bounded: each links at least 100 items).
    const linked = seedCustomer(stack.ns, { companyname: 'Bench Linked Ltd' });
    for (let start = 0; start < items.length; start += 100) {
      await measure(stack, linked, orderLines(items.slice(start, start + 100), 110, discount), false);
    }
    for (const size of sizes)
      figures.push(await measure(stack, linked, orderLines(items, size, discount), false));
    return figures;
  } finally {
    await stack.close();
  }
}
