/**
 * Dashboard API benchmark: 1,000 company rows, 50 connections, the real server in its own process
 * (so the load generator does not share its event loop), the browser's usual Accept-Encoding.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { migrate, openPglite } from '../packages/client-data/src/testing';
import { DevIdentity, DEV_TENANT } from '../bot/src/auth/dev-identity';
import { todayUtc } from '../packages/client-data/src/domain/dates';
import { runLoad } from './load';
import { seedDashboard } from './seed-dashboard';

const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

/** A port nobody listens on right now (the server runs in a child process, so it cannot take port 0 itself). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const PORT = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bench-api-'));
  const user = 'Bench Accountant';
  const db = await openPglite({ dataDir: join(dataDir, 'pglite') });
  await migrate(db);
  await seedDashboard(db, { tenantId: DEV_TENANT, objectId: new DevIdentity().objectIdFor(user), name: user }, ROWS, todayUtc());
  await db.close();

  const server = spawn(process.execPath, ['--import', 'tsx', 'bot/src/main.ts'], {
    env: { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, PORT: String(PORT), HOST: '127.0.0.1', DEV_IDENTITY: 'true', EMBEDDED_SANDBOX: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    for (let i = 0; ; i += 1) {
      const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 200) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const { token } = (await (await fetch(`${base}/api/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: user }) })).json()) as { token: string };
    const check = await fetch(`${base}/api/v1/dashboard`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await check.json()) as { rows: unknown[] };
    if (body.rows.length !== ROWS) throw new Error(`expected ${ROWS} rows, got ${body.rows.length}`);
    const headers = { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, deflate, br' };
    const url = `${base}/api/v1/dashboard`;
    await runLoad({ url, headers, connections: 10, durationMs: 2000 });
    const r = await runLoad({ url, headers, connections: CONNECTIONS, durationMs: DURATION_S * 1000 });
    const result = {
      bench: 'api', rows: ROWS, connections: CONNECTIONS, p50_ms: r.p50_ms, p99_ms: r.p99_ms, rps: r.rps,
      non2xx: r.non2xx, target_p99_ms: 50, body_kb: Math.round(r.bytes / Math.max(1, r.requests) / 1024),
    };
    console.log(`Dashboard API, ${ROWS} rows, ${CONNECTIONS} connections, ${DURATION_S}s: p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms (target < 50 ms), ${result.rps} req/s, ~${result.body_kb} KB per response (compressed as the browser asks)`);
    console.log(JSON.stringify(result));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
