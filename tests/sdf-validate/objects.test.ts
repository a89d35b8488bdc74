import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProject } from '../../tools/sdf-validate';
import {
  copyFixture,
  expectClean,
  expectFailure,
  FIXTURE,
  removeCopies,
  replaceIn,
  writeFile,
} from './support';

afterEach(removeCopies);

const UE = 'src/Objects/customscript_sfsync_ue_salesorder.xml';
const RESTLET = 'src/Objects/customscript_sfsync_rl_inbound.xml';
const LOG = 'src/Objects/customrecord_sfsync_log.xml';
const LIST = 'src/Objects/customlist_sfsync_status.xml';
const BODY = 'src/Objects/custbody_sfsync_opp_id.xml';

function bodyField(scriptid: string, extra = ''): string {
  return `<transactionbodycustomfield scriptid="${scriptid}">
  <label>Extra</label>
  <fieldtype>TEXT</fieldtype>
  <bodysale>T</bodysale>${extra}
</transactionbodycustomfield>
`;
}

describe('the fixture project', () => {
  it('passes every check and counts what it checked', () => {
    const result = validateProject(FIXTURE);
    expect(result.failures).toEqual([]);
    expect(result.checked).toEqual({ objects: 13, files: 6 });
  });
});

describe('rule 1: well-formed objects of known types named after their scriptid', () => {
  it('reports a malformed XML file', () => {
    const dir = copyFixture();
    replaceIn(dir, UE, '</name>', '');
    expectFailure(dir, 'xml-malformed', UE, 'line', ['bundle-id']);
  });

  it('reports an unknown root element', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      'src/Objects/custcol_sfsync_line_id.xml',
      /transactioncolumncustomfield/g,
      'transactionlinefield',
    );
    expectFailure(dir, 'unknown-type', 'src/Objects/custcol_sfsync_line_id.xml', '<transactionlinefield>', [
      'bundle-id',
    ]);
  });

  it('reports a file name that differs from the scriptid', () => {
    const dir = copyFixture();
    fs.renameSync(path.join(dir, BODY), path.join(dir, 'src/Objects/custbody_sfsync_opportunity.xml'));
    expectFailure(
      dir,
      'file-name',
      'src/Objects/custbody_sfsync_opportunity.xml',
      'custbody_sfsync_opp_id.xml',
    );
  });

  it('reports an object without scriptid', () => {
    const dir = copyFixture();
    writeFile(dir, 'src/Objects/custsecret_sfsync_other.xml', '<secret/>\n');
    expectFailure(dir, 'id-missing', 'src/Objects/custsecret_sfsync_other.xml');
  });

  it('reports a scriptid defined twice, also across subfolders', () => {
    const dir = copyFixture();
    writeFile(dir, 'src/Objects/more/custbody_sfsync_opp_id.xml', bodyField('custbody_sfsync_opp_id'));
    expectFailure(dir, 'id-duplicate', 'src/Objects/more/custbody_sfsync_opp_id.xml', BODY);
  });
});

