import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { listFiles, projectPath } from './files';
import { BUNDLE_ID_PREFIXES } from './rules';
import type { Failure } from './types';

/** A NetSuite ID found in a string literal of the bundle. */
export interface IdUse {
  id: string;
  line: number;
}

const ID_PATTERN = new RegExp(`\\b(?:${BUNDLE_ID_PREFIXES.join('|')})_[A-Za-z0-9_]*`, 'g');

/**
 * NetSuite IDs named in the string literals and template parts of a TypeScript source. Comments do not count;
 * neither do names that end in `_` (prefixes used to build names) nor a name cut off by a `${…}` substitution.
 */
export function findIdUses(source: string, fileName = 'file.ts'): IdUse[] {
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const uses: IdUse[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const text = node.text;
      const cutAtEnd = ts.isTemplateHead(node) || ts.isTemplateMiddle(node);
      const cutAtStart = ts.isTemplateMiddle(node) || ts.isTemplateTail(node);
      for (const match of text.matchAll(ID_PATTERN)) {
        const id = match[0];
        const index = match.index ?? 0;
        if (id.endsWith('_')) continue;
        if (cutAtEnd && index + id.length === text.length) continue;
        if (cutAtStart && index === 0) continue;
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        uses.push({ id, line });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return uses;
}

/** Every ID the bundle (bundle/**\/*.ts) names must be defined by an object of the project or be allowed. */
export function checkBundleIds(
  projectDir: string,
  isDefined: (id: string) => boolean,
  failures: Failure[],
): number {
  const files = listFiles(path.join(projectDir, 'bundle')).filter((file) => file.endsWith('.ts'));
  for (const relative of files) {
    const file = projectPath('bundle', relative);
    const reported = new Set<string>();
    for (const use of findIdUses(fs.readFileSync(path.join(projectDir, file), 'utf8'), file)) {
      if (isDefined(use.id) || reported.has(use.id)) continue;
      reported.add(use.id);
      failures.push({
        file,
        rule: 'bundle-id',
        message: `line ${use.line}: "${use.id}" is not defined by any object under src/Objects (nor allowed in external-ids.ts)`,
      });
    }
  }
  return files.length;
}
