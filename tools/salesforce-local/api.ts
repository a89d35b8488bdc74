// Shapes of API requests and responses inside the org, and the parsing of /services/data/vNN.0 URLs.
import { MAX_VERSION, MIN_VERSION } from './versions';

export interface ApiRequest {
  method: string;
  /** Path after /services/data/vNN.0, e.g. /sobjects/Account/001… */
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string | undefined>;
  version: string;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Splits /services/data/vNN.0/rest?query; undefined when the URL is not a supported API version. */
export function parseApiUrl(
  url: string,
): { version: string; path: string; query: URLSearchParams } | undefined {
  const m = /^\/services\/data\/v(\d+)\.0(\/[^?]*)?(?:\?(.*))?$/.exec(url);
  if (!m) return undefined;
  const major = Number(m[1]);
  if (major < MIN_VERSION || major > MAX_VERSION) return undefined;
  return { version: `${major}.0`, path: m[2] ?? '', query: new URLSearchParams(m[3] ?? '') };
}

/** Category of an API path, for the per-endpoint call counts. */
export function endpointKind(path: string): string {
  const segs = path.split('/').filter(Boolean);
  if (segs[0] === 'sobjects') {
    if (segs.length <= 1 || segs[2] === 'describe') return 'describe';
    return segs.length >= 4 ? 'upsert' : 'sobject';
  }
  if (segs[0] === 'query' || segs[0] === 'queryAll') return 'query';
  if (segs[0] === 'composite')
    return segs[1] === 'graph' ? 'graph' : segs[1] === 'sobjects' ? 'collections' : 'composite';
  if (segs[0] === 'limits') return 'limits';
  return 'other';
}
