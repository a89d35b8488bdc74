import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files below `dir` (recursively), as paths relative to `dir` with `/`; none when `dir` does not exist. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (relative: string): void => {
    const entries = fs.readdirSync(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const next = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(next);
      else if (entry.isFile()) found.push(next);
    }
  };
  walk('');
  return found;
}

/** Joins path parts into a project-relative display path with `/`. */
export function projectPath(...parts: string[]): string {
  return parts.filter((part) => part !== '').join('/');
}
