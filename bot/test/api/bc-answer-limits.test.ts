/**
 * One Business Central answer is capped in size and in total time (BC_MAX_RESPONSE_BYTES, BC_RESPONSE_TIMEOUT_MS):
 * an allowed host that streams a huge, endless or trickling body fails that client's companies with a clear message,
 * the hub stops reading after about the cap (bytes the sandbox managed to write, buffers the process held), and the
 * other clients of the same Refresh all are read as usual.
 */
import type { TenantSpec } from '@hub/bc-sandbox';
import { startTestServer, type TestServer } from '../../../test-support/server';

jest.setTimeout(90_000);

const BIG = '51111111-2222-4333-8444-555555555555';
const FINE = '61111111-2222-4333-8444-555555555555';
const CAP = 2 * 1024 * 1024;
const DEADLINE_MS = 3_000;
const company = (name: string) => ({ kind: 'explicit' as const, name, currencyCode: 'GBP', openingCash: 100, customers: [], vendors: [] });
const tenants: TenantSpec[] = [
  { tenantId: BIG, clientName: 'Big Answers Ltd', environments: [{ name: 'production', companies: [company('Big Co')] }] },
  { tenantId: FINE, clientName: 'Fine Ltd', environments: [{ name: 'production', companies: [company('Fine One'), company('Fine Two')] }] },
];

interface Row { companyName: string; status: string; error: { kind: string; message: string } | null }

describe('Business Central answers are capped in size and time', () => {
  let s: TestServer;
  let alice: string;

  beforeAll(async () => {
    s = await startTestServer({ sandbox: { tenants }, env: { BC_MAX_RESPONSE_BYTES: String(CAP), BC_RESPONSE_TIMEOUT_MS: String(DEADLINE_MS) } });
    alice = await s.signIn('Alice Accountant');
    for (const t of tenants) {
      expect((await s.api(alice, 'POST', '/api/v1/clients', { name: t.clientName, clientUrl: `${s.sandbox.url}/${t.tenantId}/production` })).status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => { await s?.close(); });
  afterEach(() => { s.sandbox.faults.clear(); s.sandbox.stats.reset(); });

  /** Refresh all, then every row; with the peak of Node's buffer memory (arrayBuffers) over the refresh. */
  async function refreshAll(): Promise<{ rows: Map<string, Row>; peakBuffersMb: number; ms: number }> {
    global.gc?.();
    const base = process.memoryUsage().arrayBuffers;
    let peak = base;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().arrayBuffers); }, 5);
    const started = Date.now();
    try {
      expect((await s.api(alice, 'POST', '/api/v1/refresh-jobs', {})).status).toBeLessThan(300);
      await s.app.svc.refresh.idle();
    } finally {
      clearInterval(sampler);
    }
    const ms = Date.now() - started;
    const dash = await s.api(alice, 'GET', '/api/v1/dashboard');
    const rows = new Map((dash.body.rows as Row[]).map((r) => [r.companyName, r]));
    return { rows, peakBuffersMb: (peak - base) / (1024 * 1024), ms };
  }

  function expectOthersFine(rows: Map<string, Row>): void {
    expect(rows.get('Fine One')).toMatchObject({ status: 'ok', error: null });
    expect(rows.get('Fine Two')).toMatchObject({ status: 'ok', error: null });
  }

  it('a 128 MB body without Content-Length: reading stops after about the cap; the other client refreshes', async () => {
    s.sandbox.faults.set(BIG, 'production', { hugeBody: { bytes: 128 * 1024 * 1024 }, times: 100 });
    const { rows, peakBuffersMb } = await refreshAll();
    expect(rows.get('Big Co')).toMatchObject({ status: 'error', error: { kind: 'upstream', message: expect.stringMatching(/larger than 2 MB.*stopped reading/) } });
    expectOthersFine(rows);
    const sentMb = s.sandbox.stats.hugeBodyBytes / (1024 * 1024);
    // What the sandbox could write: the cap the hub read, plus what the kernel's loopback socket buffers on both sides
    // took in before the hub hung up (several MB here), never the 128 MB; and no retry of a hopeless answer.
    expect(sentMb).toBeGreaterThan(CAP / (1024 * 1024));
    expect(sentMb).toBeLessThan(16);
    // Buffers held in this process (the hub's chunks and the in-process sandbox's writes) stay near the cap too.
    expect(peakBuffersMb).toBeLessThan(16);
    console.log(`capped answer: sandbox wrote ${sentMb.toFixed(1)} MB of 128 MB; peak buffer memory +${peakBuffersMb.toFixed(1)} MB`);
  });

  it('an endless body and a declared 300 MB Content-Length are refused the same way', async () => {
    s.sandbox.faults.set(BIG, 'production', { hugeBody: {}, times: 100 });
    const endless = await refreshAll();
    expect(endless.rows.get('Big Co')?.error?.message).toMatch(/larger than 2 MB/);
    expectOthersFine(endless.rows);
    expect(s.sandbox.stats.hugeBodyBytes / (1024 * 1024)).toBeLessThan(16);
    expect(endless.peakBuffersMb).toBeLessThan(16);

    s.sandbox.stats.reset();
    s.sandbox.faults.set(BIG, 'production', { hugeBody: { bytes: 300e6, declareLength: true }, times: 100 });
    const declared = await refreshAll();
    // Refused on its Content-Length, before reading a byte of the body.
    expect(declared.rows.get('Big Co')?.error?.message).toMatch(/announced an answer of 286 MB, more than the 2 MB/);
    expectOthersFine(declared.rows);
    expect(s.sandbox.stats.hugeBodyBytes / (1024 * 1024)).toBeLessThan(16);
  });

  it('a body that trickles in for ever: stopped at BC_RESPONSE_TIMEOUT_MS, the other client refreshes', async () => {
    s.sandbox.faults.set(BIG, 'production', { hugeBody: { chunkDelayMs: 200 }, times: 100 });
    const { rows, ms } = await refreshAll();
    expect(rows.get('Big Co')).toMatchObject({ status: 'error', error: { kind: 'network', message: expect.stringMatching(/still arriving after 3 s/) } });
    expectOthersFine(rows);
    // One attempt (not retried), ended within a chunk of the deadline, far below the 30 s inactivity timeout.
    expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS);
    expect(ms).toBeLessThan(DEADLINE_MS + 2_000);
  });
});
