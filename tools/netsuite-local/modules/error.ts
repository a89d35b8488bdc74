// N/error: create({name, message, notifyOff}) gives a SuiteScriptError; error.Type.X is 'X'.
import type * as N_error from 'N/error';
import { SuiteScriptError } from '../errors';
import { requireOptions } from './common';

type ErrorModule = Pick<typeof N_error, 'create'>;

export function createErrorModule() {
  const module: ErrorModule = {
    create: (<T>(options: { name: string; message: unknown; notifyOff?: boolean }): T => {
      requireOptions('error.create', options, 'name');
      const message =
        options.message && typeof options.message === 'object'
          ? String((options.message as { message?: unknown }).message)
          : String(options.message ?? '');
      return new SuiteScriptError(String(options.name), message, {
        notifyOff: options.notifyOff,
      }) as unknown as T;
    }) as ErrorModule['create'],
  };
  const Type = new Proxy({} as Record<string, string>, {
    get: (_t, prop) => (typeof prop === 'string' ? prop : undefined),
  });
  return { ...module, Type, SuiteScriptError };
}
