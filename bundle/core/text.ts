/** Small text helpers: hashing, cutting to a length, redacting secrets. Pure functions. */

/**
 * A 64-bit hash (two independent 32-bit FNV-1a style lanes) of a string, as 16 hex characters. Used to tell
 * whether a mapped payload changed since the last sync; not a security hash.
 */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** JSON with object keys sorted, so equal payloads hash equally whatever the key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Cuts `value` to at most `max` characters as Salesforce counts them (UTF-16 code units, like Java's
 * String.length), never splitting an emoji's surrogate pair; reports whether it cut.
 */
export function cut(value: string, max: number): { value: string; cut: boolean } {
  if (value.length <= max) return { value, cut: false };
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { value: value.slice(0, end), cut: true };
}

const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [
    /("?(?:access_token|client_secret|refresh_token|password|signature)"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
    '$1[REDACTED]',
  ],
  [/(Authorization"?\s*[:=]\s*"?)(Bearer|Basic)\s+[^"\s,}]+/gi, '$1$2 [REDACTED]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=!-]{8,}/g, '$1 [REDACTED]'],
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]+/g, '[REDACTED]'],
];

/** Removes tokens, secrets and Authorization headers from text meant for a log. */
export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** A redacted excerpt of at most `max` characters, for the Integration Log. */
export function excerpt(value: unknown, max = 4000): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const clean = redact(text ?? '');
  return clean.length > max ? `${clean.slice(0, max)}… (${clean.length - max} more characters)` : clean;
}

/** A short UTC time for sync status messages: "2026-11-23 17:40 UTC". */
export function syncStamp(now: Date): string {
  return `${now.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/** The sync status shown on a record after a failure, e.g. "Error, will retry 2026-11-23 17:40 UTC: SERVER_UNAVAILABLE". */
export function failureStatus(logStatus: string, code: string, now: Date): string {
  const words: Record<string, string> = { Retrying: 'Error, will retry', Failed: 'Failed after retries' };
  const label = code === 'SFSYNC_DEFERRED' ? 'Queued' : (words[logStatus] ?? 'Error');
  return `${label} ${syncStamp(now)}: ${code}`.slice(0, 300);
}

/** Escapes a value for a SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}
