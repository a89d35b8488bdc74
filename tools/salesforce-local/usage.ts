// API usage as Salesforce counts it (one call per REST request; a composite, graph or collection request
// is one call; the token request and GET /services/data/ are none), the daily limit, and the request log.

export interface LogEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  kind: string;
  requestBody?: string;
  responseBody?: string;
}

const BODY_LIMIT = 2000;
const LOG_LIMIT = 10000;

export const truncate = (s: string | undefined): string | undefined =>
  s === undefined || s.length <= BODY_LIMIT ? s : `${s.slice(0, BODY_LIMIT)}… (${s.length} chars)`;

export class Usage {
  /** Calls counted toward the daily limit (can be preset with setApiLimit). */
  used = 0;
  /** Calls made since start or reset, whatever the preset. */
  calls = 0;
  byEndpoint: Record<string, number> = {};
  log: LogEntry[] = [];

  constructor(public limit: number) {}

  exhausted(): boolean {
    return this.used >= this.limit;
  }

  count(kind: string): void {
    this.used += 1;
    this.calls += 1;
    this.byEndpoint[kind] = (this.byEndpoint[kind] ?? 0) + 1;
  }

  /** The Sforce-Limit-Info header value. */
  header(): string {
    return `api-usage=${this.used}/${this.limit}`;
  }

  record(entry: LogEntry): void {
    this.log.push({
      ...entry,
      requestBody: truncate(entry.requestBody),
      responseBody: truncate(entry.responseBody),
    });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  reset(): void {
    this.used = 0;
    this.calls = 0;
    this.byEndpoint = {};
    this.log = [];
  }
}
