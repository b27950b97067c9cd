/** Expected failures of the service; the API maps them to HTTP statuses and the bot to friendly text. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

export class ValidationError extends Error {
  constructor(
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Understood, but this user may not do it (e.g. app-only reading of a tenant not granted to their firm). */
export class ForbiddenError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/**
 * The database cannot be reached right now (a failover, a dropped or refused connection): a passing condition, so the
 * API answers 503 with Retry-After instead of 500. Other database errors keep their meaning.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The database is not reachable right now', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}
