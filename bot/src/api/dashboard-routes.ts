import { apiRoutes, refreshRequestSchema } from '@hub/contracts';
import type { ClientDataService } from '@hub/client-data';
import { idParam, parseBody } from '../http/parse';
import { DashboardCache } from './dashboard-cache';
import { authed, type Route } from '../http/route';

export function dashboardRoutes(svc: ClientDataService): Route[] {
  const cache = new DashboardCache(svc);
  return [
    authed('GET', apiRoutes.dashboard, async ({ user, headers }) => {
      const entry = await cache.get(user.userId);
      if (headers['if-none-match'] === entry.etag) return { status: 304, headers: { etag: entry.etag } };
      const gzip = /\bgzip\b/.test(String(headers['accept-encoding'] ?? ''));
      return {
        status: 200,
        raw: gzip ? entry.gzip : entry.json,
        headers: { etag: entry.etag, vary: 'accept-encoding', 'cache-control': 'private, no-cache', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
      };
    }),
    authed('GET', apiRoutes.company(':id'), async ({ user, params }) => ({ status: 200, body: await svc.dashboard.details(user.userId, idParam(params)) })),
    authed('POST', apiRoutes.refreshCompany(':id'), async ({ user, params }) => {
      const id = idParam(params);
      await svc.refresh.refreshCompany(user.userId, id);
      return { status: 200, body: await svc.dashboard.row(user.userId, id) };
    }),
    authed('POST', apiRoutes.refreshJobs, async ({ user, body }) => {
      const { companyIds } = parseBody(refreshRequestSchema, body ?? {});
      return { status: 202, body: await svc.refresh.start(user.userId, companyIds) };
    }),
    authed('GET', apiRoutes.refreshJob(':id'), async ({ user, params }) => ({ status: 200, body: await svc.refresh.job(user.userId, idParam(params)) })),
  ];
}
