/**
 * Proactive fan-out benchmark: 5,000 users' morning summaries (planned by the real scheduler logic, rendered
 * by the real summary renderer, sent by the real outbox sender through HubAdapter.sendProactive) against the
 * local Bot Connector enforcing Teams' limits (50 messages/s per app, per-conversation windows, 429 +
 * Retry-After). The sender runs in a child process that is SIGKILLed at ~40%; a second one finishes the job
 * from the same database. Then every delivery is counted.
 *
 *   tsx bench/fanout.ts            BENCH_USERS=5000 BENCH_KILL_AT=0.4 SEND_RATE_PER_SECOND=48 (DATABASE_URL: PostgreSQL instead of PGlite)
 *
 * The last line is one JSON object: {"bench":"fanout","rate":..,"allowed_rate":..,"ratio":..,"duplicates":..,"lost":..}.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountingSource, Db } from '../packages/client-data/src/index';
import { createClientDataService } from '../packages/client-data/src/index';
import { migrate, openPglite, openPostgres } from '../packages/client-data/src/testing';
import { startBotConnector, TEAMS_LIMITS } from '../test-support/bot-connector';

const USERS = Number(process.env.BENCH_USERS ?? 5000);
const KILL_AT = Number(process.env.BENCH_KILL_AT ?? 0.4);
const RATE = Number(process.env.SEND_RATE_PER_SECOND ?? 48);
const LEASE_MS = Number(process.env.BENCH_LEASE_MS ?? 3000);
const ALLOWED = TEAMS_LIMITS.globalPerSecond;
const MONDAY_0800 = new Date('2026-03-02T08:00:30Z');

async function openDb(dataDir: string): Promise<Db> {
  return process.env.DATABASE_URL ? openPostgres({ connectionString: process.env.DATABASE_URL }) : openPglite({ dataDir });
}

function services(db: Db) {
  return createClientDataService({
    db, source: {} as AccountingSource, extraHosts: [], clock: { now: () => MONDAY_0800 },
    links: { cloudWebOrigin: 'https://businesscentral.dynamics.com', webBaseUrl: 'https://businesscentral.dynamics.com' },
  });
}

/** Child mode: one sender instance; exits when nothing is left to send. */
async function senderChild(dataDir: string): Promise<void> {
  const { ProactiveSender } = await import('../bot/src/proactive/sender');
  const { renderers } = await import('../bot/src/proactive/renderers');
  const { HubAdapter } = await import('../bot/src/teams/bot-adapter');
  const log = { info: () => undefined, warn: () => undefined, error: (o: object, m: string) => console.error(m, o) };
  const db = await openDb(dataDir);
  const svc = services(db);
  const sender = new ProactiveSender({
    outbox: svc.outbox, botState: svc.botState, renderers, log, transport: new HubAdapter({ botId: '', password: '', tenantId: '', type: 'MultiTenant' }, log, () => true),
    bot: { svc, dashboardUrl: () => 'https://teams.example/dashboard', log }, options: { ratePerSecond: RATE, leaseMs: LEASE_MS, idleMs: 100 },
  });
  sender.start();
  process.send?.('started');
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    if ((await svc.outbox.pending()) === 0) break;
  }
  await sender.stop();
  process.send?.({ stats: sender.stats });
  await db.close();
  process.exit(0);
}

/** Seeds USERS accountants sharing one client with a snapshot, each with a personal conversation on the connector. */
async function seed(db: Db, serviceUrl: string): Promise<void> {
  await db.query(
    `INSERT INTO users (tenant_id, object_id, display_name) SELECT 'bench', 'u-' || g, 'User ' || g FROM generate_series(1, $1::int) g`, [USERS]);
  const [client] = await db.query<{ id: string }>(
    `INSERT INTO clients (firm_tenant_id, name, client_url, bc_tenant, bc_environment, bc_origin, tax)
     VALUES ('bench', 'Contoso Ltd', 'https://businesscentral.dynamics.com/t/production', 't', 'production', 'https://api.businesscentral.dynamics.com', $1::jsonb) RETURNING id`,
    [JSON.stringify({ regime: 'vat', frequency: 'quarterly', periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 })]);
  await db.query(`INSERT INTO client_access (client_id, user_id, role) SELECT $1, id, 'owner' FROM users WHERE tenant_id = 'bench'`, [client!.id]);
  const [company] = await db.query<{ id: string }>(`INSERT INTO companies (client_id, bc_company_id, name, currency) VALUES ($1, 'c1', 'Contoso Ltd', 'GBP') RETURNING id`, [client!.id]);
  const m = (minor: number) => ({ currency: 'GBP', minor });
  const kpis = {
    cash: m(12_345_00), overdueSales: { count: 2, amounts: [m(5_000_00)], oldestDays: 12 }, overduePurchases: { count: 1, amounts: [m(700_00)], oldestDays: 3 },
    openSalesDocuments: { count: 1, quotes: 1, orders: 0, draftInvoices: 0 }, purchasesDueNextWeek: { count: 0, amounts: [] },
    taxDue: { amount: m(2_500_00), dueDate: '2026-04-07', periodStart: '2026-01-01', periodEnd: '2026-03-31', estimate: true, foreignDocumentsExcluded: 0 },
  };
  await db.query(`INSERT INTO snapshots (company_id, data, kpis, refreshed_at) VALUES ($1, $2::json, $3::jsonb, now())`,
    [company!.id, JSON.stringify({ kpis, cashAccounts: [], forecast: { currency: 'GBP', opening: m(0), excludedForeignDocuments: 0, weeks: [] }, overdueSales: [], overduePurchases: [] }), JSON.stringify(kpis)]);
  await db.query(
    `INSERT INTO bot_conversations (user_id, reference, service_url, conversation_id)
     SELECT id, jsonb_build_object('serviceUrl', $1::text, 'channelId', 'msteams', 'conversation', jsonb_build_object('id', 'a:' || object_id, 'conversationType', 'personal'),
            'bot', jsonb_build_object('id', '28:bot'), 'user', jsonb_build_object('id', '29:' || object_id)), $1, 'a:' || object_id
     FROM users WHERE tenant_id = 'bench'`, [serviceUrl]);
}

