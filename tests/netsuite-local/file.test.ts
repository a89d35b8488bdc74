// N/file in the local runtime: create, save into a folder, load by id or path, governance, errors.
import * as path from 'node:path';
import { createRuntime, SUITESCRIPTS_FOLDER } from '../../tools/netsuite-local';

const rt = createRuntime({ projectDir: path.join(__dirname, 'fixtures', 'files') });
afterAll(() => rt.close());
const call = (body: Record<string, unknown>) =>
  rt.callRestlet('customscript_fxf_rl_file', 'customdeploy_fxf_rl_file', 'POST', body);

test('a created file is saved into its folder (20 units) and loads by id or path (10 units)', () => {
  const saved = call({
    action: 'save',
    name: 'report.csv',
    type: 'CSV',
    contents: 'a,b\n1,2\n',
    folder: SUITESCRIPTS_FOLDER,
  });
  expect(saved).toEqual({
    status: 200,
    body: { id: expect.any(Number), path: 'SuiteScripts/report.csv', size: 8, units: 20 },
  });
  const id = (saved.body as { id: number }).id;
  const expected = {
    id,
    name: 'report.csv',
    folder: SUITESCRIPTS_FOLDER,
    path: 'SuiteScripts/report.csv',
    fileType: 'CSV',
    contents: 'a,b\n1,2\n',
    isText: true,
    units: 10,
  };
  expect(call({ action: 'load', id }).body).toEqual(expected);
  expect(call({ action: 'load', id: String(id) }).body).toEqual(expected);
  expect(call({ action: 'load', id: 'SuiteScripts/report.csv' }).body).toEqual(expected);
  expect(call({ action: 'load', id: '/SuiteScripts/report.csv' }).body).toEqual(expected);
  expect(rt.files()).toEqual([
    expect.objectContaining({ id, path: 'SuiteScripts/report.csv', contents: 'a,b\n1,2\n' }),
  ]);
});

test('saving the same name in the same folder replaces the file; another folder keeps its own', () => {
  const sub = rt.createFolder('reports');
  const first = call({ action: 'save', name: 'x.json', type: 'JSON', contents: '{"n":1}', folder: sub });
  const again = call({ action: 'save', name: 'x.json', type: 'JSON', contents: '{"n":2}', folder: sub });
  expect((again.body as { id: number }).id).toBe((first.body as { id: number }).id);
  expect((again.body as { path: string }).path).toBe('SuiteScripts/reports/x.json');
  expect(call({ action: 'load', id: 'SuiteScripts/reports/x.json' }).body).toMatchObject({
    contents: '{"n":2}',
    fileType: 'JSON',
  });
  const other = call({
    action: 'save',
    name: 'x.json',
    type: 'JSON',
    contents: '{}',
    folder: SUITESCRIPTS_FOLDER,
  });
  expect((other.body as { id: number }).id).not.toBe((first.body as { id: number }).id);
  expect(
    rt
      .files()
      .filter((f) => f.name === 'x.json')
      .map((f) => f.path),
  ).toEqual(['SuiteScripts/reports/x.json', 'SuiteScripts/x.json']);
});

test('errors: no folder, an unknown folder, an unknown file, an unknown file type', () => {
  expect(call({ action: 'save', name: 'a.txt', contents: 'x' })).toEqual({
    status: 400,
    body: { error: { code: 'SSS_MISSING_REQD_ARGUMENT', message: 'Please enter value(s) for: Folder' } },
  });
  expect(call({ action: 'save', name: 'a.txt', contents: 'x', folder: 987654 }).body).toEqual({
    error: { code: 'INVALID_KEY_OR_REF', message: 'Invalid folder reference key 987654.' },
  });
  expect(call({ action: 'load', id: 'SuiteScripts/none.txt' }).body).toEqual({
    error: { code: 'RCRD_DSNT_EXIST', message: 'That record does not exist. path: SuiteScripts/none.txt' },
  });
  expect(call({ action: 'create-bad-type' }).body).toEqual({
    error: { code: 'SSS_INVALID_TYPE_ARG', message: 'Invalid file type: NOPE' },
  });
});
