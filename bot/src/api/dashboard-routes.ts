import { apiRoutes, refreshRequestSchema } from '@hub/contracts';
import type { ClientDataService } from '@hub/client-data';
import { idParam, parseBody } from '../http/parse';
import { DashboardCache } from './dashboard-cache';
import { authed, type Route } from '../http/route';

export function dashboardRoutes(svc: ClientDataService, cache: DashboardCache): Route[] {
  return [
    authed('GET', apiRoutes.dashboard, async ({ user, headers }) => {
      const entry = await cache.get(user.userId);
      if (headers['if-none-match'] === entry.etag) return { status: 304, headers: { etag: entry.etag } };
      const accepted = String(headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : null;
      return {
        status: 200,
        raw: encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.json,
        headers: { etag: entry.etag, vary: 'accept-encoding', 'cache-control': 'private, no-cache', ...(encoding ? { 'content-encoding': encoding } : {}) },
      };
    }),
    authed('GET', apiRoutes.company(':id'), async ({ user, params }) => ({ status: 200, body: await svc.dashboard.details(user.userId, idParam(params)) })),
    authed('POST', apiRoutes.refreshCompany(':id'), async ({ user, params }) => {
      const id = idParam(params);
      await svc.refresh.refreshCompany(user.userId, id, user.assertion ?? undefined);
      return { status: 200, body: await svc.dashboard.row(user.userId, id) };
    }),
    authed('POST', apiRoutes.refreshJobs, async ({ user, body }) => {
      const { companyIds } = parseBody(refreshRequestSchema, body ?? {});
      return { status: 202, body: await svc.refresh.start(user.userId, companyIds, user.assertion ?? undefined) };
    }),
    authed('GET', apiRoutes.refreshJob(':id'), async ({ user, params }) => ({ status: 200, body: await svc.refresh.job(user.userId, idParam(params)) })),
  ];
}
