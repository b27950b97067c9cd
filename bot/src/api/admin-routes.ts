import { nextSummary, type ClientDataService } from '@hub/client-data';
import { authed, type Route } from '../http/route';

/**
 * GET /api/v1/admin/proactive: the signed-in user's own proactive cards (counts per kind and state,
 * the latest rows, when the next summary is due). Only ever the caller's rows.
 */
export function adminRoutes(svc: ClientDataService): Route[] {
  return [
    authed('GET', '/api/v1/admin/proactive', async ({ user }) => {
      const [summary, recent, settings, conversation] = await Promise.all([
        svc.outbox.summaryFor(user.userId), svc.outbox.recentFor(user.userId, 20), svc.botState.settings(user.userId), svc.botState.conversation(user.userId),
      ]);
      const next = settings.alerts.summary ? nextSummary(settings, new Date()) : null;
      return {
        status: 200,
        body: {
          conversation: conversation ? { reachable: conversation.goneAt === null, updatedAt: conversation.updatedAt, goneAt: conversation.goneAt } : null,
          nextSummaryAt: next?.at.toISOString() ?? null,
          timeZone: settings.timeZone,
          counts: summary,
          recent,
        },
      };
    }),
  ];
}
