// The account's data, in memory: records by type and internal id, id sequences, saved searches.
// saveState/loadState write it as JSON (dates as {"$date": ISO}).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StoredValue } from './values';
import { cloneValue, isDate } from './values';

export type Line = Record<string, StoredValue>;

export interface RecordData {
  type: string;
  id: string | null;
  fields: Record<string, StoredValue>;
  sublists: Record<string, Line[]>;
  /** Incremented on every write; used for optimistic locking. */
  version: number;
  /** Next `line` value of this record's lines (line ids are never reused). */
  nextLine: number;
}

export interface SavedSearchDef {
  id: string;
  internalId: number;
  type: string;
  title: string;
  filters: unknown;
  columns: unknown;
}

export class Store {
  records = new Map<string, Map<string, RecordData>>();
  counters: Record<string, number> = {};
  savedSearches = new Map<string, SavedSearchDef>();

  next(sequence: string): number {
    this.counters[sequence] = (this.counters[sequence] ?? 0) + 1;
    return this.counters[sequence];
  }

  get(type: string, id: string): RecordData | undefined {
    return this.records.get(type)?.get(id);
  }

  put(data: RecordData): void {
    if (data.id === null) throw new Error('cannot store a record without id');
    let byType = this.records.get(data.type);
    if (!byType) this.records.set(data.type, (byType = new Map()));
    byType.set(data.id, data);
  }

  remove(type: string, id: string): boolean {
    return this.records.get(type)?.delete(id) ?? false;
  }

  all(type: string): RecordData[] {
    return [...(this.records.get(type)?.values() ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
  }

  toJSON(): unknown {
    return {
      version: 1,
      counters: this.counters,
      records: Object.fromEntries([...this.records].map(([t, m]) => [t, [...m.values()].map(encode)])),
      savedSearches: [...this.savedSearches.values()],
    };
  }

  save(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(this.toJSON(), null, 1));
  }

  load(file: string): void {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      counters?: Record<string, number>;
      records?: Record<string, unknown[]>;
      savedSearches?: SavedSearchDef[];
    };
    this.records.clear();
    this.counters = { ...(raw.counters ?? {}) };
    for (const list of Object.values(raw.records ?? {})) {
      for (const r of list) this.put(decode(r) as RecordData);
    }
    this.savedSearches = new Map((raw.savedSearches ?? []).map((s) => [s.id, s]));
  }
}

function encode(value: unknown): unknown {
  if (isDate(value)) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (typeof obj.$date === 'string' && Object.keys(obj).length === 1) return new Date(obj.$date);
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decode(v)]));
  }
  return value;
}

export function cloneData(data: RecordData): RecordData {
  return cloneValue(data);
}
