import * as path from 'node:path';
import { presentAddOns, validateAddOn } from './addon';
import { formatFailure, validateProject } from './index';
import { runSuiteCloudValidate } from './suitecloud';

/**
 * `npm run validate [-- <projectDir>]`: the project's own SDF checks (the main project, then each opt-in
 * project such as contracts/), then `suitecloud project:validate` where the SuiteCloud CLI and an account
 * are set up. Exits non-zero on any failure.
 */
function main(argv: readonly string[]): number {
  const projectDir = path.resolve(argv[0] ?? process.cwd());
  const main = validateProject(projectDir);
  const addOns = presentAddOns(projectDir).map((folder) => validateAddOn(projectDir, folder));
  const failures = [...main.failures, ...addOns.flatMap((a) => a.failures)];
  const checked = {
    objects: main.checked.objects + addOns.reduce((n, a) => n + a.checked.objects, 0),
    files: main.checked.files,
  };
  if (failures.length > 0) {
    for (const failure of failures) console.error(formatFailure(failure));
    console.error(
      `sdf-validate: ${failures.length} failure(s) in ${checked.objects} objects and ${checked.files} files`,
    );
    return 1;
  }
  console.log(`sdf-validate: ${checked.objects} objects and ${checked.files} files checked, no failures`);
  const suiteCloud = runSuiteCloudValidate(projectDir);
  if (!suiteCloud.ran) {
    console.log(`suitecloud project:validate skipped: ${suiteCloud.reason}`);
    return 0;
  }
  return suiteCloud.status;
}

process.exitCode = main(process.argv.slice(2));
