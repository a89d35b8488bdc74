import { checkBundleIds } from './bundle-ids';
import { checkDeployCoverage, checkManifest } from './deploy';
import { EXTERNAL_IDS, SUITEAPP_IDS } from './external-ids';
import { checkObject, loadObjects } from './objects';
import { checkScripts } from './scripts';
import { checkNoSuiteAppReferences } from './suiteapps';
import type { Failure, ValidationResult } from './types';

export type { Failure, ValidationResult } from './types';
export { ADDON_PROJECTS, presentAddOns, validateAddOn } from './addon';

export interface ValidateOptions {
  /** IDs defined outside the project (other SuiteApps); defaults to the list in external-ids.ts. */
  externalIds?: readonly string[];
  /**
   * IDs of SuiteApps the default project must not depend on (SUITEAPP_IDS of external-ids.ts): the bundle may
   * name them, its objects may not reference them.
   */
  suiteAppIds?: readonly string[];
}

/**
 * Checks the SDF project under `<projectDir>/src` and the TypeScript bundle under `<projectDir>/bundle`
 * against the project's own rules (rules.ts). Scripts are checked in their built form, so run the build first.
 */
export function validateProject(projectDir: string, options: ValidateOptions = {}): ValidationResult {
  const failures: Failure[] = [];
  const externalIds = new Set(options.externalIds ?? EXTERNAL_IDS);
  const suiteAppIds = new Set(options.suiteAppIds ?? SUITEAPP_IDS);

  checkManifest(projectDir, failures);
  const index = loadObjects(projectDir, failures);
  for (const object of index.objects) checkObject(object, projectDir, index, externalIds, failures);
  checkScripts(projectDir, index.objects, failures);
  checkNoSuiteAppReferences(projectDir, index.objects, suiteAppIds, failures);
  checkBundleIds(
    projectDir,
    (id) => index.ids.has(id) || externalIds.has(id) || suiteAppIds.has(id),
    failures,
  );
  const files = checkDeployCoverage(projectDir, failures);

  return { failures, checked: { objects: index.count, files } };
}

/** One line per failure: `<file>: [<rule>] <message>`. */
export function formatFailure(failure: Failure): string {
  return `${failure.file}: [${failure.rule}] ${failure.message}`;
}
