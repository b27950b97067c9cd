import { apiRoutes, appOnlyCheckRequestSchema, clientInputSchema, clientUrlTestRequestSchema } from '@hub/contracts';
import type { ClientDataService } from '@hub/client-data';
import { idParam, parseBody } from '../http/parse';
import { authed, type AuthedUser, type Route } from '../http/route';

/** The SSO token of a user signed in through Entra, for on-behalf-of calls (none for the dev identity). */
const asker = (user: AuthedUser) => (user.assertion ? { assertion: user.assertion } : {});

export function clientsRoutes(svc: ClientDataService): Route[] {
  const toBody = (r: { client: object; warning?: string }) => ({ ...r.client, ...(r.warning ? { warning: r.warning } : {}) });
  return [
    authed('GET', apiRoutes.clients, async ({ user }) => ({ status: 200, body: { clients: await svc.clients.list(user.userId) } })),
    authed('POST', apiRoutes.clients, async ({ user, body }) => {
      const input = parseBody(clientInputSchema, body, 'The client');
      return { status: 201, body: toBody(await svc.clients.create(user.userId, user.principal.tenantId, input, asker(user))) };
    }),
    authed('GET', apiRoutes.client(':id'), async ({ user, params }) => ({ status: 200, body: await svc.clients.get(user.userId, idParam(params)) })),
    authed('PUT', apiRoutes.client(':id'), async ({ user, params, body }) => {
      const id = idParam(params);
      const input = parseBody(clientInputSchema, body, 'The client');
      return { status: 200, body: toBody(await svc.clients.update(user.userId, id, input, asker(user))) };
    }),
    authed('DELETE', apiRoutes.client(':id'), async ({ user, params }) => {
      await svc.clients.remove(user.userId, idParam(params));
      return { status: 204 };
    }),
    authed('POST', apiRoutes.appOnlyCheck, async ({ body, user }) => ({
      status: 200, body: svc.clients.appOnlyCheck(user.principal.tenantId, parseBody(appOnlyCheckRequestSchema, body).url),
    })),
    authed('POST', apiRoutes.testClientUrl, async ({ body, user }) => {
      const { url, bcAuthMode } = parseBody(clientUrlTestRequestSchema, body);
      return { status: 200, body: await svc.clients.testUrl(url, { userId: user.userId, ...asker(user), ...(bcAuthMode ? { mode: bcAuthMode } : {}) }) };
    }),
  ];
}
