import { z } from 'zod';
import { badRequest, HttpError } from './errors';

/** Parses a JSON body with a contracts schema; 400 with every problem named when it does not fit. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what = 'The request body'): z.output<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw badRequest(r.error, what);
  return r.data;
}

/**
 * Every JSON body, before any handler: a NUL (\u0000) anywhere, even in a field no schema reads, is a 400. PostgreSQL
 * cannot store NUL in text or jsonb, so one that slipped past a schema would otherwise surface as a 500.
 */
export function refuseNul<T>(value: T): T {
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw new HttpError(400, 'invalid_request', 'The request contains a NUL character (\\u0000); text cannot hold it.', [{ path, message: 'Contains a NUL character' }]);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, path ? `${path}.${i}` : String(i)));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        walk(k, path);
        walk(x, path ? `${path}.${k}` : k);
      }
    }
  };
  walk(value, '');
  return value;
}

const uuid = z.uuid();
/** Path ids are uuids; anything else cannot name a record, so it is a 404 rather than a database error. */
export function idParam(params: Record<string, string>, name = 'id'): string {
  const v = params[name];
  if (!v || !uuid.safeParse(v).success) throw new HttpError(404, 'not_found', 'Not found');
  return v;
}
