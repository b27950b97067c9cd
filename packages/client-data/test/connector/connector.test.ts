import { createSandbox, type Sandbox } from '@hub/bc-sandbox';
import { taxSettingsSchema } from '@hub/contracts';
import { BcHttp } from '../../src/adapters/business-central/bc-http';
import { BusinessCentralSource } from '../../src/adapters/business-central/connector';
import { StaticTokenProvider } from '../../src/adapters/business-central/token-provider';
import { parseClientUrl, type BcEnvironmentRef } from '../../src/domain/client-url';
import { computeKpis } from '../../src/domain/kpis';
import { nextTaxPeriod } from '../../src/domain/tax-calendar';
import { SourceError } from '../../src/ports/accounting-source';
import { fixtureTenant, TENANT, TODAY } from './fixture-tenant';

const ukQuarterly = taxSettingsSchema.parse({ frequency: 'quarterly', periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 });
const COMPANY = { bcCompanyId: '0f000000-0000-4000-8000-000000000001', name: 'Fixture Ltd' };

describe('Business Central connector against the sandbox', () => {
  let sandbox: Sandbox;
  let env: BcEnvironmentRef;
  const waits: number[] = [];
  const make = (opts: { timeoutMs?: number; token?: string; maxAttempts?: number } = {}) => {
    const http = new BcHttp({ maxConcurrent: 5, timeoutMs: opts.timeoutMs ?? 5000, sleep: async (ms) => void waits.push(ms), ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}) });
    const source = new BusinessCentralSource({
      apiBaseUrl: 'https://api.businesscentral.dynamics.com', cloudWebOrigin: 'https://businesscentral.dynamics.com',
      tokens: new StaticTokenProvider(opts.token ?? 'token-a'), http, maxBatchOperations: 100,
    });
    return { http, source };
  };
  const read = (source: BusinessCentralSource) => source.readCompany(env, COMPANY, { today: TODAY, taxPeriod: nextTaxPeriod(TODAY, ukQuarterly) });

  beforeAll(async () => {
    sandbox = createSandbox({ today: TODAY, tenants: [fixtureTenant], limits: { maxPageSize: 3 } });
    const url = await sandbox.listen(0);
    const parsed = parseClientUrl(`${url}/${TENANT}/production`, [new URL(url).host]);
    if (!parsed.ok) throw new Error(parsed.message);
    env = parsed.ref;
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.stats.reset();
    waits.length = 0;
  });

  it('lists the companies of an environment', async () => {
    expect(await make().source.listCompanies(env)).toEqual([COMPANY]);
  });

  it('reads what the KPIs need and they match the hand-computed figures', async () => {
    const k = computeKpis(await read(make().source), TODAY, ukQuarterly);
    // SI1 1,200.00 (due yesterday) + SI3 1,200.00 − 799.50 paid = 400.50; SI4 300.00 EUR apart; SI2 due today is not overdue.
    expect(k.overdueSales).toEqual({ count: 3, amounts: [{ currency: 'GBP', minor: 160050 }, { currency: 'EUR', minor: 30000 }], oldestDays: 30 });
    expect(k.overduePurchases).toEqual({ count: 1, amounts: [{ currency: 'GBP', minor: 25000 }], oldestDays: 1 });
    // PI2: 62.71 + 20 % = 75.25, due in 6 days.
    expect(k.purchasesDueNextWeek).toEqual({ count: 1, amounts: [{ currency: 'GBP', minor: 7525 }] });
    // Opening 10,000.00 + 799.50 (SI3) + 120.00 (SI5) received.
    expect(k.cash).toEqual({ currency: 'GBP', minor: 1091950 });
    // 2 orders, 1 sent quote (accepted is not open), 1 draft invoice.
    expect(k.openSalesDocuments).toEqual({ count: 4, quotes: 1, orders: 2, draftInvoices: 1 });
    // Q4 output tax: SI1 200 + SI2 100 + SI5 20 − credit memo 20; input tax PI2 12.54 → 287.46 (SI3 fell in Q3).
    expect(k.taxDue).toMatchObject({ amount: { currency: 'GBP', minor: 28746 }, periodStart: '2026-10-01', dueDate: '2027-02-07', foreignDocumentsExcluded: 0 });
  });

  it('follows server-driven paging through several pages in batched rounds', async () => {
    const { http, source } = make();
    const data = await read(source);
    expect(data.openSalesInvoices.map((i) => i.number).sort()).toEqual(['SI1', 'SI2', 'SI3', 'SI4']);
    // Page size 3: several pages, but each round of next pages travels in one $batch.
    expect(http.requests).toBeGreaterThan(1);
    expect(http.requests).toBeLessThanOrEqual(4);
  });

  it('waits as long as a 429 Retry-After asks, then succeeds', async () => {
    sandbox.faults.set(TENANT, 'production', { status: 429, times: 1, retryAfterSeconds: 2 });
    const { http, source } = make();
    await expect(read(source)).resolves.toMatchObject({ currency: 'GBP' });
    expect(waits).toEqual([2000]);
    expect(http.requests).toBeGreaterThanOrEqual(2);
  });

  it('gives up on a 500 storm with an upstream error, without hammering', async () => {
    sandbox.faults.set(TENANT, 'production', { status: 500 });
    const { http, source } = make();
    await expect(read(source)).rejects.toMatchObject({ kind: 'upstream', status: 500 });
    expect(http.requests).toBe(1);
  });

  it('retries 503 with backoff and reports throttling after the last attempt', async () => {
    sandbox.faults.set(TENANT, 'production', { status: 503, retryAfterSeconds: 1 });
    const { http, source } = make();
    await expect(read(source)).rejects.toMatchObject({ kind: 'upstream', status: 503 });
    expect(http.requests).toBe(4);
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it('reports a refused token as an auth problem, not retried', async () => {
    sandbox.faults.set(TENANT, 'production', { status: 401 });
    const { http, source } = make();
    const err = await read(source).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ kind: 'auth', status: 401 });
    expect((err as Error).message).toMatch(/refused access/);
    expect(http.requests).toBe(1);
  });

  it('reports an unknown environment as not found', async () => {
    await expect(make().source.listCompanies({ ...env, environment: 'nosuchenv' })).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('times out a Business Central that is too slow', async () => {
    // undici's own timeouts tick at about half a second, so the sandbox answers well after the second they allow.
    sandbox.faults.set(TENANT, 'production', { latencyMs: 2500 });
    const { source } = make({ timeoutMs: 1000, maxAttempts: 1 });
    await expect(source.listCompanies(env)).rejects.toMatchObject({ kind: 'network', message: 'Business Central did not answer within 1 s.' });
  });
});
