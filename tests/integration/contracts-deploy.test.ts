// A deploy to an account without the Contract Renewals SuiteApp: the default project names none of the
// SuiteApp's objects, loads and runs without its schemas, and only the opt-in project needs it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BODY } from '../../bundle/catalogue';
import { createRuntime } from '../../tools/netsuite-local';
import { createOrder, seedCatalog, seedCustomer } from '../../tools/demo/seed';
import { projectRoot, startStack, type Stack } from '../../tools/demo/stack';
import { formatFailure, validateAddOn, validateProject } from '../../tools/sdf-validate';
import { SUITEAPP_IDS } from '../../tools/sdf-validate/external-ids';
import { referencedIds } from '../../tools/sdf-validate/suiteapps';

const ROOT = projectRoot();
const CONTRACTS = path.join(ROOT, 'contracts');

describe('the default project', () => {
  test('passes validation and no object or manifest entry of it names a SuiteApp object', () => {
    // (the project's other rules are tested by tests/sdf-validate/project.test.ts)
    const failures = validateProject(ROOT).failures;
    expect(failures.filter((f) => f.rule === 'suiteapp-reference').map(formatFailure)).toEqual([]);
    const objectsDir = path.join(ROOT, 'src', 'Objects');
    const named = fs
      .readdirSync(objectsDir)
      .flatMap((file) => referencedIds(fs.readFileSync(path.join(objectsDir, file), 'utf8')))
      .filter((id) => SUITEAPP_IDS.includes(id));
    expect(named).toEqual([]);
    const manifest = fs.readFileSync(path.join(ROOT, 'src', 'manifest.xml'), 'utf8');
    expect(SUITEAPP_IDS.filter((id) => manifest.includes(id))).toEqual([]);
    // what needs the SuiteApp is in the opt-in project, which passes its own checks
    expect(validateAddOn(ROOT, 'contracts').failures.map(formatFailure)).toEqual([]);
  });

  test('the runtime loads it without the SuiteApp: no contract records, no contract scripts', async () => {
    const ns = createRuntime({ projectDir: ROOT });
    try {
      expect(() => ns.ui.record.create({ type: 'customrecord_contracts' })).toThrow(/invalid/i);
      expect([...ns.project.scripts.keys()].filter((id) => /contract|renewal/.test(id))).toEqual([]);
      const so = ns.ui.record.create({ type: 'salesorder' });
      expect(so.getField({ fieldId: 'custbody_order_type' })).toBeNull();
    } finally {
      await ns.close();
    }
  });

  test('the opt-in project cannot be deployed where the SuiteApp is missing, and can where it is', async () => {
    expect(() => createRuntime({ projectDir: ROOT, extraProjects: [CONTRACTS] })).toThrow(
      /customdeploy_sfsync_ue_contract\b.*customrecord_contracts, which this account does not have/,
    );
    const ns = createRuntime({
      projectDir: ROOT,
      extraProjects: [CONTRACTS],
      suiteApps: ['contractRenewals'],
    });
    try {
      expect([...ns.project.scripts.keys()].filter((id) => /contract|renewal/.test(id)).sort()).toEqual([
        'customscript_sfsync_ue_contract',
        'customscript_sfsync_ue_contract_item',
        'customscript_sfsync_ue_renewal',
      ]);
    } finally {
      await ns.close();
    }
  });
});

describe('an account without the SuiteApp, end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  test('orders still sync, and estimates send nothing', async () => {
    const items = seedCatalog(stack.ns);
    const customer = seedCustomer(stack.ns, { companyname: 'Plain Co' });
    const orderId = createOrder(stack.ns, customer, [{ item: items.widget, quantity: 2, rate: 100 }], {
      [BODY.sendAsOpportunity]: true,
    });
    expect(stack.ns.get('salesorder', orderId)!.fields[BODY.opportunityId]).toMatch(/^006/);
    const before = (await stack.sf.apiCalls()).total;
    const est = stack.ns.ui.record.create({ type: 'estimate' });
    est.setValue({ fieldId: 'entity', value: customer });
    est.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: items.widget });
    est.save();
    expect((await stack.sf.apiCalls()).total).toBe(before);
    expect(await stack.sf.records('Contract')).toEqual([]);
    expect(stack.ns.executions.filter((e) => e.error)).toEqual([]);
  });
});
