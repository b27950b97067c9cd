import { createSandbox, DEMO_TENANT_IDS, demoTenants, type Sandbox, type TenantSpec } from '@hub/bc-sandbox';
import { taxSettingsSchema } from '@hub/contracts';
import { BcHttp, classifyStatus } from '../../src/adapters/business-central/bc-http';
import { BusinessCentralSource } from '../../src/adapters/business-central/connector';
import { StaticTokenProvider } from '../../src/adapters/business-central/token-provider';
import type { BcEnvironmentRef } from '../../src/domain/client-url';
import { computeKpis } from '../../src/domain/kpis';
import { buildSnapshot } from '../../src/domain/snapshot';
import { nextTaxPeriod } from '../../src/domain/tax-calendar';

const TODAY = '2026-11-25';
const LIMITED = '22222222-3333-4444-8555-666666666666';
const ukQuarterly = taxSettingsSchema.parse({ frequency: 'quarterly', periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 });

/** Companies whose Business Central lacks entities (older version) or does not permit them to the hub. */
const limited: TenantSpec = {
  tenantId: LIMITED, clientName: 'Limited Ltd',
  environments: [{ name: 'production', companies: [
    {
      kind: 'explicit', id: '0f000000-0000-4000-8000-0000000000a1', name: 'No Setup Ltd', currencyCode: 'EUR', missingEntities: ['generalLedgerSetup'],
      customers: [{ number: 'C1', name: 'Kunde' }], vendors: [{ number: 'V1', name: 'Lieferant' }],
      salesInvoices: [{ party: 'C1', date: -20, dueDate: -1, amount: 100 }], purchaseInvoices: [{ party: 'V1', date: -3, dueDate: 5, amount: 50 }],
    },
    {
      kind: 'explicit', id: '0f000000-0000-4000-8000-0000000000a2', name: 'Partial Ltd', currencyCode: 'GBP',
      missingEntities: ['generalLedgerSetup', 'purchaseInvoices'], deniedEntities: ['accounts'],
      customers: [{ number: 'C1', name: 'Adatum' }], vendors: [{ number: 'V1', name: 'Fabrikam' }],
      salesInvoices: [{ party: 'C1', date: -40, dueDate: -10, amount: 1000 }], purchaseInvoices: [{ party: 'V1', date: -30, dueDate: -2, amount: 500 }],
      salesOrders: [{ party: 'C1', date: -2, amount: 10 }],
    },
    {
      kind: 'explicit', id: '0f000000-0000-4000-8000-0000000000a3', name: 'Nothing Ltd', currencyCode: 'GBP',
      missingEntities: ['generalLedgerSetup', 'companyInformation'], customers: [], vendors: [],
    },
  ] }],
};

