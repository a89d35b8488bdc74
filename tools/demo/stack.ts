/**
 * The two local stand-ins wired together: a local Salesforce org (child process) and a local NetSuite
 * runtime with sfsync deployed, its settings record pointing at the org and the client secret in place.
 * Used by the demo, the benchmark and the integration tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTINGS } from '../../bundle/catalogue';
import { createRuntime, type NetSuiteRuntime, type RuntimeOptions } from '../netsuite-local';
import { startSalesforceOrg, type SalesforceOrg } from '../salesforce-local';

export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export interface Stack {
  ns: NetSuiteRuntime;
  sf: SalesforceOrg;
  settingsId: string;
  /** Changes settings as an administrator would (a UI save, so the cached copy is dropped). */
  setSettings(values: Record<string, unknown>): void;
  close(): Promise<void>;
}

export interface StackOptions {
  settings?: Record<string, unknown>;
  apiLimit?: number;
  runtime?: Partial<RuntimeOptions>;
}

export const ACCOUNT_URL = 'https://1234567.app.netsuite.com';

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const root = projectRoot();
  const sf = await startSalesforceOrg({
    projectDir: root,
    ...(options.apiLimit ? { apiLimit: options.apiLimit } : {}),
  });
  const ns = createRuntime({
    projectDir: root,
    secrets: { custsecret_sfsync_client_secret: sf.clientSecret },
    ...options.runtime,
  });
  const settingsId = ns.seed(SETTINGS.type, {
    name: 'sfsync',
    [SETTINGS.instanceUrl]: sf.instanceUrl,
    [SETTINGS.clientId]: sf.clientId,
    [SETTINGS.apiVersion]: '62.0',
    [SETTINGS.netsuiteAccountUrl]: ACCOUNT_URL,
    ...options.settings,
  });
  return {
    ns,
    sf,
    settingsId,
    setSettings(values) {
      const rec = ns.ui.record.load({ type: SETTINGS.type, id: settingsId });
      for (const [fieldId, value] of Object.entries(values)) {
        if (fieldId === SETTINGS.zeroQuantityPolicy && typeof value === 'string')
          rec.setText({ fieldId, text: value });
        else rec.setValue({ fieldId, value: value as never });
      }
      rec.save();
    },
    async close() {
      await ns.close();
      await sf.stop();
    },
  };
}