describe('rule 2: scriptid prefixes and lengths (facts §1.6–1.15)', () => {
  it('reports a root scriptid with the wrong prefix', () => {
    const dir = copyFixture();
    writeFile(dir, 'src/Objects/custbdy_sfsync_x.xml', bodyField('custbdy_sfsync_x'));
    const result = expectFailure(dir, 'id-prefix', 'src/Objects/custbdy_sfsync_x.xml', '"custbody"');
    expect(result.failures[0]?.message).toBe(
      'scriptid "custbdy_sfsync_x" of transactionbodycustomfield must start with "custbody" and continue after it',
    );
  });

  it('accepts a custbody ID of 38 characters and rejects one of 39', () => {
    const dir = copyFixture();
    const ok = `custbody_sfsync_${'a'.repeat(38 - 16)}`;
    writeFile(dir, `src/Objects/${ok}.xml`, bodyField(ok));
    expectClean(dir);
    const tooLong = `custbody_sfsync_${'b'.repeat(39 - 16)}`;
    writeFile(dir, `src/Objects/${tooLong}.xml`, bodyField(tooLong));
    expectFailure(dir, 'id-length', `src/Objects/${tooLong}.xml`, 'is 39 characters long; at most 38');
  });

  it('limits custcol IDs to 37 characters', () => {
    const dir = copyFixture();
    const id = `custcol_sfsync_${'c'.repeat(38 - 15)}`;
    writeFile(
      dir,
      `src/Objects/${id}.xml`,
      `<transactioncolumncustomfield scriptid="${id}"><label>L</label><fieldtype>TEXT</fieldtype></transactioncolumncustomfield>\n`,
    );
    expectFailure(dir, 'id-length', `src/Objects/${id}.xml`, 'at most 37');
  });

  it('rejects upper-case letters in a scriptid', () => {
    const dir = copyFixture();
    writeFile(dir, 'src/Objects/custbody_sfsync_Upper.xml', bodyField('custbody_sfsync_Upper'));
    expectFailure(dir, 'id-chars', 'src/Objects/custbody_sfsync_Upper.xml', 'a-z, 0-9 and _');
  });

  it('reports a deployment scriptid without customdeploy', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      RESTLET,
      'scriptid="customdeploy_sfsync_rl_inbound"',
      'scriptid="customdep_sfsync_rl_inbound"',
    );
    expectFailure(dir, 'id-prefix', RESTLET, 'scriptdeployment of restlet "customscript_sfsync_rl_inbound"');
  });

  it('reports a script parameter without custscript', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      'src/Objects/customscript_sfsync_mr_retry.xml',
      'custscript_sfsync_mr_log_type',
      'param_log_type',
    );
    expectFailure(dir, 'id-prefix', 'src/Objects/customscript_sfsync_mr_retry.xml', '"custscript"');
  });

  it('reports a record field scriptid over 40 characters', () => {
    const dir = copyFixture();
    const id = `custrecord_sfsync_log_${'m'.repeat(41 - 22)}`;
    replaceIn(dir, LOG, 'custrecord_sfsync_log_message', id);
    expectFailure(dir, 'id-length', LOG, `"${id}" of customrecordcustomfield`);
  });

  it('reports a list value whose scriptid does not start with val_', () => {
    const dir = copyFixture();
    replaceIn(dir, LIST, 'val_sfsync_error', 'value_sfsync_error');
    expectFailure(dir, 'id-prefix', LIST, '"val_"');
  });

  it('reports a root script scriptid without customscript', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      RESTLET,
      'scriptid="customscript_sfsync_rl_inbound"',
      'scriptid="script_sfsync_rl_inbound"',
    );
    fs.renameSync(path.join(dir, RESTLET), path.join(dir, 'src/Objects/script_sfsync_rl_inbound.xml'));
    expectFailure(dir, 'id-prefix', 'src/Objects/script_sfsync_rl_inbound.xml', '"customscript"');
  });
});

describe('rule 2: required elements', () => {
  it.each([
    [
      'a user event without name',
      UE,
      '<name>sfsync UE Sales Order</name>',
      'usereventscript "customscript_sfsync_ue_salesorder" lacks <name>',
    ],
    [
      'a user event deployment without recordtype',
      UE,
      '<recordtype>SALESORDER</recordtype>',
      'lacks <recordtype>',
    ],
    ['a RESTlet deployment without title', RESTLET, '<title>sfsync RESTlet Inbound</title>', 'lacks <title>'],
    [
      'a deployment without status',
      'src/Objects/customscript_sfsync_ss_poll.xml',
      '<status>SCHEDULED</status>',
      'lacks <status>',
    ],
    [
      'a script parameter without fieldtype',
      UE,
      '<fieldtype>CHECKBOX</fieldtype>',
      'scriptcustomfield "custscript_sfsync_ue_enabled" of usereventscript "customscript_sfsync_ue_salesorder" lacks <fieldtype>',
    ],
    [
      'a record field without label',
      LOG,
      '<label>Message</label>',
      'customrecordcustomfield "custrecord_sfsync_log_message"',
    ],
    [
      'a SELECT record field without selectrecordtype',
      LOG,
      '<selectrecordtype>-2</selectrecordtype>',
      'is a SELECT field and lacks <selectrecordtype>',
    ],
    [
      'a custom record type without recordname',
      LOG,
      '<recordname>sfsync Integration Log</recordname>',
      'lacks <recordname>',
    ],
    [
      'a custom list without name',
      LIST,
      '<name>sfsync Sync Status</name>',
      'customlist "customlist_sfsync_status" lacks <name>',
    ],
    ['a list value without value', LIST, '<value>Synced</value>', 'customvalue "val_sfsync_synced"'],
    ['a body field without label', BODY, '<label>Salesforce Opportunity ID</label>', 'lacks <label>'],
    [
      'an entity field without fieldtype',
      'src/Objects/custentity_sfsync_account_id.xml',
      '<fieldtype>TEXT</fieldtype>',
      'lacks <fieldtype>',
    ],
  ])('reports %s', (_what, file, element, messagePart) => {
    const dir = copyFixture();
    replaceIn(dir, file, element, '');
    expectFailure(dir, 'required', file, messagePart);
  });

  it('counts an empty required element as missing', () => {
    const dir = copyFixture();
    replaceIn(dir, LIST, '<value>Pending</value>', '<value></value>');
    expectFailure(
      dir,
      'required',
      LIST,
      'customvalue "val_sfsync_pending" of customlist "customlist_sfsync_status" lacks <value>',
    );
  });
});

