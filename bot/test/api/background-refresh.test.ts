import { startTestServer, type TestServer } from '../../../test-support/server';

/** Figures older than the background-refresh age are re-read by the scheduler; fresh and just-failed ones wait. */
describe('background refresh of stale companies', () => {
  let s: TestServer;
  let token: string;
  const HOUR = 3_600_000;
  beforeAll(async () => {
    s = await startTestServer();
    token = await s.signIn('Alice Accountant');
    const contoso = s.sandbox.tenants.find((t) => t.clientName === 'Contoso Ltd');
    const fabrikam = s.sandbox.tenants.find((t) => t.clientName === 'Fabrikam GmbH');
    await s.api(token, 'POST', '/api/v1/clients', { name: 'Contoso Ltd', clientUrl: `${s.sandboxUrl}/${contoso?.tenantId}/production` });
    await s.api(token, 'POST', '/api/v1/clients', { name: 'Fabrikam GmbH', clientUrl: `${s.sandboxUrl}/${fabrikam?.tenantId}/production` });
  });
  afterAll(() => s.close());

  const rows = async () => (await s.api(token, 'GET', '/api/v1/dashboard')).body.rows as { companyName: string; status: string; refreshedAt: string | null }[];

  it('reads companies never read, then leaves them alone while fresh', async () => {
    expect((await rows()).map((r) => r.status)).toEqual(['never', 'never', 'never']);
    expect(await s.app.svc.refresh.refreshStale(4 * HOUR, 100)).toEqual({ ok: 3, failed: 0 });
    expect((await rows()).every((r) => r.status === 'ok')).toBe(true);
    expect(await s.app.svc.refresh.refreshStale(4 * HOUR, 100)).toEqual({ ok: 0, failed: 0 });
  });

  it('re-reads only what is older than the age, oldest first, within the batch limit', async () => {
    await s.db.query(`UPDATE snapshots SET refreshed_at = now() - interval '5 hours'`);
    const fabrikamId = (await s.db.query<{ id: string }>(`SELECT id FROM companies WHERE name = 'Fabrikam GmbH'`))[0]?.id;
    await s.db.query(`UPDATE snapshots SET refreshed_at = now() - interval '9 hours' WHERE company_id = $1`, [fabrikamId]);
    expect(await s.app.svc.refresh.refreshStale(4 * HOUR, 1)).toEqual({ ok: 1, failed: 0 });
    const fabrikam = (await rows()).find((r) => r.companyName === 'Fabrikam GmbH');
    expect(Date.now() - Date.parse(fabrikam?.refreshedAt ?? '')).toBeLessThan(60_000);
    expect(await s.app.svc.refresh.refreshStale(4 * HOUR, 100)).toEqual({ ok: 2, failed: 0 });
  });

  it('does not retry a failing client on every tick', async () => {
    await s.db.query(`UPDATE snapshots SET refreshed_at = now() - interval '5 hours'`);
    const fabrikam = s.sandbox.tenants.find((t) => t.clientName === 'Fabrikam GmbH');
    s.sandbox.faults.set(fabrikam?.tenantId ?? '', 'production', { status: 401 });
    expect(await s.app.svc.refresh.refreshStale(4 * HOUR, 100)).toEqual({ ok: 2, failed: 1 });
    expect(await s.app.svc.refresh.refreshStale(4 * HOUR, 100)).toEqual({ ok: 0, failed: 0 });
    s.sandbox.faults.clear();
    expect((await rows()).find((r) => r.companyName === 'Fabrikam GmbH')?.status).toBe('error');
  });
});
