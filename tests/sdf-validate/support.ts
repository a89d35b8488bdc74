import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatFailure, validateProject } from '../../tools/sdf-validate';
import type { ValidateOptions, ValidationResult } from '../../tools/sdf-validate';

/** A minimal valid SDF project: objects of each kind, built-looking scripts and a bundle naming their IDs. */
export const FIXTURE = path.join(__dirname, 'fixture');

const copies: string[] = [];

/** A fresh copy of the fixture in a temporary directory (removed by `removeCopies`). */
export function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdf-validate-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  copies.push(dir);
  return dir;
}

export function removeCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Replaces text in a file of the copy; fails the test when the text is not there. */
export function replaceIn(dir: string, file: string, search: string | RegExp, replacement: string): void {
  const fullPath = path.join(dir, file);
  const before = fs.readFileSync(fullPath, 'utf8');
  const after = before.replace(search, replacement);
  if (after === before) throw new Error(`${String(search)} not found in ${file}`);
  fs.writeFileSync(fullPath, after);
}

export function writeFile(dir: string, file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
}

/**
 * Validates the copy and expects a failure of `rule` naming `file` (and containing `messagePart`), with no
 * failure of any rule other than `rule` and `alsoAllowed`.
 */
export function expectFailure(
  dir: string,
  rule: string,
  file: string,
  messagePart = '',
  alsoAllowed: readonly string[] = [],
  options: ValidateOptions = {},
): ValidationResult {
  const result = validateProject(dir, options);
  expect(result.failures).toContainEqual({ file, rule, message: expect.stringContaining(messagePart) });
  const unexpected = result.failures.filter(
    (failure) => failure.rule !== rule && !alsoAllowed.includes(failure.rule),
  );
  expect(unexpected.map(formatFailure)).toEqual([]);
  return result;
}

export function expectClean(dir: string, options: ValidateOptions = {}): ValidationResult {
  const result = validateProject(dir, options);
  expect(result.failures.map(formatFailure)).toEqual([]);
  return result;
}
