/**
 * The poller's watermark: the (SystemModstamp, Id) of the last record it has finished, per object. Records
 * are numbered in query order; the watermark moves to the end of the longest run of finished records from
 * the start, so a record that was not finished (the script stopped, a stage ran out of units) and every
 * record after it are read again next time. A record that failed counts as finished once its failure is in
 * the Integration Log, which retries it from there.
 */
import type { Watermark } from './soql';

export interface Polled {
  /** Position in query order, from 0 for the first record after the watermark. */
  seq: number;
  id: string;
  stamp: string;
}

export interface Advance {
  mark: Watermark;
  /** Records the watermark moved past. */
  passed: number;
  /** Position of the first record not finished (null when all known records are). */
  blockedAt: number | null;
}

export function advance(current: Watermark, finished: Polled[]): Advance {
  const bySeq = new Map<number, Polled>();
  for (const p of finished) bySeq.set(p.seq, p);
  let seq = 0;
  let last: Polled | null = null;
  while (bySeq.has(seq)) {
    last = bySeq.get(seq)!;
    seq += 1;
  }
  const highest = finished.reduce((max, p) => Math.max(max, p.seq), -1);
  return {
    mark: last ? { time: last.stamp, lastId: last.id } : current,
    passed: seq,
    blockedAt: seq <= highest ? seq : null,
  };
}

/** Whether mark `a` is after mark `b` (a watermark only moves forward). */
export function isAfter(a: Watermark, b: Watermark): boolean {
  if (!b.time) return !!a.time;
  if (!a.time) return false;
  const ta = Date.parse(a.time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const tb = Date.parse(b.time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (ta !== tb) return ta > tb;
  return a.lastId > b.lastId;
}
