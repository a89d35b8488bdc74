import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { formatFailure, validateProject } from '../../tools/sdf-validate';
import { copyFixture, removeCopies, replaceIn } from './support';

afterEach(removeCopies);

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'build/tools/sdf-validate/cli.js');

describe('the sfsync project itself', () => {
  it('passes its own SDF checks', () => {
    const result = validateProject(ROOT);
    expect(result.failures.map(formatFailure)).toEqual([]);
    expect(result.checked.objects).toBeGreaterThan(0);
  });
});

describe('npm run validate (the built CLI)', () => {
  it('prints a summary, says why the SuiteCloud CLI step was skipped and exits 0 when clean', () => {
    const dir = copyFixture();
    const run = spawnSync(process.execPath, [CLI, dir], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('sdf-validate: 13 objects and 6 files checked, no failures');
    expect(run.stdout).toMatch(/suitecloud project:validate skipped: .+/);
  });

  it('prints one line per failure and exits non-zero', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      'src/Objects/custbody_sfsync_opp_id.xml',
      '<fieldtype>TEXT</fieldtype>',
      '<fieldtype>WORD</fieldtype>',
    );
    const run = spawnSync(process.execPath, [CLI, dir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toContain(
      'src/Objects/custbody_sfsync_opp_id.xml: [enum] <fieldtype> of transactionbodycustomfield "custbody_sfsync_opp_id" is "WORD"; ' +
        'expected one of CHECKBOX, CLOBTEXT, CURRENCY, DATE, DATETIMETZ, DOCUMENT, EMAIL, FLOAT, HELP, IMAGE, INLINEHTML, ' +
        'INTEGER, MULTISELECT, PASSWORD, PERCENT, PHONE, RICHTEXT, SELECT, TEXT, TEXTAREA, TIMEOFDAY, URL',
    );
  });
});
