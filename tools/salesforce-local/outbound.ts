// Outbound pushes, like a record-triggered flow with an HTTP callout: when a record of a subscribed
// object is created, updated or deleted (by the API or by a user edit through the admin endpoints), the
// org POSTs it as JSON to the configured URL once the change is committed. Deliveries are sequential,
// in commit order, and never block or fail the request that made the change.
import type { Change, Rec } from './store';

export interface OutboundSpec {
  sobject: string;
  url: string;
  /** Which events fire (default: all three). */
  events?: Array<Change['event']>;
  /** Only updates that change one of these fields fire (default: any change). */
  fields?: string[];
  headers?: Record<string, string>;
}

export interface Delivery {
  url: string;
  sobject: string;
  event: Change['event'];
  id: string;
  status: number | null;
  error?: string;
}

export interface OutboundPayload {
  sobject: string;
  event: Change['event'];
  id: string;
  changedFields: string[];
  record: Rec;
}

const AUDIT = new Set(['LastModifiedDate', 'SystemModstamp', 'LastModifiedById']);

export class Outbound {
  private subscriptions: OutboundSpec[] = [];
  private queue: Promise<void> = Promise.resolve();
  deliveries: Delivery[] = [];

  subscribe(spec: OutboundSpec): void {
    this.subscriptions.push(spec);
  }

  clear(): void {
    this.subscriptions = [];
    this.deliveries = [];
  }

  /** Resolves once every push queued so far has been attempted. */
  idle(): Promise<void> {
    return this.queue;
  }

  dispatch(changes: Change[], view: (sobject: string, rec: Rec) => Rec): void {
    for (const change of changes) {
      const changedFields = Object.keys(change.after).filter(
        (k) => !AUDIT.has(k) && change.before?.[k] !== change.after[k],
      );
      for (const sub of this.subscriptions) {
        if (sub.sobject.toLowerCase() !== change.sobject.toLowerCase()) continue;
        if (sub.events && !sub.events.includes(change.event)) continue;
        if (change.event === 'updated' && changedFields.length === 0) continue;
        if (change.event === 'updated' && sub.fields && !sub.fields.some((f) => changedFields.includes(f)))
          continue;
        const payload: OutboundPayload = {
          sobject: change.sobject,
          event: change.event,
          id: String(change.after.Id),
          changedFields,
          record: view(change.sobject, change.after),
        };
        this.queue = this.queue.then(() => this.send(sub, payload));
      }
    }
  }

  private async send(sub: OutboundSpec, payload: OutboundPayload): Promise<void> {
    const delivery: Delivery = {
      url: sub.url,
      sobject: payload.sobject,
      event: payload.event,
      id: payload.id,
      status: null,
    };
    this.deliveries.push(delivery);
    try {
      const res = await fetch(sub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...sub.headers },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(30000),
      });
      delivery.status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      delivery.error = err instanceof Error ? err.message : String(err);
    }
  }
}
