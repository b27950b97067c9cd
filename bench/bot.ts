/**
 * Bot benchmark: time from POSTing "show overdue invoices for <client>" to /api/messages until the
 * reply card reaches the (local) Bot Connector, for an accountant with 50 clients (250 companies with
 * stored snapshots). Server in-process, PGlite in memory, requests one after another.
 */
import { Writable } from 'node:stream';
import { migrate, openPglite } from '../packages/client-data/src/testing';
import { todayUtc } from '../packages/client-data/src/domain/dates';
import { createApp } from '../bot/src/app';
import { loadConfig } from '../bot/src/config';
import { createLogger } from '../bot/src/observability/logger';
import { cardOf, startBotConnector } from '../test-support/bot-connector';
import { message, post, type Who } from '../bot/test/bot/activities';
import { seedDashboard } from './seed-dashboard';

const CLIENTS = 50;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

async function main(): Promise<void> {
  const who: Who = { tenantId: 'bench-tenant', aadObjectId: 'bench-accountant', name: 'Bench Accountant', conversationId: 'a:bench' };
  const db = await openPglite();
  await migrate(db);
  await seedDashboard(db, { tenantId: who.tenantId, objectId: who.aadObjectId, name: who.name }, CLIENTS * 5, todayUtc());

  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DEV_IDENTITY: 'true', LOG_LEVEL: 'warn' });
  const sink = new Writable({ write(_c, _e, cb) { cb(); } });
  const app = await createApp({ config, logger: createLogger('warn', sink), db, tabDir: null });
  const url = await app.listen();
  const connector = await startBotConnector();
  try {
    const ask = async (i: number): Promise<number> => {
      const client = `Client ${String(i % CLIENTS).padStart(4, '0')}`;
      const before = connector.calls.length;
      const started = process.hrtime.bigint();
      const res = await post(url, message(who, connector.url, `show overdue invoices for ${client}`));
      const reply = await connector.waitFor((c) => connector.calls.indexOf(c) >= before);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.status !== 200 || !JSON.stringify(cardOf(reply)).includes(`Overdue invoices: ${client} Ltd`)) throw new Error(`unexpected reply for ${client}`);
      return ms;
    };
    for (let i = 0; i < WARMUP; i += 1) await ask(i);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) times.push(await ask(i));
    times.sort((a, b) => a - b);
    const result = { bench: 'bot', clients: CLIENTS, companies: CLIENTS * 5, runs: RUNS, p50_ms: Math.round(percentile(times, 50) * 10) / 10, p95_ms: Math.round(percentile(times, 95) * 10) / 10, max_ms: Math.round((times.at(-1) ?? 0) * 10) / 10, target_p95_ms: 300 };
    console.log(`Bot, "show overdue invoices for <client>", ${CLIENTS} clients, ${RUNS} sequential requests: p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms (target < 300 ms)`);
    console.log(JSON.stringify(result));
  } finally {
    await app.close();
    await connector.close();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
