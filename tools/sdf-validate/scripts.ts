import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectPath } from './files';
import { analyzeScript } from './js-module';
import type { SdfObject } from './objects';
import { API_VERSION, MODULE_SCOPES } from './rules';
import type { ScriptRule } from './rules';
import type { Failure } from './types';
import { childText } from './xml';

/** `[/SuiteScripts/x.js]` -> `src/FileCabinet/SuiteScripts/x.js`, or undefined when not a file reference. */
export function scriptFilePath(reference: string | undefined): string | undefined {
  const body = /^\[(\/[^\]]+)\]$/.exec(reference ?? '')?.[1];
  return body === undefined ? undefined : projectPath('src/FileCabinet', body.slice(1));
}

function checkEntryPoints(rule: ScriptRule, exported: ReadonlySet<string>): string | undefined {
  const missing = rule.allOf.filter((name) => !exported.has(name));
  const anyMissing = rule.anyOf.length > 0 && !rule.anyOf.some((name) => exported.has(name));
  if (missing.length === 0 && !anyMissing) return undefined;
  const needs = [
    ...(rule.allOf.length > 0 ? [rule.allOf.join(' and ')] : []),
    ...(rule.anyOf.length > 0 ? [`at least one of ${rule.anyOf.join(', ')}`] : []),
  ].join(' and ');
  const found = exported.size > 0 ? [...exported].sort().join(', ') : 'nothing';
  return `a ${rule.scriptType} must export ${needs}; it exports ${found}`;
}

/**
 * The built JavaScript of every script object: JSDoc header (@NApiVersion 2.1, @NScriptType matching the
 * object type, @NModuleScope), exactly one define call, and the entry points its type needs (facts §2.1).
 * A missing file is reported by the reference check of the object.
 */
export function checkScripts(projectDir: string, objects: readonly SdfObject[], failures: Failure[]): void {
  const seen = new Set<string>();
  for (const object of objects) {
    const rule = object.rule.script;
    const file = scriptFilePath(childText(object.root, 'scriptfile'));
    if (!rule || file === undefined || !fs.existsSync(path.join(projectDir, file))) continue;
    if (seen.has(`${file}\n${rule.scriptType}`)) continue;
    seen.add(`${file}\n${rule.scriptType}`);

    const fail = (ruleName: string, message: string): void => {
      failures.push({ file, rule: ruleName, message: `${message} (script of ${object.file})` });
    };
    const analyzed = analyzeScript(fs.readFileSync(path.join(projectDir, file), 'utf8'));
    if (!analyzed.ok) {
      fail('script-parse', `not valid JavaScript: ${analyzed.error}`);
      continue;
    }
    const { headerTags, defineCalls, exported } = analyzed.facts;
    const apiVersion = headerTags.get('NApiVersion');
    if (apiVersion !== API_VERSION) {
      fail(
        'api-version',
        `JSDoc header must declare @NApiVersion ${API_VERSION}; found ${apiVersion ?? 'none'}`,
      );
    }
    const scriptType = headerTags.get('NScriptType');
    if (scriptType !== rule.scriptType) {
      fail(
        'script-type',
        `@NScriptType is ${scriptType ?? 'missing'}; a ${object.type} needs @NScriptType ${rule.scriptType}`,
      );
    }
    const moduleScope = headerTags.get('NModuleScope');
    if (moduleScope === undefined || !MODULE_SCOPES.includes(moduleScope)) {
      fail(
        'module-scope',
        `JSDoc header must declare @NModuleScope (${MODULE_SCOPES.join(', ')}); found ${moduleScope ?? 'none'}`,
      );
    }
    if (defineCalls !== 1) {
      fail('define-count', `must contain exactly one define(...) call; found ${defineCalls}`);
    }
    const entryPoints = checkEntryPoints(rule, exported);
    if (entryPoints !== undefined) fail('entry-points', entryPoints);
  }
}
