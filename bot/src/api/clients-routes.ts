import {
  apiRoutes, appOnlyCheckRequestSchema, clientInputSchema, clientUrlTestRequestSchema, removeCompaniesRequestSchema, restoreCompanyRequestSchema,
} from '@hub/contracts';
import type { ClientDataService } from '@hub/client-data';
import { idParam, parseBody } from '../http/parse';
import { authed, type AuthedUser, type Route } from '../http/route';

/** The SSO token of a user signed in through Entra, for on-behalf-of calls (none for the dev identity). */
const asker = (user: AuthedUser) => (user.assertion ? { assertion: user.assertion } : {});

export function clientsRoutes(svc: ClientDataService): Route[] {
  // The saved client, with what to know: companies not listed yet (`warning`), companies already on the dashboard (`warnings`).
  const toBody = (r: { client: object; warning?: string; warnings?: unknown[] }) => ({
    ...r.client, ...(r.warning ? { warning: r.warning } : {}), ...(r.warnings?.length ? { warnings: r.warnings } : {}),
  });
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
      const { url, bcAuthMode, clientId } = parseBody(clientUrlTestRequestSchema, body);
      const access = { userId: user.userId, ...asker(user), ...(bcAuthMode ? { mode: bcAuthMode } : {}) };
      return { status: 200, body: await svc.clients.testUrl(url, access, clientId ? { exceptClientId: clientId } : {}) };
    }),
    // Keep one of a company shown under two clients: removed from the clients named, never added back by Refresh all.
    authed('POST', apiRoutes.removeCompanies, async ({ user, body }) => ({
      status: 200, body: await svc.clients.removeCompanies(user.userId, parseBody(removeCompaniesRequestSchema, body).companyIds),
    })),
    authed('POST', apiRoutes.restoreCompany(':id'), async ({ user, params, body }) => {
      const { bcCompanyId } = parseBody(restoreCompanyRequestSchema, body);
      return { status: 200, body: toBody(await svc.clients.restoreCompany(user.userId, idParam(params), bcCompanyId)) };
    }),
  ];
}
