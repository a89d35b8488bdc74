/**
 * Set-up of the Contract Renewals integration tests: the local stand-ins with the Contract Renewals SuiteApp
 * installed in the NetSuite runtime and the opt-in contracts project deployed after the main one, plus
 * helpers that do what the SuiteApp's own scripts do (create contracts, contract items and renewal
 * estimates). Those helpers save as a scheduled script would, so sfsync's user events run on them.
 */
import * as path from 'node:path';
import { LINK } from '../../../bundle/catalogue';
import type { NetSuiteRuntime, RecordView } from '../../../tools/netsuite-local';
import { projectRoot, type StackOptions } from '../../../tools/demo/stack';
import { startInbound, type InboundStack } from './inbound';

export const CONTRACT = 'customrecord_contracts';
export const CONTRACT_ITEM = 'customrecord_contract_item';

export async function startContracts(options: StackOptions = {}): Promise<InboundStack> {
  return startInbound({
    ...options,
    runtime: {
      suiteApps: ['contractRenewals'],
      extraProjects: [path.join(projectRoot(), 'contracts')],
      ...options.runtime,
    },
  });
}

/** A calendar day at local midnight (NetSuite date fields hold dates, not times). */
export const day = (iso: string): Date => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
};

export interface ContractLine {
  item: string;
  quantity: number;
  rate: number;
}

export interface Term {
  start: string;
  end: string;
}

/** The SuiteApp's scripts (scheduled): the script context sfsync's user events see. */
const suiteApp = (ns: NetSuiteRuntime) => ns.as('SCHEDULED').record;

/** Contract items of the given lines, created one by one as the SuiteApp's R03 script does. */
export function suiteAppAddsItems(
  ns: NetSuiteRuntime,
  contractId: string,
  customer: string,
  term: Term,
  lines: ContractLine[],
  order = '',
): string[] {
  return lines.map((line, i) => {
    const ci = suiteApp(ns).create({ type: CONTRACT_ITEM });
    ci.setValue({ fieldId: 'custrecord_ci_contract_id', value: contractId });
    ci.setValue({ fieldId: 'custrecord_ci_item', value: line.item });
    ci.setValue({ fieldId: 'custrecord_ci_quantity', value: line.quantity });
    ci.setValue({ fieldId: 'custrecord_ci_current_list_rate', value: line.rate });
    ci.setValue({ fieldId: 'custrecord_ci_startdate', value: day(term.start) });
    ci.setValue({ fieldId: 'custrecord_ci_enddate', value: day(term.end) });
    ci.setValue({ fieldId: 'custrecord_ci_bill_to_customer', value: customer });
    ci.setValue({ fieldId: 'custrecord_ci_end_user', value: customer });
    if (order) {
      ci.setValue({ fieldId: 'custrecord_ci_original_transaction', value: order });
      ci.setValue({ fieldId: 'custrecord_ci_original_so_lineno', value: i + 1 });
    }
    return String(ci.save());
  });
}

/**
 * A contract as the SuiteApp makes one for a contract order: created, then named `<ID>_<start>_<end>`,
 * then its items. With `seeded`, the contract itself is written without running any user event (as when a
 * user event of the SuiteApp makes it: user events do not trigger user events) and named `seeded`.
 */
export function suiteAppCreatesContract(
  ns: NetSuiteRuntime,
  customer: string,
  term: Term,
  lines: ContractLine[],
  options: { order?: string; status?: string; seeded?: string } = {},
): { contractId: string; itemIds: string[] } {
  let contractId: string;
  if (options.seeded) {
    contractId = ns.seed(CONTRACT, {
      name: options.seeded,
      custrecord_contracts_bill_to_customer: customer,
      custrecord_contracts_end_user: customer,
      custrecord_contracts_start_date: day(term.start),
      custrecord_contracts_end_date: day(term.end),
      custrecord_contract_status: '2',
    });
  } else {
    const c = suiteApp(ns).create({ type: CONTRACT });
    c.setValue({ fieldId: 'name', value: 'To be named' });
    c.setValue({ fieldId: 'custrecord_contracts_bill_to_customer', value: customer });
    c.setValue({ fieldId: 'custrecord_contracts_end_user', value: customer });
    c.setValue({ fieldId: 'custrecord_contracts_start_date', value: day(term.start) });
    c.setValue({ fieldId: 'custrecord_contracts_end_date', value: day(term.end) });
    c.setText({ fieldId: 'custrecord_contract_status', text: options.status ?? 'Active' });
    contractId = String(c.save());
    const named = suiteApp(ns).load({ type: CONTRACT, id: contractId });
    named.setValue({ fieldId: 'name', value: `${contractId}_${term.start}_${term.end}` });
    named.save();
  }
  return { contractId, itemIds: suiteAppAddsItems(ns, contractId, customer, term, lines, options.order) };
}

export function contractItems(ns: NetSuiteRuntime, contractId: string): RecordView[] {
  return ns.list(CONTRACT_ITEM).filter((i) => i.fields.custrecord_ci_contract_id === contractId);
}

/**
 * The renewal estimate the SuiteApp's R05 script makes before a contract ends: order type Contract-Renewal,
 * the contract, and one line per contract item for the next term.
 */
export function suiteAppCreatesRenewal(ns: NetSuiteRuntime, contractId: string, term: Term): string {
  const contract = ns.get(CONTRACT, contractId)!;
  const est = suiteApp(ns).create({ type: 'estimate' });
  est.setValue({ fieldId: 'entity', value: contract.fields.custrecord_contracts_bill_to_customer as string });
  est.setValue({
    fieldId: 'custbody_end_user',
    value: contract.fields.custrecord_contracts_end_user as string,
  });
  est.setText({ fieldId: 'custbody_order_type', text: 'Contract-Renewal' });
  est.setValue({ fieldId: 'custbody_contract_name', value: contractId });
  est.setValue({ fieldId: 'startdate', value: day(term.start) });
  est.setValue({ fieldId: 'enddate', value: day(term.end) });
  est.setValue({ fieldId: 'expectedclosedate', value: day(term.start) });
  est.setValue({ fieldId: 'trandate', value: day(term.start) });
  contractItems(ns, contractId).forEach((ci, line) => {
    const set = (fieldId: string, value: unknown) =>
      est.setSublistValue({ sublistId: 'item', fieldId, line, value: value as never });
    set('item', ci.fields.custrecord_ci_item);
    set('quantity', ci.fields.custrecord_ci_quantity);
    set('rate', ci.fields.custrecord_ci_current_list_rate);
    set('custcol_swe_contract_start_date', day(term.start));
    set('custcol_swe_contract_end_date', day(term.end));
    set('custcol_from_ci_id', ci.id);
  });
  return String(est.save());
}

/** The sfsync link record of a contract. */
export function linkOf(ns: NetSuiteRuntime, contractId: string): RecordView | undefined {
  return ns.list(LINK.type).find((l) => l.fields[LINK.key] === `${CONTRACT}:${contractId}`);
}
