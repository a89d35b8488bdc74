// The smaller N modules, script parameters, loud failures for what is not modeled, and the check that
// the built bundle imports only N modules the runtime provides.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SUPPORTED_MODULES } from '../../tools/netsuite-local';
import { fixtureRuntime } from './support/fixture';

let clock = new Date(2025, 5, 1, 12, 0, 0).getTime();
const rt = fixtureRuntime({
  now: () => new Date(clock),
  companyPreferences: { custscript_fx_misc_company: 'from preferences' },
  scriptParameters: { customscript_fx_rl_misc: { custscript_fx_misc_num: '42' } },
});
afterAll(() => rt.close());
const misc = (body: Record<string, unknown> = {}) =>
  rt.callRestlet('customscript_fx_rl_misc', 'customdeploy_fx_rl_misc', 'POST', body);

test('N/format, N/encode, N/url, N/runtime and N/error answer as NetSuite does by default', () => {
  const script = rt.project.scripts.get('customscript_fx_rl');
  const sl = rt.project.scripts.get('customscript_fx_sl');
  expect(misc()).toEqual({
    status: 200,
    body: {
      date: '1/5/2025',
      datetime: '1/5/2025 3:04 pm',
      datetimetz: '1/5/2025 9:04:05 am',
      currency: '1,234.50',
      parsedDate: true,
      parsedCurrency: 1234.5,
      base64: 'aMOpbGxv',
      hex: '6869',
      restletUrl: `http://127.0.0.1/app/site/hosting/restlet.nl?script=${script?.internalId}&deploy=${script?.deployments[0]?.internalId}&a=1`,
      suiteletUrl: `/app/site/hosting/scriptlet.nl?script=${sl?.internalId}&deploy=${sl?.deployments[0]?.internalId}`,
      recordUrl: '/app/common/entity/custjob.nl?id=5&e=T',
      flag: true, // XML default
      num: 42, // runtime option override, typed by the parameter's field type
      company: 'from preferences',
      unknown: null,
      ids: ['customscript_fx_rl_misc', 'customdeploy_fx_rl_misc'],
      context: true,
      user: -4,
      error: { name: 'FX_E', message: 'made', notifyOff: true, type: 'error.SuiteScriptError' },
    },
  });
});

test('N/cache keeps string values for their time to live (at least 300 s)', () => {
  misc({ action: 'cache-put', key: 'obj', value: { a: 1 }, ttl: 300 });
  misc({ action: 'cache-put', key: 'short', value: 'x', ttl: 10 });
  expect(misc({ action: 'cache-get', key: 'obj' }).body).toEqual({ value: '{"a":1}' });
  clock += 200 * 1000;
  expect(misc({ action: 'cache-get', key: 'short' }).body).toEqual({ value: 'x' }); // ttl raised to 300
  clock += 101 * 1000;
  expect(misc({ action: 'cache-get', key: 'obj' }).body).toEqual({ value: null });
});

test("N/log keeps NetSuite's limits: title 99 characters, details 3,999, objects as JSON", () => {
  misc({ action: 'log', title: 't'.repeat(150), details: 'd'.repeat(5000) });
  expect(rt.logs.at(-1)).toMatchObject({ level: 'AUDIT', scriptId: 'customscript_fx_rl_misc' });
  expect(rt.logs.at(-1)?.title).toHaveLength(99);
  expect(rt.logs.at(-1)?.details).toHaveLength(3999);
  misc({ action: 'log', title: 'obj', details: { a: [1, 2] } });
  expect(rt.logs.at(-1)?.details).toBe('{"a":[1,2]}');
});

test('a module the runtime lacks fails at load with MODULE_DOES_NOT_EXIST; a missing function names itself', () => {
  const res = rt.callRestlet('customscript_fx_rl_query', 'customdeploy_fx_rl_query', 'GET');
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ error: { code: 'MODULE_DOES_NOT_EXIST' } });
  expect(JSON.stringify(res.body)).toContain('N/query');
  expect(misc({ action: 'attach' }).body).toEqual({
    error: {
      code: 'SSS_NOT_YET_SUPPORTED',
      message: 'N/record.attach is not modeled by the local NetSuite runtime',
    },
  });
});

/** define([...]) dependency lists of the built SuiteScript files. */
function bundleImports(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (d: string): void => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js')) {
        const m = /define\(\s*\[([^\]]*)\]/.exec(fs.readFileSync(file, 'utf8'));
        const deps = m ? [...(m[1] ?? '').matchAll(/["']([^"']+)["']/g)].map((x) => x[1] as string) : [];
        out.set(path.relative(dir, file), deps);
      }
    }
  };
  walk(dir);
  return out;
}

test('every N/* module the built bundle imports is provided by the runtime', () => {
  const dir = path.join(__dirname, '..', '..', 'src', 'FileCabinet', 'SuiteScripts');
  const missing: string[] = [];
  for (const [file, deps] of bundleImports(dir)) {
    for (const dep of deps)
      if (dep.startsWith('N/') && !SUPPORTED_MODULES.includes(dep)) missing.push(`${file}: ${dep}`);
  }
  expect(missing).toEqual([]);
  // the scan itself finds what a fixture file imports
  const fixture = bundleImports(
    path.join(__dirname, 'fixtures', 'project', 'src', 'FileCabinet', 'SuiteScripts'),
  );
  expect(fixture.get(path.join('fx', 'rl_query.js'))).toEqual(['N/query']);
});
