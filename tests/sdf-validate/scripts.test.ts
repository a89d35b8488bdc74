import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeScript } from '../../tools/sdf-validate/js-module';
import { copyFixture, expectFailure, FIXTURE, removeCopies, replaceIn, writeFile } from './support';

afterEach(removeCopies);

const ENTRY = 'src/FileCabinet/SuiteScripts/sfsync/entry';
const UE_JS = `${ENTRY}/ue_salesorder.js`;
const MR_JS = `${ENTRY}/mr_retry.js`;

function facts(source: string) {
  const analyzed = analyzeScript(source);
  if (!analyzed.ok) throw new Error(analyzed.error);
  return analyzed.facts;
}

describe('rule 3: the built script of each script object', () => {
  it('reports a scriptfile that does not exist, naming the object', () => {
    const dir = copyFixture();
    fs.rmSync(path.join(dir, `${ENTRY}/ss_poll.js`));
    expectFailure(
      dir,
      'scriptfile',
      'src/Objects/customscript_sfsync_ss_poll.xml',
      '/SuiteScripts/sfsync/entry/ss_poll.js, which is not under src/FileCabinet',
    );
  });

  it('reports an @NScriptType that does not match the object type', () => {
    const dir = copyFixture();
    replaceIn(dir, UE_JS, '@NScriptType UserEventScript', '@NScriptType Restlet');
    const result = expectFailure(
      dir,
      'script-type',
      UE_JS,
      'a usereventscript needs @NScriptType UserEventScript',
    );
    expect(result.failures[0]?.message).toContain('src/Objects/customscript_sfsync_ue_salesorder.xml');
  });

  it('reports a script pointed at by an object of another type', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      'src/Objects/customscript_sfsync_rl_inbound.xml',
      'entry/rl_inbound.js',
      'entry/ss_poll.js',
    );
    expectFailure(dir, 'script-type', `${ENTRY}/ss_poll.js`, 'a restlet needs @NScriptType Restlet', [
      'entry-points',
    ]);
  });

  it('requires @NApiVersion 2.1', () => {
    const dir = copyFixture();
    replaceIn(dir, `${ENTRY}/rl_inbound.js`, '@NApiVersion 2.1', '@NApiVersion 2.x');
    expectFailure(dir, 'api-version', `${ENTRY}/rl_inbound.js`, 'found 2.x');
  });

  it('requires @NModuleScope', () => {
    const dir = copyFixture();
    replaceIn(dir, `${ENTRY}/ss_poll.js`, ' * @NModuleScope SameAccount\n', '');
    expectFailure(dir, 'module-scope', `${ENTRY}/ss_poll.js`, 'found none');
  });

  it('only reads the header before the define call', () => {
    const dir = copyFixture();
    const file = `${ENTRY}/ss_poll.js`;
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const header = source.slice(0, source.indexOf('*/') + 3);
    writeFile(dir, file, `${source.slice(header.length)}\n${header}`);
    const result = expectFailure(dir, 'api-version', file, 'found none', ['script-type', 'module-scope']);
    expect(new Set(result.failures.map((failure) => failure.rule))).toEqual(
      new Set(['api-version', 'script-type', 'module-scope']),
    );
  });

  it('reports a second define call', () => {
    const dir = copyFixture();
    const file = `${ENTRY}/sl_settings.js`;
    fs.appendFileSync(path.join(dir, file), "define('extra', [], function () {\n  return {};\n});\n");
    expectFailure(dir, 'define-count', file, 'found 2');
  });

  it('reports a file without define call', () => {
    const dir = copyFixture();
    const file = `${ENTRY}/ss_poll.js`;
    replaceIn(dir, file, /define\(/, 'require(');
    expectFailure(dir, 'define-count', file, 'found 0', ['entry-points']);
  });

  it('does not count define( in strings and comments', () => {
    const source = fs.readFileSync(path.join(FIXTURE, UE_JS), 'utf8');
    expect(source.split('define(').length - 1).toBe(3);
    expect(facts(source).defineCalls).toBe(1);
  });

  it('reports JavaScript that does not parse', () => {
    const dir = copyFixture();
    replaceIn(dir, `${ENTRY}/ss_poll.js`, 'function execute() {', 'function execute( {');
    expectFailure(dir, 'script-parse', `${ENTRY}/ss_poll.js`, 'not valid JavaScript');
  });
});

