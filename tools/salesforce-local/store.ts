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

  put(sobject: string, rec: Rec): void {
    const id = String(rec.Id);
    const t = this.table(sobject);
    const before = t.get(id);
    this.journal.push({ sobject, id, before });
    t.set(id, rec);
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
    this.journal = [];
    this.changes = [];
    this.autoNumbers.clear();
  }
}
