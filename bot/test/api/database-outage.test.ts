import { randomBytes } from 'node:crypto';
import { taxSettingsSchema } from '@hub/contracts';
import { startAppProcess, type AppProcess } from '../../../test-support/app-process';
import { openTestDb, type TestDb } from '../../../test-support/db';
import { offlineClientUrl, offlineService } from '../../../test-support/offline-service';
import { startTcpProxy, type TcpProxy } from '../../../test-support/tcp-proxy';
import { sleep, waitFor } from '../../../test-support/wait';
import { DEV_TENANT } from '../../src/auth/dev-identity';

// Only a PostgreSQL server has connections to lose (PGlite runs inside the process).
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

/**
 * The server in a process of its own, reaching PostgreSQL through a proxy the test takes down and brings back. Its
 * connections carry an application_name of their own, so the test terminates exactly them on a server others share.
 */
onServer('the server when PostgreSQL goes away', () => {
  let db: TestDb;
  let proxy: TcpProxy;
  let app: AppProcess;
  const appName = `hub-outage-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    db = await openTestDb('postgres');
    const server = new URL(process.env.TEST_DATABASE_URL as string);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    // The scheduler and the sender run too (every second): their loops meet the outage like the API does.
    app = await startAppProcess({ DATABASE_URL: db.databaseUrl!(appName, proxy.port), SCHEDULER_ENABLED: 'true', SCHEDULER_INTERVAL_MS: '1000' });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await proxy?.close();
    await db?.dispose();
  });

  /** /readyz's status; a server that died fails the test with what it wrote last. */
  const readiness = async () => {
    if (app.exitCode() !== null) throw new Error(`the server exited (${String(app.exitCode())}):\n${app.other.slice(-5).join('\n')}`);
    return (await app.api(null, 'GET', '/readyz')).status;
  };
  const backends = () => db.query<{ pid: number; query: string }>('SELECT pid, query FROM pg_stat_activity WHERE application_name = $1', [appName]);
  const listeners = async () => (await backends()).filter((b) => /^\s*LISTEN\b/i.test(b.query)).length;

  it('stays up through three terminations of its connections, answers 503 meanwhile and recovers by itself with one LISTEN', async () => {
    const alice = await app.signIn('Alice Accountant');
    expect((await app.api(alice, 'GET', '/api/v1/clients')).status).toBe(200);
    await waitFor(async () => (await listeners()) === 1, 'one LISTEN connection at start', 10_000);

    for (let round = 1; round <= 3; round += 1) {
      // Nothing new gets through while the proxy is down, so the outage lasts until it comes back.
      await proxy.down();
      const killed = await db.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1', [appName]);
      expect(killed.length).toBeGreaterThanOrEqual(2); // at least the pool's connection and the LISTEN one

      await waitFor(async () => (await readiness()) === 503, `round ${round}: /readyz says not ready`, 5000);
      const during = await app.api(alice, 'GET', '/api/v1/clients');
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(during.body.error).toMatchObject({ code: 'unavailable', correlationId: expect.any(String) });
      // Long enough for several failed reconnects of the LISTEN connection and a scheduler run or two.
      await sleep(1500);
      expect(app.exitCode()).toBeNull();

      await proxy.up();
      await waitFor(async () => (await readiness()) === 200, `round ${round}: /readyz is ready again`, 20_000);
      expect((await app.api(alice, 'GET', '/api/v1/clients')).status).toBe(200);
      await waitFor(async () => (await listeners()) >= 1, `round ${round}: LISTEN is back`, 20_000);
    }

    // Exactly one LISTEN connection, also a while later (a doubled reconnect would show up here).
    await sleep(1500);
    expect(await listeners()).toBe(1);
    expect(app.exitCode()).toBeNull();

    // The dashboard cache is invalidated through the restored LISTEN: a change made by another instance (here the
    // test's own connection) is served at once, well inside the cache's 5 s re-validation.
    const first = await app.api(alice, 'GET', '/api/v1/dashboard');
    expect(first.status).toBe(200);
    const userId = (await db.query<{ id: string }>('SELECT id FROM users WHERE tenant_id = $1', [DEV_TENANT]))[0]?.id as string;
    await offlineService(db).clients.create(userId, DEV_TENANT, { name: 'Contoso', clientUrl: offlineClientUrl, tax: taxSettingsSchema.parse({}) });
    await waitFor(async () => (await app.api(alice, 'GET', '/api/v1/dashboard')).headers.get('etag') !== first.headers.get('etag'), 'the dashboard shows the change', 1500);

    // Every failure was handled where it happened: nothing reached the process-wide handlers.
    expect(app.logs.filter((l) => /unhandled|uncaught/i.test(String(l.msg)))).toEqual([]);
    // The scheduler met the outage (a failed run logged) and runs again after it.
    const lastFailure = app.logs.map((l) => l.msg).lastIndexOf('proactive scheduler run failed');
    expect(lastFailure).toBeGreaterThanOrEqual(0);
    await waitFor(() => app.logs.slice(lastFailure + 1).some((l) => l.msg === 'proactive run'), 'the scheduler runs again', 5000);
  }, 120_000);

  it('shuts down cleanly while the database is away', async () => {
    await proxy.down();
    await db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [appName]);
    await sleep(500);
    expect(await app.stop()).toBe(0);
  }, 30_000);
});
