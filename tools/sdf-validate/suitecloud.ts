import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type SuiteCloudOutcome = { ran: false; reason: string } | { ran: true; status: number };

/** Why `suitecloud project:validate` cannot run here, or undefined when it can. */
export function suiteCloudUnavailable(projectDir: string): string | undefined {
  const cli = path.join(projectDir, 'node_modules/.bin/suitecloud');
  if (!fs.existsSync(cli)) return 'the SuiteCloud CLI (@oracle/suitecloud-cli) is not installed';
  const projectJson = path.join(projectDir, 'project.json');
  if (!fs.existsSync(projectJson)) return 'project.json is missing (run suitecloud account:setup)';
  try {
    const { defaultAuthId } = JSON.parse(fs.readFileSync(projectJson, 'utf8')) as { defaultAuthId?: unknown };
    if (typeof defaultAuthId !== 'string' || defaultAuthId === '') return 'project.json has no defaultAuthId';
  } catch {
    return 'project.json is not valid JSON';
  }
  return undefined;
}

/** Runs `suitecloud project:validate` in the project when the CLI and an auth ID are there. */
export function runSuiteCloudValidate(projectDir: string): SuiteCloudOutcome {
  const reason = suiteCloudUnavailable(projectDir);
  if (reason !== undefined) return { ran: false, reason };
  const cli = path.join(projectDir, 'node_modules/.bin/suitecloud');
  const result = spawnSync(cli, ['project:validate'], { cwd: projectDir, stdio: 'inherit' });
  return { ran: true, status: result.status ?? 1 };
}
