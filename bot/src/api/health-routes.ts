import type { Db } from '@hub/client-data';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../http/errors';
import type { Route } from '../http/route';

/** /healthz: the process answers. /readyz: and its database does too (asked each time, so it recovers by itself). */
export function healthRoutes(db: Db): Route[] {
  return [
    { method: 'GET', path: '/healthz', auth: false, handle: async () => ({ status: 200, body: { status: 'ok' } }) },
    {
      method: 'GET', path: '/readyz', auth: false,
      handle: async ({ log }) => {
        try {
          await db.query('SELECT 1');
          return { status: 200, body: { status: 'ready', database: 'ok' } };
        } catch (err) {
          log.warn({ err }, 'database not reachable');
          return { status: 503, body: { status: 'not_ready', database: 'unreachable' }, headers: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) } };
        }
      },
    },
  ];
}
