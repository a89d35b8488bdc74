/**
 * Reads sfsync Settings: the newest active sfsync Settings record, cached for five minutes so a sync costs
 * one cache read instead of a search. With no record at all, the safe defaults apply (every flow that
 * needs Salesforce then reports that it is not configured).
 */
import * as cache from 'N/cache';
import * as search from 'N/search';
import { SETTINGS } from '../catalogue';
import { parseSettings, type ParsedSettings, type RawSettings } from '../core/settings';

const CACHE_NAME = 'sfsync_settings';
const KEY = 'settings';

type SettingKey = Exclude<keyof typeof SETTINGS, 'type'>;
const FIELD_KEYS = Object.keys(SETTINGS).filter((k): k is SettingKey => k !== 'type');

function readRaw(): string {
  const columns = FIELD_KEYS.map((k) => SETTINGS[k]);
  const results = search
    .create({
      type: SETTINGS.type,
      filters: [['isinactive', 'is', 'F']],
      columns: [search.createColumn({ name: 'internalid', sort: search.Sort.DESC }), ...columns],
    })
    .run()
    .getRange({ start: 0, end: 1 });
  const raw: RawSettings = {};
  const first = results[0];
  if (first) {
    for (const key of FIELD_KEYS) {
      const text = key === 'zeroQuantityPolicy' ? first.getText({ name: SETTINGS[key] }) : null;
      raw[key] = text ?? first.getValue({ name: SETTINGS[key] });
    }
  }
  return JSON.stringify(raw);
}

export function loadSettings(): ParsedSettings {
  const store = cache.getCache({ name: CACHE_NAME, scope: cache.Scope.PROTECTED });
  const raw = store.get({ key: KEY, loader: readRaw, ttl: 300 });
  return parseSettings(JSON.parse(raw || '{}') as RawSettings);
}

/** Called after the settings record is saved, so changes apply at once. */
export function forgetSettings(): void {
  cache.getCache({ name: CACHE_NAME, scope: cache.Scope.PROTECTED }).remove({ key: KEY });
}