describe('a Business Central that lacks entities or does not permit them', () => {
  let sandbox: Sandbox;
  let env: BcEnvironmentRef;
  let source: BusinessCentralSource;
  let url: string;
  beforeAll(async () => {
    sandbox = createSandbox({ today: TODAY, tenants: [limited, ...demoTenants()] });
    url = await sandbox.listen(0);
    env = { origin: url, tenant: LIMITED, environment: 'production' };
    source = new BusinessCentralSource({ apiBaseUrl: 'x', cloudWebOrigin: 'y', tokens: new StaticTokenProvider('t'), http: new BcHttp({ timeoutMs: 5000 }) });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.stats.reset());

  const read = (name: string, tenant = env) => {
    const c = sandbox.tenants.find((t) => t.tenantId === tenant.tenant)?.environments[0]?.companies.find((x) => x.name === name);
    return source.readCompany(tenant, { bcCompanyId: c?.id ?? '', name }, { today: TODAY, taxPeriod: nextTaxPeriod(TODAY, ukQuarterly) });
  };

  it('reads a company without generalLedgerSetup, its currency from companyInformation (the documented fallback)', async () => {
    const data = await read('No Setup Ltd');
    expect(data.currency).toBe('EUR');
    expect(data.unavailable).toBeUndefined();
    const k = computeKpis(data, TODAY, ukQuarterly);
    expect(k.overdueSales).toEqual({ count: 1, amounts: [{ currency: 'EUR', minor: 11900 }], oldestDays: 1 });
    expect(k.purchasesDueNextWeek.count).toBe(1);
    expect(k.unavailable).toBeUndefined();
    // companyInformation is asked only after generalLedgerSetup answered 404.
    expect(sandbox.stats.byPath.get('companyInformation')).toBe(1);
  });

  it('marks only what is made of a missing or refused entity unavailable, saying why', async () => {
    const data = await read('Partial Ltd');
    expect(data.currency).toBe('GBP');
    const k = computeKpis(data, TODAY, ukQuarterly);
    expect(Object.keys(k.unavailable ?? {}).sort()).toEqual(['cash', 'overduePurchases', 'purchasesDueNextWeek', 'taxDue']);
    expect(k.unavailable?.cash).toMatch(/may not read accounts \(accounts\) in this company \(400: no permission\)/);
    expect(k.unavailable?.overduePurchases).toMatch(/has no purchase invoices \(purchaseInvoices\) API \(404\)/);
    expect(k.taxDue).toBeNull();
    // What the company does give is read and counted.
    expect(k.overdueSales).toEqual({ count: 1, amounts: [{ currency: 'GBP', minor: 120000 }], oldestDays: 10 });
    expect(k.openSalesDocuments).toEqual({ count: 1, quotes: 0, orders: 1, draftInvoices: 0 });
    const snap = buildSnapshot(data, TODAY, ukQuarterly);
    expect(snap.forecast).toBeNull();
    expect(Object.keys(snap.unavailable ?? {}).sort()).toEqual(['cashAccounts', 'forecast', 'overduePurchases']);
    expect(snap.overdueSales).toHaveLength(1);
  });

  it('fails a company whose currency cannot be known, saying which entities are missing', async () => {
    await expect(read('Nothing Ltd')).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/general ledger setup.*company information/s) });
  });

  it('still reports a deleted company as not found, not as missing entities', async () => {
    await expect(source.readCompany(env, { bcCompanyId: '0f000000-0000-4000-8000-00000000dead', name: 'Gone Ltd' }, { today: TODAY, taxPeriod: null }))
      .rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('does not count the End-Total account of the Cash subcategory in cash', async () => {
    const contoso = { origin: url, tenant: DEMO_TENANT_IDS.contoso, environment: 'production' };
    const data = await read('Contoso Ltd', contoso);
    const c = sandbox.tenants[1]?.environments[0]?.companies[0];
    const accounts = sandbox.data(DEMO_TENANT_IDS.contoso, 'production', c?.id ?? '').accounts.filter((a) => a.subCategory === 'Cash');
    const endTotal = accounts.find((a) => a.accountType === 'End Total');
    const postingSum = accounts.filter((a) => a.accountType === 'Posting').reduce((t, a) => t + Math.round(Number(a.netChange) * 100), 0);
    expect(Math.round(Number(endTotal?.netChange) * 100)).toBe(postingSum);
    expect(data.cashAccounts.map((a) => a.number)).toEqual(['1410', '1420', '1430']);
    expect(computeKpis(data, TODAY, ukQuarterly).cash).toEqual({ currency: 'GBP', minor: postingSum });
  });

  it('lists what each company does not give the hub, in one $batch', async () => {
    const companies = await source.listCompanies(env);
    sandbox.stats.reset();
    const access = await source.checkAccess(env, companies);
    expect(sandbox.stats.requests).toBe(1);
    expect(sandbox.stats.byPath.get('$batch')).toBe(1);
    const of = (name: string) => access.find((a) => a.bcCompanyId === companies.find((c) => c.name === name)?.bcCompanyId)?.missing ?? [];
    expect(of('No Setup Ltd')).toEqual([
      { entity: 'generalLedgerSetup', reason: expect.stringMatching(/no general ledger setup \(generalLedgerSetup\) API \(404\)/), neededFor: ['Local currency (Company Information is used instead)'] },
    ]);
    expect(of('Partial Ltd').map((m) => m.entity)).toEqual(['generalLedgerSetup', 'purchaseInvoices', 'accounts']);
    expect(of('Partial Ltd')[1]?.neededFor).toEqual(['Overdue purchase invoices', 'Purchases due next week', '13-week cash forecast', 'Tax due']);
    expect(of('Partial Ltd')[2]?.reason).toMatch(/no permission/);
    const litware = { origin: url, tenant: DEMO_TENANT_IDS.litware, environment: 'production' };
    const [lit] = await source.checkAccess(litware, await source.listCompanies(litware));
    expect(lit?.missing.map((m) => [m.entity, m.neededFor])).toEqual([['generalLedgerSetup', ['Local currency (Company Information is used instead)']], ['purchaseCreditMemos', ['Tax due']]]);
  });
});

describe('classifyStatus: a 404 for an entity set is not a missing environment or company', () => {
  const uri = "No HTTP resource was found that matches the request URI 'https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/companies(1f2e)/generalLedgerSetup?$select=localCurrencyCode'.";
  it.each([
    ['BadRequest_NotFound for an entity under a company', 404, { code: 'BadRequest_NotFound', message: uri }, 'unavailable'],
    ['OData "Resource not found for the segment"', 404, { code: 'BadRequest_ResourceNotFound', message: "Resource not found for the segment 'taxAreas'." }, 'unavailable'],
    ['the permission error', 400, { code: 'Internal_ServerError', message: 'You do not have the following permissions on Page APIV2 - Customers: Execute.' }, 'unavailable'],
    ['an unknown environment', 404, { code: 'NoEnvironment', message: "Environment 'x' does not exist." }, 'not_found'],
    ['"No HTTP resource" for the environment itself', 404, { code: 'BadRequest_NotFound', message: "No HTTP resource was found that matches the request URI 'https://h/v2.0/t/x/api/v2.0/companies'." }, 'not_found'],
    ['an unknown company', 404, { code: 'Internal_CompanyNotFound', message: 'Cannot find the company.' }, 'not_found'],
    ['a refused token', 403, { code: 'Authorization_InsufficientPermissions', message: 'Forbidden' }, 'auth'],
  ])('%s', (_what, status, error, kind) => {
    expect(classifyStatus(status, { error })).toMatchObject({ kind, status });
  });
  it('names the entity it could not find', () => {
    expect(classifyStatus(404, { error: { code: 'BadRequest_NotFound', message: uri } }).message).toMatch(/no general ledger setup \(generalLedgerSetup\) API/);
  });
});
