/** Signed download links for reports (what the tab uses): once, without a bearer token, for a minute, per user. */
import { reportLinkRequestSchema, type ReportDownloadRequest } from '@hub/contracts';
import { SignedLinks } from '../../src/http/signed-links';
import type { TestServer } from '../../../test-support/server';
import { download, EVIL, LINK_KEY, sheet, startReportsServer, TENANT, unzip } from './fixture';
import { loadWorkbook, rowsOf } from '../../../packages/client-data/test/reports/xlsx-check';

describe('reports API: signed download links (the tab)', () => {
  let s: TestServer;
  let alice: string;
  let bob: string;
  let evilCo: string;
  let secondCo: string;

  beforeAll(async () => {
    ({ s, alice, bob, evilCo, secondCo } = await startReportsServer());
  }, 60_000);
  afterAll(async () => { await s?.close(); });

  const link = async (token: string | null, body: unknown) => s.api(token, 'POST', '/api/v1/reports/links', body);
  const open = (url: string) => download(s, null, url);
  const userIdOf = async (name: string) => {
    if (!s.app.dev) throw new Error('dev identity off');
    return s.app.svc.users.ensure(s.app.dev.principalFor(name));
  };
  const forge = (o: { userId: string; body: ReportDownloadRequest; now?: () => number; secret?: string }) =>
    `/api/v1/reports/download?token=${new SignedLinks({ secret: o.secret ?? LINK_KEY, schema: reportLinkRequestSchema, ...(o.now ? { now: o.now } : {}) }).sign(o.userId, o.body).token}`;

  it('serves the workbook once, without a bearer token, for a minute', async () => {
    expect((await link(null, { companyIds: [evilCo], kinds: ['aged-receivables'] })).status).toBe(401);
    const before = Date.now();
    const made = await link(alice, { companyIds: [evilCo], kinds: ['aged-receivables'] });
    expect(made.status).toBe(201);
    expect(made.body.url).toMatch(/^\/api\/v1\/reports\/download\?token=[\w-]+\.[\w-]+$/);
    const ttl = Date.parse(made.body.expiresAt) - before;
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(61_000);

    const r = await open(made.body.url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="Smith & Co Books - Evil Co - Aged receivables \d{4}-\d{2}-\d{2}\.xlsx"/);
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(rowsOf(sheet(await loadWorkbook(r.buf))).slice(5, 7)).toEqual([
      ['C1', `'${EVIL}`, 'GBP', 0, 0, 120, 0, 120],
      ['C2', 'Plain Customer', 'GBP', 200, 0, 0, 0, 200],
    ]);

    const again = await open(made.body.url);
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(again.buf.toString()).toContain('<h1>This download link has already been used</h1>');
    // Neither the link nor the key is written to the logs.
    const logs = s.logs.join('\n');
    expect(logs).not.toContain(made.body.url.split('.').pop());
    expect(logs).not.toContain(LINK_KEY);
  });

  it('serves one zip for several companies or reports, with the period asked for', async () => {
    const made = await link(alice, { companyIds: [evilCo, secondCo], kinds: ['income-statement'], from: '2026-01-01', to: '2026-03-31' });
    expect(made.status).toBe(201);
    const r = await open(made.body.url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/zip');
    expect([...(await unzip(r.buf)).keys()]).toEqual([
      'Smith & Co Books - Evil Co/Income statement 2026-01-01 to 2026-03-31.xlsx',
      'Smith & Co Books - Second Co/Income statement 2026-01-01 to 2026-03-31.xlsx',
    ]);
  });

  it('refuses a changed or foreign-key link with 400, an expired one with 410, each with a page that says what to do', async () => {
    const made = await link(alice, { companyIds: [evilCo], kinds: ['balance-sheet'] });
    const token = String(made.body.url).split('token=')[1] ?? '';
    const [payload, sig] = token.split('.') as [string, string];
    const flip = (t: string, i: number) => `${t.slice(0, i)}${t[i] === 'A' ? 'B' : 'A'}${t.slice(i + 1)}`;
    for (const bad of [`${flip(payload, 5)}.${sig}`, `${payload}.${flip(sig, 3)}`, `${payload}.${sig}x`, payload, '', 'garbage']) {
      const r = await open(`/api/v1/reports/download?token=${bad}`);
      expect([bad, r.status]).toEqual([bad, 400]);
      expect(r.buf.toString()).toContain('This download link is not valid');
    }
    const aliceId = await userIdOf('Alice Accountant');
    const body = reportLinkRequestSchema.parse({ companyIds: [evilCo], kinds: ['balance-sheet'] });
    expect((await open(forge({ userId: aliceId, body, secret: 'another-key-of-at-least-32-characters!' }))).status).toBe(400);

    const expired = await open(forge({ userId: aliceId, body, now: () => Date.now() - 61_000 }));
    expect(expired.status).toBe(410);
    expect(expired.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(expired.buf.toString()).toMatch(/This download link has expired[\s\S]*Download links work for one minute/);
    // The untouched link still works: refusals do not use it up.
    expect((await open(made.body.url)).status).toBe(200);
  });

  it('scopes links to their user: another user\'s companies are 404 whether asked for or forged', async () => {
    const asked = await link(bob, { companyIds: [evilCo], kinds: ['balance-sheet'] });
    expect(asked.status).toBe(404);
    expect((await link(bob, { companyIds: [secondCo, evilCo], kinds: ['balance-sheet'] })).status).toBe(404);
    // A correctly signed link whose user cannot see the company (as if it had been removed from their dashboard).
    const forged = await open(forge({ userId: await userIdOf('Bob Other'), body: reportLinkRequestSchema.parse({ companyIds: [evilCo], kinds: ['balance-sheet'] }) }));
    expect(forged.status).toBe(404);
    expect(forged.buf.toString()).toContain('Nothing to download here');
    expect(forged.buf.toString()).not.toContain('Evil Co');
  });

  it('checks the request and asks Business Central before issuing a link, so the tab can say what is wrong', async () => {
    expect((await link(alice, { companyIds: [evilCo], kinds: ['payroll'] })).status).toBe(400);
    expect((await link(alice, { companyIds: [evilCo], kinds: ['income-statement'], from: '2026-06-01', to: '2026-01-01' })).status).toBe(400);
    s.sandbox.faults.set(TENANT, 'production', { status: 401, times: 50 });
    try {
      const r = await link(alice, { companyIds: [evilCo], kinds: ['balance-sheet'] });
      expect(r.status).toBe(502);
      expect(r.body.error.code).toBe('business_central_auth');
    } finally {
      s.sandbox.faults.clear();
    }
    s.sandbox.faults.set(TENANT, 'production', { status: 429, times: 50, retryAfterSeconds: 600 });
    try {
      const r = await link(alice, { companyIds: [evilCo, secondCo], kinds: ['balance-sheet'] });
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('business_central_throttled');
    } finally {
      s.sandbox.faults.clear();
    }
  });

  it('explains on the page when Business Central fails after the link was issued', async () => {
    const made = await link(alice, { companyIds: [evilCo], kinds: ['trial-balance'] });
    expect(made.status).toBe(201);
    s.sandbox.faults.set(TENANT, 'production', { status: 429, times: 50, retryAfterSeconds: 600 });
    try {
      const r = await open(made.body.url);
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(r.buf.toString()).toMatch(/Business Central did not give the figures[\s\S]*throttling requests \(429\)[\s\S]*choose Download again/);
    } finally {
      s.sandbox.faults.clear();
    }
  });
});
