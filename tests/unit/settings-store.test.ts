/**
 * One of the few places where the SuiteCloud N/* stubs are enough: the settings adapter reads the cached
 * raw values and turns them into settings. The stubs come from @oracle/suitecloud-unit-testing's Jest
 * configuration (jest.config.js maps N/* to them).
 */
import * as cache from 'N/cache';
import { loadSettings } from '../../bundle/adapters/settings-store';

jest.mock('N/cache');

test('cached settings are parsed with defaults for what is not set', () => {
  const stored: Record<string, string> = {
    settings: JSON.stringify({
      instanceUrl: 'https://acme.my.salesforce.com/',
      clientId: '3MVG9',
      syncNetSuiteOriginatedUpdates: true,
      maxAttempts: '3',
      zeroQuantityPolicy: 'Send as 1 at price 0',
    }),
  };
  (cache.getCache as jest.Mock).mockReturnValue({ get: ({ key }: { key: string }) => stored[key] ?? null });
  const { settings, problems } = loadSettings();
  expect(problems).toEqual([]);
  expect(settings).toMatchObject({
    instanceUrl: 'https://acme.my.salesforce.com',
    clientId: '3MVG9',
    syncNetSuiteOriginatedUpdates: true,
    syncSalesforceOriginated: false,
    maxAttempts: 3,
    zeroQuantityPolicy: 'one-at-zero',
    netsuiteOriginatedStage: 'Closed Won',
    apiVersion: '62.0',
  });
});
