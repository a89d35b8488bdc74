import { findIdUses } from '../../tools/sdf-validate/bundle-ids';
import { copyFixture, expectClean, expectFailure, removeCopies, replaceIn, writeFile } from './support';

afterEach(removeCopies);

describe('rule 4: NetSuite IDs named by the TypeScript bundle', () => {
  it('finds IDs in string literals, template parts and composite strings, not in comments', () => {
    const source = [
      "// 'custbody_in_comment'",
      '/* custentity_in_block_comment */',
      "const a = 'custbody_sfsync_a';",
      'const b = `SELECT custrecord_sfsync_b, customrecord_sfsync_c.custrecord_sfsync_d FROM x`;',
      "const secret = '{custsecret_sfsync_e}';",
      'const t = `customscript_sfsync_f:${a}:customdeploy_sfsync_g`;',
    ].join('\n');
    expect(findIdUses(source).map((use) => [use.id, use.line])).toEqual([
      ['custbody_sfsync_a', 3],
      ['custrecord_sfsync_b', 4],
      ['customrecord_sfsync_c', 4],
      ['custrecord_sfsync_d', 4],
      ['custsecret_sfsync_e', 5],
      ['customscript_sfsync_f', 6],
      ['customdeploy_sfsync_g', 6],
    ]);
  });

  it('ignores prefixes used to build names', () => {
    const source = [
      "const p = 'custbody_';",
      "const q = 'custscript_sfsync_';",
      'const r = (n: string) => `custcol_sfsync_${n}`;',
      'const s = (n: string) => `custitem_sfsync_pbe${n}`;',
      "const u = 'customrecord' + 'x';",
    ].join('\n');
    expect(findIdUses(source)).toEqual([]);
  });

  it('reports a literal that no object defines, with its line', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      'bundle/catalogue.ts',
      "lineId: 'custcol_sfsync_line_id',",
      "lineId: 'custcol_sfsync_line_ref',",
    );
    const result = expectFailure(
      dir,
      'bundle-id',
      'bundle/catalogue.ts',
      'line 5: "custcol_sfsync_line_ref"',
    );
    expect(result.failures).toHaveLength(1);
  });

  it('reports IDs in any TypeScript file below bundle/', () => {
    const dir = copyFixture();
    writeFile(dir, 'bundle/adapters/search.ts', "export const DEPLOY = 'customdeploy_sfsync_mr_backfill';\n");
    expectFailure(dir, 'bundle-id', 'bundle/adapters/search.ts', 'customdeploy_sfsync_mr_backfill');
  });

  it('counts nested IDs: record fields, script parameters and deployments', () => {
    const dir = copyFixture();
    writeFile(
      dir,
      'bundle/nested.ts',
      [
        "export const FIELD = 'custrecord_sfsync_log_message';",
        "export const PARAM = 'custscript_sfsync_mr_log_type';",
        "export const DEPLOY = 'customdeploy_sfsync_rl_inbound';",
        '',
      ].join('\n'),
    );
    expectClean(dir);
  });

  it('accepts IDs of other SuiteApps only when allowed', () => {
    const dir = copyFixture();
    writeFile(dir, 'bundle/contracts.ts', "export const CONTRACT = 'customrecord_contracts';\n");
    expectFailure(dir, 'bundle-id', 'bundle/contracts.ts', 'customrecord_contracts', [], { suiteAppIds: [] });
    expectClean(dir, { externalIds: ['customrecord_contracts'], suiteAppIds: [] });
    // IDs of SuiteApps the default project must not depend on may be named by the bundle (setting defaults).
    expectClean(dir);
  });
});
