// A small HTTP server on 127.0.0.1 running in a worker thread, so that a script blocked in N/https
// (which blocks the test's thread) can still be answered.
//   /echo          200, JSON {method, url, headers, body}
//   /status/<n>    status n, body "status <n>"
//   /slow/<ms>     answers after ms milliseconds
import * as net from 'node:net';
import { Worker } from 'node:worker_threads';

const SOURCE = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const parts = req.url.split('/');
    if (parts[1] === 'status') {
      res.writeHead(Number(parts[2]), { 'Content-Type': 'text/plain', 'X-Served-By': 'loopback' });
      return res.end('status ' + parts[2]);
    }
    if (parts[1] === 'slow') {
      const timer = setTimeout(() => { res.writeHead(200); res.end('slow done'); }, Number(parts[2]));
      res.on('close', () => clearTimeout(timer));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Sforce-Limit-Info': 'api-usage=1/15000' });
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m === 'close') { server.closeAllConnections(); server.close(() => parentPort.postMessage('closed')); }
});
`;

export interface Loopback {
  url: string;
  close(): Promise<void>;
}

export function startLoopbackServer(): Promise<Loopback> {
  const worker = new Worker(SOURCE, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { port: number }) => {
      resolve({
        url: `http://127.0.0.1:${m.port}`,
        close: () =>
          new Promise<void>((done) => {
            worker.once('message', () => void worker.terminate().then(() => done()));
            worker.postMessage('close');
          }),
      });
    });
  });
}

/**
 * A TCP listener whose accept queue is full and whose thread does not accept for `stallMs`: a new
 * connection attempt gets no answer, which is how a connect timeout looks from the client.
 */
export function startStalledServer(stallMs: number): Promise<Loopback> {
  const source = `
const net = require('node:net');
const { parentPort } = require('node:worker_threads');
const server = net.createServer(() => {});
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  parentPort.once('message', (ms) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    process.exit(0);
  });
});`;
  const worker = new Worker(source, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (port: number) => {
      worker.postMessage(stallMs);
      const fillers = [0, 1].map(() => net.connect(port, '127.0.0.1').on('error', () => undefined));
      const exited = new Promise<void>((done) => worker.once('exit', () => done()));
      let connected = 0;
      for (const f of fillers) {
        f.once('connect', () => {
          if (++connected === fillers.length) {
            resolve({
              url: `http://127.0.0.1:${port}`,
              close: async () => {
                for (const s of fillers) s.destroy();
                await exited;
              },
            });
          }
        });
      }
    });
  });
}
