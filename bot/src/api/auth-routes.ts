import { apiRoutes, devSignInRequestSchema, type AuthConfig, type Me } from '@hub/contracts';
import { isLoopback } from '../config';
import type { DevIdentity } from '../auth/dev-identity';
import { HttpError } from '../http/errors';
import { parseBody } from '../http/parse';
import { authed, type Route } from '../http/route';

export function authRoutes(o: { authConfig: AuthConfig; dev: DevIdentity | null }): Route[] {
  const routes: Route[] = [
    { method: 'GET', path: apiRoutes.authConfig, auth: false, handle: async () => ({ status: 200, body: o.authConfig }) },
    authed('GET', apiRoutes.me, async ({ user }) => {
      const me: Me = { tenantId: user.principal.tenantId, objectId: user.principal.objectId, name: user.principal.name, devIdentity: user.dev };
      return { status: 200, body: me };
    }),
  ];
  const dev = o.dev;
  if (dev) {
    routes.push({
      method: 'POST', path: apiRoutes.devSignIn, auth: false,
      handle: async ({ body, remoteAddress }) => {
        // Belt and braces: the config already requires a loopback bind; refuse any other caller too.
        if (!isLoopback(remoteAddress.replace(/^::ffff:/, ''))) throw new HttpError(403, 'forbidden', 'The demo sign-in works only on this machine.');
        const { name } = parseBody(devSignInRequestSchema, body ?? {});
        return { status: 200, body: await dev.issue(name) };
      },
    });
  }
  return routes;
}
