import { randomBytes } from 'node:crypto';
import { openTestDb, type TestDb } from '../../../../test-support/db';
import { startTcpProxy, type TcpProxy } from '../../../../test-support/tcp-proxy';
import { sleep, waitFor } from '../../../../test-support/wait';
import { isConnectionError } from '../../src/adapters/store/connection-errors';
import { PgListener } from '../../src/adapters/store/pg-listener';
import { openPostgres } from '../../src/adapters/store/postgres-db';
import { DatabaseUnavailableError } from '../../src/errors';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('which database errors mean "unavailable"', () => {
  it.each([
    ['57P01 administrator shutdown', pgError('57P01')], ['57P02 crash shutdown', pgError('57P02')], ['57P03 cannot connect now', pgError('57P03')],
    ['08006 connection failure', pgError('08006')], ['08001 cannot establish', pgError('08001')], ['53300 too many connections', pgError('53300')],
    ['ECONNREFUSED', pgError('ECONNREFUSED')], ['ECONNRESET', pgError('ECONNRESET')],
    ['a refused name with several addresses', new AggregateError([pgError('ECONNREFUSED'), pgError('ECONNREFUSED')], 'connect failed')],
    ['pg: Connection terminated unexpectedly', new Error('Connection terminated unexpectedly')],
    ['pg: Connection terminated due to connection timeout', new Error('Connection terminated due to connection timeout')],
    ['pg-pool: timeout exceeded when trying to connect', new Error('timeout exceeded when trying to connect')],
  ])('%s is', (_, err) => {
    expect(isConnectionError(err)).toBe(true);
  });

  it.each([
    ['23505 unique violation', pgError('23505')], ['42P01 undefined table', pgError('42P01')], ['22P02 bad input', pgError('22P02')],
    ['40001 serialization failure', pgError('40001')], ['57014 statement cancelled', pgError('57014')], ['a plain error', new Error('boom')], ['not an error', 'Connection terminated'],
  ])('%s is not', (_, err) => {
    expect(isConnectionError(err)).toBe(false);
  });
});

// Connections to lose exist only on a PostgreSQL server.
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('PostgreSQL connections that go away', () => {
  let db: TestDb;
  let proxy: TcpProxy;
  beforeAll(async () => {
    db = await openTestDb('postgres');
    const server = new URL(process.env.TEST_DATABASE_URL as string);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  });
  afterAll(async () => {
    await proxy.close();
    await db.dispose();
  });
  afterEach(() => proxy.up());

  const uniqueName = () => `hub-conn-${randomBytes(4).toString('hex')}`;
  const terminate = (name: string) => db.query('SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = $1', [name]);
  const listeners = async (name: string) =>
    (await db.query<{ n: number }>("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND query ILIKE 'LISTEN %'", [name]))[0]?.n;

  it('a lost LISTEN connection comes back as exactly one, backing off while the server fails it, and stops trying when stopped', async () => {
    const name = uniqueName();
    const channel = `hub_test_${randomBytes(4).toString('hex')}`;
    const seen = { messages: [] as string[], lost: 0, restored: 0, errors: 0 };
    const listener = new PgListener(
      { connectionString: db.databaseUrl!(name, proxy.port), connectionTimeoutMillis: 2000 }, channel,
      { onMessage: (p) => seen.messages.push(p), onLost: () => { seen.lost += 1; }, onRestored: () => { seen.restored += 1; }, onError: () => { seen.errors += 1; } },
      // The longest delay of each step (no jitter), so the waits can be checked.
      { baseMs: 50, capMs: 400, random: () => 1 },
    );
    await listener.start();
    await db.query('SELECT pg_notify($1, $2)', [channel, 'one']);
    await waitFor(() => seen.messages.includes('one'), 'the first message');

    // The server is "there" but fails every connection: each attempt waits longer than the last, up to the cap.
    await proxy.drop();
    const before = proxy.attempts.length;
    await terminate(name);
    await waitFor(() => seen.lost === 1, 'the loss is reported');
    await sleep(2500);
    const gaps = proxy.attempts.slice(before).map((t, i, all) => (i === 0 ? 0 : t - (all[i - 1] as number))).slice(1);
    expect(gaps.length).toBeGreaterThanOrEqual(4);
    expect(gaps.length).toBeLessThan(12);
    // 50, 100, 200, 400, 400…: each at least its delay (less a little timer slack), none much beyond the cap.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(Math.min(400, 100 * 2 ** i) - 15));
    gaps.forEach((gap) => expect(gap).toBeLessThan(400 + 300));
    expect(seen.lost).toBe(1);

    await proxy.up();
    await waitFor(() => seen.restored === 1, 'the subscription is restored', 3000);
    expect(await listeners(name)).toBe(1);
    await db.query('SELECT pg_notify($1, $2)', [channel, 'two']);
    await waitFor(() => seen.messages.includes('two'), 'a message after the reconnect');
    expect(seen.messages).toEqual(['one', 'two']);

    // Stopped while reconnecting: no attempt after.
    await proxy.drop();
    await terminate(name);
    await waitFor(() => seen.lost === 2, 'the second loss is reported');
    await listener.stop();
    const stoppedAt = proxy.attempts.length;
    await sleep(1000);
    expect(proxy.attempts.length).toBe(stoppedAt);
    await proxy.up();
    expect(await listeners(name)).toBe(0);
  }, 20_000);

  it('pool: a terminated idle connection is reported, not thrown; queries meanwhile fail as DatabaseUnavailableError and work again after', async () => {
    const name = uniqueName();
    const reported: string[] = [];
    const store = openPostgres({ connectionString: db.databaseUrl!(name, proxy.port) }, { onConnectionError: (_err, where) => reported.push(where) });
    try {
      await store.query('SELECT 1');
      await proxy.down();
      await terminate(name);
      await waitFor(() => reported.includes('pool'), 'the dead idle connection is reported');
      await expect(store.query('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(store.transaction((tx) => tx.query('SELECT 1'))).rejects.toBeInstanceOf(DatabaseUnavailableError);

      await proxy.up();
      expect(await store.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
      // A connection lost inside a transaction is not handed to the next caller.
      await expect(store.transaction(async (tx) => {
        await tx.query('SELECT 1');
        await terminate(name);
        await tx.query('SELECT 1');
      })).rejects.toBeInstanceOf(DatabaseUnavailableError);
      expect(await store.transaction((tx) => tx.query<{ n: number }>('SELECT 2 AS n'))).toEqual([{ n: 2 }]);
      // A failing statement is not an outage: it keeps its own error.
      const bad = await store.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
      expect(bad).not.toBeInstanceOf(DatabaseUnavailableError);
      expect(bad).toMatchObject({ code: '42P01' });
    } finally {
      await store.close();
    }
  }, 20_000);
});
