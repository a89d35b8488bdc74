import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDeployCoverage, checkManifest } from './deploy';
import { checkObject, loadObjects } from './objects';
import { checkScripts, scriptFilePath } from './scripts';
import type { Failure, ValidationResult } from './types';
import { child, childText, descendants, parseXml } from './xml';

/**
 * Opt-in SDF projects, each in a folder of the project (`<folder>/src/manifest.xml`, `deploy.xml`,
 * `Objects/`), deployed after the main project with their own command. contracts/ holds the objects that
 * need the Contract Renewals SuiteApp.
 */
export const ADDON_PROJECTS: readonly string[] = ['contracts'];

export interface Dependencies {
  objects: Set<string>;
  files: Set<string>;
}

/** `<dependencies>` of a manifest: account objects (also those under `<applications>`) and files. */
export function manifestDependencies(manifestXml: string): Dependencies {
  const found: Dependencies = { objects: new Set(), files: new Set() };
  const parsed = parseXml(manifestXml);
  const dependencies = parsed.ok ? child(parsed.root, 'dependencies') : undefined;
  for (const element of dependencies ? descendants(dependencies) : []) {
    if (element.name === 'object' && element.text) found.objects.add(element.text);
    if (element.name === 'file' && element.text) found.files.add(element.text);
  }
  return found;
}

/**
 * Checks the opt-in project in `<projectDir>/<folder>` with the rules of the main project, plus: its objects
 * reference only its own objects and the account objects its manifest declares; the script files it names are
 * declared file dependencies, built and deployed by the main project (so they are checked there, under
 * src/FileCabinet); its scriptids differ from the main project's.
 */
export function validateAddOn(projectDir: string, folder: string): ValidationResult {
  const dir = path.join(projectDir, folder);
  const own: Failure[] = [];
  const inMain: Failure[] = [];
  checkManifest(dir, own);
  const manifest = path.join(dir, 'src/manifest.xml');
  const declared = fs.existsSync(manifest)
    ? manifestDependencies(fs.readFileSync(manifest, 'utf8'))
    : { objects: new Set<string>(), files: new Set<string>() };
  const index = loadObjects(dir, own);
  const mainIds = loadObjects(projectDir, []).ids;
  for (const [id, parent] of index.ids) {
    if (mainIds.has(id))
      own.push({
        file: `src/Objects/${parent ?? id}.xml`,
        rule: 'id-duplicate',
        message: `scriptid "${id}" is also defined by the main project (src/Objects)`,
      });
  }
  for (const object of index.objects) {
    // File references resolve in the main project's File Cabinet, where the build puts the scripts.
    checkObject(object, projectDir, index, declared.objects, own);
    const scriptfile = childText(object.root, 'scriptfile');
    const reference = /^\[(\/[^\]]+)\]$/.exec(scriptfile ?? '')?.[1];
    if (reference && !declared.files.has(reference)) {
      own.push({
        file: object.file,
        rule: 'addon-dependency',
        message: `<scriptfile> ${reference} is not declared under <dependencies><files> of ${folder}/src/manifest.xml; the main project deploys it, so this project must declare it`,
      });
    }
  }
  for (const file of declared.files) {
    const built = scriptFilePath(`[${file}]`);
    if (built && !fs.existsSync(path.join(projectDir, built))) {
      own.push({
        file: 'src/manifest.xml',
        rule: 'addon-dependency',
        message: `file dependency ${file} is not built by the main project (no ${built})`,
      });
    }
  }
  checkScripts(projectDir, index.objects, inMain);
  checkDeployCoverage(dir, own);
  const failures = [...own.map((failure) => ({ ...failure, file: `${folder}/${failure.file}` })), ...inMain];
  return { failures, checked: { objects: index.count, files: 0 } };
}

/** The opt-in projects present in `projectDir` (those with a manifest). */
export function presentAddOns(projectDir: string): string[] {
  return ADDON_PROJECTS.filter((folder) => fs.existsSync(path.join(projectDir, folder, 'src/manifest.xml')));
}
