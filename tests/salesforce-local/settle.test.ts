// POST /__local/settle (SalesforceOrg.settle): waits until no request is in flight and no push is left,
// counting requests whose caller already gave up; bounded, naming what is still in flight.
import * as http from 'node:http';
import * as net from 'node:net';
import { LocalOrgError, startSalesforceOrg, type SalesforceOrg } from '../../tools/salesforce-local';
import { fetchToken } from './helpers';

let org: SalesforceOrg;
let token: string;
const accountPath = '/services/data/v62.0/sobjects/Account';

beforeAll(async () => {
  org = await startSalesforceOrg();
  token = await fetchToken(org);
});

afterAll(async () => {
  await org.stop();
});

beforeEach(async () => {
  await org.reset();
});

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<LocalOrgError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof LocalOrgError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

/**
 * Sends a whole request and gives up on it as soon as it is written, the way the NetSuite side gives up
 * at its request timeout: the org still receives and applies it.
 */
function sendAndGiveUp(pathname: string, body: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(pathname, org.instanceUrl), {
      method: 'POST',
      agent: false,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    });
    req.on('error', reject); // after the destroy below: a no-op
    req.end(JSON.stringify(body), () => {
      req.destroy();
      resolve();
    });
  });
}

/** Opens a connection and sends the headers and half of the body of a request, then waits. */
async function halfSentRequest(): Promise<net.Socket> {
  const url = new URL(org.instanceUrl);
  const socket = net.connect(Number(url.port), url.hostname);
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const body = JSON.stringify({ Name: 'Never finished' });
  await new Promise<void>((resolve) =>
    socket.write(
      `POST ${accountPath} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
      () => resolve(),
    ),
  );
  return socket;
}

describe('settle', () => {
  test('with nothing in flight it resolves', async () => {
    await expect(org.settle()).resolves.toBeUndefined();
    await expect(org.settle({ maxMs: 0 })).resolves.toBeUndefined();
  });

  test('a request delayed by a latency fault whose caller gave up: applied by the time settle resolves', async () => {
    await org.fault({ kind: 'latency', ms: 400, times: 1 });
    await sendAndGiveUp(accountPath, { Name: 'Late' });
    await org.settle();
    expect((await org.records('Account')).map((a) => a.Name)).toEqual(['Late']);
    const log = await org.requestLog();
    expect(log.map((e) => [e.method, e.path, e.status])).toEqual([['POST', accountPath, 201]]);
  });

  test('several delayed requests from callers that gave up: all applied', async () => {
    await org.fault({ kind: 'latency', ms: 300, times: 3 });
    for (const name of ['One', 'Two', 'Three']) await sendAndGiveUp(accountPath, { Name: name });
    await org.settle();
    expect((await org.records('Account')).map((a) => a.Name).sort()).toEqual(['One', 'Three', 'Two']);
    expect((await org.requestLog()).map((e) => e.status)).toEqual([201, 201, 201]);
  });

  test('a request that never ends: settle gives up after maxMs naming it; once the client leaves, it resolves', async () => {
    const socket = await halfSentRequest();
    try {
      const err = await rejection(org.settle({ maxMs: 200 }));
      expect(err.errorCode).toBe('SETTLE_TIMEOUT');
      expect(err.status).toBe(503);
      expect(err.message).toMatch(
        /^The org was still busy after 200 ms: POST \/services\/data\/v62\.0\/sobjects\/Account \(for \d+ ms\)$/,
      );
    } finally {
      socket.destroy();
    }
    await org.settle();
    expect(await org.records('Account')).toEqual([]);
  });

  test('an outbound push being delivered keeps the org busy until its receiver answers', async () => {
    let release: () => void = () => undefined;
    let arrived: () => void = () => undefined;
    const received = new Promise<void>((resolve) => (arrived = resolve));
    const receiver = http.createServer((req, res) => {
      req.resume();
      release = () => res.end('ok');
      arrived();
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const port = (receiver.address() as net.AddressInfo).port;
      await org.pushOnChange({ sobject: 'Account', url: `http://127.0.0.1:${port}/hook` });
      await org.insert('Account', { Name: 'Pushed' });
      await received;
      const err = await rejection(org.settle({ maxMs: 200 }));
      expect(err.errorCode).toBe('SETTLE_TIMEOUT');
      expect(err.message).toBe('The org was still busy after 200 ms: outbound pushes still being delivered');
      release();
      await org.settle();
      expect((await org.outboundDeliveries()).map((d) => [d.event, d.status])).toEqual([['created', 200]]);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  test('maxMs must be a number from 0 to 600000', async () => {
    for (const maxMs of [-1, 600_001]) {
      const err = await rejection(org.settle({ maxMs }));
      expect(err).toMatchObject({ status: 400, message: 'maxMs must be a number from 0 to 600000' });
    }
  });
});
