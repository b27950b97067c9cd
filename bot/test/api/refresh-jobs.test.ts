import { randomBytes } from 'node:crypto';
import { createSandbox, type Sandbox } from '@hub/bc-sandbox';
import { startAppProcess, type AppProcess } from '../../../test-support/app-process';
import { openTestDb, type TestDb } from '../../../test-support/db';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { sleep, waitFor } from '../../../test-support/wait';

type Api = TestServer['api'];

/** Starts "Refresh all" and polls until the job is no longer running. */
async function refreshAll(api: Api, token: string): Promise<{ id: string; state: string; abandoned: boolean; total: number; failed: number }> {
  const started = await api(token, 'POST', '/api/v1/refresh-jobs', {});
  expect(started.status).toBe(202);
  return untilFinished(api, token, started.body.id);
}

async function untilFinished(api: Api, token: string, id: string) {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const job = await api(token, 'GET', `/api/v1/refresh-jobs/${id}`);
    if (job.body.state === 'done') return job.body;
    await sleep(25);
  }
  throw new Error('refresh job did not finish');
}

/** What Business Central was asked, per entity set, without the $batch envelopes that carried it. */
const reads = (sandbox: Sandbox) => Object.fromEntries([...sandbox.stats.byPath].filter(([k]) => k !== '$batch').sort());

const clientUrlOf = (sandbox: Sandbox, name: string) => {
  const t = sandbox.tenants.find((x) => x.clientName === name);
  return `${sandbox.url}/${t?.tenantId}/production`;
};

describe('Refresh all: one running job per user', () => {
  let s: TestServer;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    s = await startTestServer({ tabDir: null });
    alice = await s.signIn('Alice Accountant');
    bob = await s.signIn('Bob Bookkeeper');
    for (const name of ['Contoso Ltd', 'Fabrikam GmbH']) expect((await s.api(alice, 'POST', '/api/v1/clients', { name, clientUrl: clientUrlOf(s.sandbox, name) })).status).toBe(201);
    expect((await s.api(bob, 'POST', '/api/v1/clients', { name: 'Northwind', clientUrl: clientUrlOf(s.sandbox, 'Northwind Traders Ltd') })).status).toBe(201);
  });
  afterAll(() => s.close());
  afterEach(() => s.sandbox.faults.clear());

  it('25 simultaneous starts by one user give one job, and Business Central is read once, not 25 times', async () => {
    // What one Refresh all asks of Business Central.
    s.sandbox.stats.reset();
    const once = await refreshAll(s.api, alice);
    expect(once).toMatchObject({ state: 'done', abandoned: false, failed: 0 });
    const oneRun = reads(s.sandbox);
    expect(Object.keys(oneRun).length).toBeGreaterThan(3);

    // Slow answers keep the job running while all 25 starts arrive (with room to spare on a loaded machine).
    for (const t of s.sandbox.tenants) s.sandbox.faults.set(t.tenantId, '*', { latencyMs: 3000 });
    s.sandbox.stats.reset();
    const starts = await Promise.all(Array.from({ length: 25 }, () => s.api(alice, 'POST', '/api/v1/refresh-jobs', {})));
    expect(starts.map((r) => [r.status, r.body.state])).toEqual(Array(25).fill([202, 'running']));
    const ids = new Set(starts.map((r) => r.body.id as string));
    expect(ids.size).toBe(1);
    const [id] = [...ids] as [string];
    expect(id).not.toBe(once.id);
    expect(await untilFinished(s.api, alice, id)).toMatchObject({ state: 'done', abandoned: false, failed: 0, total: once.total });
    expect(reads(s.sandbox)).toEqual(oneRun);

    // Finished: the next start is a new job.
    s.sandbox.faults.clear();
    expect((await refreshAll(s.api, alice)).id).not.toBe(id);
  });

  it("another user's start is independent: it runs beside the first user's job, and each reads only its own", async () => {
    for (const t of s.sandbox.tenants) s.sandbox.faults.set(t.tenantId, '*', { latencyMs: 1000 });
    const [a, b] = await Promise.all([s.api(alice, 'POST', '/api/v1/refresh-jobs', {}), s.api(bob, 'POST', '/api/v1/refresh-jobs', {})]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.state).toBe('running');
    expect(b.body.state).toBe('running');
    // Bob cannot read Alice's job, and his own counts only his company.
    expect((await s.api(bob, 'GET', `/api/v1/refresh-jobs/${a.body.id}`)).status).toBe(404);
    const [doneA, doneB] = await Promise.all([untilFinished(s.api, alice, a.body.id), untilFinished(s.api, bob, b.body.id)]);
    expect(doneB).toMatchObject({ state: 'done', total: 1, failed: 0 });
    expect(doneA.total).toBeGreaterThan(1);
  });
});

