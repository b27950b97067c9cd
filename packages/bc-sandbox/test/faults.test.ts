import { firstCompany, start, type Started } from './helpers';

let s: Started;
let c: ReturnType<typeof firstCompany>;
beforeAll(async () => {
  s = await start();
  c = firstCompany(s.sandbox);
});
afterEach(() => s.sandbox.faults.clear());
afterAll(() => s.sandbox.close());

describe('fault injection', () => {
  it('adds latency', async () => {
    s.sandbox.faults.set(c.tenantId, '*', { latencyMs: 200 });
    const t = Date.now();
    expect((await s.get(`${c.api}/companies`)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(190);
  });
  it('answers 429 once with Retry-After, then OK', async () => {
    s.sandbox.faults.set(c.tenantId, c.environment, { status: 429, times: 1, retryAfterSeconds: 2 });
    const first = await s.get(`${c.api}/companies`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.body.error.code).toBe('Application_TooManyRequests');
    expect((await s.get(`${c.api}/companies`)).status).toBe(200);
  });
  it('answers 500 until cleared, only for the targeted environment', async () => {
    s.sandbox.faults.set(c.tenantId, c.environment, { status: 500 });
    expect((await s.get(`${c.api}/companies`)).status).toBe(500);
    const r = await s.get(`${c.api}/companies`);
    expect(r.status).toBe(500);
    expect(r.body.error.code).toBe('Internal_ServerError');
    expect((await s.get(`/v2.0/${c.tenantId}/sandbox/api/v2.0/companies`)).status).toBe(200);
    s.sandbox.faults.clear(c.tenantId);
    expect((await s.get(`${c.api}/companies`)).status).toBe(200);
  });
  it('answers 401 like expired credentials', async () => {
    s.sandbox.faults.set(c.tenantId, '*', { status: 401, times: 2 });
    const r = await s.get(`${c.api}/companies`);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('Authentication_InvalidCredentials');
  });
  it('is controllable over HTTP', async () => {
    expect((await s.post('/_sandbox/faults', { tenantId: c.tenantId, environment: c.environment, status: 503, times: 1, retryAfterSeconds: 5 })).status).toBe(204);
    const r = await s.get(`${c.api}/companies`);
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    await s.post('/_sandbox/faults', { tenantId: c.tenantId, status: 403 });
    expect((await s.get(`${c.api}/companies`)).status).toBe(403);
    const del = await fetch(`${s.url}/_sandbox/faults`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await s.get(`${c.api}/companies`)).status).toBe(200);
    expect((await s.post('/_sandbox/faults', { tenantId: c.tenantId, status: 418 })).status).toBe(400);
  });
  it('streams a huge body: exact size with or without Content-Length, endless until the caller hangs up', async () => {
    s.sandbox.stats.reset();
    s.sandbox.faults.set(c.tenantId, c.environment, { hugeBody: { bytes: 300_000, declareLength: true }, times: 1 });
    const sized = await fetch(`${s.url}${c.api}/companies`, { headers: { authorization: 'Bearer t' } });
    expect([sized.status, sized.headers.get('content-length')]).toEqual([200, '300000']);
    expect((await sized.arrayBuffer()).byteLength).toBe(300_000);
    expect((await s.get(`${c.api}/companies`)).status).toBe(200); // times: 1
    s.sandbox.faults.set(c.tenantId, c.environment, { hugeBody: {} });
    const endless = await fetch(`${s.url}${c.api}/companies`, { headers: { authorization: 'Bearer t' } });
    expect(endless.headers.get('content-length')).toBeNull();
    const reader = (endless.body as ReadableStream<Uint8Array>).getReader();
    let read = 0;
    while (read < 5_000_000) read += ((await reader.read()).value?.byteLength ?? 0);
    await reader.cancel();
    expect(s.sandbox.stats.hugeBodyBytes).toBeGreaterThanOrEqual(5_300_000);
    expect((await s.post('/_sandbox/faults', { tenantId: c.tenantId, hugeBody: { bytes: -1 } })).status).toBe(400);
    expect((await s.post('/_sandbox/faults', { tenantId: c.tenantId, hugeBody: { bytes: 10, chunkDelayMs: 5 } })).status).toBe(204);
  });
});
