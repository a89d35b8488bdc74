// RESTlets and Suitelets over HTTP on 127.0.0.1, at NetSuite's paths:
//   /app/site/hosting/restlet.nl?script=<id or script id>&deploy=<id or deployment id>
//   /app/site/hosting/scriptlet.nl?script=...&deploy=...
// Authentication is not modeled.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Host } from './host';
import { handleRestlet, handleSuitelet, type WireResponse } from './scripts';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function listen(
  host: Host,
  port: number,
  onUrl: (url: string | undefined) => void,
): Promise<Listening> {
  const server = http.createServer((req, res) => {
    void (async () => {
      let out: WireResponse;
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const params = Object.fromEntries(url.searchParams);
        const script = params.script ?? '';
        const deploy = params.deploy ?? '';
        const body = await readBody(req);
        if (url.pathname === '/app/site/hosting/restlet.nl') {
          out = handleRestlet(host, script, deploy, req.method ?? 'GET', {
            params,
            body,
            contentType: String(req.headers['content-type'] ?? ''),
          });
        } else if (url.pathname === '/app/site/hosting/scriptlet.nl') {
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
          out = handleSuitelet(host, script, deploy, {
            method: req.method,
            parameters: params,
            body,
            headers,
          });
        } else {
          out = { status: 404, contentType: 'text/plain', body: 'Not found' };
        }
      } catch (e) {
        out = { status: 500, contentType: 'text/plain', body: String((e as Error)?.message ?? e) };
      }
      res.writeHead(out.status, { ...(out.headers ?? {}), 'Content-Type': out.contentType });
      res.end(out.body);
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      onUrl(url);
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            onUrl(undefined);
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
