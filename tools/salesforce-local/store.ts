// In-memory tables of records with an undo journal, so a request (or one record of a collection, or one
// subrequest of a composite) can be rolled back to a savepoint. Stored records are never mutated in
// place: every write stores a new object, and the journal keeps the previous one.
import { IdGenerator } from './ids';

export type Rec = Record<string, unknown>;

export interface Change {
  sobject: string;
  event: 'created' | 'updated' | 'deleted';
  before: Rec | undefined;
  after: Rec;
}

export interface Savepoint {
  journal: number;
  changes: number;
}

export class Store {
  readonly ids = new IdGenerator();
  private tables = new Map<string, Map<string, Rec>>();
  private journal: Array<{ sobject: string; id: string; before: Rec | undefined }> = [];
  private changes: Change[] = [];
  private autoNumbers = new Map<string, number>();
  /** Lookup indexes built on first use: "sobject|field|ci" → normalised value → ids. */
  private indexes = new Map<string, Map<string, Set<string>>>();

  private table(sobject: string): Map<string, Rec> {
    let t = this.tables.get(sobject);
    if (!t) {
      t = new Map();
      this.tables.set(sobject, t);
    }
    return t;
  }

  get(sobject: string, id: string): Rec | undefined {
    return this.tables.get(sobject)?.get(id);
  }

  /** Every row, deleted ones included, in insertion order. */
  all(sobject: string): Rec[] {
    return [...(this.tables.get(sobject)?.values() ?? [])];
  }

  live(sobject: string): Rec[] {
    return this.all(sobject).filter((r) => r.IsDeleted !== true);
  }

  /**
   * Live records whose `field` equals `value` (case-insensitively when asked), through an index kept up to
   * date on every write and rollback, so upserts and line rules stay fast as tables grow.
   */
  liveWhere(sobject: string, field: string, value: unknown, caseInsensitive = false): Rec[] {
    const key = normalise(value, caseInsensitive);
    if (key === undefined) return [];
    const indexKey = `${sobject}|${field}|${caseInsensitive ? 'ci' : 'cs'}`;
    let index = this.indexes.get(indexKey);
    if (!index) {
      index = new Map();
      for (const rec of this.tables.get(sobject)?.values() ?? [])
        addTo(index, normalise(rec[field], caseInsensitive), String(rec.Id));
      this.indexes.set(indexKey, index);
    }
    const out: Rec[] = [];
    for (const id of index.get(key) ?? []) {
      const rec = this.get(sobject, id);
      if (rec && rec.IsDeleted !== true) out.push(rec);
    }
    return out;
  }

  private reindex(sobject: string, id: string, from: Rec | undefined, to: Rec | undefined): void {
    for (const [indexKey, index] of this.indexes) {
      const [table, field, mode] = indexKey.split('|') as [string, string, string];
      if (table !== sobject) continue;
      const ci = mode === 'ci';
      const before = from ? normalise(from[field], ci) : undefined;
      const after = to ? normalise(to[field], ci) : undefined;
      if (before === after) continue;
      if (before !== undefined) index.get(before)?.delete(id);
      addTo(index, after, id);
    }
  }

  put(sobject: string, rec: Rec): void {
    const id = String(rec.Id);
    const t = this.table(sobject);
    const before = t.get(id);
    this.journal.push({ sobject, id, before });
    t.set(id, rec);
    this.reindex(sobject, id, before, rec);
    const event = !before
      ? 'created'
      : rec.IsDeleted === true && before.IsDeleted !== true
        ? 'deleted'
        : 'updated';
    this.changes.push({ sobject, event, before, after: rec });
  }

  savepoint(): Savepoint {
    return { journal: this.journal.length, changes: this.changes.length };
  }

  rollbackTo(sp: Savepoint): void {
    while (this.journal.length > sp.journal) {
      const entry = this.journal.pop();
      if (!entry) break;
      const t = this.table(entry.sobject);
      this.reindex(entry.sobject, entry.id, t.get(entry.id), entry.before);
      if (entry.before) t.set(entry.id, entry.before);
      else t.delete(entry.id);
    }
    this.changes.length = sp.changes;
  }

  /** Ends the transaction and hands back what changed in it. */
  commit(): Change[] {
    const changes = this.changes;
    this.journal = [];
    this.changes = [];
    return changes;
  }

  /** Next value of an auto-number sequence; like Salesforce, numbers used by a rolled-back write are not reused. */
  nextAutoNumber(key: string, start: number): number {
    const n = this.autoNumbers.get(key) ?? start;
    this.autoNumbers.set(key, n + 1);
    return n;
  }

  clear(): void {
    this.tables.clear();
    this.indexes.clear();
    this.journal = [];
    this.changes = [];
    this.autoNumbers.clear();
  }
}

function normalise(value: unknown, caseInsensitive: boolean): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value);
  return caseInsensitive ? text.toLowerCase() : text;
}

function addTo(index: Map<string, Set<string>>, key: string | undefined, id: string): void {
  if (key === undefined) return;
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}
