/**
 * Reads Contract Renewals contracts and contract items into the core's snapshots, by the record and field
 * IDs in sfsync Settings: one lookupFields per record (1 unit), one search for a contract's items (10 units
 * per thousand items).
 */
import * as search from 'N/search';
import type { ContractItemSnapshot, ContractSnapshot } from '../core/contract-mapping';
import type { Settings } from '../core/types';
import { isoDate } from './netsuite-records';

type Values = Record<string, unknown>;

/** A select as lookupFields returns it ([{value, text}]) or a plain value. */
function value(v: unknown): string {
  if (Array.isArray(v)) return v.length > 0 ? String((v[0] as { value?: unknown }).value ?? '') : '';
  return v === null || v === undefined ? '' : String(v);
}

function text(v: unknown): string {
  if (Array.isArray(v)) return v.length > 0 ? String((v[0] as { text?: unknown }).text ?? '') : '';
  return v === null || v === undefined ? '' : String(v);
}

function num(v: unknown): number | null {
  const s = value(v).replace(/,/g, '');
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const date = (v: unknown): string => (value(v) ? isoDate(value(v)) : '');

export function readContract(id: string, settings: Settings): ContractSnapshot {
  const f = search.lookupFields({
    type: settings.contractRecordType,
    id,
    columns: [
      'name',
      settings.contractCustomerField,
      settings.contractStartField,
      settings.contractEndField,
      settings.contractStatusField,
    ],
  }) as Values;
  return {
    id,
    name: value(f.name),
    customerId: value(f[settings.contractCustomerField]),
    startDate: date(f[settings.contractStartField]),
    endDate: date(f[settings.contractEndField]),
    status: text(f[settings.contractStatusField]),
  };
}

function itemColumns(settings: Settings): string[] {
  return [
    settings.contractItemContractField,
    settings.contractItemItemField,
    settings.contractItemQuantityField,
    settings.contractItemPriceField,
    settings.contractItemStartField,
    settings.contractItemEndField,
  ];
}

function itemOf(id: string, get: (field: string) => unknown, itemName: string, settings: Settings) {
  return {
    id,
    contractId: value(get(settings.contractItemContractField)),
    itemId: value(get(settings.contractItemItemField)),
    itemName,
    quantity: num(get(settings.contractItemQuantityField)),
    price: num(get(settings.contractItemPriceField)),
    startDate: date(get(settings.contractItemStartField)),
    endDate: date(get(settings.contractItemEndField)),
  } satisfies ContractItemSnapshot;
}

export function readContractItem(id: string, settings: Settings): ContractItemSnapshot {
  const f = search.lookupFields({
    type: settings.contractItemRecordType,
    id,
    columns: itemColumns(settings),
  }) as Values;
  return itemOf(id, (field) => f[field], text(f[settings.contractItemItemField]), settings);
}

/** The contract's items, in internal ID order. */
export function readContractItems(contractId: string, settings: Settings): ContractItemSnapshot[] {
  const items: ContractItemSnapshot[] = [];
  const paged = search
    .create({
      type: settings.contractItemRecordType,
      filters: [[settings.contractItemContractField, 'anyof', contractId], 'AND', ['isinactive', 'is', 'F']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.ASC }), ...itemColumns(settings)],
    })
    .runPaged({ pageSize: 1000 });
  paged.pageRanges.forEach((range) => {
    paged.fetch({ index: range.index }).data.forEach((r) => {
      items.push(
        itemOf(
          String(r.id),
          (field) => r.getValue({ name: field }),
          String(r.getText({ name: settings.contractItemItemField }) ?? ''),
          settings,
        ),
      );
    });
  });
  return items;
}