// Two instances on one database, one of them killed mid-job: only a PostgreSQL server is shared that way.
const onServer = process.env.TEST_DATABASE_URL ? describe : describe.skip;

onServer('Refresh all across two server processes on one PostgreSQL', () => {
  let db: TestDb;
  let sandbox: Sandbox;
  let a: AppProcess;
  let b: AppProcess;
  const HEARTBEAT_MS = 250;
  const ABANDONED_AFTER_MS = 1500;

  beforeAll(async () => {
    db = await openTestDb('postgres');
    sandbox = createSandbox();
    await sandbox.listen(0, '127.0.0.1');
    const env = {
      DATABASE_URL: db.databaseUrl!(`hub-jobs-${randomBytes(4).toString('hex')}`), BC_EXTRA_ALLOWED_HOSTS: new URL(sandbox.url).host,
      REFRESH_HEARTBEAT_MS: String(HEARTBEAT_MS), REFRESH_ABANDONED_AFTER_MS: String(ABANDONED_AFTER_MS),
    };
    [a, b] = await Promise.all([startAppProcess(env), startAppProcess(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await sandbox?.close();
    await db?.dispose();
  });

  it('racing starts on two instances give one job; a job whose instance died reads abandoned within the threshold and no longer blocks a new start', async () => {
    const [onA, onB] = await Promise.all([a.signIn('Alice Accountant'), b.signIn('Alice Accountant')]);
    expect((await a.api(onA, 'POST', '/api/v1/clients', { name: 'Contoso Ltd', clientUrl: clientUrlOf(sandbox, 'Contoso Ltd') })).status).toBe(201);

    // Racing starts on both instances, none running yet: the database lets exactly one of them create the job.
    for (const t of sandbox.tenants) sandbox.faults.set(t.tenantId, '*', { latencyMs: 3000 });
    const raced = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).api(i % 2 ? onA : onB, 'POST', '/api/v1/refresh-jobs', {})));
    expect(raced.map((r) => r.body.state)).toEqual(Array(20).fill('running'));
    expect(new Set(raced.map((r) => r.body.id as string)).size).toBe(1);
    await untilFinished(b.api, onB, raced[0]?.body.id as string);

    // Business Central hangs: a job started on A runs as long as the test wants; a start on B gets that same job.
    for (const t of sandbox.tenants) sandbox.faults.set(t.tenantId, '*', { latencyMs: 15_000 });
    const id = (await a.api(onA, 'POST', '/api/v1/refresh-jobs', {})).body.id as string;
    expect((await b.api(onB, 'POST', '/api/v1/refresh-jobs', {})).body.id).toBe(id);

    // Alive while waiting on Business Central: well past the abandonment threshold the job still runs (heartbeats).
    const job = (p: AppProcess, token: string) => p.api(token, 'GET', `/api/v1/refresh-jobs/${id}`).then((r) => r.body);
    const until = Date.now() + 2 * ABANDONED_AFTER_MS;
    while (Date.now() < until) {
      expect(await job(b, onB)).toMatchObject({ state: 'running', abandoned: false });
      await sleep(100);
    }

    // Instance A dies mid-job (SIGKILL: no shutdown, no finish()).
    await a.kill();
    const killedAt = Date.now();
    await waitFor(async () => (await job(b, onB)).abandoned === true, 'the job reads abandoned', 5000, 50);
    const detectedMs = Date.now() - killedAt;
    // The threshold after the last heartbeat, plus polling and a loaded machine's slack: seconds, not ten minutes.
    expect(detectedMs).toBeLessThan(ABANDONED_AFTER_MS + 1500);
    const abandoned = await job(b, onB);
    expect(abandoned).toMatchObject({ state: 'done', abandoned: true, finishedAt: expect.any(String) });
    expect(abandoned.done).toBe(abandoned.total);
    expect(abandoned.failed).toBe(abandoned.total);

    // A new start is allowed, runs on the survivor and finishes; the abandoned job stays as it was.
    sandbox.faults.clear();
    const again = await b.api(onB, 'POST', '/api/v1/refresh-jobs', {});
    expect(again.body.id).not.toBe(id);
    expect(await untilFinished(b.api, onB, again.body.id)).toMatchObject({ state: 'done', abandoned: false, failed: 0 });
    expect(await job(b, onB)).toMatchObject({ state: 'done', abandoned: true });
    process.stdout.write(`abandoned job detected ${detectedMs} ms after the kill (threshold ${ABANDONED_AFTER_MS} ms, heartbeat ${HEARTBEAT_MS} ms)\n`);
  }, 90_000);
});
