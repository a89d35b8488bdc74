/**
 * Two upserts of one new record at once, against the local Salesforce org. The org runs each request to its
 * end before the next (its upsert looks up and inserts in one step), so it never loses the race real
 * Salesforce can lose: both upserts find no record, both insert, and the unique index fails the second with
 * DUPLICATE_VALUE. This loopback proxy between NetSuite and the org plays that interleaving for one chosen
 * upsert inside a composite request: it first sends the same upsert on its own (the other sync, which
 * commits first), then forwards the composite with that subrequest turned into the insert the upsert would
 * have made had it looked before that commit. The DUPLICATE_VALUE is the org's own answer to that insert.
 *
 * The proxy runs in a worker thread: the NetSuite runtime blocks the test's thread while a script waits
 * for N/https.
 */
import { Worker } from 'node:worker_threads';

export interface UpsertRaceProxy {
  /** Point the sfsync settings here (http://127.0.0.1:port); the token answer names it as instance_url. */
  url: string;
  /** The next composite that upserts `sobject` by `field` = `value` loses the race (once). */
  arm(race: { sobject: string; field: string; value: string }): Promise<void>;
  close(): Promise<void>;
}

const WORKER = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const target = new URL(workerData.target);
let armed = null;
let self = '';

function send(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const out = { ...headers, host: target.host };
    delete out['content-length'];
    delete out['transfer-encoding'];
    delete out.connection;
    if (body) out['content-length'] = String(Buffer.byteLength(body));
    const req = http.request({ host: target.hostname, port: target.port, method, path, headers: out }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body || undefined);
  });
}

function race(raw, headers) {
  if (!armed) return raw;
  const parsed = JSON.parse(raw);
  const wanted = '/sobjects/' + armed.sobject + '/' + armed.field + '/' + encodeURIComponent(armed.value);
  const sub = (parsed.compositeRequest || []).find(
    (r) => r.method === 'PATCH' && new URL(r.url, target).pathname.endsWith(wanted),
  );
  if (!sub) return raw;
  const won = armed;
  armed = null;
  const path = new URL(sub.url, target).pathname;
  // The other upsert of the same record: it commits first.
  const other = send('PATCH', path, { 'content-type': 'application/json', authorization: headers.authorization }, JSON.stringify(sub.body));
  return other.then((answer) => {
    parentPort.postMessage({ other: answer.status });
    // This one looked before that commit and found nothing, so it inserts.
    sub.method = 'POST';
    sub.url = path.slice(0, path.indexOf('/sobjects/')) + '/sobjects/' + won.sobject;
    sub.body = { ...sub.body, [won.field]: won.value };
    return JSON.stringify(parsed);
  });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      let body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url, target).pathname;
      if (req.method === 'POST' && /\/services\/data\/v[\d.]+\/composite$/.test(path)) body = await race(body, req.headers);
      const answer = await send(req.method, req.url, req.headers, body);
      let text = answer.body;
      if (path === '/services/oauth2/token' && answer.status === 200) {
        const token = JSON.parse(text);
        token.instance_url = self;
        text = JSON.stringify(token);
      }
      res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {});
      res.end(text);
    } catch (e) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(e && e.message));
    }
  });
});
server.listen(0, '127.0.0.1', () => {
  self = 'http://127.0.0.1:' + server.address().port;
  parentPort.postMessage({ url: self });
});
parentPort.on('message', (m) => {
  if (m.arm) {
    armed = m.arm;
    parentPort.postMessage({ armed: true });
  }
  if (m.close) {
    server.close(() => parentPort.postMessage({ closed: true }));
    server.closeAllConnections();
  }
});
`;

function next(worker: Worker, key: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (!(key in m)) return;
      worker.off('message', on);
      resolve(m);
    };
    worker.on('message', on);
  });
}

export async function startUpsertRaceProxy(target: string): Promise<UpsertRaceProxy> {
  const worker = new Worker(WORKER, { eval: true, workerData: { target } });
  const { url } = await next(worker, 'url');
  return {
    url: String(url),
    async arm(race) {
      const armed = next(worker, 'armed');
      worker.postMessage({ arm: race });
      await armed;
    },
    async close() {
      const closed = next(worker, 'closed');
      worker.postMessage({ close: true });
      await closed;
      await worker.terminate();
    },
  };
}
