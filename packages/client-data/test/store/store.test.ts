import { taxSettingsSchema } from '@hub/contracts';
import { backends, openTestDb, type TestDb } from '../../../../test-support/db';
import { ClientsRepo } from '../../src/adapters/store/clients-repo';
import { migrate } from '../../src/adapters/store/migrations';
import { RefreshJobsRepo } from '../../src/adapters/store/refresh-jobs-repo';
import { SnapshotsRepo } from '../../src/adapters/store/snapshots-repo';
import { UsersRepo } from '../../src/adapters/store/users-repo';
import { DuplicateNameError, ViewsRepo } from '../../src/adapters/store/views-repo';
import { buildSnapshot } from '../../src/domain/snapshot';
import { cashForecast } from '../../src/domain/forecast';
import { company, TODAY } from '../domain/fixtures';

const ref = { tenant: 'contoso.onmicrosoft.com', environment: 'Production', origin: 'https://businesscentral.dynamics.com' };
const input = { name: 'Contoso Ltd', clientUrl: 'https://businesscentral.dynamics.com/contoso.onmicrosoft.com/Production', tax: taxSettingsSchema.parse({}) };

describe.each(backends)('store on %s', (backend) => {
  let db: TestDb;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    db = await openTestDb(backend);
    const users = new UsersRepo(db);
    alice = await users.ensure({ tenantId: 'firm-a', objectId: 'alice', name: 'Alice' });
    bob = await users.ensure({ tenantId: 'firm-b', objectId: 'bob', name: 'Bob' });
  });
  afterAll(() => db.dispose());

  it('migrates idempotently', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('gives the same user id for the same principal', async () => {
    expect(await new UsersRepo(db).ensure({ tenantId: 'firm-a', objectId: 'alice', name: null })).toBe(alice);
  });

  it('scopes every client query to the user’s access list', async () => {
    const repo = new ClientsRepo(db);
    const id = await repo.create(alice, 'firm-a', input, ref);
    expect((await repo.list(alice)).map((c) => c.id)).toContain(id);
    expect(await repo.list(bob)).toEqual([]);
    expect(await repo.get(bob, id)).toBeNull();
    expect(await repo.update(bob, id, { ...input, name: 'Hijacked' }, ref)).toBe(false);
    expect(await repo.remove(bob, id)).toBe(false);
    expect((await repo.get(alice, id))?.name).toBe('Contoso Ltd');
    expect(await repo.update(alice, id, { ...input, name: 'Contoso Group', email: 'finance@contoso.com' }, ref)).toBe(true);
    expect(await repo.get(alice, id)).toMatchObject({ name: 'Contoso Group', email: 'finance@contoso.com', bcTenant: ref.tenant, tax: input.tax });
    expect(await repo.remove(alice, id)).toBe(true);
    expect(await repo.get(alice, id)).toBeNull();
  });

  it('syncs companies, keeping ids of known ones and dropping vanished ones', async () => {
    const repo = new ClientsRepo(db);
    const id = await repo.create(alice, 'firm-a', input, ref);
    await repo.syncCompanies(id, [{ bcCompanyId: 'a', name: 'A' }, { bcCompanyId: 'b', name: 'B' }]);
    const before = (await repo.get(alice, id))?.companies ?? [];
    await repo.syncCompanies(id, [{ bcCompanyId: 'a', name: 'A renamed' }, { bcCompanyId: 'c', name: 'C' }]);
    const after = (await repo.get(alice, id))?.companies ?? [];
    expect(after.map((c) => c.name)).toEqual(['A renamed', 'C']);
    expect(after.find((c) => c.bcCompanyId === 'a')?.id).toBe(before.find((c) => c.bcCompanyId === 'a')?.id);
  });

  it('keeps the companies a client chose to share, and none for a client added by hand', async () => {
    const repo = new ClientsRepo(db);
    const shared = await repo.create(alice, 'firm-a', input, ref, ['Contoso Ltd', "O'Brien & Sons"]);
    expect((await repo.get(alice, shared))?.sharedCompanies).toEqual(['Contoso Ltd', "O'Brien & Sons"]);
    expect((await repo.get(alice, await repo.create(alice, 'firm-a', input, ref)))?.sharedCompanies).toBeNull();
    expect(await repo.get(bob, shared)).toBeNull();
  });

  /** A new client of Alice's with one company, as the refresh sees it. */
  const companyOfNewClient = async (name: string, bcCompanyId: string) => {
    const clients = new ClientsRepo(db);
    const id = await clients.create(alice, 'firm-a', { ...input, name }, ref);
    await clients.syncCompanies(id, [{ bcCompanyId, name }]);
    const [target] = (await new SnapshotsRepo(db).targets(alice)).filter((t) => t.clientId === id);
    if (!target) throw new Error('no target');
    return target;
  };

  it('keeps the last good snapshot when a refresh fails, and clears the error on success', async () => {
    const snaps = new SnapshotsRepo(db);
    const target = await companyOfNewClient('Snapshot Co', 'x');
    expect((await snaps.row(alice, target.companyId))?.status).toBe('never');
    const snapshot = buildSnapshot(company, TODAY, input.tax);
    await snaps.saveSuccess(target.companyId, 'GBP', snapshot, new Date('2026-11-25T08:00:00Z'));
    await snaps.saveFailure(target.companyId, 'throttled', 'Business Central is throttling', new Date('2026-11-25T09:00:00Z'));
    const row = await snaps.row(alice, target.companyId);
    expect(row).toMatchObject({ status: 'error', currency: 'GBP', refreshedAt: '2026-11-25T08:00:00.000Z', error: { kind: 'throttled', at: '2026-11-25T09:00:00.000Z' } });
    expect(row?.kpis).toEqual(snapshot.kpis);
    // The details come back whole: the forecast is stored as weekly sums and expanded on the way out.
    const details = { cashAccounts: snapshot.cashAccounts, forecast: cashForecast(company, TODAY), overdueSales: snapshot.overdueSales, overduePurchases: snapshot.overduePurchases };
    expect(await snaps.snapshot(alice, target.companyId)).toEqual(details);
    expect(await snaps.snapshot(bob, target.companyId)).toBeNull();
    expect(await snaps.row(bob, target.companyId)).toBeNull();
    await snaps.saveSuccess(target.companyId, 'GBP', snapshot, new Date('2026-11-25T10:00:00Z'));
    expect(await snaps.row(alice, target.companyId)).toMatchObject({ status: 'ok', error: null, refreshedAt: '2026-11-25T10:00:00.000Z' });
  });

  it('reads snapshots stored before the forecast was kept as sums', async () => {
    const snaps = new SnapshotsRepo(db);
    const target = await companyOfNewClient('Old Snapshot Co', 'old');
    const snapshot = buildSnapshot(company, TODAY, input.tax);
    const old = { ...snapshot, forecast: cashForecast(company, TODAY) };
    await db.query('INSERT INTO snapshots (company_id, data, kpis, refreshed_at) VALUES ($1, $2::json, $3::jsonb, now())', [target.companyId, JSON.stringify(old), JSON.stringify(snapshot.kpis)]);
    expect(await snaps.snapshot(alice, target.companyId)).toEqual({ cashAccounts: old.cashAccounts, forecast: old.forecast, overdueSales: old.overdueSales, overduePurchases: old.overduePurchases });
  });

  it('keeps saved views per user with unique names', async () => {
    const views = new ViewsRepo(db);
    const definition = { columns: ['cash' as const], sort: null, search: '', filters: {} };
    const v = await views.create(alice, 'Overdue first', definition);
    await expect(views.create(alice, 'Overdue first', definition)).rejects.toBeInstanceOf(DuplicateNameError);
    await views.create(bob, 'Overdue first', definition);
    expect((await views.list(alice)).map((x) => x.name)).toEqual(['Overdue first']);
    expect(await views.update(bob, v.id, 'Mine now', definition)).toBeNull();
    expect(await views.remove(bob, v.id)).toBe(false);
    expect(await views.remove(alice, v.id)).toBe(true);
  });

  it('reports a refresh job left behind by a stopped instance as done, its unfinished companies as failed', async () => {
    const jobs = new RefreshJobsRepo(db);
    const { job } = await jobs.start(alice, 5);
    await jobs.progress(job.id, 2, 0);
    expect(await jobs.get(alice, job.id)).toMatchObject({ state: 'running', done: 2, failed: 0 });
    expect(await jobs.get(bob, job.id)).toBeNull();
    await db.query(`UPDATE refresh_jobs SET updated_at = now() - interval '1 minute' WHERE id = $1`, [job.id]);
    expect(await jobs.get(alice, job.id)).toMatchObject({ state: 'done', abandoned: true, done: 5, failed: 3, finishedAt: expect.any(String) });
    // It no longer blocks a start: the new job runs, the old one is closed as it read.
    const next = await jobs.start(alice, 1);
    expect(next.created).toBe(true);
    expect(await jobs.get(alice, job.id)).toMatchObject({ state: 'done', abandoned: true, done: 5, failed: 3 });
    await jobs.finish(next.job.id);
  });

  it('runs one refresh job per user: a second start gets the running one until it finishes or goes quiet; heartbeats keep it', async () => {
    const jobs = new RefreshJobsRepo(db, 400);
    const first = await jobs.start(alice, 2);
    expect(first.created).toBe(true);
    expect(await jobs.start(alice, 9)).toMatchObject({ created: false, job: { id: first.job.id, total: 2 } });
    expect((await jobs.start(bob, 1)).created).toBe(true);
    // Heartbeats across the threshold keep it running.
    for (let i = 0; i < 4; i += 1) {
      await new Promise((r) => setTimeout(r, 150));
      await jobs.heartbeat([first.job.id]);
    }
    expect(await jobs.get(alice, first.job.id)).toMatchObject({ state: 'running', abandoned: false });
    await new Promise((r) => setTimeout(r, 500));
    expect(await jobs.get(alice, first.job.id)).toMatchObject({ state: 'done', abandoned: true });
    const second = await jobs.start(alice, 3);
    expect(second.created).toBe(true);
    // The quiet one's instance comes back: its late progress and finish change nothing.
    await jobs.progress(first.job.id, 1, 0);
    await jobs.finish(first.job.id);
    expect(await jobs.get(alice, first.job.id)).toMatchObject({ abandoned: true, done: 2, failed: 2 });
    await jobs.finish(second.job.id);
    expect((await jobs.start(alice, 1)).created).toBe(true);
  });
});
