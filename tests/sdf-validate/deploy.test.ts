import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployPattern } from '../../tools/sdf-validate/deploy';
import { copyFixture, expectClean, expectFailure, removeCopies, replaceIn, writeFile } from './support';

afterEach(removeCopies);

describe('deploy.xml path patterns', () => {
  it('treats a trailing /* as everything below the folder', () => {
    const matches = deployPattern('~/FileCabinet/*');
    expect(matches('FileCabinet/SuiteScripts/sfsync/entry/ue.js')).toBe(true);
    expect(matches('FileCabinet/a.js')).toBe(true);
    expect(matches('Objects/custbody_x.xml')).toBe(false);
  });

  it('matches other wildcards within one folder, ** across folders and exact paths exactly', () => {
    expect(deployPattern('~/Objects/*.xml')('Objects/custbody_x.xml')).toBe(true);
    expect(deployPattern('~/Objects/*.xml')('Objects/sub/custbody_x.xml')).toBe(false);
    expect(deployPattern('~/Objects/**/*.xml')('Objects/sub/custbody_x.xml')).toBe(true);
    expect(deployPattern('~/Objects/**/*.xml')('Objects/custbody_x.xml')).toBe(true);
    expect(deployPattern('~/Objects/custbody_x.xml')('Objects/custbody_x.xml')).toBe(true);
    expect(deployPattern('~/Objects/custbody_x.xml')('Objects/custbody_x.xml.bak')).toBe(false);
  });
});

describe('rule 5: deploy.xml covers every file and object; manifest.xml', () => {
  it('reports a File Cabinet file outside every <path>', () => {
    const dir = copyFixture();
    replaceIn(dir, 'src/deploy.xml', '~/FileCabinet/*', '~/FileCabinet/SuiteScripts/sfsync/entry/*');
    const result = expectFailure(dir, 'deploy-coverage', 'src/FileCabinet/SuiteScripts/sfsync/core/ids.js');
    expect(result.failures).toHaveLength(1);
  });

  it('reports objects outside every <path>', () => {
    const dir = copyFixture();
    replaceIn(dir, 'src/deploy.xml', '~/Objects/*', '~/Objects/custbody_sfsync_opp_id.xml');
    const result = expectFailure(dir, 'deploy-coverage', 'src/Objects/custentity_sfsync_account_id.xml');
    expect(result.failures).toHaveLength(12);
  });

  it('accepts several <objects> blocks that together cover everything', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      'src/deploy.xml',
      '<path>~/Objects/*</path>',
      '<path>~/Objects/cust*.xml</path>\n  </objects>\n  <objects>\n    <path>~/Objects/customscript_*</path>',
    );
    expectClean(dir);
  });

  it('reports a missing deploy.xml', () => {
    const dir = copyFixture();
    fs.rmSync(path.join(dir, 'src/deploy.xml'));
    expectFailure(dir, 'deploy-xml', 'src/deploy.xml', 'missing');
  });

  it('requires an ACCOUNTCUSTOMIZATION project', () => {
    const dir = copyFixture();
    replaceIn(dir, 'src/manifest.xml', 'projecttype="ACCOUNTCUSTOMIZATION"', 'projecttype="SUITEAPP"');
    expectFailure(dir, 'manifest', 'src/manifest.xml', 'projecttype is "SUITEAPP"');
  });

  it('requires the CUSTOMRECORDS and SERVERSIDESCRIPTING features', () => {
    const dir = copyFixture();
    replaceIn(dir, 'src/manifest.xml', '<feature required="true">CUSTOMRECORDS</feature>', '');
    expectFailure(dir, 'manifest', 'src/manifest.xml', 'feature CUSTOMRECORDS is not declared');
    replaceIn(
      dir,
      'src/manifest.xml',
      'required="true">SERVERSIDESCRIPTING',
      'required="false">SERVERSIDESCRIPTING',
    );
    const result = expectFailure(
      dir,
      'manifest',
      'src/manifest.xml',
      'SERVERSIDESCRIPTING must be required="true"',
    );
    expect(result.failures).toHaveLength(2);
  });

  it('reports a malformed manifest', () => {
    const dir = copyFixture();
    writeFile(dir, 'src/manifest.xml', '<manifest projecttype="ACCOUNTCUSTOMIZATION">\n');
    expectFailure(dir, 'xml-malformed', 'src/manifest.xml');
  });
});
