import { DEMO_TENANT_IDS } from '@hub/bc-sandbox';
import { ProactivePlanner, type Clock } from '@hub/client-data';
import { cardOf, startBotConnector, type BotConnector } from '../../../test-support/bot-connector';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { DEV_TENANT } from '../../src/auth/dev-identity';
import { renderers } from '../../src/proactive/renderers';
import { ProactiveSender } from '../../src/proactive/sender';
import { activity, execute, post, type Who } from '../bot/activities';
import { localAdapter, quietLog } from './helpers';

/** The whole path on the real server: Teams activities in, planner on a fake clock, sender, local Bot Connector out. */
describe('morning summary and alerts end to end', () => {
  let server: TestServer;
  let connector: BotConnector;
  let alice: Who;
  let userId: string;
  let token: string;
  let now = new Date('2026-03-02T12:00:00Z');
  const clock: Clock = { now: () => now };
  let planner: ProactivePlanner;
  let sender: ProactiveSender;

  const title = (c: ReturnType<BotConnector['messages']>[number]) => String(((cardOf(c)?.body as { text?: string }[] | undefined) ?? []).find((b) => typeof b?.text === 'string')?.text ?? '');
  const cardText = (c: ReturnType<BotConnector['messages']>[number]) => JSON.stringify(cardOf(c));

  beforeAll(async () => {
    server = await startTestServer({ env: { PROACTIVE_SENDER_ENABLED: 'false', SCHEDULER_ENABLED: 'false' } });
    connector = await startBotConnector();
    alice = { tenantId: DEV_TENANT, aadObjectId: server.app.dev?.objectIdFor('Alice Accountant') as string, name: 'Alice Accountant', conversationId: 'a:alice-proactive' };
    token = await server.signIn('Alice Accountant');
    for (const id of [DEMO_TENANT_IDS.contoso, DEMO_TENANT_IDS.fabrikam]) {
      const t = server.sandbox.tenants.find((x) => x.tenantId === id);
      expect((await server.api(token, 'POST', '/api/v1/clients', { name: t?.clientName, clientUrl: `${server.sandbox.url}/${id}/production` })).status).toBe(201);
    }
    userId = await server.app.svc.users.ensure({ tenantId: alice.tenantId, objectId: alice.aadObjectId, name: null });
    await server.api(token, 'POST', '/api/v1/refresh-jobs', {});
    await server.app.svc.refresh.idle();
    const svc = server.app.svc;
    planner = new ProactivePlanner({ db: server.db, outbox: svc.outbox, repo: svc.proactiveRepo, clock, options: { taxLeadDays: [7, 1] } });
    sender = new ProactiveSender({
      outbox: svc.outbox, botState: svc.botState, transport: localAdapter(), renderers, log: quietLog,
      bot: { svc, dashboardUrl: () => 'https://teams.example/dashboard', log: quietLog },
    });
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  it('captures the conversation on install; uninstall marks the user gone; reinstall brings them back', async () => {
    expect((await post(server.url, activity(alice, connector.url, { type: 'installationUpdate', action: 'add' }))).status).toBe(200);
    expect((await server.app.svc.botState.conversation(userId))).toMatchObject({ conversationId: alice.conversationId, goneAt: null });
    expect((await server.app.svc.botState.settings(userId)).timeZone).toBe('Europe/London');
    await post(server.url, activity(alice, connector.url, { type: 'installationUpdate', action: 'remove' }));
    expect((await server.app.svc.botState.conversation(userId))?.goneAt).not.toBeNull();
    expect((await planner.run()).users).toBe(0);
    await post(server.url, activity(alice, connector.url, { type: 'installationUpdate', action: 'add' }));
    expect((await server.app.svc.botState.conversation(userId))?.goneAt).toBeNull();
    connector.reset();
  });

  it('sends the summary once at the user’s local time, with a refresh that updates it in place', async () => {
    await server.app.svc.botState.updateSettings(userId, { timeZone: 'America/New_York', summaryTime: '07:30' });
    now = new Date('2026-03-02T12:29:00Z'); // 07:29 EST
    expect((await planner.run({ full: true })).summaries).toBe(0);
    now = new Date('2026-03-02T12:30:20Z');
    expect((await planner.run()).summaries).toBe(1);
    expect((await planner.run()).summaries).toBe(0);
    await sender.drain();
    const sent = connector.messages();
    expect(sent.length).toBe(1);
    expect(title(sent[0]!)).toContain('Summary');
    expect(cardText(sent[0]!)).toContain('Good morning');
    const refresh = (cardOf(sent[0]!)?.actions as { verb?: string; data?: unknown }[]).find((a) => a.verb === 'refreshCompany');
    expect(refresh).toBeDefined();
    const res = await post(server.url, execute(alice, connector.url, 'refreshCompany', refresh!.data));
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(res.body.value)).toContain('Summary');
    // Switched off: no summary the next day.
    await server.app.svc.botState.updateSettings(userId, { alerts: { summary: false } });
    now = new Date('2026-03-03T12:31:00Z');
    expect((await planner.run()).summaries).toBe(0);
    await server.app.svc.botState.updateSettings(userId, { alerts: { summary: true } });
  });

  it('alerts newly overdue invoices once, grouped per client; the next day only new ones', async () => {
    connector.reset();
    now = new Date('2026-03-03T20:00:00Z'); // no summary due
    const [company] = await server.db.query<{ company_id: string }>(
      `SELECT s.company_id FROM snapshots s JOIN companies co ON co.id = s.company_id JOIN client_access a ON a.client_id = co.client_id
       WHERE a.user_id = $1 AND s.data IS NOT NULL ORDER BY co.name LIMIT 1`, [userId]);
    const addOverdue = async (id: string) => {
      const line = { id, number: `SI-${id}`, party: 'New Customer Ltd', dueDate: '2026-03-01', daysOverdue: 1, amount: { currency: 'GBP', minor: 12_345 } };
      await server.db.query(`UPDATE snapshots SET data = jsonb_set(data::jsonb, '{overdueSales}', (data::jsonb->'overdueSales') || $2::jsonb)::json WHERE company_id = $1`, [company!.company_id, JSON.stringify([line])]);
      await server.db.query('UPDATE users SET dashboard_version = dashboard_version + 1 WHERE id = $1', [userId]);
    };
    // The baseline was set on the first run: what was overdue before is not alerted.
    expect((await planner.run()).overdueAlerts).toBe(0);
    await addOverdue('new-1');
    await addOverdue('new-2');
    expect((await planner.run()).overdueAlerts).toBe(1);
    expect((await planner.run({ full: true })).overdueAlerts).toBe(0);
    await sender.drain();
    const first = connector.messages();
    expect(first.length).toBe(1);
    expect(title(first[0]!)).toContain('Newly overdue');
    expect(cardText(first[0]!)).toContain('SI-new-1');
    expect(cardText(first[0]!)).toContain('SI-new-2');
    await addOverdue('new-3');
    expect((await planner.run()).overdueAlerts).toBe(1);
    await sender.drain();
    const second = connector.messages()[1]!;
    expect(cardText(second)).toContain('SI-new-3');
    expect(cardText(second)).not.toContain('SI-new-1');
    // Switched off: a newly overdue invoice is remembered but not alerted.
    await server.app.svc.botState.updateSettings(userId, { alerts: { overdueInvoices: false } });
    await addOverdue('new-4');
    expect((await planner.run()).overdueAlerts).toBe(0);
    await server.app.svc.botState.updateSettings(userId, { alerts: { overdueInvoices: true } });
    expect((await planner.run()).overdueAlerts).toBe(0);
  });

  it('alerts a tax due in 7 days and again in 1 day, once each', async () => {
    connector.reset();
    const [company] = await server.db.query<{ company_id: string }>(
      `SELECT s.company_id FROM snapshots s JOIN companies co ON co.id = s.company_id JOIN client_access a ON a.client_id = co.client_id
       WHERE a.user_id = $1 AND s.data IS NOT NULL ORDER BY co.name LIMIT 1`, [userId]);
    await server.db.query(`UPDATE snapshots SET kpis = jsonb_set(kpis::jsonb, '{taxDue}', $2::jsonb)::json WHERE company_id <> $1`, [company!.company_id, 'null']);
    await server.db.query(`UPDATE snapshots SET kpis = jsonb_set(kpis::jsonb, '{taxDue}', $2::jsonb)::json WHERE company_id = $1`, [company!.company_id, JSON.stringify({
      amount: { currency: 'GBP', minor: 250_000 }, dueDate: '2026-03-20', periodStart: '2025-10-01', periodEnd: '2025-12-31', estimate: true, foreignDocumentsExcluded: 0,
    })]);
    await server.db.query('UPDATE users SET dashboard_version = dashboard_version + 1 WHERE id = $1', [userId]);
    now = new Date('2026-03-12T15:00:00Z');
    expect((await planner.run()).taxAlerts).toBe(0);
    now = new Date('2026-03-13T15:00:00Z');
    expect((await planner.run()).taxAlerts).toBe(1);
    expect((await planner.run({ full: true })).taxAlerts).toBe(0);
    now = new Date('2026-03-19T15:00:00Z');
    expect((await planner.run()).taxAlerts).toBe(1);
    await sender.drain();
    const titles = connector.messages().map(title);
    expect(titles.some((t) => t.startsWith('Tax due in 7 days'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Tax due tomorrow'))).toBe(true);
  });

  it('shows the signed-in user only their own proactive rows', async () => {
    const res = await server.api(token, 'GET', '/api/v1/admin/proactive');
    expect(res.status).toBe(200);
    expect(res.body.counts.find((c: { kind: string; state: string }) => c.kind === 'summary' && c.state === 'sent')?.count).toBe(1);
    expect(res.body.recent.length).toBeGreaterThan(0);
    expect(res.body.conversation.reachable).toBe(true);
    const bob = await server.signIn('Bob Bookkeeper');
    expect((await server.api(bob, 'GET', '/api/v1/admin/proactive')).body.counts).toEqual([]);
    expect((await server.api(null, 'GET', '/api/v1/admin/proactive')).status).toBe(401);
  });
});
