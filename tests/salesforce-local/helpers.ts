// A minimal REST client for the local org (plain fetch, no library), used where a test needs the raw
// status, headers and body Salesforce would send.
import type { SalesforceOrg } from '../../tools/salesforce-local';

/** Parsed JSON whose shape the test asserts. */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface RawResponse {
  status: number;
  headers: Headers;
  body: Json;
}

export interface RestClient {
  token: string;
  version: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RawResponse>;
}

export async function fetchToken(org: SalesforceOrg): Promise<string> {
  const res = await fetch(org.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: org.clientId,
      client_secret: org.clientSecret,
    }),
  });
  const json = (await res.json()) as { access_token: string };
  return json.access_token;
}

/** `path` is relative to /services/data/vNN.0 unless it starts with /services. */
export async function restClient(org: SalesforceOrg, version = '62.0'): Promise<RestClient> {
  const client: RestClient = {
    token: await fetchToken(org),
    version,
    async call(method, path, body, headers = {}) {
      const url = path.startsWith('/services') ? path : `/services/data/v${version}${path}`;
      const res = await fetch(`${org.instanceUrl}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${client.token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
  };
  return client;
}

/** Creates a product with an active standard price and returns the ids. */
export async function seedProduct(
  org: SalesforceOrg,
  name: string,
  price: number,
  extra: Record<string, unknown> = {},
): Promise<{ productId: string; entryId: string; standardBookId: string }> {
  const productId = await org.insert('Product2', { Name: name, IsActive: true, ...extra });
  const [book] = await org.records('Pricebook2');
  const standardBookId = String(book?.Id);
  const entryId = await org.insert('PricebookEntry', {
    Pricebook2Id: standardBookId,
    Product2Id: productId,
    UnitPrice: price,
    IsActive: true,
  });
  return { productId, entryId, standardBookId };
}
