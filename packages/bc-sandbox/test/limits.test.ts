import { DEMO_TENANT_IDS } from '../src/index';
import { firstCompany, start } from './helpers';

const jwt = (claims: object) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

describe('per-user limits', () => {
  it('holds 5 in flight per user across environments: strict by default, the 6th gets 429; another user has its own 5', async () => {
    const s = await start();
    s.sandbox.faults.set(DEMO_TENANT_IDS.contoso, '*', { latencyMs: 250 });
    const api = (env: string) => `/v2.0/${DEMO_TENANT_IDS.contoso}/${env}/api/v2.0/companies`;
    const alice = jwt({ tid: DEMO_TENANT_IDS.contoso, oid: 'alice-guest' });
    const bob = jwt({ tid: DEMO_TENANT_IDS.contoso, oid: 'bob-guest' });
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const burst = await Promise.all([
      ...['production', 'sandbox', 'production', 'sandbox', 'production', 'sandbox'].map((env) => s.get(api(env), as(alice))),
      s.get(api('sandbox'), as(bob)),
    ]);
    expect(burst.slice(0, 6).map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = burst.find((r) => r.status === 429);
    expect(refused?.body.error.code).toBe('Application_TooManyRequests');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(burst[6]?.status).toBe(200);
    expect(s.sandbox.stats.maxConcurrentByIdentity.get(`${DEMO_TENANT_IDS.contoso}/alice-guest`)).toBe(5);
    expect(s.sandbox.stats.maxConcurrentByIdentity.get(`${DEMO_TENANT_IDS.contoso}/bob-guest`)).toBe(1);
    expect(s.sandbox.stats.refusedConcurrent).toBe(1);
    await s.sandbox.close();
  });

  it('queues instead, up to the documented 95, when asked to', async () => {
    const s = await start({ limits: { maxQueuePerUser: 95 } });
    s.sandbox.faults.set(DEMO_TENANT_IDS.contoso, '*', { latencyMs: 100 });
    const api = (env: string) => `/v2.0/${DEMO_TENANT_IDS.contoso}/${env}/api/v2.0/companies`;
    const all = await Promise.all(['production', 'sandbox', 'production', 'sandbox', 'production', 'sandbox', 'production'].map((env) => s.get(api(env))));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(s.sandbox.stats.maxConcurrentSeen).toBe(7);
    expect(s.sandbox.stats.refusedConcurrent).toBe(0);
    await s.sandbox.close();
  });

  it('queues requests beyond maxConcurrentPerUser, then 429s beyond the queue', async () => {
    const s = await start({ limits: { maxConcurrentPerUser: 2, maxQueuePerUser: 3 } });
    const c = firstCompany(s.sandbox);
    s.sandbox.faults.set(c.tenantId, c.environment, { latencyMs: 150 });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 5 }, () => s.get(`${c.api}/companies`)));
    const elapsed = Date.now() - started;
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // 5 requests, 2 at a time, 150 ms each: at least 3 rounds.
    expect(elapsed).toBeGreaterThanOrEqual(400);
    expect(s.sandbox.stats.maxConcurrentSeen).toBe(5);
    const burst = await Promise.all(Array.from({ length: 7 }, () => s.get(`${c.api}/companies`)));
    const statuses = burst.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 200)).toHaveLength(5);
    expect(statuses.filter((x) => x === 429)).toHaveLength(2);
    // A different token has its own slots.
    const other = await s.get(`${c.api}/companies`, { authorization: 'Bearer someone-else' });
    expect(other.status).toBe(200);
    await s.sandbox.close();
  });
  it('answers 429 with Retry-After once the sliding window is full; batch operations count', async () => {
    const s = await start({ limits: { windowRequests: 5, windowMs: 3000 } });
    const c = firstCompany(s.sandbox);
    for (let i = 0; i < 3; i++) expect((await s.get(`${c.api}/companies`)).status).toBe(200);
    const batch = await s.post(`${c.api}/$batch`, { requests: [1, 2, 3].map((i) => ({ id: String(i), method: 'GET', url: 'companies' })) });
    expect(batch.body.responses.map((r: any) => r.status)).toEqual([200, 200, 429]);
    expect(Number(batch.body.responses[2].headers['Retry-After'])).toBeGreaterThan(0);
    const r = await s.get(`${c.api}/companies`);
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('Application_TooManyRequests');
    const retry = Number(r.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(3);
    expect((await s.get(`${c.api}/companies`, { authorization: 'Bearer other' })).status).toBe(200);
    await s.sandbox.close();
  });
});
