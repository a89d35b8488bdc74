// Salesforce's error shape: REST answers an array of {message, errorCode, fields} with an HTTP status.

export interface SfErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

export class SfError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
    readonly status = 400,
  ) {
    super(message);
  }

  toBody(): SfErrorBody[] {
    return [{ message: this.message, errorCode: this.errorCode, fields: this.fields }];
  }
}

export const notFound = (): SfError =>
  new SfError('NOT_FOUND', 'The requested resource does not exist', [], 404);

/** The array body of an error; anything that is not an SfError is reported as Salesforce reports a crash. */
export function errorBody(err: unknown): { status: number; body: SfErrorBody[] } {
  if (err instanceof SfError) return { status: err.status, body: err.toBody() };
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 500,
    body: [{ message: `An unexpected error occurred: ${message}`, errorCode: 'UNKNOWN_EXCEPTION' }],
  };
}
