/**
 * Shared set-up of the inbound integration tests: the local Salesforce org and the local NetSuite runtime
 * (tools/demo/stack), the inbound RESTlet reachable over HTTP, and helpers that change records in the org
 * as a Salesforce user would.
 */
import { INBOUND_SCRIPTS, LOG, SETTINGS } from '../../../bundle/catalogue';
import type { RecordView } from '../../../tools/netsuite-local';
import { startStack, type Stack, type StackOptions } from '../../../tools/demo/stack';

export interface InboundStack extends Stack {
  restletUrl: string;
  /** POSTs a body to the RESTlet over HTTP, as Salesforce does. */
  push(body: unknown, contentType?: string): Promise<{ status: number; body: PushBody }>;
  /** GET on the RESTlet (Update from NetSuite). */
  financials(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** One run of the poller (the scheduled deployment, run now). */
  poll(): ReturnType<Stack['ns']['runMapReduce']>;
  /** Salesforce rows of an object by ID. */
  row(sobject: string, id: string): Promise<Record<string, unknown>>;
  logEntries(salesforceId: string): RecordView[];
  standardBook: string;
}

export interface PushResult {
  object: string;
  id: string;
  action: string;
  status: string;
  netsuiteId: string;
  message: string;
  code?: string;
}

export interface PushBody {
  results?: PushResult[];
  counts?: Record<string, number>;
  error?: { code: string; message: string };
}

/** Settings for tests: no poll lag (nothing else writes to the org while a test runs). */
export const TEST_SETTINGS = { [SETTINGS.pollLagSeconds]: 0 };

export async function startInbound(options: StackOptions = {}): Promise<InboundStack> {
  const stack = await startStack({ ...options, settings: { ...TEST_SETTINGS, ...options.settings } });
  const listening = await stack.ns.listen(0);
  const { script, deploy } = INBOUND_SCRIPTS.restlet;
  const restletUrl = `${listening.url}/app/site/hosting/restlet.nl?script=${script}&deploy=${deploy}`;
  const books = await stack.sf.records('Pricebook2');
  const standardBook = String(books.find((b) => b.IsStandard === true)?.Id ?? '');
  return {
    ...stack,
    restletUrl,
    standardBook,
    async push(body, contentType = 'application/json') {
      const res = await fetch(restletUrl, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as PushBody };
    },
    async financials(params) {
      const res = await fetch(`${restletUrl}&${new URLSearchParams(params).toString()}`);
      return { status: res.status, body: JSON.parse(await res.text()) as Record<string, unknown> };
    },
    poll() {
      const { script: mr, deploy: dep } = INBOUND_SCRIPTS.poller;
      return stack.ns.runMapReduce(mr, dep);
    },
    async row(sobject, id) {
      const found = (await stack.sf.records(sobject)).find((r) => r.Id === id);
      if (!found) throw new Error(`no ${sobject} ${id}`);
      return found;
    },
    logEntries(salesforceId) {
      return stack.ns.list(LOG.type).filter((e) => e.fields[LOG.salesforceId] === salesforceId);
    },
  };
}

let counter = 0;
/** A name no other test uses. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix} ${Date.now().toString(36)}${counter}`;
}

/** An account with a Closed Won opportunity (so it qualifies). */
export async function wonAccount(stack: InboundStack, fields: Record<string, unknown>): Promise<string> {
  const id = await stack.sf.insert('Account', fields);
  await stack.sf.insert('Opportunity', {
    Name: `${String(fields.Name)} deal`,
    StageName: 'Closed Won',
    CloseDate: '2026-03-31',
    AccountId: id,
  });
  return id;
}

/** A product with a standard price, linked to a NetSuite item by NetSuite_Id__c (or not, with null). */
export async function product(
  stack: InboundStack,
  name: string,
  itemId: string | null,
  price = 100,
): Promise<{ product: string; entry: string }> {
  const productId = await stack.sf.insert('Product2', { Name: name, IsActive: true, NetSuite_Id__c: itemId });
  const entry = await stack.sf.insert('PricebookEntry', {
    Pricebook2Id: stack.standardBook,
    Product2Id: productId,
    UnitPrice: price,
    IsActive: true,
  });
  return { product: productId, entry };
}

export interface LineSpec {
  entry: string;
  quantity: number;
  unitPrice: number;
  discount?: number;
  description?: string;
}

/** An opportunity with products. */
export async function opportunity(
  stack: InboundStack,
  fields: Record<string, unknown>,
  lines: LineSpec[],
): Promise<string> {
  const id = await stack.sf.insert('Opportunity', {
    StageName: 'Closed Won',
    CloseDate: '2026-04-30',
    Pricebook2Id: stack.standardBook,
    ...fields,
  });
  for (const line of lines) {
    await stack.sf.insert('OpportunityLineItem', {
      OpportunityId: id,
      PricebookEntryId: line.entry,
      Quantity: line.quantity,
      UnitPrice: line.unitPrice,
      ...(line.discount !== undefined ? { Discount: line.discount } : {}),
      ...(line.description ? { Description: line.description } : {}),
    });
  }
  return id;
}
