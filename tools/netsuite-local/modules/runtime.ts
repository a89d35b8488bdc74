// N/runtime: the current script (id, deployment, parameters, remaining usage), execution context, user.
import type * as N_runtime from 'N/runtime';
import type { Execution } from '../execution';
import type { Host } from '../host';
import { requireOptions } from './common';

export const CONTEXT_TYPE = {
  ACTION: 'ACTION',
  ADVANCEDREVREC: 'ADVANCEDREVREC',
  BUNDLE_INSTALLATION: 'BUNDLEINSTALLATION',
  CLIENT: 'CLIENT',
  CSV_IMPORT: 'CSVIMPORT',
  CUSTOMGLLINES: 'CUSTOMGLLINES',
  CUSTOM_MASSUPDATE: 'CUSTOMMASSUPDATE',
  DEBUGGER: 'DEBUGGER',
  EMAIL_CAPTURE: 'EMAILCAPTURE',
  MAP_REDUCE: 'MAPREDUCE',
  NONE: 'NONE',
  PAYMENTGATEWAY: 'PAYMENTGATEWAY',
  PAYMENTPOSTBACK: 'PAYMENTPOSTBACK',
  PLATFORMEXTENSION: 'PLATFORMEXTENSION',
  PORTLET: 'PORTLET',
  PROMOTIONS: 'PROMOTIONS',
  RESTLET: 'RESTLET',
  REST_WEBSERVICES: 'RESTWEBSERVICES',
  SCHEDULED: 'SCHEDULED',
  SDF_INSTALLATION: 'SDFINSTALLATION',
  SHIPPING_PARTNERS: 'SHIPPINGPARTNERS',
  SUITELET: 'SUITELET',
  TAX_CALCULATION: 'TAXCALCULATION',
  USEREVENT: 'USEREVENT',
  USER_INTERFACE: 'USERINTERFACE',
  WEBAPPLICATION: 'WEBAPPLICATION',
  WEBSERVICES: 'WEBSERVICES',
  WEBSTORE: 'WEBSTORE',
  WORKBOOKBUILDER: 'WORKBOOKBUILDER',
  WORKFLOW: 'WORKFLOW',
} as const;

// Assumption: the local account is OneWorld with multiple currencies and custom records.
const DEFAULT_FEATURES = [
  'SUBSIDIARIES',
  'MULTICURRENCY',
  'CUSTOMRECORDS',
  'SERVERSIDESCRIPTING',
  'MULTIPRICE',
];

type RuntimeModule = Pick<
  typeof N_runtime,
  'getCurrentScript' | 'getCurrentUser' | 'isFeatureInEffect' | 'accountId' | 'version'
>;

export function createRuntimeModule(host: Host, exec: Execution) {
  const prefs = host.options.companyPreferences ?? {};
  const session = new Map<string, string>();
  const script = {
    id: exec.script?.id ?? '',
    deploymentId: exec.deployment?.id ?? '',
    logLevel: exec.deployment?.logLevel ?? 'DEBUG',
    percentComplete: 0,
    bundleIds: [] as string[],
    getParameter: (o: { name: string }) => {
      requireOptions('Script.getParameter', o, 'name');
      return host.scriptParameter(exec, o.name) as ReturnType<
        ReturnType<typeof N_runtime.getCurrentScript>['getParameter']
      >;
    },
    getRemainingUsage: () => (Number.isFinite(exec.report.limit) ? exec.remaining() : 1000000),
  };
  // Assumption: scripts run as the administrator (-4 is NetSuite's "-System-" entity), subsidiary 1.
  const user = {
    id: Number(prefs.userId ?? -4),
    name: String(prefs.userName ?? 'Administrator'),
    email: String(prefs.userEmail ?? 'admin@example.com'),
    role: 3,
    roleId: 'administrator',
    roleCenter: 'BASIC',
    subsidiary: 1,
    department: 0,
    location: 0,
    contact: 0,
    getPreference: (o: { name: string }) => String(prefs[o.name] ?? ''),
    getPermission: () => 4,
  };
  const module: RuntimeModule = {
    getCurrentScript: () => script as unknown as ReturnType<typeof N_runtime.getCurrentScript>,
    getCurrentUser: () => user as unknown as ReturnType<typeof N_runtime.getCurrentUser>,
    isFeatureInEffect: (o) => {
      const listed = Array.isArray(prefs.features) ? (prefs.features as string[]) : DEFAULT_FEATURES;
      return (
        listed.includes(String(o.feature).toUpperCase()) ||
        host.project.features.includes(String(o.feature).toUpperCase())
      );
    },
    accountId: String(prefs.accountId ?? 'LOCAL'),
    version: '2026.1',
  };
  return {
    ...module,
    executionContext: exec.context,
    envType: String(prefs.envType ?? 'SANDBOX'),
    country: 'US',
    processorCount: 1,
    queueCount: 1,
    ContextType: CONTEXT_TYPE,
    EnvType: { SANDBOX: 'SANDBOX', PRODUCTION: 'PRODUCTION', BETA: 'BETA', INTERNAL: 'INTERNAL' },
    Permission: { FULL: 4, EDIT: 3, CREATE: 2, VIEW: 1, NONE: 0 },
    getCurrentSession: () => ({
      get: (o: { name: string }) => session.get(o.name) ?? null,
      set: (o: { name: string; value: string }) => void session.set(o.name, String(o.value)),
    }),
  };
}
