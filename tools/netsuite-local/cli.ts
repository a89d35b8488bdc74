// Command line: loads the project, serves its RESTlets and Suitelets on 127.0.0.1, prints one JSON line
// {"url": "..."} and serves until killed (SIGINT/SIGTERM save the state first when --state is given).
//   node build/tools/netsuite-local/cli.js [--project DIR] [--state FILE] [--port N] [--secrets FILE]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRuntime } from './index';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const projectDir = path.resolve(option('--project') ?? process.cwd());
  const statePath = option('--state');
  const defaultSecrets = path.join(projectDir, '.local', 'netsuite-secrets.json');
  const secretsFile = option('--secrets') ?? (fs.existsSync(defaultSecrets) ? defaultSecrets : undefined);
  const runtime = createRuntime({ projectDir, statePath: statePath && path.resolve(statePath), secretsFile });
  const server = await runtime.listen(Number(option('--port') ?? 0));
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    if (statePath) runtime.saveState();
    void runtime.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
