// N/http: the client calls (shared with N/https, plus PATCH, which N/http documents) and the enums a
// Suitelet uses: RedirectType for ServerResponse.sendRedirect, Method for ServerRequest.method, and
// CacheDuration for setCdnCacheable.
import type { Execution } from '../execution';
import type { Host } from '../host';
import { createHttpsModule } from './https';

/**
 * http.RedirectType. NetSuite documents the keys (MEDIA_ITEM, RECORD, RESTLET, SUITELET, TASK_LINK) and says
 * each holds a string, but not which string. Assumption: the type names of SuiteScript 1.0's URL types
 * (RECORD, SUITELET, RESTLET, MEDIAITEM, TASKLINK). Scripts should use the enum, never the strings.
 */
export const REDIRECT_TYPE = Object.freeze({
  MEDIA_ITEM: 'MEDIAITEM',
  RECORD: 'RECORD',
  RESTLET: 'RESTLET',
  SUITELET: 'SUITELET',
  TASK_LINK: 'TASKLINK',
});

/** http.CacheDuration (documented keys; the values are assumed to be the key names). */
export const CACHE_DURATION = Object.freeze({
  LONG: 'LONG',
  MEDIUM: 'MEDIUM',
  SHORT: 'SHORT',
  UNIQUE: 'UNIQUE',
});

export function createHttpModule(host: Host, exec: Execution) {
  return {
    ...createHttpsModule(host, exec, 'http'),
    RedirectType: REDIRECT_TYPE,
    CacheDuration: CACHE_DURATION,
  };
}