describe('rule 2: enumerations and value lengths (facts §1.5)', () => {
  it.each([
    ['status', UE, '<status>RELEASED</status>', '<status>LIVE</status>', '<status> of scriptdeployment'],
    ['loglevel', RESTLET, '<loglevel>ERROR</loglevel>', '<loglevel>VERBOSE</loglevel>', '"VERBOSE"'],
    ['eventtype', UE, '<eventtype></eventtype>', '<eventtype>SAVE</eventtype>', '<eventtype>'],
    ['fieldtype', BODY, '<fieldtype>TEXT</fieldtype>', '<fieldtype>STRING</fieldtype>', '"STRING"'],
    [
      'displaytype',
      LOG,
      '<displaytype>LOCKED</displaytype>',
      '<displaytype>READONLY</displaytype>',
      '"READONLY"',
    ],
    ['accesstype', LOG, '<accesstype>NONENEEDED</accesstype>', '<accesstype>OPEN</accesstype>', '"OPEN"'],
  ])('reports an unknown %s value', (_element, file, search, replacement, messagePart) => {
    const dir = copyFixture();
    replaceIn(dir, file, search, replacement);
    expectFailure(dir, 'enum', file, messagePart);
  });

  it('checks each |-separated execution context', () => {
    const dir = copyFixture();
    replaceIn(dir, UE, 'USERINTERFACE|CSVIMPORT', 'USERINTERFACE|CSV_IMPORT');
    const result = expectFailure(dir, 'enum', UE, '"CSV_IMPORT"');
    expect(result.failures).toHaveLength(1);
  });

  it('limits a custom list name to 30 characters', () => {
    const dir = copyFixture();
    replaceIn(dir, LIST, '<name>sfsync Sync Status</name>', `<name>${'n'.repeat(31)}</name>`);
    expectFailure(dir, 'value-length', LIST, 'is 31 characters long; at most 30');
  });
});

describe('rule 2: [scriptid=…] references', () => {
  it('reports a reference to an object the project does not define', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      BODY.replace('opp_id', 'status'),
      '[scriptid=customlist_sfsync_status]',
      '[scriptid=customlist_sfsync_state]',
    );
    expectFailure(
      dir,
      'reference',
      'src/Objects/custbody_sfsync_status.xml',
      '[scriptid=customlist_sfsync_state]',
    );
  });

  it('resolves nested references against the object they are nested in', () => {
    const dir = copyFixture();
    const field = (reference: string): string =>
      bodyField('custbody_sfsync_source', `\n  <sourcelist>[scriptid=${reference}]</sourcelist>`);
    writeFile(
      dir,
      'src/Objects/custbody_sfsync_source.xml',
      field('customrecord_sfsync_log.custrecord_sfsync_log_status'),
    );
    expectClean(dir);
    writeFile(
      dir,
      'src/Objects/custbody_sfsync_source.xml',
      field('customrecord_sfsync_log.custrecord_sfsync_log_nope'),
    );
    expectFailure(dir, 'reference', 'src/Objects/custbody_sfsync_source.xml', 'custrecord_sfsync_log_nope');
    writeFile(
      dir,
      'src/Objects/custbody_sfsync_source.xml',
      field('customlist_sfsync_status.custrecord_sfsync_log_status'),
    );
    expectFailure(dir, 'reference', 'src/Objects/custbody_sfsync_source.xml', 'customlist_sfsync_status.');
  });

  it('accepts references to IDs allowed as external', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      'src/Objects/custbody_sfsync_status.xml',
      'customlist_sfsync_status',
      'customrecord_contracts',
    );
    // (the rule that keeps SuiteApp IDs out of the default project is tested in contracts.test.ts)
    const options = { suiteAppIds: [] };
    expectFailure(
      dir,
      'reference',
      'src/Objects/custbody_sfsync_status.xml',
      'customrecord_contracts',
      [],
      options,
    );
    expectClean(dir, { externalIds: ['customrecord_contracts'], ...options });
  });
});
