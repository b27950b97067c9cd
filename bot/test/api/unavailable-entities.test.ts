/**
 * A client whose Business Central lacks entities (an older version) or does not permit them to the hub's sign-in:
 * Test Client URL lists them, and refresh, details and workbooks still work, with only what needs them marked
 * unavailable. Over HTTP, real connector, the sandbox, a real database.
 */
import { DEMO_TENANT_IDS, demoTenants, type TenantSpec } from '@hub/bc-sandbox';
import { startTestServer, type TestServer } from '../../../test-support/server';

const LIMITED = '33333333-4444-4555-8666-777777777777';
const limited: TenantSpec = {
  tenantId: LIMITED, clientName: 'Limited Ltd',
  environments: [{ name: 'production', companies: [{
    kind: 'explicit', name: 'Limited Ltd', currencyCode: 'GBP', openingCash: 500,
    missingEntities: ['generalLedgerSetup', 'purchaseInvoices', 'agedAccountsPayables'], deniedEntities: ['accounts'],
    customers: [{ number: 'C1', name: 'Adatum' }], vendors: [{ number: 'V1', name: 'Fabrikam' }],
    salesInvoices: [{ party: 'C1', date: -40, dueDate: -10, amount: 1000 }], purchaseInvoices: [{ party: 'V1', date: -30, dueDate: -2, amount: 500 }],
  }] }],
};

describe('entities a client’s Business Central does not give the hub', () => {
  let s: TestServer;
  let alice: string;
  beforeAll(async () => {
    s = await startTestServer({ sandbox: { tenants: [...demoTenants(), limited] } });
    alice = await s.signIn('Alice Accountant');
  }, 60_000);
  afterAll(() => s.close());

  const addAndRefresh = async (name: string, tenant: string) => {
    const created = await s.api(alice, 'POST', '/api/v1/clients', { name, clientUrl: `${s.sandbox.url}/${tenant}/production` });
    expect(created.status).toBe(201);
    const companyId = created.body.companies[0].id as string;
    const job = await s.api(alice, 'POST', '/api/v1/refresh-jobs', { companyIds: [companyId] });
    for (let i = 0; i < 200 && (await s.api(alice, 'GET', `/api/v1/refresh-jobs/${job.body.id}`)).body.state !== 'done'; i += 1) await new Promise((r) => setTimeout(r, 25));
    return companyId;
  };
  const workbook = (companyId: string, kind: string) => fetch(`${s.url}/api/v1/companies/${companyId}/reports/${kind}.xlsx`, { headers: { authorization: `Bearer ${alice}` } });

  it('Test Client URL lists what the hub cannot read, per company, and what it is needed for', async () => {
    const r = await s.api(alice, 'POST', '/api/v1/client-url/test', { url: `${s.sandbox.url}/${DEMO_TENANT_IDS.litware}/production` });
    expect(r.body).toMatchObject({ ok: true, companies: [{ name: 'Litware Ltd' }] });
    expect(r.body.companies[0].missing).toEqual([
      { entity: 'generalLedgerSetup', reason: expect.stringMatching(/has no general ledger setup .* API \(404\)/), neededFor: ['Local currency (Company Information is used instead)'] },
      { entity: 'purchaseCreditMemos', reason: expect.stringMatching(/may not read purchase credit memos .*no permission/), neededFor: ['Tax due'] },
    ]);
    const contoso = await s.api(alice, 'POST', '/api/v1/client-url/test', { url: `${s.sandbox.url}/${DEMO_TENANT_IDS.contoso}/production` });
    expect(contoso.body.companies.map((c: { missing: unknown[] }) => c.missing)).toEqual([[], []]);
  });

  it('refreshes, details and workbooks of the company without generalLedgerSetup work; only the tax estimate is unavailable', async () => {
    const id = await addAndRefresh('Litware Ltd', DEMO_TENANT_IDS.litware);
    const d = await s.api(alice, 'GET', `/api/v1/companies/${id}`);
    expect(d.body.row).toMatchObject({ status: 'ok', currency: 'GBP', error: null });
    expect(d.body.row.kpis.unavailable).toEqual({ taxDue: expect.stringMatching(/purchase credit memos/) });
    expect(d.body.row.kpis.taxDue).toBeNull();
    expect(d.body.row.kpis.overdueSales.count).toBeGreaterThan(0);
    expect(d.body.unavailable).toBeUndefined();
    expect(d.body.forecast.weeks).toHaveLength(13);
    for (const kind of ['balance-sheet', 'trial-balance', 'aged-payables', 'cash-forecast']) {
      const res = await workbook(id, kind);
      expect([kind, res.status, res.headers.get('content-type')]).toEqual([kind, 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
      await res.arrayBuffer();
    }
  });

  it('marks exactly the KPIs, details and workbooks that need a missing or refused entity, with the reason', async () => {
    const id = await addAndRefresh('Limited Ltd', LIMITED);
    const d = await s.api(alice, 'GET', `/api/v1/companies/${id}`);
    expect(d.body.row).toMatchObject({ status: 'ok', currency: 'GBP', error: null });
    const k = d.body.row.kpis;
    expect(Object.keys(k.unavailable).sort()).toEqual(['cash', 'overduePurchases', 'purchasesDueNextWeek', 'taxDue']);
    expect(k.unavailable.cash).toMatch(/accounts.*no permission/);
    expect(k.overdueSales).toEqual({ count: 1, amounts: [{ currency: 'GBP', minor: 120000 }], oldestDays: 10 });
    expect(Object.keys(d.body.unavailable).sort()).toEqual(['cashAccounts', 'forecast', 'overduePurchases']);
    expect(d.body.forecast).toBeNull();
    expect(d.body.overdueSales).toHaveLength(1);
    expect((await workbook(id, 'balance-sheet')).status).toBe(200);
    const aged = await workbook(id, 'aged-payables');
    expect(aged.status).toBe(502);
    expect(((await aged.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'business_central_unavailable', message: expect.stringMatching(/no aged accounts payables \(agedAccountsPayables\) API/),
    });
    const forecast = await workbook(id, 'cash-forecast');
    expect(forecast.status).toBe(502);
    expect(((await forecast.json()) as { error: { message: string } }).error.message).toMatch(/forecast needs data .*accounts/);
  });
});
