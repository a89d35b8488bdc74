// N/log: entries are captured in runtime.logs with NetSuite's limits (title <= 99 characters, details
// <= 3,999, objects JSON.stringify'd) and filtered by the deployment's log level.
import type * as N_log from 'N/log';
import type { Execution } from '../execution';
import type { Host } from '../host';

const ORDER = ['DEBUG', 'AUDIT', 'ERROR', 'EMERGENCY'];

export function detailsText(details: unknown): string {
  if (details === undefined || details === null) return '';
  if (typeof details === 'string') return details;
  if (typeof details === 'object') {
    const json = JSON.stringify(details);
    return json === undefined ? String(details) : json;
  }
  return String(details);
}

export function createLogModule(host: Host, exec: Execution): typeof N_log {
  const threshold = ORDER.indexOf(exec.deployment?.logLevel ?? 'DEBUG');
  const writer = (level: string) =>
    ((titleOrOptions: unknown, details?: unknown): void => {
      if (ORDER.indexOf(level) < Math.max(0, threshold)) return;
      const options =
        titleOrOptions && typeof titleOrOptions === 'object' && 'title' in (titleOrOptions as object)
          ? (titleOrOptions as { title: unknown; details?: unknown })
          : { title: titleOrOptions, details };
      host.logs.push({
        level,
        title: String(options.title ?? '').slice(0, 99),
        details: detailsText(options.details).slice(0, 3999),
        scriptId: exec.script?.id,
        deploymentId: exec.deployment?.id,
        at: new Date(),
      });
    }) as typeof N_log.debug;
  return {
    debug: writer('DEBUG'),
    audit: writer('AUDIT'),
    error: writer('ERROR'),
    emergency: writer('EMERGENCY'),
  };
}
