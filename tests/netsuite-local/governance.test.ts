// Governance: units charged per call [facts 2.2] against the script type's limit [facts 2.3].
import { fixtureRuntime, seedBasics } from './support/fixture';

const rt = fixtureRuntime();
const b = seedBasics(rt);
afterAll(() => rt.close());

test('each API call is charged the documented units', () => {
  const order = rt.seed('salesorder', { entity: b.customer }, { item: [{ item: b.widget }] });
  const log = rt.seed('customrecord_fx_log', { name: 'a' });
  const deleteLog = rt.seed('customrecord_fx_log', { name: 'b' });
  const expected: Record<string, number> = {
    createTransaction: 10,
    loadTransaction: 10,
    loadCustomer: 5,
    loadCustomRecord: 2,
    copyTransaction: 10,
    saveCustomRecord: 2 + 4,
    saveCustomer: 5 + 10,
    submitFieldsTransaction: 10,
    submitFieldsCustomer: 5,
    deleteCustomRecord: 4,
    searchCreate: 0,
    each: 10,
    getRange: 10,
    runPaged: 5,
    runPagedFetch: 10,
    lookupFields: 1,
    cacheMissWithLoader: 2,
    cacheHit: 1,
    cacheMiss: 1,
    cachePut: 1,
    cacheRemove: 1,
    emailSend: 20,
    taskSubmit: 20,
    taskCheckStatus: 0,
    log: 0,
  };
  const res = rt.callRestlet('customscript_fx_rl_units', 'customdeploy_fx_rl_units', 'POST', {
    ops: Object.keys(expected),
    order,
    customer: b.customer,
    log,
    deleteLog,
  });
  expect(res).toEqual({ status: 200, body: expected });
  const report = rt.executions.filter((r) => r.scriptId === 'customscript_fx_rl_units').at(-1);
  const total = Object.values(expected).reduce((a, n) => a + n, 0);
  expect(report).toMatchObject({ scriptType: 'restlet', limit: 5000, unitsUsed: total });
  expect(report?.calls).toMatchObject({
    'record.load': 4,
    'Record.save': 2,
    'Cache.get': 3,
    'email.send': 1,
    'MapReduceScriptTask.submit': 1,
  });
  // the user events the transaction edit triggered were charged to themselves, not to the RESTlet
  expect(
    rt.executions.filter((r) => r.scriptId === 'customscript_fx_ue_order' && r.eventType === 'xedit'),
  ).toHaveLength(2);
  expect(rt.emails.at(-1)).toMatchObject({ author: -5, subject: 's', scriptId: 'customscript_fx_rl_units' });
});

test('limits per script type: RESTlet 5,000, user event 1,000, scheduled 10,000, map/reduce stages', () => {
  const kinds = new Map(rt.executions.map((r) => [`${r.scriptType}/${r.entryPoint}`, r.limit]));
  expect(kinds.get('restlet/post')).toBe(5000);
  expect(kinds.get('usereventscript/afterSubmit')).toBe(1000);
  const ss = rt.runScheduled('customscript_fx_ss', 'customdeploy_fx_ss');
  expect(ss).toMatchObject({ limit: 10000, unitsUsed: 12, calls: { 'record.create': 2, 'Record.save': 2 } });
  const mr = rt.runMapReduce('customscript_fx_mr', 'customdeploy_fx_mr', { custscript_fx_mr_mode: 'array' });
  expect(mr.stages.getInputData?.limit).toBe(10000);
  expect(mr.stages.map.map((r) => r.limit)).toEqual([1000, 1000, 1000]);
  expect(mr.stages.reduce.map((r) => r.limit)).toEqual([5000, 5000]);
  expect(mr.stages.summarize?.limit).toBe(10000);
});
