import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SdfObject } from './objects';
import type { Failure } from './types';
import { descendants, parseXml } from './xml';

/** The object a `[scriptid=a.b]` or `[appid=x, scriptid=a]` reference names first (`a`), if any. */
export function referencedIds(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(/\[([^\]]*)\]/g)) {
    const scriptid = /(?:^|,)\s*scriptid=([^,\]]+)/.exec(match[1] ?? '')?.[1];
    if (scriptid) ids.push(scriptid.trim().split('.')[0] ?? '');
  }
  return ids;
}

/**
 * The default project must deploy to an account without the SuiteApps whose IDs are given: none of its
 * objects may reference one of them (`[scriptid=…]`, or a bare record type), and its manifest may not
 * declare one as a dependency. Their objects belong in an opt-in project (contracts/).
 */
export function checkNoSuiteAppReferences(
  projectDir: string,
  objects: readonly SdfObject[],
  suiteAppIds: ReadonlySet<string>,
  failures: Failure[],
): void {
  if (suiteAppIds.size === 0) return;
  const message = (id: string, where: string) =>
    `${where} names ${id} of another SuiteApp, so a deploy to an account without that SuiteApp would fail; keep it in the opt-in project (contracts/)`;
  for (const object of objects) {
    for (const element of descendants(object.root)) {
      const bare = /recordtype$/.test(element.name) && suiteAppIds.has(element.text) ? [element.text] : [];
      for (const id of [...referencedIds(element.text), ...bare]) {
        if (suiteAppIds.has(id))
          failures.push({
            file: object.file,
            rule: 'suiteapp-reference',
            message: message(id, `<${element.name}>`),
          });
      }
    }
  }
  const manifest = path.join(projectDir, 'src/manifest.xml');
  if (!fs.existsSync(manifest)) return;
  const parsed = parseXml(fs.readFileSync(manifest, 'utf8'));
  if (!parsed.ok) return;
  for (const element of descendants(parsed.root)) {
    if (element.name === 'object' && suiteAppIds.has(element.text))
      failures.push({
        file: 'src/manifest.xml',
        rule: 'suiteapp-reference',
        message: message(element.text, 'a manifest dependency'),
      });
  }
}
