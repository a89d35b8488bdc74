/**
 * Security rules checked on the deployed files themselves: RESTlets and Suitelets are open only to chosen
 * roles; the bundle never runs code from data; SOQL text never puts a value between quotes by hand.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const OBJECTS = path.join(ROOT, 'src', 'Objects');

function files(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? files(full, ext) : d.name.endsWith(ext) ? [full] : [];
  });
}

interface Deployment {
  file: string;
  scriptType: string;
  id: string;
  allroles: string;
  roles: string;
}

function deployments(): Deployment[] {
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
  const out: Deployment[] = [];
  for (const file of files(OBJECTS, '.xml')) {
    const doc = parser.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const scriptType of ['restlet', 'suitelet']) {
      const script = doc[scriptType] as Record<string, unknown> | undefined;
      if (!script) continue;
      const list = (script.scriptdeployments as { scriptdeployment?: unknown } | undefined)?.scriptdeployment;
      for (const d of (Array.isArray(list) ? list : list ? [list] : []) as Array<Record<string, unknown>>) {
        out.push({
          file: path.relative(ROOT, file),
          scriptType,
          id: String(d['@_scriptid'] ?? ''),
          allroles: String(d.allroles ?? ''),
          roles: String(d.audslctrole ?? '').trim(),
        });
      }
    }
  }
  return out;
}

describe('RESTlet and Suitelet deployments', () => {
  const found = deployments();

  test('the project has both kinds (the dashboard and the inbound RESTlet)', () => {
    expect(found.map((d) => d.id)).toEqual(
      expect.arrayContaining(['customdeploy_sfsync_sl_dashboard', 'customdeploy_sfsync_rl_inbound']),
    );
  });

  test('none is open to all roles; each names the roles that may use it', () => {
    const open = found.filter((d) => d.allroles !== 'F' || d.roles === '');
    expect(open.map((d) => `${d.file}: ${d.id} allroles=${d.allroles} audslctrole=${d.roles}`)).toEqual([]);
  });
});

/** String and template text of a TypeScript file, with the line of each. */
function texts(file: string): Array<{ text: string; template: boolean; line: number }> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Array<{ text: string; template: boolean; line: number }> = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isTemplateExpression(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isStringLiteral(node)
    ) {
      out.push({
        text: node.getText(source),
        template: ts.isTemplateExpression(node),
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('the bundle', () => {
  const sources = files(path.join(ROOT, 'bundle'), '.ts');

  test('runs nothing from data: no eval, Function constructor or string timers', () => {
    const bad = sources.flatMap((file) => {
      const code = fs.readFileSync(file, 'utf8');
      return [
        /\beval\s*\(/,
        /\bnew\s+Function\s*\(/,
        /\bFunction\s*\(\s*['"`]/,
        /set(?:Timeout|Interval)\s*\(\s*['"`]/,
      ]
        .filter((pattern) => pattern.test(code))
        .map((pattern) => `${path.relative(ROOT, file)}: ${pattern}`);
    });
    expect(bad).toEqual([]);
  });

  test('SOQL never quotes an interpolated value by hand (values go through soqlString)', () => {
    const bad = sources.flatMap((file) =>
      texts(file)
        .filter((t) => t.template && /\b(SELECT|WHERE|FROM)\b/.test(t.text) && /'\$\{/.test(t.text))
        .map((t) => `${path.relative(ROOT, file)}:${t.line}: ${t.text.slice(0, 80)}`),
    );
    expect(bad).toEqual([]);
  });
});