describe('rule 3: entry points', () => {
  it('reports a user event script whose only export is declared void 0', () => {
    const dir = copyFixture();
    replaceIn(dir, UE_JS, 'exports.afterSubmit = afterSubmit;', '');
    expectFailure(
      dir,
      'entry-points',
      UE_JS,
      'at least one of beforeLoad, beforeSubmit, afterSubmit; it exports nothing',
    );
  });

  it('reports a map/reduce script without map or reduce', () => {
    const dir = copyFixture();
    replaceIn(dir, MR_JS, "Object.defineProperty(exports, 'map'", "Object.defineProperty(exports, 'mapper'");
    expectFailure(
      dir,
      'entry-points',
      MR_JS,
      'getInputData and at least one of map, reduce; it exports getInputData, mapper, summarize',
    );
  });

  it('reports a map/reduce script without getInputData', () => {
    const dir = copyFixture();
    replaceIn(dir, MR_JS, 'exports.getInputData = getInputData;', '');
    expectFailure(dir, 'entry-points', MR_JS, 'must export getInputData');
  });

  it('reports a scheduled script without execute', () => {
    const dir = copyFixture();
    replaceIn(dir, `${ENTRY}/ss_poll.js`, 'exports.execute = execute;', 'exports.run = execute;');
    expectFailure(dir, 'entry-points', `${ENTRY}/ss_poll.js`, 'must export execute; it exports run');
  });

  it('reports a hand-written suitelet that returns no onRequest', () => {
    const dir = copyFixture();
    replaceIn(
      dir,
      `${ENTRY}/sl_settings.js`,
      'return { onRequest: onRequest };',
      'return { handle: onRequest };',
    );
    expectFailure(dir, 'entry-points', `${ENTRY}/sl_settings.js`, 'must export onRequest; it exports handle');
  });

  it('reports a RESTlet without any HTTP method', () => {
    const dir = copyFixture();
    const file = `${ENTRY}/rl_inbound.js`;
    replaceIn(dir, file, 'exports.post = post;', '');
    replaceIn(dir, file, 'exports.delete = remove;', 'exports.remove = remove;');
    expectFailure(dir, 'entry-points', file, 'at least one of get, post, put, delete; it exports remove');
  });

  it('reads exports written by TypeScript and by hand', () => {
    expect(
      facts("define(['exports'], function (exports) { exports['delete'] = d; function d() {} });").exported,
    ).toEqual(new Set(['delete']));
    expect(
      facts('define(["exports"], function (exports) { exports.a = exports.b = function () {}; });').exported,
    ).toEqual(new Set(['a', 'b']));
    expect(
      facts('define(["exports"], function (exports) { exports.a = exports.b = void 0; });').exported,
    ).toEqual(new Set());
    expect(
      facts(
        'define(["exports"], function (exports) { Object.defineProperty(exports, "__esModule", { value: true }); });',
      ).exported,
    ).toEqual(new Set());
    expect(
      facts('define(["exports"], function (exports) { var k = "get"; exports[k] = g; });').exported,
    ).toEqual(new Set());
    expect(facts('define([], () => ({ get: g, "put": p, post }));').exported).toEqual(
      new Set(['get', 'put', 'post']),
    );
    expect(
      facts('define([], function () { var other = { get: 1 }; return { beforeLoad: bl }; });').exported,
    ).toEqual(new Set(['beforeLoad']));
  });

  it('reads the @N tags of the JSDoc header', () => {
    const { headerTags } = facts(
      '/**\n * @NApiVersion 2.1\n * @NScriptType Suitelet\n */\ndefine([], function () {});',
    );
    expect(Object.fromEntries(headerTags)).toEqual({ NApiVersion: '2.1', NScriptType: 'Suitelet' });
  });
});
