/**
 * Shared set-up of the inbound integration tests: the local Salesforce org and the local NetSuite runtime
 * (tools/demo/stack), the inbound RESTlet reachable over HTTP, and helpers that change records in the org
 * as a Salesforce user would.
 */
import { spawn } from 'node:child_process';
import { INBOUND_SCRIPTS, LOG, SETTINGS } from '../../../bundle/catalogue';
import { createRuntime, type RecordView } from '../../../tools/netsuite-local';
import {
  cliPath,
  connectSalesforceOrg,
  type ConnectionInfo,
  type SalesforceOrg,
} from '../../../tools/salesforce-local';
import {
  ACCOUNT_URL,
  projectRoot,
  startStack,
  type Stack,
  type StackOptions,
} from '../../../tools/demo/stack';
import { settled } from '../../support/wait';

export interface InboundStack extends Stack {
  restletUrl: string;
  /** POSTs a body to the RESTlet over HTTP, as Salesforce does. */
  push(body: unknown, contentType?: string): Promise<{ status: number; body: PushBody }>;
  /** GET on the RESTlet (Update from NetSuite). */
  financials(params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  /** One run of the poller (the scheduled deployment, run now); resolves once the org has settled. */
  poll(): Promise<ReturnType<Stack['ns']['runMapReduce']>>;
  /** Waits until the org has answered every request it received (tests/support/wait.ts). */
  settle(): Promise<void>;
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

/**
 * Waits into the next second of the clock. The poller leaves out the second it runs in (SystemModstamp
 * has whole seconds), so a poll started right after a change waits for it, as a scheduled run would.
 */
export function nextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1001 - (Date.now() % 1000)));
}

/** Settings for tests: no poll lag (nothing else writes to the org while a test runs). */
export const TEST_SETTINGS = { [SETTINGS.pollLagSeconds]: 0 };

/**
 * A local org started with extra environment variables for its process (startSalesforceOrg passes the
 * test's own environment, which Jest keeps apart from the real one). Stopped with `stop()`.
 */
export async function startOrgWithEnv(env: Record<string, string>): Promise<SalesforceOrg> {
  const child = spawn(process.execPath, [cliPath(), '--port', '0', '--project-dir', projectRoot()], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const info = await new Promise<ConnectionInfo>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const newline = buffered.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(buffered.slice(0, newline)) as ConnectionInfo);
    });
    child.once('exit', (code) => reject(new Error(`local Salesforce org exited with code ${code}`)));
  });
  const org = connectSalesforceOrg(info);
  return {
    ...org,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The NetSuite runtime and its settings for an org started elsewhere (as tools/demo/stack does). */
function stackFor(sf: SalesforceOrg, settings: Record<string, unknown>): Stack {
  const ns = createRuntime({
    projectDir: projectRoot(),
    secrets: { custsecret_sfsync_client_secret: sf.clientSecret },
  });
  const settingsId = ns.seed(SETTINGS.type, {
    name: 'sfsync',
    [SETTINGS.instanceUrl]: sf.instanceUrl,
    [SETTINGS.clientId]: sf.clientId,
    [SETTINGS.apiVersion]: '62.0',
    [SETTINGS.netsuiteAccountUrl]: ACCOUNT_URL,
    ...settings,
  });
  return {
    ns,
    sf,
    settingsId,
    setSettings(values) {
      const rec = ns.ui.record.load({ type: SETTINGS.type, id: settingsId });
      for (const [fieldId, value] of Object.entries(values)) rec.setValue({ fieldId, value: value as never });
      rec.save();
    },
    async close() {
      await ns.close();
      await sf.stop();
    },
  };
}

export async function startInbound(options: StackOptions = {}, org?: SalesforceOrg): Promise<InboundStack> {
  const settings = { ...TEST_SETTINGS, ...options.settings };
  const stack = org ? stackFor(org, settings) : await startStack({ ...options, settings });
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
    async poll() {
      await nextSecond();
      const { script: mr, deploy: dep } = INBOUND_SCRIPTS.poller;
      const report = stack.ns.runMapReduce(mr, dep);
      await settled(stack.sf);
      return report;
    },
    settle: () => settled(stack.sf),
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
