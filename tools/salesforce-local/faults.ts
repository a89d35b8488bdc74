// Faults injected by tests: latency, dropped connections, 503, UNABLE_TO_LOCK_ROW, expired sessions,
// exhausted limits, and validation rules. Each fault applies to the next `times` matching requests (or
// until cleared), optionally only to requests whose method and path match.
import { SfError } from './errors';
import type { ObjectDef } from './schema';
import type { Rec } from './store';

export type FaultKind = 'latency' | 'drop' | 'unavailable' | 'lockRow' | 'expiredToken' | 'limit';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching requests it affects; omitted = until clearFaults(). */
  times?: number;
  /** Only requests with this HTTP method (GET, POST, PATCH, DELETE). */
  method?: string;
  /**
   * Only requests whose path (with query string) matches this regular expression. Without it a fault
   * applies to API requests (/services/data/vNN.0/...); with it any request can match, the token
   * endpoint included.
   */
  path?: string;
  /** For latency: added delay in milliseconds. */
  ms?: number;
}

export type ValidationOperator = 'equals' | 'notEquals' | 'contains' | 'startsWith' | 'isBlank' | 'matches';

export interface ValidationRuleSpec {
  sobject: string;
  field: string;
  operator: ValidationOperator;
  value?: string | number | boolean | null;
  /** The error message users see (FIELD_CUSTOM_VALIDATION_EXCEPTION). */
  message: string;
  /** Report the error on the field (default) or at the top of the page (false). */
  onField?: boolean;
  /** How many saves it rejects; omitted = until clearFaults(). */
  times?: number;
}

/** What the faults matching one request ask for. */
export interface Triggered {
  latencyMs: number;
  drop: boolean;
  unavailable: boolean;
  lockRow: boolean;
  expiredToken: boolean;
  limit: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const API_ONLY: FaultKind[] = ['lockRow', 'expiredToken', 'limit'];

function holds(rule: ValidationRuleSpec, value: unknown): boolean {
  const text = value === null || value === undefined ? '' : String(value);
  const expected = rule.value === null || rule.value === undefined ? '' : String(rule.value);
  switch (rule.operator) {
    case 'equals':
      return text === expected;
    case 'notEquals':
      return text !== expected;
    case 'contains':
      return text.includes(expected);
    case 'startsWith':
      return text.startsWith(expected);
    case 'isBlank':
      return text === '';
    case 'matches':
      return new RegExp(expected).test(text);
    default:
      return false;
  }
}

export class Faults {
  private faults: Array<FaultSpec & { left: number }> = [];
  private rules: Array<ValidationRuleSpec & { left: number }> = [];

  add(spec: FaultSpec): void {
    if (spec.path !== undefined) new RegExp(spec.path); // reject a bad pattern now, not on a request
    this.faults.push({ ...spec, method: spec.method?.toUpperCase(), left: spec.times ?? Infinity });
  }

  addValidationRule(rule: ValidationRuleSpec): void {
    this.rules.push({ ...rule, left: rule.times ?? Infinity });
  }

  clear(): void {
    this.faults = [];
    this.rules = [];
  }

  /** Consumes the faults matching this request. */
  match(method: string, url: string, isApi: boolean): Triggered {
    const out: Triggered = {
      latencyMs: 0,
      drop: false,
      unavailable: false,
      lockRow: false,
      expiredToken: false,
      limit: false,
    };
    for (const f of this.faults) {
      if (f.left <= 0) continue;
      if (f.method && f.method !== method) continue;
      if (f.path !== undefined ? !new RegExp(f.path).test(url) : !isApi) continue;
      if (API_ONLY.includes(f.kind) && !isApi) continue;
      if (f.kind === 'lockRow' && !WRITE_METHODS.has(method)) continue;
      f.left -= 1;
      if (f.kind === 'latency') out.latencyMs += f.ms ?? 0;
      else out[f.kind] = true;
    }
    this.faults = this.faults.filter((f) => f.left > 0);
    return out;
  }

  /** The validation-rule check run on every saved record. */
  validate = (o: ObjectDef, rec: Rec): SfError | undefined => {
    for (const rule of this.rules) {
      if (rule.left <= 0 || rule.sobject.toLowerCase() !== o.name.toLowerCase()) continue;
      const key = Object.keys(rec).find((k) => k.toLowerCase() === rule.field.toLowerCase());
      if (!holds(rule, key ? rec[key] : undefined)) continue;
      rule.left -= 1;
      return new SfError(
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        rule.message,
        rule.onField === false ? [] : [key ?? rule.field],
      );
    }
    return undefined;
  };
}
