/**
 * Salesforce REST over N/https. Gets an access token with the OAuth 2.0 client credentials flow (client
 * secret from the API Secret, used only inside a SecureString), caches it in N/cache, gets a new one once
 * on a 401, and turns every failure into a SyncError with Salesforce's errorCode. PATCH goes as
 * POST ?_HttpMethod=PATCH because N/https documents no PATCH method.
 */
import * as cache from 'N/cache';
import * as encode from 'N/encode';
import * as https from 'N/https';
import { SECRET_CLIENT } from '../catalogue';
import { compositeFailure, type HttpMethod, type Step, type SubResponse } from '../core/composite';
import { SyncError, salesforceError, toSyncError, type SalesforceErrorItem } from '../core/errors';
import { excerpt } from '../core/text';
import type { Settings } from '../core/types';

interface Session {
  accessToken: string;
  instanceUrl: string;
  standardBookId?: string;
}

export interface ApiUsage {
  used: number;
  max: number;
}

export interface Exchange {
  method: string;
  path: string;
  status: number;
  request: string;
  response: string;
}

const CACHE_NAME = 'sfsync_salesforce';
/** One cached session per org and app: a changed My Domain URL or Client ID never reuses the old token. */
const sessionKey = (settings: Settings) => `session|${settings.instanceUrl}|${settings.clientId}`;

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function header(headers: Record<string, string | string[]> | undefined, name: string): string {
  if (!headers) return '';
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

export class SalesforceClient {
  readonly base: string;
  apiUsage: ApiUsage | null = null;
  /** The last exchange, redacted, for the Integration Log. */
  lastExchange: Exchange | null = null;
  private session: Session | null = null;
  private readonly cache = cache.getCache({ name: CACHE_NAME, scope: cache.Scope.PROTECTED });

  constructor(private readonly settings: Settings) {
    this.base = `/services/data/v${settings.apiVersion}`;
  }

  private configured(): void {
    if (!this.settings.instanceUrl || !this.settings.clientId) {
      throw new SyncError({
        code: 'SFSYNC_NOT_CONFIGURED',
        message:
          'sfsync is not connected to Salesforce: fill in "Salesforce My Domain URL" and "Salesforce Client ID" in sfsync Settings, and the API Secret custsecret_sfsync_client_secret.',
        retryable: false,
        source: 'sfsync',
      });
    }
  }

  private loadSession(): Session {
    if (this.session) return this.session;
    const cached = this.cache.get({ key: sessionKey(this.settings) });
    if (cached) {
      const parsed = parseJson(cached) as Session | null;
      if (parsed && parsed.accessToken) return (this.session = parsed);
    }
    return (this.session = this.fetchToken());
  }

  private saveSession(session: Session): void {
    this.session = session;
    // Salesforce sessions last at least the org's timeout (2 hours by default); keep ours shorter.
    this.cache.put({ key: sessionKey(this.settings), value: JSON.stringify(session), ttl: 3600 });
  }

  private fetchToken(): Session {
    this.configured();
    const credentials = https.createSecureString({ input: `${this.settings.clientId}:{${SECRET_CLIENT}}` });
    credentials.convertEncoding({ fromEncoding: encode.Encoding.UTF_8, toEncoding: encode.Encoding.BASE_64 });
    const authorization = https.createSecureString({ input: 'Basic ' });
    authorization.appendSecureString({ secureString: credentials, keepEncoding: true });
    const url = `${this.settings.instanceUrl}/services/oauth2/token`;
    let response: https.ClientResponse;
    try {
      response = https.request({
        method: https.Method.POST,
        url,
        body: 'grant_type=client_credentials',
        headers: {
          Authorization: authorization as unknown as string,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
      });
    } catch (e) {
      throw toSyncError(e, 'the Salesforce login');
    }
    const body = parseJson(response.body) as Record<string, unknown> | null;
    this.lastExchange = {
      method: 'POST',
      path: '/services/oauth2/token',
      status: response.code,
      request: 'grant_type=client_credentials',
      response: excerpt(response.body),
    };
    if (response.code !== 200 || !body || typeof body.access_token !== 'string') {
      const code = body && typeof body.error === 'string' ? body.error : `HTTP_${response.code}`;
      const detail = body && typeof body.error_description === 'string' ? body.error_description : '';
      throw new SyncError({
        code,
        message: `Salesforce refused the sfsync login (${code}${detail ? `: ${detail}` : ''}). Check "Salesforce Client ID" in sfsync Settings, the API Secret custsecret_sfsync_client_secret, and that the Salesforce app has the client credentials flow enabled with a run-as user.`,
        retryable: response.code >= 500,
        source: 'salesforce',
        httpStatus: response.code,
      });
    }
    const session: Session = {
      accessToken: body.access_token,
      instanceUrl: typeof body.instance_url === 'string' ? body.instance_url : this.settings.instanceUrl,
    };
    this.saveSession(session);
    return session;
  }

  /** The org has no multi-currency (setting "Salesforce Org Has One Currency"): no CurrencyIsoCode anywhere. */
  get singleCurrencyOrg(): boolean {
    return this.settings.singleCurrencyOrg;
  }

  /** The Standard Price Book ID, when an earlier call found it. */
  get standardBookId(): string {
    return this.loadSession().standardBookId ?? '';
  }

  rememberStandardBook(id: string): void {
    const session = this.loadSession();
    if (session.standardBookId !== id) this.saveSession({ ...session, standardBookId: id });
  }

  /** One REST call; a 401 gets a new token and is sent once more. Non-2xx answers become SyncErrors. */
  request(
    method: HttpMethod,
    path: string,
    body: unknown,
    subject: string,
  ): { status: number; body: unknown } {
    let session = this.loadSession();
    let response = this.send(session, method, path, body, subject);
    if (response.code === 401) {
      session = this.fetchToken();
      response = this.send(session, method, path, body, subject);
    }
    const parsed = parseJson(response.body);
    if (response.code >= 300) {
      const items: SalesforceErrorItem[] = Array.isArray(parsed)
        ? (parsed as SalesforceErrorItem[])
        : response.code === 300
          ? [{ errorCode: 'MULTIPLE_CHOICES', message: 'several records match' }]
          : [
              {
                errorCode: `HTTP_${response.code}`,
                message: typeof parsed === 'string' ? parsed.slice(0, 200) : `HTTP ${response.code}`,
              },
            ];
      const error = salesforceError(items, response.code, subject);
      this.attach(error);
      throw error;
    }
    return { status: response.code, body: parsed };
  }

  private send(
    session: Session,
    method: HttpMethod,
    path: string,
    body: unknown,
    subject: string,
  ): https.ClientResponse {
    const patch = method === 'PATCH';
    const url = `${session.instanceUrl}${path}${patch ? `${path.includes('?') ? '&' : '?'}_HttpMethod=PATCH` : ''}`;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let response: https.ClientResponse;
    try {
      response = https.request({
        method: patch ? https.Method.POST : (https.Method[method] as https.Method),
        url,
        body: payload,
        headers: {
          Authorization: `Bearer ${session.accessToken}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
      });
    } catch (e) {
      const error = toSyncError(e, subject);
      this.lastExchange = {
        method,
        path,
        status: 0,
        request: excerpt(payload ?? ''),
        response: `${error.code}`,
      };
      this.attach(error);
      throw error;
    }
    const usage = /api-usage=(\d+)\/(\d+)/.exec(
      header(response.headers as Record<string, string>, 'Sforce-Limit-Info'),
    );
    if (usage) this.apiUsage = { used: Number(usage[1]), max: Number(usage[2]) };
    this.lastExchange = {
      method,
      path,
      status: response.code,
      request: excerpt(payload ?? ''),
      response: excerpt(response.body),
    };
    return response;
  }

  private attach(error: SyncError): void {
    if (this.lastExchange) {
      error.request = `${this.lastExchange.method} ${this.lastExchange.path}\n${this.lastExchange.request}`;
      error.response = `HTTP ${this.lastExchange.status}\n${this.lastExchange.response}`;
    }
  }

  /** Sends one composite request (one API call); throws the first real failure. */
  composite(steps: Step[]): Record<string, unknown> {
    const result = this.request(
      'POST',
      `${this.base}/composite`,
      {
        allOrNone: true,
        compositeRequest: steps.map(({ method, url, referenceId, body }) =>
          body === undefined ? { method, url, referenceId } : { method, url, referenceId, body },
        ),
      },
      (steps.find((s) => s.referenceId === 'opp') ?? steps[0])?.subject ?? 'a composite request',
    );
    const responses = ((result.body as { compositeResponse?: SubResponse[] } | null)?.compositeResponse ??
      []) as SubResponse[];
    const failure = compositeFailure(steps, responses);
    if (failure) {
      this.attach(failure);
      throw failure;
    }
    const byRef: Record<string, unknown> = {};
    for (const r of responses) byRef[r.referenceId] = r.body;
    return byRef;
  }

  /** Runs a SOQL query and follows nextRecordsUrl (one API call per batch of up to 2,000 records). */
  query<T = Record<string, unknown>>(soql: string, subject: string): T[] {
    const records: T[] = [];
    let path: string | null = `${this.base}/query?q=${encodeURIComponent(soql)}`;
    while (path) {
      const page = this.request('GET', path, undefined, subject).body as {
        records?: T[];
        nextRecordsUrl?: string;
        done?: boolean;
      };
      records.push(...(page.records ?? []));
      path = page.done === false && page.nextRecordsUrl ? page.nextRecordsUrl : null;
    }
    return records;
  }
}
