// N/cache: named caches per scope, values are strings, time-to-live in seconds (minimum 300).
// Governance: get 1 on a hit, 2 on a miss with a loader (1 without); put 1; remove 1.
import type * as N_cache from 'N/cache';
import type { Execution } from '../execution';
import type { Host } from '../host';
import { requireOptions } from './common';

const SCOPE = { PRIVATE: 'PRIVATE', PROTECTED: 'PROTECTED', PUBLIC: 'PUBLIC' } as const;

// Assumption: a non-string value or loader result is stored as JSON.stringify(value).
const asString = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

export function createCacheModule(host: Host, exec: Execution) {
  const now = () => (host.options.now ?? (() => new Date()))().getTime();
  const getCache = (o: { name: string; scope?: string }): N_cache.Cache => {
    requireOptions('cache.getCache', o, 'name');
    const scope = String(o.scope ?? SCOPE.PRIVATE).toUpperCase();
    const owner = scope === SCOPE.PRIVATE ? (exec.script?.id ?? '') : '';
    const key = `${scope}:${owner}:${o.name}`;
    let entries = host.caches.get(key);
    if (!entries) host.caches.set(key, (entries = new Map()));
    const store = entries;
    const expiry = (ttl?: number) => (ttl === undefined ? Infinity : now() + Math.max(300, ttl) * 1000);
    const live = (k: string) => {
      const e = store.get(k);
      if (e && e.expires <= now()) store.delete(k);
      return store.get(k);
    };
    return {
      name: o.name,
      scope,
      get: (g) => {
        requireOptions('Cache.get', g, 'key');
        const hit = live(g.key);
        if (hit) {
          exec.charge('Cache.get', 1);
          return hit.value;
        }
        if (!g.loader) {
          exec.charge('Cache.get', 1);
          return null;
        }
        exec.charge('Cache.get', 2);
        const value = asString(g.loader({ key: g.key }));
        store.set(g.key, { value, expires: expiry(g.ttl) });
        return value;
      },
      put: (p) => {
        requireOptions('Cache.put', p, 'key');
        exec.charge('Cache.put', 1);
        store.set(p.key, { value: asString(p.value), expires: expiry(p.ttl) });
      },
      remove: (r) => {
        requireOptions('Cache.remove', r, 'key');
        exec.charge('Cache.remove', 1);
        store.delete(r.key);
      },
    } as N_cache.Cache;
  };
  const module: Pick<typeof N_cache, 'getCache'> = { getCache: getCache as typeof N_cache.getCache };
  return { ...module, Scope: SCOPE };
}
