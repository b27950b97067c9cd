import { OutboxRepo, BotStateRepo, DatabaseUnavailableError, type Db } from '@hub/client-data';
import { startBotConnector, TEAMS_LIMITS, type BotConnector } from '../../../test-support/bot-connector';
import { backends, openTestDb, type TestDb } from '../../../test-support/db';
import type { ProactiveTransport } from '../../src/proactive/sender';
import { invitation, localAdapter, makeSender, quietLog, seedUsers } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('proactive delivery through the outbox', () => {
  let db: TestDb;
  let connector: BotConnector;
  let outbox: OutboxRepo;
  const adapter = localAdapter();
  beforeEach(async () => {
    db = await openTestDb('pglite');
    connector = await startBotConnector({ limits: TEAMS_LIMITS });
    outbox = new OutboxRepo(db);
  });
  afterEach(async () => {
    await connector.close();
    await db.dispose();
  });

  it('enqueues once per key, inside a caller transaction too', async () => {
    const [u] = await seedUsers(db, 1, connector.url);
    expect(await outbox.enqueue(invitation(u!.userId, 1))).toBe(true);
    expect(await outbox.enqueue(invitation(u!.userId, 1))).toBe(false);
    await expect(db.transaction(async (tx) => {
      await outbox.enqueue(invitation(u!.userId, 2), tx);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await outbox.has(invitation(u!.userId, 2).key)).toBe(false);
    expect(await outbox.pending()).toBe(1);
  });

  it('two senders on one database send every card exactly once', async () => {
    const users = await seedUsers(db, 60, connector.url);
    for (const u of users) for (let n = 0; n < 2; n++) await outbox.enqueue(invitation(u.userId, n));
    const a = makeSender(db, adapter, { batch: 10, ratePerSecond: 50 });
    const b = makeSender(db, adapter, { batch: 10, ratePerSecond: 50 });
    await Promise.all([a.drain(), b.drain()]);
    const msgs = connector.messages();
    expect(msgs.length).toBe(120);
    expect(connector.calls.filter((c) => c.duplicate).length).toBe(0);
    expect(new Set(msgs.map((m) => m.activity.id)).size).toBe(120);
    expect(a.stats.sent + b.stats.sent).toBe(120);
    expect(a.stats.sent).toBeGreaterThan(0);
    expect(b.stats.sent).toBeGreaterThan(0);
    expect(await outbox.pending()).toBe(0);
  });

  it('a crash between send and mark: the row is taken again after its lease and the connector shows the card once', async () => {
    const [u] = await seedUsers(db, 1, connector.url);
    await outbox.enqueue(invitation(u!.userId, 1));
    // The first instance sends, then "dies" before marking: its send never returns.
    const dying: ProactiveTransport = { sendProactive: async (ref, act) => { await adapter.sendProactive(ref, act); return new Promise(() => undefined); } };
    const first = makeSender(db, dying, { leaseMs: 300 }, 'instance-1');
    void first.drain();
    await connector.waitFor((c) => c.kind === 'send');
    expect((await outbox.lease('instance-2', 10, 300)).length).toBe(0); // still leased
    await sleep(400);
    const second = makeSender(db, adapter, { leaseMs: 300 }, 'instance-2');
    expect(await second.drain()).toBe(1);
    const sends = connector.calls.filter((c) => c.kind === 'send');
    expect(sends.length).toBe(2);
    expect(sends[0]!.activity.id).toBe(sends[1]!.activity.id);
    expect(sends[1]!.duplicate).toBe(true);
    expect(connector.messages().length).toBe(1);
    expect((await outbox.recentFor(u!.userId))[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('a 429 pauses all sending for Retry-After, then resumes; 5xx and 412 are retried', async () => {
    const users = await seedUsers(db, 3, connector.url);
    for (const u of users) await outbox.enqueue(invitation(u.userId, 1));
    connector.failNext({ status: 429, retryAfter: 1 });
    const sender = makeSender(db, adapter, { concurrency: 3 });
    const started = Date.now();
    await sender.drain();
    const throttled = connector.calls.find((c) => c.status === 429)!;
    const ok = connector.messages();
    expect(ok.length).toBe(3);
    // Requests already on the wire when the 429 came may land next to it; after that, no worker sends anything
    // until Retry-After has passed, and the throttled card itself goes again only then.
    const IN_FLIGHT_MS = 100;
    for (const m of ok) {
      const after = m.at - throttled.at;
      expect(after < IN_FLIGHT_MS || after >= 950).toBe(true);
    }
    const resent = ok.find((m) => m.activity.id === throttled.activity.id);
    expect(resent && resent.at - throttled.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sender.stats).toMatchObject({ sent: 3, throttled: 1 });

    connector.reset();
    for (const u of users) await outbox.enqueue(invitation(u.userId, 2));
    connector.failNext({ status: 503 });
    connector.failNext({ status: 412 });
    connector.failNext({ status: 502 });
    await sender.drain();
    expect(connector.messages().length).toBe(3);
    expect(sender.stats.retried).toBe(3);
  });

  it('a user who removed the app (403/404) is marked gone and skipped from then on', async () => {
    const [u, v] = await seedUsers(db, 2, connector.url);
    connector.removeUser(u!.conversationId, 403);
    connector.removeUser(v!.conversationId, 404);
    await outbox.enqueue(invitation(u!.userId, 1));
    await outbox.enqueue(invitation(v!.userId, 1));
    const sender = makeSender(db, adapter);
    await sender.drain();
    expect(sender.stats).toMatchObject({ gone: 2, sent: 0 });
    const state = new BotStateRepo(db);
    expect((await state.conversation(u!.userId))?.goneAt).not.toBeNull();
    expect((await state.conversations()).length).toBe(0);
    const before = connector.calls.length;
    await outbox.enqueue(invitation(u!.userId, 2));
    await sender.drain();
    expect(connector.calls.length).toBe(before); // not even tried
    expect((await outbox.recentFor(u!.userId))[0]).toMatchObject({ state: 'skipped' });
  });

  it('while the database is away the sending loop logs, waits longer each time, and sends once it is back', async () => {
    const [u] = await seedUsers(db, 1, connector.url);
    const state = { down: true, leases: [] as number[] };
    // The store as a lost database makes it: every statement fails as unavailable while `down`.
    const away: Db = {
      ...db,
      query: (sql, params) => {
        if (sql.includes('proactive_outbox') && /\bFOR UPDATE\b/i.test(sql)) state.leases.push(Date.now());
        return state.down ? Promise.reject(new DatabaseUnavailableError(new Error('connect ECONNREFUSED'))) : db.query(sql, params);
      },
    };
    const errors: string[] = [];
    const sender = makeSender(away, adapter, { idleMs: 50 }, undefined, { ...quietLog, error: (_o: unknown, m: string) => { errors.push(m); } });
    sender.start();
    try {
      await sleep(1600);
      // Polling every 50 ms would have tried ~30 times; backing off from 0.5 s it tries a handful.
      expect(state.leases.length).toBeGreaterThanOrEqual(2);
      expect(state.leases.length).toBeLessThanOrEqual(5);
      expect(errors.every((m) => m === 'proactive outbox lease failed')).toBe(true);
      state.down = false;
      await outbox.enqueue(invitation(u!.userId, 1));
      sender.kick();
      await connector.waitFor((c) => c.kind === 'send');
    } finally {
      state.down = false;
      await sender.stop();
    }
    expect(sender.stats.sent).toBe(1);
  });

  it('a kind switched off after it was queued is not sent', async () => {
    const [u] = await seedUsers(db, 1, connector.url);
    await new BotStateRepo(db).updateSettings(u!.userId, { alerts: { invitations: false } });
    await outbox.enqueue(invitation(u!.userId, 1));
    await makeSender(db, adapter).drain();
    expect(connector.calls.length).toBe(0);
    expect((await outbox.recentFor(u!.userId))[0]).toMatchObject({ state: 'skipped', lastError: 'switched off by the user' });
  });
});

const pg = backends.includes('postgres') ? describe : describe.skip;
pg('two server instances on one PostgreSQL (TEST_DATABASE_URL)', () => {
  it('share the outbox without sending any card twice', async () => {
    const db = await openTestDb('postgres');
    const connector = await startBotConnector({ limits: TEAMS_LIMITS });
    try {
      const other = db.second!();
      const users = await seedUsers(db, 100, connector.url);
      const outbox = new OutboxRepo(db);
      for (const u of users) for (let n = 0; n < 3; n++) await outbox.enqueue(invitation(u.userId, n));
      const adapter = localAdapter();
      const a = makeSender(db, adapter, { batch: 20, ratePerSecond: 50 });
      const b = makeSender(other, adapter, { batch: 20, ratePerSecond: 50 });
      await Promise.all([a.drain(), b.drain()]);
      expect(connector.messages().length).toBe(300);
      expect(connector.calls.filter((c) => c.duplicate).length).toBe(0);
      expect(a.stats.sent).toBeGreaterThan(0);
      expect(b.stats.sent).toBeGreaterThan(0);
    } finally {
      await connector.close();
      await db.dispose();
    }
  });
});
