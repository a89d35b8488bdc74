import * as path from 'node:path';
import { formatFailure, validateProject } from './index';
import { runSuiteCloudValidate } from './suitecloud';

/**
 * `npm run validate [-- <projectDir>]`: the project's own SDF checks, then `suitecloud project:validate`
 * where the SuiteCloud CLI and an account are set up. Exits non-zero on any failure.
 */
function main(argv: readonly string[]): number {
  const projectDir = path.resolve(argv[0] ?? process.cwd());
  const { failures, checked } = validateProject(projectDir);
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
