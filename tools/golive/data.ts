/**
 * Generated go-live data for the local stand-ins: NetSuite customers, items and sales orders as they would
 * be before sfsync is installed, and the Salesforce Accounts the customers already have (same names, no
 * NetSuite IDs yet). Seeding fires no scripts and is not counted as the job's work.
 */
import type { SalesforceOrg } from '../salesforce-local';
import type { NetSuiteRuntime } from '../netsuite-local';

export interface GoLiveData {
  customers: string[];
  items: string[];
  orders: string[];
  /** Order statuses used: open (B) and historical (billed, G). */
  historical: number;
}

export interface DataOptions {
  customers: number;
  orders: number;
  linesPerOrder: number;
  items?: number;
  /** Every n-th order is billed (historical); 0: none. */
  historicalEvery?: number;
}

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

export const customerName = (i: number): string => `Go-Live Customer ${pad(i + 1)}`;

/** NetSuite records in the runtime: customers, items, and orders dated across 2025. */
export function seedNetSuite(ns: NetSuiteRuntime, options: DataOptions): GoLiveData {
  const customers = Array.from({ length: options.customers }, (_, i) =>
    ns.seed('customer', {
      entityid: `GL-${pad(i + 1)}`,
      companyname: customerName(i),
      isperson: 'F',
      subsidiary: '1',
      currency: '1',
      phone: `555-${pad(i % 10000, 4)}`,
      creditlimit: 10000 + (i % 50) * 1000,
    }),
  );
  const items = Array.from({ length: options.items ?? 25 }, (_, i) =>
    ns.seed('inventoryitem', {
      itemid: `GL-ITEM-${pad(i + 1, 3)}`,
      displayname: `Go-live item ${i + 1}`,
      salesdescription: `Item ${i + 1} of the go-live rehearsal`,
      baseprice: 10 + i,
      subsidiary: '1',
    }),
  );
  const every = options.historicalEvery ?? 4;
  let historical = 0;
  const orders: string[] = [];
  for (let i = 0; i < options.orders; i++) {
    const billed = every > 0 && i % every === every - 1;
    if (billed) historical += 1;
    orders.push(
      ns.seed(
        'salesorder',
        {
          entity: customers[i % customers.length],
          trandate: new Date(2025, i % 12, 1 + (i % 28)),
          currency: '1',
          memo: `Rehearsal order ${i + 1}`,
          orderstatus: billed ? 'G' : 'B',
        },
        {
          item: Array.from({ length: options.linesPerOrder }, (_, l) => ({
            item: items[(i + l) % items.length],
            quantity: 1 + ((i + l) % 4),
            rate: Math.round((10 + ((i * 7 + l * 3) % 90) + 0.5 * (l % 2)) * 100) / 100,
          })),
        },
      ),
    );
  }
  return { customers, items, orders, historical };
}

async function token(sf: SalesforceOrg): Promise<string> {
  const res = await fetch(sf.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sf.clientId,
      client_secret: sf.clientSecret,
    }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Creates records in Salesforce with sObject Collections (200 per request, a few requests at a time). */
export async function createInSalesforce(
  sf: SalesforceOrg,
  sobject: string,
  records: Array<Record<string, unknown>>,
): Promise<string[]> {
  const bearer = await token(sf);
  const chunks: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < records.length; i += 200) chunks.push(records.slice(i, i + 200));
  const ids: string[] = [];
  for (let i = 0; i < chunks.length; i += 4) {
    const answers = await Promise.all(
      chunks.slice(i, i + 4).map(async (chunk) => {
        const res = await fetch(`${sf.instanceUrl}/services/data/v${sf.apiVersion}/composite/sobjects`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            allOrNone: true,
            records: chunk.map((r) => ({ attributes: { type: sobject }, ...r })),
          }),
        });
        const body = (await res.json()) as Array<{ id?: string; success?: boolean }>;
        if (res.status !== 200 || !Array.isArray(body) || body.some((r) => !r.success))
          throw new Error(`seeding ${sobject}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        return body.map((r) => String(r.id));
      }),
    );
    ids.push(...answers.flat());
  }
  return ids;
}

/** The Accounts the customers already have in Salesforce: same names, no NetSuite ID. */
export function seedAccounts(sf: SalesforceOrg, count: number): Promise<string[]> {
  return createInSalesforce(
    sf,
    'Account',
    Array.from({ length: count }, (_, i) => ({ Name: customerName(i) })),
  );
}
