import { taxSettingsSchema } from '@hub/contracts';
import { backends, openTestDb, type TestDb } from '../../../test-support/db';
import { offlineClientUrl, offlineService as service } from '../../../test-support/offline-service';
import { waitFor } from '../../../test-support/wait';
import { DashboardCache } from '../../src/api/dashboard-cache';

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
    const id = (await writer.clients.create(userId, 't', { name: 'Contoso', clientUrl: offlineClientUrl, tax: taxSettingsSchema.parse({}) }).catch(() => null))?.client.id;
    expect(id).toBeDefined();
    await waitFor(async () => (await cache.get(userId)) !== first, 'the cache drops the changed copy');
    const second = await cache.get(userId);
    expect(second.etag).not.toBe(first.etag);
    await cache.close();
  });
});
