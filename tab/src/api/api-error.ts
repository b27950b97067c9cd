import { apiErrorSchema } from '@hub/contracts';

export interface FieldProblem {
  path: string;
  message: string;
}

/** An API call that did not succeed, with the server's stable code and its message for people. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  readonly correlationId: string | undefined;

  constructor(status: number, code: string, message: string, details: FieldProblem[] = [], correlationId?: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.correlationId = correlationId;
  }
}

/** Builds the error from a failed response body, whatever shape it has. */
export function errorFromBody(status: number, body: unknown): ApiRequestError {
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const e = parsed.data.error;
    return new ApiRequestError(status, e.code, e.message, e.details ?? [], e.correlationId);
  }
  return new ApiRequestError(status, `http_${status}`, `The server answered ${status}.`);
}

/** A sentence for people, from any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof ApiRequestError) {
    return err.correlationId ? `${err.message} (reference ${err.correlationId})` : err.message;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
