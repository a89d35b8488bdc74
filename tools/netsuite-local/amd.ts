// A small AMD loader for the built SuiteScript files: one define([deps], factory) per file, deps being
// N/* modules, relative paths ('./core/x'), File Cabinet paths ('/SuiteScripts/...') and the 'require',
// 'exports' and 'module' pseudo-dependencies TypeScript's AMD output uses. Each execution loads the
// files afresh (module state does not survive between executions, as in NetSuite); compiled code is cached.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { nsError } from './errors';
import type { ModuleResolver } from './modules';

type Factory = (...deps: unknown[]) => unknown;
type Wrapped = (define: (...args: unknown[]) => void, log: unknown) => void;

const compiled = new Map<string, { mtimeMs: number; fn: Wrapped }>();

function compile(file: string): Wrapped {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw nsError(
      'MODULE_DOES_NOT_EXIST',
      `Module does not exist: ${file} (build the bundle first: npm run build).`,
    );
  }
  const hit = compiled.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs) return hit.fn;
  const source = fs.readFileSync(file, 'utf8');
  // The script sees `define` and NetSuite's global `log` as free variables; nothing leaks into Node's globals.
  const script = new vm.Script(`(function (define, log) {${source}\n})`, { filename: file });
  const fn = script.runInThisContext() as Wrapped;
  compiled.set(file, { mtimeMs: stat.mtimeMs, fn });
  return fn;
}

export class AmdLoader {
  private readonly registry = new Map<
    string,
    { exports: Record<string, unknown>; value?: unknown; loaded: boolean }
  >();

  constructor(
    private readonly fileCabinet: string,
    private readonly resolveN: ModuleResolver,
  ) {}

  load(file: string): Record<string, unknown> {
    return this.require(path.resolve(file)) as Record<string, unknown>;
  }

  private resolvePath(dep: string, fromFile: string): string {
    const withExt = dep.endsWith('.js') ? dep : `${dep}.js`;
    if (dep.startsWith('./') || dep.startsWith('../')) return path.resolve(path.dirname(fromFile), withExt);
    if (dep.startsWith('/')) return path.join(this.fileCabinet, withExt);
    if (dep.startsWith('SuiteScripts/')) return path.join(this.fileCabinet, withExt);
    throw nsError('MODULE_DOES_NOT_EXIST', `Module does not exist: ${dep} (required from ${fromFile}).`);
  }

  private dependency(
    dep: string,
    fromFile: string,
    ctx: { exports: Record<string, unknown>; module: object },
  ): unknown {
    if (dep === 'require') return this.localRequire(fromFile);
    if (dep === 'exports') return ctx.exports;
    if (dep === 'module') return ctx.module;
    if (dep === 'N' || dep.startsWith('N/')) return this.resolveN(dep);
    return this.require(this.resolvePath(dep, fromFile));
  }

  private localRequire(fromFile: string) {
    const req = (deps: string | string[], callback?: Factory): unknown => {
      const ctx = { exports: {}, module: {} };
      if (typeof deps === 'string') return this.dependency(deps, fromFile, ctx);
      const values = deps.map((d) => this.dependency(d, fromFile, ctx));
      return callback ? callback(...values) : undefined;
    };
    return req;
  }

  private require(file: string): unknown {
    const existing = this.registry.get(file);
    if (existing) return existing.loaded ? (existing.value ?? existing.exports) : existing.exports;
    const entry: { exports: Record<string, unknown>; value?: unknown; loaded: boolean } = {
      exports: {},
      loaded: false,
    };
    this.registry.set(file, entry);
    let defined = false;
    const define = (...args: unknown[]): void => {
      if (defined) throw nsError('SSS_INVALID_SCRIPT', `${file} calls define() more than once.`);
      defined = true;
      const factory = args[args.length - 1];
      const deps = (
        args.length >= 2 && Array.isArray(args[args.length - 2]) ? args[args.length - 2] : []
      ) as string[];
      const module = { id: file, exports: entry.exports };
      if (typeof factory !== 'function') {
        entry.value = factory;
        return;
      }
      const values = deps.map((d) => this.dependency(d, file, { exports: entry.exports, module }));
      const result = (factory as Factory)(...values);
      entry.value = result !== undefined ? result : module.exports;
    };
    const log = this.resolveN('N/log');
    compile(file)(define, log);
    if (!defined)
      throw nsError(
        'SSS_INVALID_SCRIPT',
        `${file} does not call define(); SuiteScript 2.x files are AMD modules.`,
      );
    entry.loaded = true;
    return entry.value ?? entry.exports;
  }
}
