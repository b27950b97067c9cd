import { taxSettingsSchema } from '@hub/contracts';
import { createClientDataService, StaticTokenProvider, BcHttp, BusinessCentralSource, type Db } from '@hub/client-data';
import { backends, openTestDb, type TestDb } from '../../../test-support/db';
import { DashboardCache } from '../../src/api/dashboard-cache';

// A closed local port: the client's Business Central is unreachable, which is fine here (nothing leaves the machine).
const ref = { tenant: 'contoso.onmicrosoft.com', environment: 'Production', origin: 'http://127.0.0.1:9' };

function service(db: Db) {
  const http = new BcHttp({ maxConcurrent: 1, timeoutMs: 1000, maxAttempts: 1 });
  const source = new BusinessCentralSource({ apiBaseUrl: 'https://api.businesscentral.dynamics.com', cloudWebOrigin: ref.origin, tokens: new StaticTokenProvider('x'), http, maxBatchOperations: 100 });
  return createClientDataService({ db, source, extraHosts: ['127.0.0.1:9'], links: { cloudWebOrigin: ref.origin, webBaseUrl: ref.origin } });
}
const waitFor = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met');
};

describe.each(backends)('dashboard cache on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(() => db.dispose());

  it('serves the cached copy until a change is notified, then the new one', async () => {
    const svc = service(db);
    const cache = new DashboardCache(svc);
    await cache.start();
    const userId = await svc.users.ensure({ tenantId: 't', objectId: 'o', name: null });
    const first = await cache.get(userId);
    expect(JSON.parse(first.json.toString()).rows).toEqual([]);
    expect(await cache.get(userId)).toBe(first);

    // The change is made through another instance's connection when a PostgreSQL server is available.
    const writer = service(backend === 'postgres' && db.second ? db.second() : db);
    const id = (await writer.clients.create(userId, 't', { name: 'Contoso', clientUrl: `${ref.origin}/${ref.tenant}/Production`, tax: taxSettingsSchema.parse({}) }).catch(() => null))?.client.id;
    expect(id).toBeDefined();
    await waitFor(async () => (await cache.get(userId)) !== first);
    const second = await cache.get(userId);
    expect(second.etag).not.toBe(first.etag);
    await cache.close();
  });
});
