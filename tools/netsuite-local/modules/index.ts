// The N/* modules the runtime provides, built per execution (so governance and the execution context
// belong to the script that imports them).
import { nsError } from '../errors';
import type { Execution } from '../execution';
import type { Host } from '../host';
import { createCacheModule } from './cache';
import { strictModule } from './common';
import { createEmailModule } from './email';
import { createEncodeModule } from './encode';
import { createFileModule } from './file';
import { createErrorModule } from './error';
import { createFormatModule } from './format';
import { createHttpModule } from './http';
import { createHttpsModule } from './https';
import { createLogModule } from './log';
import { createRecordModule } from './record';
import { createRuntimeModule } from './runtime';
import { createSearchModule } from './search';
import { createTaskModule } from './task';
import { createUrlModule } from './url';

const FACTORIES: Record<string, (host: Host, exec: Execution) => object> = {
  'N/record': createRecordModule,
  'N/search': createSearchModule,
  'N/https': (h, e) => createHttpsModule(h, e, 'https'),
  'N/http': createHttpModule,
  'N/runtime': createRuntimeModule,
  'N/log': createLogModule,
  'N/error': () => createErrorModule(),
  'N/cache': createCacheModule,
  'N/task': createTaskModule,
  'N/url': (h) => createUrlModule(h),
  'N/format': () => createFormatModule(),
  'N/encode': () => createEncodeModule(),
  'N/email': createEmailModule,
  'N/file': createFileModule,
};

/** N/* module ids a script may import. Anything else fails to load with MODULE_DOES_NOT_EXIST. */
export const SUPPORTED_MODULES: readonly string[] = Object.keys(FACTORIES).sort();

export type ModuleResolver = (name: string) => unknown;

export function moduleResolver(host: Host, exec: Execution): ModuleResolver {
  const cache = new Map<string, unknown>();
  return (name: string) => {
    const id = name.replace(/\.js$/, '');
    if (!cache.has(id)) {
      const factory = FACTORIES[id];
      if (!factory) {
        throw nsError(
          'MODULE_DOES_NOT_EXIST',
          `Module does not exist: ${id} (the local NetSuite runtime provides ${SUPPORTED_MODULES.join(', ')}).`,
        );
      }
      cache.set(id, strictModule(id, factory(host, exec)));
    }
    return cache.get(id);
  };
}
