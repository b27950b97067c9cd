import { apiRoutes } from '@hub/contracts';
import type { ClientDataService } from '@hub/client-data';
import { idParam } from '../http/parse';
import { authed, type Route } from '../http/route';

export function viewsRoutes(svc: ClientDataService): Route[] {
  return [
    authed('GET', apiRoutes.views, async ({ user }) => ({ status: 200, body: { views: await svc.views.list(user.userId) } })),
    authed('POST', apiRoutes.views, async ({ user, body }) => ({ status: 201, body: await svc.views.create(user.userId, body) })),
    authed('PUT', apiRoutes.view(':id'), async ({ user, params, body }) => ({ status: 200, body: await svc.views.update(user.userId, idParam(params), body) })),
    authed('DELETE', apiRoutes.view(':id'), async ({ user, params }) => {
      await svc.views.remove(user.userId, idParam(params));
      return { status: 204 };
    }),
  ];
}
