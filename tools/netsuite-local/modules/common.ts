// Helpers shared by the N/* module implementations.
import { missingArgument, notModeled } from '../errors';

/** Adds the `.promise` variant NetSuite offers for most calls (same work, resolved promise). */
export function withPromise<A extends unknown[], R>(
  fn: (...args: A) => R,
): ((...args: A) => R) & {
  promise: (...args: A) => Promise<R>;
} {
  const wrapped = fn as ((...args: A) => R) & { promise: (...args: A) => Promise<R> };
  wrapped.promise = (...args: A) => {
    try {
      return Promise.resolve(fn(...args));
    } catch (e) {
      return Promise.reject(e);
    }
  };
  return wrapped;
}

export function requireOptions<T>(api: string, options: T, ...names: string[]): T {
  if (!options || typeof options !== 'object') throw missingArgument(api, 'options');
  for (const name of names) {
    const v = (options as Record<string, unknown>)[name];
    if (v === undefined || v === null || v === '') throw missingArgument(api, `options.${name}`);
  }
  return options;
}

const PASS_THROUGH = new Set([
  'then',
  'toJSON',
  'constructor',
  '__esModule',
  'default',
  'inspect',
  'asymmetricMatch',
  'nodeType',
  '$$typeof',
]);

/**
 * Wraps a module so that a member the runtime does not implement fails loudly when called, naming it
 * (instead of "undefined is not a function").
 */
export function strictModule<T extends object>(moduleName: string, impl: T): T {
  return new Proxy(impl, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target || PASS_THROUGH.has(prop))
        return Reflect.get(target, prop, receiver);
      return () => {
        throw notModeled(`${moduleName}.${prop}`);
      };
    },
  });
}
