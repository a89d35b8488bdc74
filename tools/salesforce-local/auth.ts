// OAuth 2.0 client credentials flow on /services/oauth2/token and bearer-token checks for the API.
// Tokens live until expired on demand (expireAll) or the org stops; assumption: no idle timeout.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { caseSafeSuffix } from './ids';

export const ORG_ID15 = '00D8d000000LoCl';
export const ORG_ID = ORG_ID15 + caseSafeSuffix(ORG_ID15);

export interface TokenResponse {
  status: number;
  body: Record<string, string>;
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export class Auth {
  private tokens = new Set<string>();

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    private readonly userId: string,
  ) {}

  /** Answers a token request: form fields (client_id/client_secret or HTTP Basic) and grant_type. */
  token(form: URLSearchParams, authorization: string | undefined, instanceUrl: string): TokenResponse {
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret') ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '');
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials') {
      return {
        status: 400,
        body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
      };
    }
    if (!same(clientId, this.clientId) || !same(clientSecret, this.clientSecret)) {
      return {
        status: 400,
        body: { error: 'invalid_client', error_description: 'invalid client credentials' },
      };
    }
    const accessToken = `${ORG_ID15}!AQ${randomBytes(48).toString('base64url')}`;
    this.tokens.add(accessToken);
    const issuedAt = String(Date.now());
    const id = `${instanceUrl}/id/${ORG_ID}/${this.userId}`;
    const signature = createHmac('sha256', this.clientSecret)
      .update(id + issuedAt)
      .digest('base64');
    return {
      status: 200,
      body: {
        access_token: accessToken,
        signature,
        scope: 'api',
        instance_url: instanceUrl,
        id,
        token_type: 'Bearer',
        issued_at: issuedAt,
      },
    };
  }

  /** True when the Authorization header carries a live token ("Bearer" or the older "OAuth" scheme). */
  check(authorization: string | undefined): boolean {
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '');
    return !!m?.[1] && this.tokens.has(m[1]);
  }

  expireAll(): void {
    this.tokens.clear();
  }
}
