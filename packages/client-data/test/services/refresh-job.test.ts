import { openTestDb, type TestDb } from '../../../../test-support/db';
import { createClientDataService } from '../../src/index';
import type { Db } from '../../src/adapters/store/db';
import type { AccountingSource, RemoteCompany } from '../../src/ports/accounting-source';
import type { CompanyData } from '../../src/domain/documents';

/** A Business Central whose company list the test changes; every company reads as an empty GBP company. */
function fakeSource(remote: RemoteCompany[]): AccountingSource {
  return {
    listCompanies: async () => [...remote],
    readCompany: async (_env, c): Promise<CompanyData> => ({
      bcCompanyId: c.bcCompanyId, name: c.name, currency: 'GBP', openSalesInvoices: [], openPurchaseInvoices: [], cashAccounts: [],
      openSalesDocuments: { quotes: 0, orders: 0, draftInvoices: 0 }, taxDocuments: [],
    }),
    checkAccess: async () => [],
  };
}

/** The store, except that writes of refresh outcomes fail while `down` is set (the database went away mid-refresh). */
function flaky(db: Db, state: { down: boolean }): Db {
  const guard = (d: Db): Db => ({
    ...d,
    query: async (sql, params) => {
      if (state.down && sql.includes('INSERT INTO snapshots')) throw new Error('connection lost');
      return d.query(sql, params);
    },
    transaction: (fn) => d.transaction((tx) => fn(guard(tx))),
  });
  return guard(db);
}

describe('Refresh all as a job', () => {
  let db: TestDb;
  beforeEach(async () => { db = await openTestDb(); });
  afterEach(() => db.dispose());

  async function setUp(remote: RemoteCompany[], state = { down: false }) {
    const svc = createClientDataService({ db: flaky(db, state), source: fakeSource(remote), extraHosts: [], links: { cloudWebOrigin: 'https://businesscentral.dynamics.com', webBaseUrl: 'https://businesscentral.dynamics.com' } });
    const userId = await svc.users.ensure({ tenantId: 'firm', objectId: 'alice', name: 'Alice' });
    await svc.clients.create(userId, 'firm', { name: 'Contoso', clientUrl: 'https://businesscentral.dynamics.com/contoso.onmicrosoft.com/Production' });
    return { svc, userId };
  }

  it('counts a company found in Business Central during the run, reads it, and finishes only then', async () => {
    const remote = [{ bcCompanyId: 'a', name: 'Contoso Ltd' }];
    const { svc, userId } = await setUp(remote);
    remote.push({ bcCompanyId: 'b', name: 'Contoso Retail' });
    const job = await svc.refresh.start(userId);
    expect(job).toMatchObject({ total: 1, state: 'running' });
    await svc.refresh.idle();
    expect(await svc.refresh.job(userId, job.id)).toMatchObject({ total: 2, done: 2, failed: 0, state: 'done' });
    const rows = await svc.dashboard.rows(userId);
    expect(rows.map((r) => [r.companyName, r.status])).toEqual([['Contoso Ltd', 'ok'], ['Contoso Retail', 'ok']]);
  });

  it('finishes with the companies it could not store counted as failed when the store fails mid-run, and keeps working after', async () => {
    const state = { down: false };
    const { svc, userId } = await setUp([{ bcCompanyId: 'a', name: 'Contoso Ltd' }, { bcCompanyId: 'b', name: 'Contoso Retail' }], state);
    state.down = true;
    const job = await svc.refresh.start(userId);
    await svc.refresh.idle();
    expect(await svc.refresh.job(userId, job.id)).toMatchObject({ total: 2, done: 2, failed: 2, state: 'done' });
    state.down = false;
    const again = await svc.refresh.start(userId);
    await svc.refresh.idle();
    expect(await svc.refresh.job(userId, again.id)).toMatchObject({ total: 2, done: 2, failed: 0, state: 'done' });
  });
});
