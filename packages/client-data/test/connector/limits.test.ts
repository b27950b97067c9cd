import { createSandbox, generatedTenants, type Sandbox, type TenantSpec } from '@hub/bc-sandbox';
import { BcHttp } from '../../src/adapters/business-central/bc-http';
import { BusinessCentralSource } from '../../src/adapters/business-central/connector';
import { undiciTransport } from '../../src/adapters/network/http-transport';
import { SlidingWindow, tokenIdentity } from '../../src/adapters/business-central/limits';
import { SandboxGuestTokenProvider, type BcTokenProvider } from '../../src/adapters/business-central/token-provider';
import type { BcEnvironmentRef } from '../../src/domain/client-url';

/** One client tenant with three environments (production, a copy for testing, a new company's): one user for all three. */
const multi: TenantSpec = {
  tenantId: '44444444-5555-4666-8777-888888888888', clientName: 'Multi Ltd',
  environments: ['production', 'sandbox', 'uat'].map((name, e) => ({
    name, companies: Array.from({ length: 4 }, (_, c) => ({ kind: 'generated' as const, name: `Multi ${name} ${c + 1}`, currencyCode: 'GBP', seedOffset: 500 + e * 10 + c, documents: 20 })),
  })),
};

describe('Business Central limits and $batch packing against the sandbox', () => {
  let sandbox: Sandbox;
  let url: string;
  const tenants = [...generatedTenants({ environments: 2, companiesPerEnvironment: 12, documentsPerCompany: 20 }), multi];
  beforeAll(async () => {
    // The sandbox enforces 5 in flight per user identity across environments (strict: the 6th gets 429), 100
    // operations per batch and the rate window.
    sandbox = createSandbox({ tenants });
    url = await sandbox.listen(0);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => { sandbox.faults.clear(); sandbox.stats.reset(); });

  // Each client tenant sees the accountant as its own (guest) user: a token per user and tenant.
  const tokensByUser: BcTokenProvider = new SandboxGuestTokenProvider();
  const make = () => {
    const http = new BcHttp({ timeoutMs: 10_000 });
    return { http, source: new BusinessCentralSource({ apiBaseUrl: 'x', cloudWebOrigin: 'y', tokens: tokensByUser, http }) };
  };
  const envOf = (i: number, userId: string): BcEnvironmentRef => ({ origin: url, tenant: tenants[i]?.tenantId ?? '', environment: 'production', access: { userId } });

  it('packs many companies of one environment into few $batch requests, never more than 5 in flight, two tenants in parallel', async () => {
    const readAll = (source: BusinessCentralSource) => Promise.all([0, 1].flatMap((e) => sandbox.tenants[e]?.environments[0]?.companies.map((c) => source.readCompany(envOf(e, 'alice'), { bcCompanyId: c.id, name: c.name }, { today: '2026-01-15', taxPeriod: null })) ?? []));
    await readAll(make().source); // the sandbox builds each company on first use
    sandbox.stats.reset();
    for (const t of tenants) sandbox.faults.set(t.tenantId, '*', { latencyMs: 40 });
    // Counts requests in flight across environments, to see both environments' batches go out together.
    let inFlight = 0;
    let peak = 0;
    const plain = undiciTransport();
    const http = new BcHttp({
      timeoutMs: 10_000,
      transport: async (u, req) => {
        peak = Math.max(peak, (inFlight += 1));
        try { return await plain(u, req); } finally { inFlight -= 1; }
      },
    });
    const source = new BusinessCentralSource({ apiBaseUrl: 'x', cloudWebOrigin: 'y', tokens: tokensByUser, http });
    const results = await readAll(source);
    expect(results).toHaveLength(24);
    // 12 companies × 6 operations = 72 per environment: one round of at most 5 batches each.
    expect(http.requests).toBeLessThanOrEqual(10);
    expect(http.operations).toBe(144);
    expect(sandbox.stats.maxConcurrentSeen).toBeLessThanOrEqual(5);
    // Both tenants' batches were in flight at once (more than one user's 5 slots): two users, two sets of limits.
    expect(peak).toBeGreaterThan(5);
    expect(sandbox.stats.maxConcurrentByIdentity.size).toBe(2);
    expect(sandbox.stats.refusedConcurrent).toBe(0);
  });

  it('holds at most 5 in flight for one user across all environments of its tenant; the strict sandbox never had to refuse one', async () => {
    const envs = multi.environments.map((e) => ({ origin: url, tenant: multi.tenantId, environment: e.name, access: { userId: 'alice' } }));
    const read = (source: BusinessCentralSource) => Promise.all(envs.flatMap((env) => sandbox.tenants.find((t) => t.tenantId === multi.tenantId)?.environments
      .find((e) => e.name === env.environment)?.companies.map((c) => source.readCompany(env, { bcCompanyId: c.id, name: c.name }, { today: '2026-01-15', taxPeriod: null })) ?? []));
    await read(make().source); // built on first use
    sandbox.stats.reset();
    sandbox.faults.set(multi.tenantId, '*', { latencyMs: 40 });
    // Small batches, so the three environments' work needs many more than 5 requests.
    const http = new BcHttp({ timeoutMs: 10_000, sleep: async () => { throw new Error('no 429 expected, so no retry'); } });
    const source = new BusinessCentralSource({ apiBaseUrl: 'x', cloudWebOrigin: 'y', tokens: tokensByUser, http, maxBatchOperations: 3 });
    const results = await read(source);
    expect(results).toHaveLength(12);
    expect(http.requests).toBeGreaterThan(15);
    // The sandbox's own counters: one identity, exactly 5 at its peak (the slots were used), none refused.
    expect([...sandbox.stats.maxConcurrentByIdentity.values()]).toEqual([5]);
    expect(sandbox.stats.refusedConcurrent).toBe(0);
    // Every environment got its turn while the others were busy: all three were read through shared slots.
    expect(new Set(results.map((r) => r.currency))).toEqual(new Set(['GBP']));
  });

  it('holds the limits per identity: two users each get their own 5 slots', async () => {
    for (const t of tenants) sandbox.faults.set(t.tenantId, '*', { latencyMs: 30 });
    const { http, source } = make();
    const companiesUrl = `${source.apiRoot(envOf(0, 'x'))}/companies`;
    await Promise.all(['alice', 'bob'].flatMap((u) => Array.from({ length: 8 }, () =>
      http.json(`${url}|${tenants[0]?.tenantId}|production`, companiesUrl, { method: 'GET', headers: { authorization: `Bearer ${u}-token` } }))));
    expect(http.requests).toBe(16);
    expect(sandbox.stats.byIdentity.size).toBe(2);
    expect(sandbox.stats.maxConcurrentSeen).toBeLessThanOrEqual(5);
    expect(tokenIdentity('Bearer alice-token')).not.toBe(tokenIdentity('Bearer bob-token'));
  });

  it('retries operations a batch answers with 429, honouring Retry-After, and reports a storm as throttled', async () => {
    sandbox.faults.set(tenants[0]?.tenantId ?? '', 'production', { status: 429, times: 1, retryAfterSeconds: 1 });
    const waits: number[] = [];
    const http = new BcHttp({ timeoutMs: 5000, sleep: async (ms) => void waits.push(ms) });
    const source = new BusinessCentralSource({ apiBaseUrl: 'x', cloudWebOrigin: 'y', tokens: tokensByUser, http });
    const c = sandbox.tenants[0]?.environments[0]?.companies[0];
    await expect(source.readCompany(envOf(0, 'carol'), { bcCompanyId: c?.id ?? '', name: c?.name ?? '' }, { today: '2026-01-15', taxPeriod: null })).resolves.toBeTruthy();
    expect(waits).toEqual([1000]);
    sandbox.faults.set(tenants[0]?.tenantId ?? '', 'production', { status: 429, retryAfterSeconds: 1 });
    await expect(source.listCompanies(envOf(0, 'carol'))).rejects.toMatchObject({ kind: 'throttled' });
  });

  it('waits for the rate window instead of tripping Business Central\'s 429', async () => {
    let now = 0;
    const slept: number[] = [];
    const w = new SlidingWindow(10, 1000, () => now, async (ms) => { slept.push(ms); now += ms; });
    await w.take(6);
    now = 400;
    await w.take(4);
    await w.take(3);
    expect(slept).toEqual([601]);
    expect(w.waitFor(8)).toBeGreaterThan(0);
  });
});
