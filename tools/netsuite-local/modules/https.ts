// N/https (and N/http): blocking requests through the runtime's HTTP worker, SecureString for API secrets.
import * as crypto from 'node:crypto';
import { inspect } from 'node:util';
import type * as N_https from 'N/https';
import { missingArgument, notModeled, nsError } from '../errors';
import type { Execution } from '../execution';
import type { Host } from '../host';
import { convertEncoding } from './encode';
import { requireOptions, withPromise } from './common';

const hidden = new WeakMap<SecureString, string>();
const MASK = '[SecureString]';

/** A string holding secret text: usable as a header value, URL or body; prints as [SecureString]. */
export class SecureString {
  constructor(value: string) {
    hidden.set(this, value);
  }
  appendString(o: { input: string }): SecureString {
    hidden.set(this, reveal(this) + String(o?.input ?? ''));
    return this;
  }
  appendSecureString(o: { secureString: SecureString }): SecureString {
    hidden.set(this, reveal(this) + reveal(o.secureString));
    return this;
  }
  replaceString(o: { pattern: string; replacement: string }): SecureString {
    hidden.set(this, reveal(this).split(String(o.pattern)).join(String(o.replacement)));
    return this;
  }
  convertEncoding(o: { fromEncoding: string; toEncoding: string }): SecureString {
    hidden.set(this, convertEncoding(reveal(this), o.fromEncoding, o.toEncoding));
    return this;
  }
  hash(o: { algorithm: string; resultEncoding?: string }): SecureString {
    const alg = String(o.algorithm).toLowerCase().replace('_', '');
    const digest = crypto.createHash(alg).update(reveal(this), 'utf8').digest('hex');
    hidden.set(this, o.resultEncoding ? convertEncoding(digest, 'HEX', o.resultEncoding) : digest);
    return this;
  }
  hmac(): SecureString {
    throw notModeled('SecureString.hmac');
  }
  toString(): string {
    return MASK;
  }
  toJSON(): string {
    return MASK;
  }
  [inspect.custom](): string {
    return MASK;
  }
}

export function reveal(value: unknown): string {
  if (value instanceof SecureString) return hidden.get(value) ?? '';
  return String(value);
}

const SECRET_PATTERN = /\{(custsecret[a-zA-Z0-9_]{1,89}|[0-9a-fA-F]{32})\}/g;
const HTTPS_METHODS = ['DELETE', 'GET', 'HEAD', 'PUT', 'POST'];

export function createHttpsModule(host: Host, exec: Execution, moduleName: 'https' | 'http') {
  const methods = moduleName === 'https' ? HTTPS_METHODS : [...HTTPS_METHODS, 'PATCH'];

  const createSecureString = (o: { input: string }): N_https.SecureString => {
    requireOptions(`${moduleName}.createSecureString`, o, 'input');
    const value = String(o.input).replace(SECRET_PATTERN, (_m, name: string) => {
      const secret = host.secret(name) ?? host.secret(name.toLowerCase());
      // Assumption: NetSuite's error name for a secret that does not exist (or is not allowed) is not documented.
      if (secret === undefined)
        throw nsError(
          'SSS_SECRET_NOT_FOUND',
          `API secret ${name} does not exist or is not available to this script.`,
        );
      return secret;
    });
    return new SecureString(value) as unknown as N_https.SecureString;
  };

  const send = (
    api: string,
    o: { method?: string; url: unknown; body?: unknown; headers?: object },
  ): N_https.ClientResponse => {
    if (!o || o.url === undefined || o.url === null || o.url === '') throw missingArgument(api, 'url');
    const method = String(o.method ?? '').toUpperCase();
    if (!method) throw missingArgument(api, 'method');
    if (!methods.includes(method)) {
      throw nsError(
        'SSS_INVALID_HTTP_METHOD',
        method === 'PATCH'
          ? 'N/https documents no PATCH method (https.Method has DELETE GET HEAD PUT POST); use POST with ?_HttpMethod=PATCH for Salesforce.'
          : `Unsupported HTTP method ${method}.`,
      );
    }
    const url = reveal(o.url);
    if (!/^https?:\/\/[^/\s]+/i.test(url) || /\s/.test(url)) {
      throw nsError(
        'SSS_INVALID_URL',
        `The URL must be a fully qualified HTTP or HTTPS URL: ${o.url instanceof SecureString ? MASK : url}`,
      );
    }
    const parsed = new URL(url);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
    // Assumption: N/https is for TLS endpoints; the runtime accepts plain http only on loopback (local stand-ins).
    if (moduleName === 'https' && parsed.protocol === 'http:' && !loopback) {
      throw nsError('SSS_INVALID_URL', `N/https needs an https:// URL: ${url}`);
    }
    exec.charge(api, 10);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(o.headers ?? {})) headers[k] = reveal(v);
    let body: string | undefined;
    if (o.body !== undefined && o.body !== null && !['GET', 'HEAD', 'DELETE'].includes(method)) {
      if (typeof o.body === 'object' && !(o.body instanceof SecureString)) {
        // Assumption: an object body is sent as form fields, as N/http documents for objects.
        body = new URLSearchParams(
          Object.entries(o.body).map(([k, v]): [string, string] => [k, reveal(v)]),
        ).toString();
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
        }
      } else {
        body = reveal(o.body);
      }
    }
    const res = host.httpRequest({ method, url, headers, body });
    return { code: res.code, body: res.body, headers: res.headers };
  };

  type Opts = { url: unknown; body?: unknown; headers?: object };
  const module: Pick<typeof N_https, 'request' | 'get' | 'post' | 'put' | 'delete' | 'createSecureString'> = {
    request: withPromise((o: N_https.RequestOptions) =>
      send(`${moduleName}.request`, o as Opts & { method: string }),
    ),
    get: withPromise((o: N_https.GetOptions) => send(`${moduleName}.get`, { ...(o as Opts), method: 'GET' })),
    post: withPromise((o: N_https.PostOptions) =>
      send(`${moduleName}.post`, { ...(o as Opts), method: 'POST' }),
    ),
    put: withPromise((o: N_https.PutOptions) => send(`${moduleName}.put`, { ...(o as Opts), method: 'PUT' })),
    delete: withPromise((o: N_https.DeleteOptions) =>
      send(`${moduleName}.delete`, { ...(o as Opts), method: 'DELETE' }),
    ),
    createSecureString: withPromise(createSecureString),
  };
  return {
    ...module,
    Method: Object.fromEntries(methods.map((m) => [m, m])),
    Encoding: {
      UTF_8: 'UTF_8',
      BASE_16: 'BASE_16',
      BASE_64: 'BASE_64',
      BASE_64_URL_SAFE: 'BASE_64_URL_SAFE',
      HEX: 'HEX',
    },
  };
}
