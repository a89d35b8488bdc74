// Requests in flight and POST /__local/settle. A request to the org (token endpoint or REST API, not an
// admin call) counts from its arrival until the org has answered it or dropped its connection: the delay
// of a latency fault included, and whether or not its caller is still waiting. A caller that gave up
// (a timeout on the NetSuite side) does not stop the org from applying the request later, which is exactly
// what tests must wait for before they look at the org. Settling waits until no request is in flight and
// every outbound push queued so far has been attempted, with an upper bound so a stuck request is an
// error that names it rather than a hang.

/** The bound when the caller names none. */
export const DEFAULT_SETTLE_MS = 30_000;
/** The largest bound a caller may ask for. */
export const MAX_SETTLE_MS = 600_000;

interface Pending {
  method: string;
  path: string;
  arrived: number;
}

/** What a settle call found. */
export type SettleOutcome = { settled: true } | { settled: false; pending: string[] };

/** One turn of the event loop: requests whose bytes arrived in the same turn are counted by then. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class InFlight {
  private pending = new Set<Pending>();
  private emptied: Array<() => void> = [];

  /** Counts a request from its arrival; call the returned function once it is answered or dropped. */
  begin(method: string, path: string): () => void {
    const entry: Pending = { method, path, arrived: Date.now() };
    this.pending.add(entry);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.pending.delete(entry);
      if (this.pending.size > 0) return;
      const waiting = this.emptied;
      this.emptied = [];
      for (const resolve of waiting) resolve();
    };
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves when no request is in flight (at once if none is). */
  private empty(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.emptied.push(resolve));
  }

  /** The requests in flight, for an error message: "POST /services/... (for 1200 ms)". */
  describe(): string[] {
    const now = Date.now();
    return [...this.pending].map((p) => `${p.method} ${p.path} (for ${now - p.arrived} ms)`);
  }

  /**
   * Waits until no request is in flight and `pushesIdle` (the outbound queue) has nothing left, both at
   * once: a push can make its receiver call the org, and a request can queue a push. Gives up after
   * `maxMs` and says which requests are still in flight.
   */
  async settle(pushesIdle: () => Promise<void>, maxMs: number): Promise<SettleOutcome> {
    let timer: NodeJS.Timeout | undefined;
    let givenUp = false;
    const quiet = (async () => {
      while (!givenUp) {
        await turn();
        if (this.pending.size > 0) {
          await this.empty();
          continue;
        }
        const pushes = pushesIdle();
        await pushes;
        if (this.pending.size === 0 && pushesIdle() === pushes) {
          await turn();
          if (this.pending.size === 0 && pushesIdle() === pushes) return true;
        }
      }
      return false;
    })();
    const bound = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), maxMs);
    });
    try {
      const settled = await Promise.race([quiet, bound]);
      if (settled) return { settled: true };
      givenUp = true;
      const pending = this.describe();
      return {
        settled: false,
        pending: pending.length > 0 ? pending : ['outbound pushes still being delivered'],
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
