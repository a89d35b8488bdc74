// Synchronous HTTP for N/https: the request is made by a worker thread with node:http(s) and the
// calling thread blocks on Atomics.wait until the worker has the answer, like a SuiteScript blocking
// on https.request. The server being called must not live in the blocked thread (a worker or another
// process), or nothing answers until the timeout.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { nsError } from './errors';
import type { HttpRequest, HttpResult } from './host';

// Plain JavaScript run with `eval: true`, so the worker works from TypeScript sources and from build/.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');
const port = workerData.port;
function classify(e) {
  const code = (e && e.code) || '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { name: 'SSS_UNKNOWN_HOST', message: 'Unknown host: ' + e.message };
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return { name: 'SSS_INVALID_HOST_CERT', message: e.message };
  return { name: 'SSS_CONNECTION_CLOSED', message: 'The connection was closed: ' + ((e && e.message) || code) };
}
port.on('message', (msg) => {
  const { req, connectMs, requestMs, signal } = msg;
  const flag = new Int32Array(signal);
  let finished = false;
  let request;
  const finish = (result) => {
    if (finished) return;
    finished = true;
    clearTimeout(connectTimer);
    clearTimeout(totalTimer);
    port.postMessage(result);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const fail = (name, message) => {
    finish({ error: { name, message } });
    if (request) request.destroy();
  };
  const connectTimer = setTimeout(() => fail('SSS_REQUEST_TIME_EXCEEDED', 'The host did not accept the connection within ' + connectMs + ' ms.'), connectMs);
  const totalTimer = setTimeout(() => fail('SSS_REQUEST_TIME_EXCEEDED', 'The request did not complete within ' + requestMs + ' ms.'), requestMs);
  try {
    const url = new URL(req.url);
    const lib = url.protocol === 'https:' ? https : http;
    const headers = Object.assign({}, req.headers);
    if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
    request = lib.request(url, { method: req.method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', (e) => finish({ error: classify(e) }));
      res.on('end', () => {
        const out = {};
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const k = res.rawHeaders[i];
          out[k] = out[k] === undefined ? res.rawHeaders[i + 1] : out[k] + ', ' + res.rawHeaders[i + 1];
        }
        finish({ code: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), headers: out });
      });
    });
    request.on('socket', (s) => {
      if (!s.connecting) clearTimeout(connectTimer);
      else s.once('connect', () => clearTimeout(connectTimer));
    });
    request.on('error', (e) => finish({ error: classify(e) }));
    if (req.body !== undefined) request.write(req.body);
    request.end();
  } catch (e) {
    finish({ error: { name: 'SSS_INVALID_URL', message: String(e && e.message) } });
  }
});
`;

/** NetSuite's N/https limits [facts 2.5]: 5 s to connect, 45 s for the request. */
export const DEFAULT_HTTP_TIMEOUTS = { connectMs: 5000, requestMs: 45000 };

export class HttpClient {
  private worker?: Worker;
  private port?: MessagePort;

  constructor(private readonly timeouts: () => { connectMs: number; requestMs: number }) {}

  private start(): MessagePort {
    if (!this.port) {
      const channel = new MessageChannel();
      this.worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { port: channel.port2 },
        transferList: [channel.port2],
      });
      this.worker.unref();
      this.port = channel.port1;
      this.port.unref();
    }
    return this.port;
  }

  request(req: HttpRequest): HttpResult {
    const port = this.start();
    const { connectMs, requestMs } = this.timeouts();
    const signal = new SharedArrayBuffer(4);
    const flag = new Int32Array(signal);
    port.postMessage({ req, connectMs, requestMs, signal });
    // The worker answers by itself at the latest when its request timer fires; the margin covers a dead worker.
    const outcome = Atomics.wait(flag, 0, 0, connectMs + requestMs + 5000);
    const message = receiveMessageOnPort(port)?.message as
      (HttpResult & { error?: { name: string; message: string } }) | undefined;
    if (outcome === 'timed-out' || !message) {
      throw nsError('SSS_REQUEST_TIME_EXCEEDED', 'The HTTP worker did not answer in time.');
    }
    if (message.error) throw nsError(message.error.name, message.error.message);
    return { code: message.code, body: message.body, headers: message.headers };
  }

  async close(): Promise<void> {
    this.port?.close();
    const w = this.worker;
    this.worker = undefined;
    this.port = undefined;
    if (w) await w.terminate();
  }
}
