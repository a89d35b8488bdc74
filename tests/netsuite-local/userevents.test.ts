// User events: which deployments run, what they see, what their errors do, and their usage limit.
import { fixtureRuntime, seedBasics, thrown } from './support/fixture';

const rt = fixtureRuntime();
const b = seedBasics(rt);
const { record } = rt.ui;
afterAll(() => rt.close());

function newOrder(memo = '', rec = record): number {
  const so = rec.create({ type: 'salesorder' });
  so.setValue({ fieldId: 'entity', value: b.customer });
  if (memo) so.setValue({ fieldId: 'memo', value: memo });
  so.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: b.widget });
  return so.save();
}

const logNames = () => rt.list('customrecord_fx_log').map((l) => String(l.fields.name));
const probes = (from: number) =>
  rt.logs
    .slice(from)
    .filter((l) => l.title === 'probe')
    .map((l) => l.details);

test('a user event fires on create; the save it makes itself fires no user event', () => {
  const logsBefore = rt.logs.length;
  const id = newOrder();
  // beforeSubmit changed newRecord: the change is saved
  expect(rt.get('salesorder', id)?.fields.custbody_fx_note).toBe('bs:create');
  // afterSubmit created a log record, seeing the UI context that triggered it
  const log = rt.list('customrecord_fx_log').at(-1);
  expect(log?.fields).toMatchObject({
    name: 'create:USERINTERFACE',
    custrecord_fx_log_message: `order ${id}`,
  });
  // customrecord_fx_log has a deployed user event, but a save from a user event triggers none
  expect(probes(logsBefore)).toEqual([]);
  // the same log record saved from the UI does trigger it
  const again = record.load({ type: 'customrecord_fx_log', id: log?.id as string });
  again.save();
  expect(probes(logsBefore)).toEqual([
    'load:customdeploy_fx_ue_log:view:USERINTERFACE',
    'before:customdeploy_fx_ue_log:edit:USERINTERFACE',
    'after:customdeploy_fx_ue_log:edit:USERINTERFACE',
  ]);
  const reports = rt.executions.filter(
    (r) => r.scriptId === 'customscript_fx_ue_order' && r.recordType === 'salesorder',
  );
  expect(reports.at(-1)).toMatchObject({
    entryPoint: 'afterSubmit',
    eventType: 'create',
    unitsUsed: 6,
    calls: { 'record.create': 1, 'Record.save': 1 },
  });
});

test('an error in beforeSubmit aborts the save and reaches the caller', () => {
  const before = rt.list('salesorder').length;
  const e = thrown(() => newOrder('reject'));
  expect(e).toMatchObject({ name: 'FX_REJECTED', message: 'memo says reject' });
  expect(rt.list('salesorder')).toHaveLength(before);
});

test('an error in afterSubmit reaches the caller but the record stays saved', () => {
  const before = rt.list('salesorder').length;
  const e = thrown(() => newOrder('fail-after'));
  expect(e.name).toBe('FX_AFTER');
  const orders = rt.list('salesorder');
  expect(orders).toHaveLength(before + 1);
  expect(orders.at(-1)?.fields).toMatchObject({ memo: 'fail-after', custbody_fx_note: 'bs:create' });
});

test('submitFields runs xedit: newRecord holds only the edited fields, oldRecord the whole record', () => {
  const id = newOrder();
  record.submitFields({ type: 'salesorder', id, values: { memo: 'inline', custbody_fx_count: 3 } });
  const log = rt.list('customrecord_fx_log').at(-1);
  expect(log?.fields).toMatchObject({
    name: 'xedit:USERINTERFACE',
    custrecord_fx_log_message: `order ${id} fields=custbody_fx_count,memo note= oldNote=bs:create`,
  });
  expect(rt.get('salesorder', id)?.fields).toMatchObject({
    memo: 'inline',
    custbody_fx_count: 3,
    custbody_fx_note: 'bs:create',
  });
});

