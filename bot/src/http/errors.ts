import { ConflictError, DatabaseUnavailableError, DuplicateNameError, ForbiddenError, NotFoundError, ValidationError } from '@hub/client-data';
import type { ZodError } from 'zod';
import type { RouteResult } from './route';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Seconds a client is asked to wait while the database is away (the pool reconnects on the next request). */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function badRequest(error: ZodError, what = 'The request'): HttpError {
  return new HttpError(400, 'invalid_request', `${what} is not valid.`, error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

/** Maps any error to the API's error body; unexpected ones become a 500 that shows only the correlation id. */
export function errorResult(err: unknown, correlationId: string): { result: RouteResult; unexpected: boolean } {
  const body = (status: number, code: string, message: string, details?: { path: string; message: string }[], headers?: Record<string, string>) => ({
    result: { status, body: { error: { code, message, ...(details ? { details } : {}), correlationId } }, ...(headers ? { headers } : {}) },
    unexpected: false,
  });
  if (err instanceof HttpError) return body(err.status, err.code, err.message, err.details, err.headers);
  if (err instanceof ValidationError) return body(400, 'invalid_request', err.message, err.details);
  if (err instanceof NotFoundError) return body(404, 'not_found', err.message);
  if (err instanceof ForbiddenError) return body(403, err.code, err.message, err.details.length ? err.details : undefined);
  if (err instanceof DuplicateNameError || err instanceof ConflictError) return body(409, 'conflict', err.message);
  if (err instanceof DatabaseUnavailableError) {
    return body(503, 'unavailable', 'The service cannot reach its database right now. Try again in a few seconds.', undefined, { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) });
  }
  return { ...body(500, 'internal_error', `Something went wrong on our side. Reference: ${correlationId}.`), unexpected: true };
}
