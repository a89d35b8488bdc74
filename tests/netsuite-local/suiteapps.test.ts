// Installed SuiteApps (suiteApps option) and projects deployed after the main one (extraProjects option).
import * as path from 'node:path';
import { FIXTURE, fixtureRuntime, thrown } from './support/fixture';

const ADDON = path.join(__dirname, 'fixtures', 'addon');

describe('a fresh account has no SuiteApp', () => {
  test('the Contract Renewals record types and transaction fields do not exist', () => {
    const rt = fixtureRuntime();
    expect(thrown(() => rt.ui.record.create({ type: 'customrecord_contracts' })).name).toBe(
      'INVALID_RCRD_TYPE',
    );
    const so = rt.ui.record.create({ type: 'salesorder' });
    expect(so.getField({ fieldId: 'custbody_order_type' })).toBeNull();
  });

  test('a project whose deployment needs a SuiteApp record type cannot be deployed without the SuiteApp', () => {
    expect(() => fixtureRuntime({ extraProjects: [ADDON] })).toThrow(
      /customdeploy_fx_ue_contract .* customrecord_contracts, which this account does not have/,
    );
  });

  test('an unknown SuiteApp name is refused with the known ones', () => {
    expect(() => fixtureRuntime({ suiteApps: ['nope'] })).toThrow(
      /Unknown SuiteApp "nope".*contractRenewals/,
    );
  });
});

describe('Contract Renewals installed', () => {
  const rt = fixtureRuntime({ suiteApps: ['contractRenewals'], extraProjects: [ADDON] });
  const customer = rt.seed('customer', { companyname: 'Acme' });
  const item = rt.seed('serviceitem', { itemid: 'SUPPORT', baseprice: 1200 });

  test('contracts and contract items are custom records with the documented fields', () => {
    const contract = rt.ui.record.create({ type: 'customrecord_contracts' });
    contract.setValue({ fieldId: 'name', value: 'C-1' });
    contract.setValue({ fieldId: 'custrecord_contracts_bill_to_customer', value: customer });
    contract.setValue({ fieldId: 'custrecord_contracts_start_date', value: new Date(2015, 6, 14) });
    contract.setValue({ fieldId: 'custrecord_contracts_end_date', value: new Date(2016, 6, 13) });
    contract.setText({ fieldId: 'custrecord_contract_status', text: 'Active' });
    const id = String(contract.save());
    expect(rt.get('customrecord_contracts', id)?.fields).toMatchObject({
      custrecord_contracts_bill_to_customer: customer,
      custrecord_contract_status: '2',
    });

    const line = rt.ui.record.create({ type: 'customrecord_contract_item' });
    line.setValue({ fieldId: 'custrecord_ci_contract_id', value: id });
    line.setValue({ fieldId: 'custrecord_ci_item', value: item });
    line.setValue({ fieldId: 'custrecord_ci_quantity', value: 3 });
    expect(thrown(() => line.save()).message).toMatch(/Start Date, End Date/);
    line.setValue({ fieldId: 'custrecord_ci_startdate', value: new Date(2015, 6, 14) });
    line.setValue({ fieldId: 'custrecord_ci_enddate', value: new Date(2016, 6, 13) });
    const lineId = String(line.save());
    const found = rt.ui.search
      .create({
        type: 'customrecord_contract_item',
        filters: [['custrecord_ci_contract_id', 'anyof', id]],
        columns: ['custrecord_ci_item', 'custrecord_ci_quantity'],
      })
      .run()
      .getRange({ start: 0, end: 10 });
    expect(found.map((r) => [r.id, r.getText({ name: 'custrecord_ci_item' })])).toEqual([
      [lineId, 'SUPPORT'],
    ]);
  });

  test('sales orders and estimates carry the order type, term and contract fields', () => {
    const est = rt.ui.record.create({ type: 'estimate' });
    expect(est.getValue({ fieldId: 'custbody_tran_term_in_months' })).toBe(12);
    est.setValue({ fieldId: 'entity', value: customer });
    est.setText({ fieldId: 'custbody_order_type', text: 'Contract-Renewal' });
    expect(est.getValue({ fieldId: 'custbody_order_type' })).toBe('2');
    est.setSublistValue({ sublistId: 'item', fieldId: 'item', line: 0, value: item });
    est.setSublistValue({
      sublistId: 'item',
      fieldId: 'custcol_swe_contract_start_date',
      line: 0,
      value: new Date(2016, 6, 14),
    });
    const id = String(est.save());
    expect(rt.get('estimate', id)?.sublists.item?.[0]?.custcol_swe_contract_start_date).toEqual(
      new Date(2016, 6, 14),
    );
    expect(
      rt.ui.record.create({ type: 'salesorder' }).getField({ fieldId: 'custbody_contract_name' }),
    ).not.toBe(null);
  });

  test("a later project's user event runs on the SuiteApp's record, from the main project's file", () => {
    const script = rt.project.scripts.get('customscript_fx_ue_contract');
    expect(script?.file).toBe(path.join(FIXTURE, 'src', 'FileCabinet', 'SuiteScripts', 'fx', 'ue_probe.js'));
    // numbered after the main project's scripts
    expect(script?.internalId).toBe(rt.project.scripts.size);
    const before = rt.logs.length;
    const c = rt.ui.record.create({ type: 'customrecord_contracts' });
    c.setValue({ fieldId: 'custrecord_contracts_bill_to_customer', value: customer });
    c.setValue({ fieldId: 'custrecord_contracts_start_date', value: new Date(2020, 0, 1) });
    c.setValue({ fieldId: 'custrecord_contracts_end_date', value: new Date(2020, 11, 31) });
    c.save();
    expect(
      rt.logs
        .slice(before)
        .filter((l) => l.deploymentId === 'customdeploy_fx_ue_contract')
        .map((l) => l.details),
    ).toEqual([
      'before:customdeploy_fx_ue_contract:create:USERINTERFACE',
      'after:customdeploy_fx_ue_contract:create:USERINTERFACE',
    ]);
  });
});
