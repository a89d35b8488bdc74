// The command line server: `npm run netsuite:local -- --state FILE --port 0` (built to build/tools).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { FIXTURE } from './support/fixture';

const CLI = path.join(__dirname, '..', '..', 'build', 'tools', 'netsuite-local', 'cli.js');

test('prints {url}, serves RESTlets until killed, and saves the state on SIGTERM', async () => {
  const state = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ns-cli-')), 'state.json');
  const child = spawn(process.execPath, [CLI, '--project', FIXTURE, '--state', state, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', () => reject(new Error('the CLI exited before printing its URL')));
    });
    const { url } = JSON.parse(line) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(
      `${url}/app/site/hosting/restlet.nl?script=customscript_fx_rl&deploy=customdeploy_fx_rl`,
      {
        headers: { 'Content-Type': 'application/json' },
      },
    );
    expect(await res.json()).toMatchObject({ prefix: 'fx', customers: 0, context: 'RESTLET' });
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  const saved = JSON.parse(fs.readFileSync(state, 'utf8')) as { records: Record<string, unknown[]> };
  expect(Object.keys(saved.records).sort()).toEqual(['currency', 'pricelevel', 'subsidiary']);
});
