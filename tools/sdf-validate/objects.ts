import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, projectPath } from './files';
import { ENUMS, OBJECT_TYPES, SCRIPTID_PATTERN } from './rules';
import type { ElementRules, IdRule, ObjectTypeRule } from './rules';
import type { Failure, Report } from './types';
import { child, descendants, parseXml } from './xml';
import type { XmlElement } from './xml';

/** A well-formed object of a known type, read from src/Objects. */
export interface SdfObject {
  /** Project-relative path of the XML file. */
  file: string;
  type: string;
  scriptid: string;
  root: XmlElement;
  rule: ObjectTypeRule;
}

export interface ObjectIndex {
  objects: SdfObject[];
  /** Every defined scriptid -> the scriptid of the object it is nested in (null for a root object). */
  ids: Map<string, string | null>;
  /** Number of XML files read from src/Objects. */
  count: number;
}

const OBJECTS_DIR = 'src/Objects';

function reporter(failures: Failure[], file: string): Report {
  return (rule, message) => failures.push({ file, rule, message });
}

/** The nested objects of a root object, with the rule that applies to each. */
export function nestedObjects(
  object: SdfObject,
): Array<{ element: XmlElement; rule: ObjectTypeRule['nested'][number] }> {
  return object.rule.nested.flatMap((rule) => {
    const container = child(object.root, rule.container);
    if (!container) return [];
    return container.children
      .filter((element) => element.name === rule.element)
      .map((element) => ({ element, rule }));
  });
}

/**
 * Reads every XML file under src/Objects: reports malformed files, unknown root types, missing scriptids and
 * file names that differ from the scriptid (facts §1.1), and collects the IDs the project defines.
 */
export function loadObjects(projectDir: string, failures: Failure[]): ObjectIndex {
  const objects: SdfObject[] = [];
  const ids = new Map<string, string | null>();
  const definedIn = new Map<string, string>();
  const xmlFiles = listFiles(path.join(projectDir, OBJECTS_DIR)).filter((file) => file.endsWith('.xml'));

  for (const relative of xmlFiles) {
    const file = projectPath(OBJECTS_DIR, relative);
    const fail = reporter(failures, file);
    const parsed = parseXml(fs.readFileSync(path.join(projectDir, file), 'utf8'));
    if (!parsed.ok) {
      fail('xml-malformed', parsed.error);
      continue;
    }
    const { root } = parsed;
    const rule = OBJECT_TYPES[root.name];
    if (!rule) {
      fail('unknown-type', `root element <${root.name}> is not a known SDF object type`);
      continue;
    }
    const scriptid = root.attrs.scriptid;
    if (!scriptid) {
      fail('id-missing', `<${root.name}> has no scriptid attribute`);
      continue;
    }
    const baseName = path.posix.basename(relative, '.xml');
    if (baseName !== scriptid) {
      fail(
        'file-name',
        `file name "${baseName}.xml" must equal the scriptid "${scriptid}" (expected ${scriptid}.xml)`,
      );
    }
    const object: SdfObject = { file, type: root.name, scriptid, root, rule };
    objects.push(object);

    const define = (id: string, parent: string | null): void => {
      const earlier = definedIn.get(id);
      if (earlier !== undefined) {
        fail('id-duplicate', `scriptid "${id}" is already defined in ${earlier}`);
        return;
      }
      definedIn.set(id, file);
      ids.set(id, parent);
    };
    define(scriptid, null);
    for (const { element } of nestedObjects(object)) {
      const nestedId = element.attrs.scriptid;
      if (nestedId) define(nestedId, scriptid);
    }
  }
  return { objects, ids, count: xmlFiles.length };
}

function checkId(id: string, rule: IdRule, what: string, fail: Report): void {
  if (!id.startsWith(rule.prefix) || id.length === rule.prefix.length) {
    fail('id-prefix', `scriptid "${id}" of ${what} must start with "${rule.prefix}" and continue after it`);
  }
  if (id.length > rule.maxLength) {
    fail(
      'id-length',
      `scriptid "${id}" of ${what} is ${id.length} characters long; at most ${rule.maxLength}`,
    );
  }
  if (!SCRIPTID_PATTERN.test(id)) {
    fail('id-chars', `scriptid "${id}" of ${what} may contain only a-z, 0-9 and _`);
  }
}

const SCRIPTID_REFERENCE = /^\[scriptid=[^\]]*\]$/;

