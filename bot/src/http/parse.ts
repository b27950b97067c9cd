import { z } from 'zod';
import { badRequest, HttpError } from './errors';

/** Parses a JSON body with a contracts schema; 400 with every problem named when it does not fit. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what = 'The request body'): z.output<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw badRequest(r.error, what);
  return r.data;
}

const uuid = z.uuid();
/** Path ids are uuids; anything else cannot name a record, so it is a 404 rather than a database error. */
export function idParam(params: Record<string, string>, name = 'id'): string {
  const v = params[name];
  if (!v || !uuid.safeParse(v).success) throw new HttpError(404, 'not_found', 'Not found');
  return v;
}
