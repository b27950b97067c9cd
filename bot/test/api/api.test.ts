import { startTestServer, type TestServer } from '../../../test-support/server';

/** The tab API end to end: real server, real connector, the Business Central sandbox, a real database. */
describe('tab API', () => {
  let s: TestServer;
  let alice: string;
  let bob: string;
  let contosoUrl: string;
  beforeAll(async () => {
    s = await startTestServer();
    alice = await s.signIn('Alice Accountant');
    bob = await s.signIn('Bob Bookkeeper');
    const contoso = s.sandbox.tenants.find((t) => t.clientName === 'Contoso Ltd');
    contosoUrl = `${s.sandbox.url}/${contoso?.tenantId}/production`;
  });
  afterAll(() => s.close());

  async function refreshAll(token: string, companyIds?: string[]) {
    const started = await s.api(token, 'POST', '/api/v1/refresh-jobs', companyIds ? { companyIds } : {});
    expect(started.status).toBe(202);
    for (let i = 0; i < 200; i += 1) {
      const job = await s.api(token, 'GET', `/api/v1/refresh-jobs/${started.body.id}`);
      if (job.body.state === 'done') return job.body;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('refresh job did not finish');
  }

  describe('health', () => {
    it('answers /healthz and /readyz without a token', async () => {
      expect((await s.api(null, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
      expect((await s.api(null, 'GET', '/readyz')).body).toEqual({ status: 'ready', database: 'ok' });
    });
  });

  describe('identity', () => {
    it.each([
      ['GET', '/api/v1/clients'], ['POST', '/api/v1/clients'], ['GET', '/api/v1/dashboard'], ['POST', '/api/v1/refresh-jobs'],
      ['GET', '/api/v1/views'], ['POST', '/api/v1/client-url/test'], ['GET', '/api/v1/me'],
    ])('%s %s needs a token', async (method, path) => {
      const r = await s.api(null, method, path, method === 'POST' ? {} : undefined);
      expect(r.status).toBe(401);
      expect(r.body.error).toMatchObject({ code: 'unauthorized', correlationId: expect.any(String) });
    });

    it('refuses a tampered dev token', async () => {
      const [h, p] = alice.split('.');
      const forged = `${h}.${Buffer.from(JSON.stringify({ tid: 'x', oid: 'y', iss: 'accountant-hub-dev', aud: 'accountant-hub-dev' })).toString('base64url')}.${alice.split('.')[2]}`;
      expect(p).toBeDefined();
      expect((await s.api(forged, 'GET', '/api/v1/me')).status).toBe(401);
    });

    it('says who is signed in', async () => {
      expect((await s.api(alice, 'GET', '/api/v1/me')).body).toMatchObject({ name: 'Alice Accountant', devIdentity: true });
    });
  });

  describe('bad input', () => {
    it('explains every invalid field', async () => {
      const r = await s.api(alice, 'POST', '/api/v1/clients', { name: '', email: 'not-an-email', clientUrl: '', tax: { frequency: 'weekly' } });
      expect(r.status).toBe(400);
      const paths = r.body.error.details.map((d: { path: string }) => d.path).sort();
      expect(paths).toEqual(['clientUrl', 'email', 'name', 'tax.frequency']);
      expect(r.body.error.details.find((d: { path: string }) => d.path === 'name').message).toBe('Name is required');
    });

    it('refuses a client URL that is not Business Central, saying why', async () => {
      const r = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Evil', clientUrl: 'http://10.0.0.1/admin' });
      expect(r.status).toBe(400);
      expect(r.body.error.details[0]).toMatchObject({ path: 'clientUrl', message: expect.stringMatching(/not a Business Central address/) });
    });

    it('refuses malformed JSON, wrong content types and oversized bodies', async () => {
      const post = (body: string, type = 'application/json') =>
        fetch(`${s.url}/api/v1/clients`, { method: 'POST', headers: { authorization: `Bearer ${alice}`, 'content-type': type }, body });
      const bad = await post('{"name": ');
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as any).error.code).toBe('invalid_json');
      expect((await post('name=x', 'application/x-www-form-urlencoded')).status).toBe(415);
      expect((await post(JSON.stringify({ name: 'x'.repeat(300_000) }))).status).toBe(413);
    });

    it('answers 404 for ids that are not ids, and for unknown API paths', async () => {
      expect((await s.api(alice, 'GET', '/api/v1/clients/not-a-uuid')).status).toBe(404);
      expect((await s.api(alice, 'GET', "/api/v1/companies/1' OR '1'='1")).status).toBe(404);
      expect((await s.api(alice, 'GET', '/api/v1/nothing-here')).status).toBe(404);
    });

    it('validates refresh selections', async () => {
      expect((await s.api(alice, 'POST', '/api/v1/refresh-jobs', { companyIds: ['nope'] })).status).toBe(400);
      expect((await s.api(alice, 'POST', '/api/v1/refresh-jobs', { companyIds: [] })).status).toBe(400);
    });
  });

  describe('clients, dashboard and refresh', () => {
    let clientId: string;
    let companyIds: string[];

    it('adds a client, finds its companies, and shows them on the dashboard after a refresh', async () => {
      const created = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Contoso Ltd', clientUrl: `${contosoUrl}/?company=Contoso%20Ltd&page=22`, email: 'finance@contoso.co.uk' });
      expect(created.status).toBe(201);
      expect(created.body.clientUrl).toBe(contosoUrl);
      expect(created.body.companies.map((c: { name: string }) => c.name)).toEqual(['Contoso Ltd', 'Contoso Retail Ltd']);
      clientId = created.body.id;
      companyIds = created.body.companies.map((c: { id: string }) => c.id);

      const before = await s.api(alice, 'GET', '/api/v1/dashboard');
      expect(before.body.rows.map((r: { status: string }) => r.status)).toEqual(['never', 'never']);
      const job = await refreshAll(alice);
      expect(job).toMatchObject({ total: 2, done: 2, failed: 0, state: 'done' });
      const after = await s.api(alice, 'GET', '/api/v1/dashboard');
      for (const row of after.body.rows) {
        expect(row).toMatchObject({ status: 'ok', currency: 'GBP', error: null, clientName: 'Contoso Ltd' });
        expect(row.kpis.overdueSales.count).toBeGreaterThan(0);
        expect(row.kpis.taxDue).toMatchObject({ estimate: true, amount: { currency: 'GBP' } });
        expect(row.bcUrl).toContain(`?company=${encodeURIComponent(row.companyName)}`);
      }
    });

    it('serves the dashboard compressed with a validator, and 304 when nothing changed', async () => {
      const first = await fetch(`${s.url}/api/v1/dashboard`, { headers: { authorization: `Bearer ${alice}`, 'accept-encoding': 'gzip' } });
      expect(first.headers.get('content-encoding')).toBe('gzip');
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await fetch(`${s.url}/api/v1/dashboard`, { headers: { authorization: `Bearer ${alice}`, 'if-none-match': etag ?? '' } });
      expect(again.status).toBe(304);
    });

    it('shows a company’s details with links into Business Central', async () => {
      const d = await s.api(alice, 'GET', `/api/v1/companies/${companyIds[0]}`);
      expect(d.status).toBe(200);
      expect(d.body.forecast.weeks).toHaveLength(13);
      expect(d.body.cashAccounts.length).toBeGreaterThan(0);
      expect(d.body.overdueSales.length).toBe(d.body.row.kpis.overdueSales.count > 200 ? 200 : d.body.row.kpis.overdueSales.count);
      const first = d.body.overdueSales[0];
      expect(first.daysOverdue).toBeGreaterThan(0);
      expect(first.bcUrl).toContain(`page=132&filter=%27No.%27%20IS%20%27${encodeURIComponent(first.number)}%27`);
      const page = await fetch(first.bcUrl);
      expect(await page.text()).toContain(first.number);
    });

    it('keeps the last good figures and says why when a refresh fails', async () => {
      const tenant = s.sandbox.tenants.find((t) => t.clientName === 'Contoso Ltd')?.tenantId ?? '';
      const good = (await s.api(alice, 'GET', '/api/v1/dashboard')).body.rows[0];
      s.sandbox.faults.set(tenant, 'production', { status: 500 });
      const r = await s.api(alice, 'POST', `/api/v1/companies/${good.companyId}/refresh`);
      s.sandbox.faults.clear();
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: 'error', refreshedAt: good.refreshedAt, kpis: good.kpis, error: { kind: 'upstream', message: expect.stringMatching(/500/) } });
      const fixed = await s.api(alice, 'POST', `/api/v1/companies/${good.companyId}/refresh`);
      expect(fixed.body).toMatchObject({ status: 'ok', error: null });
    });

    it('refreshes a selection, and one failing company never spoils the others', async () => {
      const fabrikam = s.sandbox.tenants.find((t) => t.clientName === 'Fabrikam GmbH');
      const second = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Fabrikam GmbH', clientUrl: `${s.sandbox.url}/${fabrikam?.tenantId}/production` });
      s.sandbox.faults.set(fabrikam?.tenantId ?? '', 'production', { status: 401 });
      const job = await refreshAll(alice, [...companyIds, second.body.companies[0].id]);
      s.sandbox.faults.clear();
      expect(job).toMatchObject({ total: 3, done: 3, failed: 1 });
      const rows = (await s.api(alice, 'GET', '/api/v1/dashboard')).body.rows;
      expect(rows.find((r: { clientName: string }) => r.clientName === 'Fabrikam GmbH')).toMatchObject({ status: 'error', error: { kind: 'auth' } });
      expect(rows.filter((r: { status: string }) => r.status === 'ok')).toHaveLength(2);
    });

    it('Refresh all finds a company created in Business Central since the client was saved, and reads it in the same job', async () => {
      // The hub forgets one company: to the next "Refresh all" it is new in Business Central.
      const [forgotten] = await s.db.query<{ bc_company_id: string; name: string }>(
        'DELETE FROM companies WHERE id = $1 RETURNING bc_company_id, name', [companyIds[1]],
      );
      expect(forgotten).toBeDefined();
      const job = await refreshAll(alice);
      const all = (await s.api(alice, 'GET', '/api/v1/dashboard')).body.rows;
      expect(job).toMatchObject({ total: all.length, done: all.length, state: 'done' });
      const rows = all.filter((r: { clientName: string }) => r.clientName === 'Contoso Ltd');
      expect(rows.map((r: { companyName: string; status: string }) => [r.companyName, r.status])).toEqual([['Contoso Ltd', 'ok'], [forgotten?.name, 'ok']]);
      companyIds = rows.map((r: { companyId: string }) => r.companyId);
    });

    it('edits a client and keeps its companies', async () => {
      const r = await s.api(alice, 'PUT', `/api/v1/clients/${clientId}`, { name: 'Contoso Group', clientUrl: contosoUrl, phone: '+44 20 7946 0000', tax: { frequency: 'monthly', dueMonthsAfterPeriodEnd: 0, dueDay: 19 } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ name: 'Contoso Group', phone: '+44 20 7946 0000', tax: { frequency: 'monthly', dueDay: 19 } });
      expect(r.body.companies.map((c: { id: string }) => c.id)).toEqual(companyIds);
    });

    it('answers 404 to another user’s ids, everywhere', async () => {
      const attempts = [
        s.api(bob, 'GET', `/api/v1/clients/${clientId}`),
        s.api(bob, 'PUT', `/api/v1/clients/${clientId}`, { name: 'Mine', clientUrl: contosoUrl }),
        s.api(bob, 'DELETE', `/api/v1/clients/${clientId}`),
        s.api(bob, 'GET', `/api/v1/companies/${companyIds[0]}`),
        s.api(bob, 'POST', `/api/v1/companies/${companyIds[0]}/refresh`),
      ];
      for (const r of await Promise.all(attempts)) expect(r.status).toBe(404);
      const job = await refreshAll(bob, companyIds);
      expect(job.total).toBe(0);
      expect((await s.api(bob, 'GET', '/api/v1/dashboard')).body.rows).toEqual([]);
      expect((await s.api(alice, 'GET', `/api/v1/clients/${clientId}`)).body.name).toBe('Contoso Group');
    });

    it('deletes a client with its companies', async () => {
      expect((await s.api(alice, 'DELETE', `/api/v1/clients/${clientId}`)).status).toBe(204);
      expect((await s.api(alice, 'GET', `/api/v1/clients/${clientId}`)).status).toBe(404);
      expect((await s.api(alice, 'GET', `/api/v1/companies/${companyIds[0]}`)).status).toBe(404);
      const rows = (await s.api(alice, 'GET', '/api/v1/dashboard')).body.rows;
      expect(rows.map((r: { clientName: string }) => r.clientName)).toEqual(['Fabrikam GmbH']);
    });

    it('saves a client whose Business Central cannot be reached, with a warning', async () => {
      const r = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Nowhere', clientUrl: `${s.sandbox.url}/nosuch.onmicrosoft.com/production` });
      expect(r.status).toBe(201);
      expect(r.body.warning).toMatch(/could not be listed/);
      expect(r.body.companies).toEqual([]);
    });
  });

  describe('Test Client URL', () => {
    it('lists the companies of a good URL', async () => {
      const r = await s.api(alice, 'POST', '/api/v1/client-url/test', { url: contosoUrl });
      expect(r.body).toMatchObject({ ok: true, environment: 'production', companies: [{ name: 'Contoso Ltd' }, { name: 'Contoso Retail Ltd' }] });
    });

    it.each([
      ['not a URL at all', 'http://[', 'malformed'],
      ['another host', 'https://example.com/x/y', 'host_not_allowed'],
      ['no tenant', 'https://businesscentral.dynamics.com/Production', 'malformed'],
    ])('explains %s', async (_what, url, kind) => {
      const r = await s.api(alice, 'POST', '/api/v1/client-url/test', { url });
      expect(r.body).toMatchObject({ ok: false, problem: { kind } });
    });

    it('explains an environment that does not exist and one that refuses access', async () => {
      const tenant = s.sandbox.tenants[0]?.tenantId ?? '';
      expect((await s.api(alice, 'POST', '/api/v1/client-url/test', { url: `${s.sandbox.url}/${tenant}/nosuchenv` })).body.problem.kind).toBe('not_found');
      s.sandbox.faults.set(tenant, 'production', { status: 401 });
      const denied = await s.api(alice, 'POST', '/api/v1/client-url/test', { url: `${s.sandbox.url}/${tenant}/production` });
      s.sandbox.faults.clear();
      expect(denied.body.problem).toMatchObject({ kind: 'no_access', message: expect.stringMatching(/refused access/) });
    });
  });

  describe('saved views', () => {
    const definition = { columns: ['cash', 'overdueSalesAmount'], sort: { column: 'cash', direction: 'desc' }, search: 'contoso', filters: { onlyOverdue: true } };
    it('keeps views per user, with unique names', async () => {
      const created = await s.api(alice, 'POST', '/api/v1/views', { name: 'Overdue first', definition });
      expect(created.status).toBe(201);
      expect((await s.api(alice, 'POST', '/api/v1/views', { name: 'Overdue first', definition })).status).toBe(409);
      expect((await s.api(alice, 'POST', '/api/v1/views', { name: 'Bad', definition: { ...definition, columns: ['nope'] } })).status).toBe(400);
      expect((await s.api(alice, 'GET', '/api/v1/views')).body.views).toEqual([expect.objectContaining({ name: 'Overdue first', definition })]);
      expect((await s.api(bob, 'GET', '/api/v1/views')).body.views).toEqual([]);
      expect((await s.api(bob, 'PUT', `/api/v1/views/${created.body.id}`, { name: 'x', definition })).status).toBe(404);
      expect((await s.api(bob, 'DELETE', `/api/v1/views/${created.body.id}`)).status).toBe(404);
      const renamed = await s.api(alice, 'PUT', `/api/v1/views/${created.body.id}`, { name: 'Overdue', definition });
      expect(renamed.body.name).toBe('Overdue');
      expect((await s.api(alice, 'DELETE', `/api/v1/views/${created.body.id}`)).status).toBe(204);
    });
  });
});
