import { apiRoutes, clientInputSchema, clientUrlTestRequestSchema } from '@hub/contracts';
import type { ClientDataService } from '@hub/client-data';
import { idParam, parseBody } from '../http/parse';
import { authed, type Route } from '../http/route';

export function clientsRoutes(svc: ClientDataService): Route[] {
  const toBody = (r: { client: object; warning?: string }) => ({ ...r.client, ...(r.warning ? { warning: r.warning } : {}) });
  return [
    authed('GET', apiRoutes.clients, async ({ user }) => ({ status: 200, body: { clients: await svc.clients.list(user.userId) } })),
    authed('POST', apiRoutes.clients, async ({ user, body }) => {
      const input = parseBody(clientInputSchema, body, 'The client');
      return { status: 201, body: toBody(await svc.clients.create(user.userId, user.principal.tenantId, input)) };
    }),
    authed('GET', apiRoutes.client(':id'), async ({ user, params }) => ({ status: 200, body: await svc.clients.get(user.userId, idParam(params)) })),
    authed('PUT', apiRoutes.client(':id'), async ({ user, params, body }) => {
      const id = idParam(params);
      const input = parseBody(clientInputSchema, body, 'The client');
      return { status: 200, body: toBody(await svc.clients.update(user.userId, id, input)) };
    }),
    authed('DELETE', apiRoutes.client(':id'), async ({ user, params }) => {
      await svc.clients.remove(user.userId, idParam(params));
      return { status: 204 };
    }),
    authed('POST', apiRoutes.testClientUrl, async ({ body }) => {
      const { url } = parseBody(clientUrlTestRequestSchema, body);
      return { status: 200, body: await svc.clients.testUrl(url) };
    }),
  ];
}