function spawnSender(dataDir: string): ChildProcess {
  return fork(__filename, ['sender', dataDir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));

async function main(): Promise<void> {
  const connector = await startBotConnector({ limits: TEAMS_LIMITS, latencyMs: 5 });
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-fanout-'));
  const db = await openDb(dataDir);
  await migrate(db);
  if (process.env.DATABASE_URL) await db.query('TRUNCATE users, clients, proactive_outbox, proactive_leases CASCADE');
  await seed(db, connector.url);
  const svc = services(db);
  let t = Date.now();
  const planned = await svc.proactive.run({ full: true });
  console.log(`planned ${planned.summaries} summaries for ${planned.users} users in ${Date.now() - t} ms (alerts checked for ${planned.checked})`);
  if (!process.env.DATABASE_URL) await db.close(); // PGlite: one process at a time on the data dir

  // Counted incrementally: rescanning every call each poll would stall the connector's event loop (and bunch requests).
  let scanned = 0;
  let delivered = 0;
  const sent = () => {
    for (; scanned < connector.calls.length; scanned++) {
      const c = connector.calls[scanned] as { status: number; duplicate?: boolean };
      if (c.status < 300 && !c.duplicate) delivered++;
    }
    return delivered;
  };
  t = Date.now();
  const first = spawnSender(dataDir);
  const killAt = Math.floor(USERS * KILL_AT);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (sent() >= killAt || first.exitCode !== null) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
  });
  first.kill('SIGKILL');
  await exited(first);
  const atKill = sent();
  const firstSpan = connector.messages();
  console.log(`killed sender 1 (SIGKILL) after ${atKill} messages`);
  const second = spawnSender(dataDir);
  let stats: unknown = null;
  second.on('message', (m: unknown) => {
    if (m && typeof m === 'object' && 'stats' in m) stats = (m as { stats: unknown }).stats;
  });
  await exited(second);
  const wallMs = Date.now() - t;

  const msgs = connector.messages().filter((c) => c.kind === 'send');
  const perConversation = new Map<string, number>();
  for (const c of msgs) perConversation.set(c.conversationId, (perConversation.get(c.conversationId) ?? 0) + 1);
  const duplicates = msgs.length - perConversation.size;
  const lost = USERS - perConversation.size;
  const resent = connector.calls.filter((c) => c.duplicate).length;
  const throttled = connector.calls.filter((c) => c.status === 429).length;
  if (process.env.BENCH_DEBUG) for (const c of connector.calls.filter((x) => x.status === 429)) console.log("429", c.throttled, c.conversationId, connector.calls.filter((x) => x.status < 300 && x.at > c.at - 1000 && x.at <= c.at).length, c.at - t);
  // Sending time: each sender's span from its first to its last delivery (the restart gap is reported apart).
  const span = (list: typeof msgs) => (list.length > 1 ? ((list[list.length - 1] as { at: number }).at - (list[0] as { at: number }).at) / 1000 : 0);
  const secondSpan = msgs.slice(firstSpan.length);
  const activeSeconds = span(firstSpan as typeof msgs) + span(secondSpan);
  const rate = msgs.length / Math.max(0.001, activeSeconds);
  const wallRate = msgs.length / (wallMs / 1000);
  const gap = secondSpan.length > 0 && firstSpan.length > 0 ? ((secondSpan[0] as { at: number }).at - (firstSpan[firstSpan.length - 1] as { at: number }).at) / 1000 : 0;

  const check = process.env.DATABASE_URL ? db : await openDb(dataDir);
  const states = await check.query<{ state: string; n: string }>('SELECT state, count(*)::text AS n FROM proactive_outbox GROUP BY state');
  await check.close();
  await connector.close();
  if (!process.env.DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });

  console.log(`users ${USERS}; delivered ${perConversation.size}; duplicates ${duplicates}; lost ${lost}`);
  console.log(`re-sent after the kill with the same activity id (connector de-duplicated): ${resent}; 429 answers: ${throttled}`);
  console.log(`outbox rows by state: ${states.map((s) => `${s.state}=${s.n}`).join(', ')}; second sender stats: ${JSON.stringify(stats)}`);
  console.log(`rate ${rate.toFixed(2)} msg/s while sending (allowed ${ALLOWED}/s, ratio ${(rate / ALLOWED).toFixed(3)}); wall ${(wallMs / 1000).toFixed(1)} s incl. restart gap ${gap.toFixed(1)} s (${wallRate.toFixed(2)} msg/s)`);
  console.log(JSON.stringify({
    bench: 'fanout', users: USERS, rate: Number(rate.toFixed(2)), allowed_rate: ALLOWED, ratio: Number((rate / ALLOWED).toFixed(3)), duplicates, lost,
    resent_deduplicated: resent, throttled, wall_rate: Number(wallRate.toFixed(2)), restart_gap_s: Number(gap.toFixed(1)), killed_at: atKill,
  }));
}

if (process.argv[2] === 'sender') void senderChild(process.argv[3] as string);
else main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
