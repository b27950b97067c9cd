import { firstCompany, start, type Started } from './helpers';

let s: Started;
let api: string;
let companyId: string;
beforeAll(async () => {
  s = await start();
  ({ api, companyId } = firstCompany(s.sandbox));
});
afterAll(() => s.sandbox.close());

describe('URL shape, auth and errors', () => {
  it('lists companies with OData context and etags', async () => {
    const r = await s.get(`${api}/companies`);
    expect(r.status).toBe(200);
    expect(r.body['@odata.context']).toMatch(/\/api\/v2\.0\/\$metadata#companies$/);
    expect(r.body.value.map((c: any) => c.name)).toEqual(['Contoso Ltd', 'Contoso Retail Ltd']);
    expect(r.body.value[0]['@odata.etag']).toMatch(/^W\/"/);
  });
  it('answers 401 without a bearer token and 404 NoEnvironment for unknown tenant/environment', async () => {
    const t = s.sandbox.tenants[0]!.tenantId;
    const noAuth = await s.get(`${api}/companies`, { authorization: '' });
    expect(noAuth.status).toBe(401);
    expect(noAuth.body.error.code).toBe('Authentication_InvalidCredentials');
    const env = await s.get(`/v2.0/${t}/nope/api/v2.0/companies`);
    expect(env.status).toBe(404);
    expect(env.body.error).toMatchObject({ code: 'NoEnvironment', message: expect.stringContaining("'nope'") });
    expect((await s.get('/v2.0/00000000-0000-0000-0000-00000000abcd/production/api/v2.0/companies')).body.error.code).toBe('NoEnvironment');
  });
  it('rejects tokens verifyToken refuses', async () => {
    const strict = await start({ verifyToken: (token) => token === 'good' });
    const { api: a } = firstCompany(strict.sandbox);
    expect((await strict.get(`${a}/companies`)).status).toBe(401);
    expect((await strict.get(`${a}/companies`, { authorization: 'Bearer good' })).status).toBe(200);
    await strict.sandbox.close();
  });
  it('returns OData errors for unknown entity sets, companies, fields and records', async () => {
    expect((await s.get(`${api}/companies(${companyId})/nothing`)).status).toBe(404);
    expect((await s.get(`${api}/companies(00000000-0000-0000-0000-000000000009)/customers`)).status).toBe(404);
    const sel = await s.get(`${api}/companies(${companyId})/customers?$select=number,nope`);
    expect(sel.status).toBe(400);
    expect(sel.body.error.message).toContain("Could not find a property named 'nope'");
    const rem = await s.get(`${api}/companies(${companyId})/salesInvoices?$filter=remainingAmount gt 0`);
    expect(rem.status).toBe(400);
    expect((await s.get(`${api}/companies(${companyId})/salesInvoices(00000000-0000-0000-0000-000000000009)`)).status).toBe(404);
  });
});

describe('query options', () => {
  it('pages with Prefer: odata.maxpagesize and a nextLink that keeps filter and select', async () => {
    const path = `${api}/companies(${companyId})/salesInvoices?$filter=status eq 'Paid'&$select=id,number,status`;
    const all = s.sandbox.data(s.sandbox.tenants[0]!.tenantId, 'production', companyId).salesInvoices.filter((i) => i.status === 'Paid');
    const seen: string[] = [];
    let next: string | undefined = path;
    let pages = 0;
    while (next) {
      const r = await s.get(next, { prefer: 'odata.maxpagesize=100' });
      expect(r.status).toBe(200);
      expect(r.headers.get('preference-applied')).toBe('odata.maxpagesize=100');
      for (const row of r.body.value) {
        expect(Object.keys(row).sort()).toEqual(['@odata.etag', 'id', 'number', 'status']);
        expect(row.status).toBe('Paid');
        seen.push(row.number);
      }
      next = r.body['@odata.nextLink'];
      if (next) expect(next).toMatch(/^http:\/\/.*\$skiptoken=/);
      pages++;
    }
    expect(pages).toBeGreaterThan(2);
    expect(seen).toEqual(all.map((i) => i.number));
  });
  it('caps the page size at limits.maxPageSize', async () => {
    const small = await start({ limits: { maxPageSize: 50 } });
    const c = firstCompany(small.sandbox);
    const r = await small.get(`${c.api}/companies(${c.companyId})/generalLedgerEntries`, { prefer: 'odata.maxpagesize=500' });
    expect(r.body.value).toHaveLength(50);
    expect(r.body['@odata.nextLink']).toBeDefined();
    await small.sandbox.close();
  });
  it('supports $orderby, $top, $skip, $count and single entities', async () => {
    const r = await s.get(`${api}/companies(${companyId})/customers?$orderby=displayName desc&$top=3&$skip=1&$count=true&$select=displayName`);
    const names = r.body.value.map((c: any) => c.displayName);
    expect(names).toHaveLength(3);
    expect([...names].sort().reverse()).toEqual(names);
    expect(r.body['@odata.count']).toBeGreaterThan(3);
    const one = await s.get(`${api}/companies(${companyId})/customers?$top=1`);
    const id = one.body.value[0].id;
    const single = await s.get(`${api}/companies(${companyId})/customers(${id})`);
    expect(single.body).toMatchObject({ id, '@odata.context': expect.stringContaining('/customers/$entity') });
  });
  it('serves invoice lines via $expand and the nested path', async () => {
    const r = await s.get(`${api}/companies(${companyId})/salesInvoices?$top=2&$expand=salesInvoiceLines`);
    const inv = r.body.value[0];
    expect(inv.salesInvoiceLines.length).toBeGreaterThan(0);
    const sum = inv.salesInvoiceLines.reduce((t: number, l: any) => t + Math.round(l.amountExcludingTax * 100), 0);
    expect(sum).toBe(Math.round(inv.totalAmountExcludingTax * 100));
    const nested = await s.get(`${api}/companies(${companyId})/salesInvoices(${inv.id})/salesInvoiceLines`);
    expect(nested.body.value).toHaveLength(inv.salesInvoiceLines.length);
  });
  it('encodes enum spaces as _x0020_ for the tenant that does so, and filters accept both forms', async () => {
    const fab = s.sandbox.tenants.find((t) => t.clientName === 'Fabrikam GmbH')!;
    const fapi = `/v2.0/${fab.tenantId}/production/api/v2.0/companies(${fab.environments[0]!.companies[0]!.id})`;
    const a = await s.get(`${fapi}/salesInvoices?$filter=status eq 'In Review'&$select=status`);
    const b = await s.get(`${fapi}/salesInvoices?$filter=status eq 'In_x0020_Review'&$select=status`);
    expect(a.body.value.length).toBeGreaterThan(0);
    expect(a.body.value).toEqual(b.body.value);
    expect(a.body.value[0].status).toBe('In_x0020_Review');
    const c = await s.get(`${api}/companies(${companyId})/salesInvoices?$filter=status eq 'In_x0020_Review'&$select=status`);
    expect(c.body.value[0].status).toBe('In Review');
  });
});

describe('sandbox extras', () => {
  it('serves a web client page for deep links', async () => {
    const t = s.sandbox.tenants[0]!;
    const inv = s.sandbox.data(t.tenantId, 'production', companyId).salesInvoices.find((i) => i.status === 'Open')!;
    const r = await fetch(`${s.url}/${t.tenantId}/production/?company=${encodeURIComponent('Contoso Ltd')}&page=132&filter=${encodeURIComponent(`'No.' IS '${String(inv.number)}'`)}`);
    const html = await r.text();
    expect(r.status).toBe(200);
    expect(html).toContain('Contoso Ltd');
    expect(html).toContain('Posted Sales Invoice');
    expect(html).toContain(`<span data-record>${String(inv.number)}</span>`);
    expect((await fetch(`${s.url}/${t.tenantId}/production/?company=Nobody`)).status).toBe(404);
  });
  it('lists tenants and environments', async () => {
    const r = await s.get('/_sandbox/tenants');
    expect(r.body).toEqual(s.sandbox.tenants);
    const envs = await s.get(`/environments/v1.2?tenant=${s.sandbox.tenants[0]!.tenantId}`);
    expect(envs.body.value.map((e: any) => e.name)).toEqual(['production', 'sandbox']);
  });
});