function checkElements(element: XmlElement, rules: ElementRules, what: string, fail: Report): void {
  for (const name of rules.required) {
    if (!child(element, name)?.text) fail('required', `${what} lacks <${name}>`);
  }
  const fieldtype = child(element, 'fieldtype')?.text;
  if (rules.selectNeedsRecordType && (fieldtype === 'SELECT' || fieldtype === 'MULTISELECT')) {
    if (!child(element, 'selectrecordtype')?.text) {
      fail('required', `${what} is a ${fieldtype} field and lacks <selectrecordtype>`);
    }
  }
  for (const [name, enumName] of Object.entries(rules.enums ?? {})) {
    const value = child(element, name)?.text;
    if (value && !ENUMS[enumName].includes(value)) {
      fail('enum', `<${name}> of ${what} is "${value}"; expected one of ${ENUMS[enumName].join(', ')}`);
    }
  }
  for (const [name, enumName] of Object.entries(rules.multiEnums ?? {})) {
    const value = child(element, name)?.text;
    if (!value) continue;
    for (const part of value.split('|')) {
      if (!ENUMS[enumName].includes(part.trim())) {
        fail('enum', `<${name}> of ${what} lists "${part}"; expected values of ${enumName} separated by |`);
      }
    }
  }
  for (const [name, max] of Object.entries(rules.maxLengths ?? {})) {
    const value = child(element, name)?.text;
    if (value && !SCRIPTID_REFERENCE.test(value) && value.length > max) {
      fail('value-length', `<${name}> of ${what} is ${value.length} characters long; at most ${max}`);
    }
  }
}

/** Whether `[scriptid=a]` or `[scriptid=a.b]` names an object of the project (b nested in a) or an allowed one. */
function referenceResolves(reference: string, index: ObjectIndex, externalIds: ReadonlySet<string>): boolean {
  if (externalIds.has(reference)) return true;
  const parts = reference.split('.');
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (externalIds.has(first)) return parts.length === 1 || externalIds.has(last);
  if (index.ids.get(first) !== null) return false;
  if (parts.length === 1) return true;
  return parts.length === 2 ? index.ids.get(last) === first : index.ids.has(last);
}

/** `[scriptid=…]` and file references inside an object (facts §1.4). */
function checkReferences(
  object: SdfObject,
  projectDir: string,
  index: ObjectIndex,
  externalIds: ReadonlySet<string>,
  fail: Report,
): void {
  for (const element of descendants(object.root)) {
    for (const match of element.text.matchAll(/\[([^\]]*)\]/g)) {
      const body = match[1] ?? '';
      if (body.startsWith('/')) {
        if (!fs.existsSync(path.join(projectDir, 'src/FileCabinet', body))) {
          const rule = element.name === 'scriptfile' ? 'scriptfile' : 'file-ref';
          fail(
            rule,
            `<${element.name}> references ${body}, which is not under src/FileCabinet (after the build)`,
          );
        }
        continue;
      }
      // assumption: `[appid=…, scriptid=…]` names an object of another SuiteApp, which this project cannot see.
      if (/^appid=/.test(body)) continue;
      const scriptid = /^scriptid=(.+)$/.exec(body)?.[1];
      if (scriptid !== undefined && !referenceResolves(scriptid.trim(), index, externalIds)) {
        fail(
          'reference',
          `<${element.name}> references [scriptid=${scriptid}], which no object of the project defines`,
        );
      }
    }
  }
}

/** ID, required-element, enumeration and reference rules of one object and its nested objects. */
export function checkObject(
  object: SdfObject,
  projectDir: string,
  index: ObjectIndex,
  externalIds: ReadonlySet<string>,
  failures: Failure[],
): void {
  const fail = reporter(failures, object.file);
  const what = `${object.type} "${object.scriptid}"`;
  checkId(object.scriptid, object.rule.id, object.type, fail);
  checkElements(object.root, object.rule.elements, what, fail);
  for (const { element, rule } of nestedObjects(object)) {
    const nestedId = element.attrs.scriptid;
    if (!nestedId) {
      fail('id-missing', `a <${rule.element}> of ${what} has no scriptid attribute`);
      continue;
    }
    checkId(nestedId, rule.id, `${rule.element} of ${what}`, fail);
    checkElements(element, rule.elements, `${rule.element} "${nestedId}" of ${what}`, fail);
  }
  checkReferences(object, projectDir, index, externalIds, fail);
}
