import { settingsRoutes as paths, userSettingsUpdateSchema } from '@hub/contracts';
import type { ClientDataService } from '@hub/client-data';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parse';
import { authed, type Route } from '../http/route';

/** The signed-in user's bot settings (summary time, days, time zone, alert kinds): the same store the bot reads. */
export function settingsRoutes(svc: ClientDataService): Route[] {
  return [
    authed('GET', paths.settings, async ({ user }) => ({ status: 200, body: await svc.botState.settings(user.userId), headers: { 'cache-control': 'private, no-store' } })),
    authed('PUT', paths.settings, async ({ user, body }) => {
      const change = parseBody(userSettingsUpdateSchema, body, 'The settings');
      try {
        return { status: 200, body: await svc.botState.updateSettings(user.userId, change), headers: { 'cache-control': 'private, no-store' } };
      } catch (err) {
        // The store checks again (its own rules); a value it refuses is the caller's mistake, not a 500.
        if (err instanceof RangeError) throw new HttpError(400, 'invalid_request', 'The settings are not valid.', [{ path: '', message: err.message }]);
        throw err;
      }
    }),
  ];
}
