import { firstCompany, start, type Started } from './helpers';

let s: Started;
let api: string;
let companyId: string;
beforeAll(async () => {
  s = await start();
  ({ api, companyId } = firstCompany(s.sandbox));
});
afterAll(() => s.sandbox.close());

describe('$batch', () => {
  it('runs GET operations with relative and absolute URLs and inner Prefer headers', async () => {
    const r = await s.post(`${api}/$batch`, { requests: [
      { id: 'a', method: 'GET', url: `companies(${companyId})/salesInvoices?$filter=status eq 'Open'&$select=number,status`, headers: { Prefer: 'odata.maxpagesize=5' } },
      { id: 'b', method: 'GET', url: `${s.url}${api}/companies(${companyId})/customers?$top=2` },
      { id: 'c', method: 'GET', url: `companies(${companyId})/salesInvoices?$filter=status eq 'Open' or dueDate lt 2025-01-01` },
      { id: 'd', method: 'GET', url: 'companies' },
    ] });
    expect(r.status).toBe(200);
    const byId = Object.fromEntries(r.body.responses.map((x: any) => [x.id, x]));
    expect(byId.a.status).toBe(200);
    expect(byId.a.body.value).toHaveLength(5);
    expect(byId.a.body['@odata.nextLink']).toContain('$skiptoken=');
    expect(byId.a.headers['Preference-Applied']).toBe('odata.maxpagesize=5');
    expect(byId.b.body.value).toHaveLength(2);
    expect(byId.c.status).toBe(400);
    expect(byId.c.body.error.message).toBe("The 'OR' operator is not supported on distinct fields");
    expect(byId.d.body.value).toHaveLength(2);
    expect(s.sandbox.stats.byPath.get('$batch')).toBe(1);
  });
  it('rejects more than maxBatchOperations with a 400 OData error', async () => {
    const requests = Array.from({ length: 101 }, (_, i) => ({ id: String(i), method: 'GET', url: 'companies' }));
    const r = await s.post(`${api}/$batch`, { requests });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('101');
    const ok = await s.post(`${api}/$batch`, { requests: requests.slice(0, 100) });
    expect(ok.status).toBe(200);
    expect(ok.body.responses).toHaveLength(100);
  });
  it('rejects a malformed body', async () => {
    const r = await s.post(`${api}/$batch`, { nope: true });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBeDefined();
  });
});
