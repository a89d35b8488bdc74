/**
 * The go-live page in headless Chromium, served by the local NetSuite runtime over HTTP: pressing a button
 * starts its job and lands on the page again (post/redirect/get), so a reload starts nothing more; a form on
 * another site that posts to the page is refused with a page saying why, and starts nothing.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { GOLIVE_SCRIPTS } from '../../bundle/catalogue';
import { startStack, type Stack } from '../../tools/demo/stack';

const CHROMIUM = '/usr/bin/chromium';
const browserTest = fs.existsSync(CHROMIUM) ? describe : describe.skip;

let stack: Stack;
let server: { url: string; close(): Promise<void> };
let attacker: http.Server;
let attackerUrl = '';
let context: BrowserContext;
let page: Page;
let profileDir: string;

browserTest('go-live page in Chromium', () => {
  beforeAll(async () => {
    stack = await startStack();
    server = await stack.ns.listen(0);
    // Another site: "localhost" is a different host (so a different site) from the page's 127.0.0.1.
    attacker = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(
        `<!doctype html><html><body><form method="POST" action="${pageUrl()}"><input type="hidden" name="action" value="recon"><button type="submit">Win a prize</button></form></body></html>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`;
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfsync-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
  });
  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
    await server?.close();
    await stack?.close();
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  const pageUrl = () =>
    `${server.url}/app/site/hosting/scriptlet.nl?script=${GOLIVE_SCRIPTS.page.script}&deploy=${GOLIVE_SCRIPTS.page.deploy}`;
  const reconJobs = () => stack.ns.tasks.filter((t) => t.scriptId === GOLIVE_SCRIPTS.recon.script).length;

  test('a form on another site that posts to the page is refused and starts nothing', async () => {
    await page.goto(attackerUrl);
    await page.getByRole('button', { name: 'Win a prize' }).click();
    await page.waitForLoadState();
    expect(await page.title()).toBe('403 Forbidden — sfsync go-live');
    expect(await page.textContent('#refused')).toBe(
      'sfsync refused this request: it may not have been sent from the sfsync go-live page. The browser reported that the form came from another site (Sec-Fetch-Site: cross-site).',
    );
    expect(reconJobs()).toBe(0);
  });

  test('Run reconciliation now starts one job; reloading the page it lands on starts none', async () => {
    await page.goto(pageUrl());
    expect(await page.title()).toBe('sfsync — going live');
    await page.getByRole('button', { name: 'Run reconciliation now' }).click();
    await page.waitForURL(/custparam_done=recon/);
    expect(await page.getByRole('status').textContent()).toBe(
      'Reconciliation started. Reload this page when it has finished.',
    );
    expect(reconJobs()).toBe(1);
    await page.reload();
    await page.reload();
    expect(await page.getByRole('status').textContent()).toBe(
      'Reconciliation started. Reload this page when it has finished.',
    );
    expect(reconJobs()).toBe(1);
  });
});
