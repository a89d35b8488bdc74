/**
 * Go-live benchmark: linking existing customers to their Salesforce Accounts, then the bulk initial sync
 * of sales orders (open and historical) with their lines, on the local stand-ins. Target (design §5): at
 * least 100 records per Salesforce API call on average; every map invocation within 1,000 units and every
 * reduce within 5,000.
 */
import { startStack } from '../demo/stack';
import { seedAccounts, seedNetSuite } from '../golive/data';
import {
  bulkRun,
  countSalesforce,
  linkRun,
  logDetails,
  settle,
  syncedOrders,
  type StageUnits,
} from '../golive/run';

export interface BulkBenchOptions {
  orders?: number;
  linesPerOrder?: number;
  customers?: number;
  items?: number;
}

type Governance = Record<'getInputData' | 'map' | 'reduce' | 'summarize', StageUnits>;

export interface BulkSyncFigures {
  orders: number;
  linesPerOrder: number;
  historicalOrders: number;
  ordersSynced: number;
  apiCalls: number;
  /** Salesforce records the run created or updated, by object. */
  salesforceRecordsWritten: Record<string, number> & { total: number };
  /** NetSuite records pushed (orders, and items that became products) per API call. */
  recordsPerApiCall: number;
  salesforceRecordsPerApiCall: number;
  apiCallsPerOrder: number;
  governance: Governance;
  withinGovernance: boolean;
  stageErrors: number;
  wallMs: number;
  /** Of wallMs, the time the local org took to answer (it scans its tables on every upsert). */
  salesforceMs: number;
  /** Every Opportunity's Amount equals its order's total, and every order has all its lines. */
  amountsAndLinesMatch: boolean;
  target: { recordsPerApiCall: number; met: boolean };
}

export interface LinkingFigures {
  customers: number;
  accounts: number;
  dryRun: { apiCalls: number; wallMs: number; toLink: number };
  linked: number;
  apiCalls: number;
  salesforceRecordsWritten: number;
  recordsPerApiCall: number;
  governance: Governance;
  withinGovernance: boolean;
  stageErrors: number;
  wallMs: number;
  salesforceMs: number;
}

const within = (g: Governance) =>
  g.getInputData.maxUnits <= g.getInputData.limit &&
  g.map.maxUnits <= g.map.limit &&
  g.reduce.maxUnits <= g.reduce.limit &&
  g.summarize.maxUnits <= g.summarize.limit;

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10) / 10);

export async function benchBulk(
  options: BulkBenchOptions = {},
): Promise<{ bulkSync: BulkSyncFigures; linking: LinkingFigures }> {
  const orders = options.orders ?? 10000;
  const linesPerOrder = options.linesPerOrder ?? 5;
  const customers = options.customers ?? 10000;
  // The local org slows down as its tables grow (it scans them on every upsert), so its answers to the
  // largest calls can take longer than NetSuite's 45 seconds here; the bench waits for them.
  const stack = await startStack({
    apiLimit: 100_000_000,
    runtime: { httpTimeouts: { requestMs: 30 * 60 * 1000 } },
  });
  try {
    const data = seedNetSuite(stack.ns, {
      customers,
      orders,
      linesPerOrder,
      items: options.items ?? 25,
    });
    await seedAccounts(stack.sf, customers);

    // Linking: a dry run first (the report), then the real run.
    const dry = await linkRun(stack, true);
    const toLink = Number(
      /Customers: (\d+) to link/.exec(logDetails(stack, /^sfsync link dry run/))?.[1] ?? 0,
    );
    const link = await linkRun(stack, false);
    const linkedCount = Number(
      /(\d+) link\(s\) written/.exec(logDetails(stack, 'sfsync link run finished'))?.[1] ?? 0,
    );
    const linking: LinkingFigures = {
      customers,
      accounts: customers,
      dryRun: { apiCalls: dry.apiCalls, wallMs: dry.wallMs, toLink },
      linked: linkedCount,
      apiCalls: link.apiCalls,
      salesforceRecordsWritten: linkedCount,
      recordsPerApiCall: ratio(linkedCount, link.apiCalls),
      governance: link.governance,
      withinGovernance: within(link.governance),
      stageErrors: link.stageErrors,
      wallMs: link.wallMs,
      salesforceMs: link.salesforceMs,
    };

    // Bulk initial sync of every order, open and historical.
    const before = await countSalesforce(stack);
    const bulk = await bulkRun(stack, { status: 'all' });
    const after = await countSalesforce(stack);
    const written: Record<string, number> = {};
    let total = 0;
    for (const [object, n] of Object.entries(after)) {
      written[object] = n - (before[object] ?? 0);
      total += written[object]!;
    }
    const synced = syncedOrders(stack, data.orders);
    const pushed = synced + (written.Product2 ?? 0);
    const bulkSync: BulkSyncFigures = {
      orders,
      linesPerOrder,
      historicalOrders: data.historical,
      ordersSynced: synced,
      apiCalls: bulk.apiCalls,
      salesforceRecordsWritten: { ...written, total },
      recordsPerApiCall: ratio(pushed, bulk.apiCalls),
      salesforceRecordsPerApiCall: ratio(total, bulk.apiCalls),
      apiCallsPerOrder: Math.round((bulk.apiCalls / Math.max(1, synced)) * 10000) / 10000,
      governance: bulk.governance,
      withinGovernance: within(bulk.governance),
      stageErrors: bulk.stageErrors,
      wallMs: bulk.wallMs,
      salesforceMs: bulk.salesforceMs,
      amountsAndLinesMatch: await amountsAndLines(stack, data.orders, linesPerOrder),
      target: { recordsPerApiCall: 100, met: ratio(pushed, bulk.apiCalls) >= 100 },
    };
    return { bulkSync, linking };
  } finally {
    await stack.close();
  }
}

async function amountsAndLines(
  stack: Awaited<ReturnType<typeof startStack>>,
  orders: string[],
  linesPerOrder: number,
): Promise<boolean> {
  const opps = new Map(
    (await settle(() => stack.sf.records('Opportunity'))).map((o) => [String(o.NetSuite_Id__c), o]),
  );
  const lines = new Map<string, number>();
  for (const l of await settle(() => stack.sf.records('OpportunityLineItem')))
    lines.set(String(l.OpportunityId), (lines.get(String(l.OpportunityId)) ?? 0) + 1);
  return orders.every((id) => {
    const order = stack.ns.get('salesorder', id)!;
    const opp = opps.get(id);
    return (
      !!opp &&
      Math.round(Number(opp.Amount) * 100) === Math.round(Number(order.fields.total) * 100) &&
      lines.get(String(opp.Id)) === linesPerOrder
    );
  });
}
