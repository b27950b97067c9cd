import { BotStateRepo, OutboxRepo, type Db, type OutboxKind } from '@hub/client-data';
import { UsersRepo } from '../../../packages/client-data/src/adapters/store/users-repo';
import type { BotDeps, BotLogger } from '../../src/bot/context';
import { renderInvitationAccepted } from '../../src/proactive/invitation-default';
import { ProactiveSender, type ProactiveTransport, type SenderOptions } from '../../src/proactive/sender';
import { HubAdapter } from '../../src/teams/bot-adapter';

export const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The real adapter seam with authentication off, as in the Playground: posts to whatever serviceUrl the reference has. */
export const localAdapter = () => new HubAdapter({ botId: '', password: '', tenantId: '', type: 'MultiTenant' }, quietLog, () => true);

/** `n` users with a stored personal conversation on `serviceUrl`; returns their ids and conversation ids. */
export async function seedUsers(db: Db, n: number, serviceUrl: string, prefix = 'u'): Promise<{ userId: string; conversationId: string }[]> {
  const users = new UsersRepo(db);
  const state = new BotStateRepo(db);
  const out: { userId: string; conversationId: string }[] = [];
  for (let i = 0; i < n; i++) {
    const userId = await users.ensure({ tenantId: 'tenant-1', objectId: `${prefix}-${i}`, name: `User ${i}` });
    const conversationId = `a:${prefix}-${i}`;
    const reference = { serviceUrl, channelId: 'msteams', conversation: { id: conversationId, conversationType: 'personal', tenantId: 'tenant-1' }, bot: { id: '28:bot' }, user: { id: `29:${prefix}-${i}` } };
    await state.saveConversation(userId, reference, serviceUrl, conversationId);
    out.push({ userId, conversationId });
  }
  return out;
}

/** Every kind renders the simple "invitation accepted" card: these tests are about delivery, not content. */
const simple = { summary: renderInvitationAccepted, overdue_alert: renderInvitationAccepted, tax_alert: renderInvitationAccepted, invitation_accepted: renderInvitationAccepted } satisfies Record<OutboxKind, unknown>;

export function makeSender(db: Db, transport: ProactiveTransport, options: Partial<SenderOptions> = {}, owner?: string, log: BotLogger = quietLog): ProactiveSender {
  const bot = { svc: {}, dashboardUrl: () => 'https://example.test/dashboard', log: quietLog } as unknown as BotDeps;
  return new ProactiveSender({
    outbox: new OutboxRepo(db), botState: new BotStateRepo(db), transport, renderers: simple, bot, log,
    options: { idleMs: 50, ...options }, ...(owner ? { owner } : {}),
  });
}

export const invitation = (userId: string, n: number) => ({
  key: `invitation_accepted:test-${userId}-${n}`, userId, kind: 'invitation_accepted' as const, payload: { clientName: `Client ${n}`, companyCount: 1 },
});
