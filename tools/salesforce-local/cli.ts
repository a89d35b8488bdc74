// Command line: `npm run --silent salesforce:local -- --port 0` starts the org and prints one JSON line
// ({instanceUrl, tokenUrl, clientId, clientSecret, apiVersion}) on stdout, then serves until stopped
// (Ctrl-C, SIGTERM, POST /__local/stop, or — with --exit-with-stdin — when its parent closes stdin).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startServer, type ServerOptions } from './server';

/** The nearest directory above `from` that has a package.json (the project root, from source or build/). */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

const USAGE = `Usage: salesforce-local [--port N] [--project-dir DIR] [--api-limit N] [--api-version NN.0]
                        [--client-id ID] [--client-secret SECRET] [--single-currency] [--exit-with-stdin]`;

export function parseArgs(argv: string[]): ServerOptions & { exitWithStdin: boolean } {
  const out: ServerOptions & { exitWithStdin: boolean } = { projectDir: projectRoot(), exitWithStdin: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    switch (arg) {
      case '--port':
        out.port = Number(value());
        break;
      case '--project-dir':
        out.projectDir = path.resolve(value());
        break;
      case '--api-limit':
        out.apiLimit = Number(value());
        break;
      case '--api-version':
        out.defaultApiVersion = value();
        break;
      case '--client-id':
        out.clientId = value();
        break;
      case '--client-secret':
        out.clientSecret = value();
        break;
      case '--single-currency':
        out.multiCurrency = false;
        break;
      case '--exit-with-stdin':
        out.exitWithStdin = true;
        break;
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${arg}\n${USAGE}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const server = await startServer({ ...options, onStop: () => process.exit(0) });
  process.stdout.write(`${JSON.stringify(server.info)}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (options.exitWithStdin) {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
