// SuiteScript-style errors. NetSuite throws error.SuiteScriptError objects carrying {name, message, id,
// stack, cause}; the local runtime throws instances of this class so scripts can read the same fields.
// Assumption: a real SuiteScriptError is not an `instanceof Error`; here it is, so test tools print it well.

let errorCounter = 0;

export class SuiteScriptError extends Error {
  readonly type = 'error.SuiteScriptError';
  readonly id: string;
  notifyOff: boolean;
  override readonly cause: unknown;

  constructor(name: string, message: string, options: { cause?: unknown; notifyOff?: boolean } = {}) {
    super(message);
    this.name = name;
    errorCounter += 1;
    this.id = `local_${Date.now().toString(36)}_${errorCounter}`;
    this.notifyOff = options.notifyOff ?? false;
    this.cause = options.cause;
  }

  toJSON(): Record<string, unknown> {
    return {
      type: this.type,
      name: this.name,
      message: this.message,
      stack: (this.stack ?? '').split('\n').slice(1, 6),
      cause: this.cause,
      id: this.id,
      notifyOff: this.notifyOff,
      userFacing: true,
    };
  }
}

export function nsError(name: string, message: string, cause?: unknown): SuiteScriptError {
  return new SuiteScriptError(name, message, cause === undefined ? {} : { cause });
}

export const USAGE_LIMIT = 'SSS_USAGE_LIMIT_EXCEEDED';

export function missingArgument(api: string, argument: string): SuiteScriptError {
  return nsError('SSS_MISSING_REQD_ARGUMENT', `${api}: Missing a required argument: ${argument}`);
}

export function invalidFieldValue(fieldId: string, value: unknown): SuiteScriptError {
  return nsError(
    'INVALID_FLD_VALUE',
    `You have entered an Invalid Field Value ${String(value)} for the following field: ${fieldId}`,
  );
}

/** Something NetSuite has but this runtime does not model: fail loudly and say what it is. */
export function notModeled(what: string): SuiteScriptError {
  return nsError('SSS_NOT_YET_SUPPORTED', `${what} is not modeled by the local NetSuite runtime`);
}

export function errorSummary(error: unknown): { name: string; message: string } {
  if (error && typeof error === 'object') {
    const e = error as { name?: unknown; message?: unknown };
    return { name: String(e.name ?? 'Error'), message: String(e.message ?? String(error)) };
  }
  return { name: 'Error', message: String(error) };
}
