// The default project stays free of the Contract Renewals SuiteApp; the opt-in project under contracts/ holds
// what needs it and is checked by the same rules plus its own (manifest dependencies).
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { formatFailure, presentAddOns, validateAddOn, validateProject } from '../../tools/sdf-validate';
import { copyFixture, expectFailure, removeCopies, replaceIn, writeFile } from './support';

afterEach(removeCopies);

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'build/tools/sdf-validate/cli.js');

const MANIFEST = (objects: string, files: string) => `<manifest projecttype="ACCOUNTCUSTOMIZATION">
  <projectname>addon</projectname>
  <frameworkversion>1.0</frameworkversion>
  <dependencies>
    <features>
      <feature required="true">SERVERSIDESCRIPTING</feature>
      <feature required="true">CUSTOMRECORDS</feature>
    </features>
    <objects>${objects}</objects>
    <files>${files}</files>
  </dependencies>
</manifest>
`;

const SCRIPT = (scriptid = 'customscript_sfsync_ue_contract') => `<usereventscript scriptid="${scriptid}">
  <name>sfsync Contract</name>
  <scriptfile>[/SuiteScripts/sfsync/entry/ue_salesorder.js]</scriptfile>
  <scriptdeployments>
    <scriptdeployment scriptid="customdeploy_sfsync_ue_contract">
      <status>RELEASED</status>
      <recordtype>[scriptid=customrecord_contracts]</recordtype>
    </scriptdeployment>
  </scriptdeployments>
</usereventscript>
`;

const OBJECT = '<object>customrecord_contracts</object>';
const FILE = '<file>/SuiteScripts/sfsync/entry/ue_salesorder.js</file>';

/** The fixture with an opt-in project in contracts/. */
function withAddOn(manifest = MANIFEST(OBJECT, FILE), script = SCRIPT()): string {
  const dir = copyFixture();
  writeFile(dir, 'contracts/src/manifest.xml', manifest);
  writeFile(
    dir,
    'contracts/src/deploy.xml',
    '<deploy><objects><path>~/Objects/*</path></objects></deploy>\n',
  );
  writeFile(dir, 'contracts/src/Objects/customscript_sfsync_ue_contract.xml', script);
  return dir;
}

const failuresOf = (dir: string) => validateAddOn(dir, 'contracts').failures;

describe('the default project deploys without the SuiteApp', () => {
  it('the sfsync project references none of its IDs, and its opt-in project passes', () => {
    const main = validateProject(ROOT).failures;
    expect(main.filter((f) => f.rule === 'suiteapp-reference').map(formatFailure)).toEqual([]);
    expect(presentAddOns(ROOT)).toEqual(['contracts']);
    expect(validateAddOn(ROOT, 'contracts').failures.map(formatFailure)).toEqual([]);
  });

  it('a deployment on a SuiteApp record type in src/Objects is refused', () => {
    const dir = copyFixture();
    writeFile(dir, 'src/Objects/customscript_sfsync_ue_contract.xml', SCRIPT());
    expectFailure(
      dir,
      'suiteapp-reference',
      'src/Objects/customscript_sfsync_ue_contract.xml',
      'names customrecord_contracts of another SuiteApp',
      ['reference'],
    );
  });

  it('a manifest dependency on a SuiteApp object is refused', () => {
    const dir = copyFixture();
    replaceIn(dir, 'src/manifest.xml', '</features>', `</features><objects>${OBJECT}</objects>`);
    expectFailure(
      dir,
      'suiteapp-reference',
      'src/manifest.xml',
      'a manifest dependency names customrecord_contracts',
    );
  });
});

describe('the opt-in project', () => {
  it('passes when it declares the SuiteApp object and the main project file it uses', () => {
    const dir = withAddOn();
    expect(failuresOf(dir).map(formatFailure)).toEqual([]);
    expect(validateProject(dir).failures.map(formatFailure)).toEqual([]);
  });

  it('must declare the SuiteApp objects it references', () => {
    expect(failuresOf(withAddOn(MANIFEST('', FILE)))).toEqual([
      {
        file: 'contracts/src/Objects/customscript_sfsync_ue_contract.xml',
        rule: 'reference',
        message: expect.stringContaining('[scriptid=customrecord_contracts]'),
      },
    ]);
  });

  it('must declare the script files the main project deploys for it, and they must be built', () => {
    expect(failuresOf(withAddOn(MANIFEST(OBJECT, '')))).toEqual([
      {
        file: 'contracts/src/Objects/customscript_sfsync_ue_contract.xml',
        rule: 'addon-dependency',
        message: expect.stringContaining('/SuiteScripts/sfsync/entry/ue_salesorder.js is not declared'),
      },
    ]);
    const extra = `${FILE}<file>/SuiteScripts/sfsync/entry/ue_missing.js</file>`;
    expect(failuresOf(withAddOn(MANIFEST(OBJECT, extra)))).toEqual([
      {
        file: 'contracts/src/manifest.xml',
        rule: 'addon-dependency',
        message: expect.stringContaining('/SuiteScripts/sfsync/entry/ue_missing.js is not built'),
      },
    ]);
  });

  it('may not redefine an object of the main project', () => {
    const failures = failuresOf(withAddOn(undefined, SCRIPT('customscript_sfsync_ue_salesorder')));
    expect(failures).toContainEqual(expect.objectContaining({ rule: 'id-duplicate' }));
  });

  it('npm run validate checks it too', () => {
    const dir = withAddOn(MANIFEST('', FILE));
    const run = spawnSync(process.execPath, [CLI, dir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('contracts/src/Objects/customscript_sfsync_ue_contract.xml: [reference]');
    const clean = spawnSync(process.execPath, [CLI, withAddOn()], { encoding: 'utf8' });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('sdf-validate: 14 objects and 6 files checked, no failures');
  });
});
