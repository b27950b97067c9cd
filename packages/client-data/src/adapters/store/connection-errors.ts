import { DatabaseUnavailableError } from '../../errors';

/**
 * SQLSTATEs that mean "the server is not there right now", not "this statement is wrong": class 08 (connection
 * exception), 57P01-57P03 (administrator / crash shutdown, cannot connect now: a failover or a restart) and 53300
 * (too many connections, which passes too).
 */
const UNAVAILABLE_STATES = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

/** Socket errors of a lost or refused connection (a proxy that cut it, a server that went away, DNS during a failover). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** What node-postgres says when the socket ended or the pool could not get one in time (its errors have no code). */
const CONNECTION_MESSAGES = /^Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/i;

/** Whether `err` means the database is unreachable (worth retrying later), as opposed to a failing statement. */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  // Read by shape, not `instanceof Error`: socket errors may come from another realm (a test runner's sandbox).
  if (typeof err !== 'object' || err === null) return false;
  const { code, message, errors } = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_STATES.test(code) || SOCKET_CODES.has(code))) return true;
  // Connecting to a name with several addresses fails with one error per address (an AggregateError).
  if (Array.isArray(errors) && errors.some(isConnectionError)) return true;
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}

/** The store's view of a failed call: connection-class failures become DatabaseUnavailableError, others pass as they are. */
export function storeError(err: unknown): unknown {
  return isConnectionError(err) && !(err instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(err) : err;
}