test('afterSubmit newRecord is read-only', () => {
  const id = newOrder('write-after');
  expect(rt.list('customrecord_fx_log').at(-1)?.fields.custrecord_fx_log_message).toBe(
    `order ${id} write=SSS_INVALID_API_USAGE`,
  );
  expect(rt.get('salesorder', id)?.fields.memo).toBe('write-after');
});

test('delete runs beforeSubmit and afterSubmit with type delete', () => {
  const id = newOrder();
  record.delete({ type: 'salesorder', id });
  expect(rt.get('salesorder', id)).toBeUndefined();
  expect(rt.list('customrecord_fx_log').at(-1)?.fields.name).toBe('delete:USERINTERFACE');
});

test('deployment filters: eventtype, executioncontext, isdeployed F, status NOTSCHEDULED; TESTING runs', () => {
  let from = rt.logs.length;
  const id = rt.ui.record
    .create({ type: 'customer' })
    .setValue({ fieldId: 'companyname', value: 'Probe Co' })
    .save();
  expect(probes(from).filter((p) => p.startsWith('before'))).toEqual([
    'before:customdeploy_fx_probe_all:create:USERINTERFACE',
    'before:customdeploy_fx_probe_create:create:USERINTERFACE',
    'before:customdeploy_fx_probe_testing:create:USERINTERFACE',
  ]);
  from = rt.logs.length;
  const edit = record.load({ type: 'customer', id });
  edit.setValue({ fieldId: 'phone', value: '555-0100' });
  edit.save();
  expect(probes(from).filter((p) => p.startsWith('after'))).toEqual([
    'after:customdeploy_fx_probe_all:edit:USERINTERFACE',
    'after:customdeploy_fx_probe_testing:edit:USERINTERFACE',
  ]);
  from = rt.logs.length;
  rt.as('CSVIMPORT').record.submitFields({ type: 'customer', id, values: { phone: '555-0101' } });
  expect(probes(from).filter((p) => p.startsWith('after'))).toEqual([
    'after:customdeploy_fx_probe_all:xedit:CSVIMPORT',
    'after:customdeploy_fx_probe_csv:xedit:CSVIMPORT',
    'after:customdeploy_fx_probe_testing:xedit:CSVIMPORT',
  ]);
});

test('opening a record in the UI runs beforeLoad (type view); a script loading it does not', () => {
  const from = rt.logs.length;
  record.load({ type: 'customer', id: b.customer });
  expect(probes(from)).toEqual([
    'load:customdeploy_fx_probe_all:view:USERINTERFACE',
    'load:customdeploy_fx_probe_testing:view:USERINTERFACE',
  ]);
  const scripted = rt.logs.length;
  rt.callRestlet('customscript_fx_rl_units', 'customdeploy_fx_rl_units', 'POST', {
    ops: ['loadCustomer'],
    customer: b.customer,
  });
  expect(probes(scripted)).toEqual([]);
});

test('seeding fires no scripts', () => {
  const from = rt.logs.length;
  const executions = rt.executions.length;
  rt.seed('customer', { companyname: 'Seeded Co' });
  expect(probes(from)).toEqual([]);
  expect(rt.executions).toHaveLength(executions);
});

test('a user event looping past 1,000 units stops at the 101st transaction load, even though it catches the error', () => {
  const id = newOrder();
  const so = record.load({ type: 'salesorder', id });
  so.setValue({ fieldId: 'memo', value: 'loop' });
  const e = thrown(() => so.save());
  expect(e.name).toBe('SSS_USAGE_LIMIT_EXCEEDED');
  const report = rt.executions
    .filter((r) => r.entryPoint === 'beforeSubmit' && r.scriptId === 'customscript_fx_ue_order')
    .at(-1);
  expect(report).toMatchObject({
    eventType: 'edit',
    unitsUsed: 1000,
    limit: 1000,
    calls: { 'record.load': 100 },
    error: { name: 'SSS_USAGE_LIMIT_EXCEEDED' },
  });
  // the save was aborted: the stored order is unchanged
  expect(rt.get('salesorder', id)?.fields.memo).toBeUndefined();
  expect(logNames().filter((n) => n.startsWith('edit:'))).toHaveLength(0);
});
