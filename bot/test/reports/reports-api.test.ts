/**
 * Reports over HTTP against the Business Central sandbox: explicit fixtures with known amounts, a customer whose
 * name is a formula, scoping to the signed-in user, date validation, a throttled Business Central and the zip.
 */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { TenantSpec } from '@hub/bc-sandbox';
import { reportLinkRequestSchema, type ReportDownloadRequest } from '@hub/contracts';
import { SignedLinks } from '../../src/http/signed-links';
import { startTestServer, type TestServer } from '../../../test-support/server';
import { checkFormulas, everyFormulaHasResult, formulas, loadWorkbook, rowsOf } from '../../../packages/client-data/test/reports/xlsx-check';

const TENANT = '11111111-2222-4333-8444-555555555555';
const LINK_KEY = 'test-download-link-key-0123456789abcdef';
const EVIL = '=HYPERLINK("http://x","y")';
const tenants: TenantSpec[] = [{
  tenantId: TENANT, clientName: 'Smith & Co: "Books"',
  environments: [{ name: 'production', companies: [
    {
      kind: 'explicit', name: 'Evil Co', currencyCode: 'GBP', openingCash: 1000,
      customers: [{ number: 'C1', name: EVIL }, { number: 'C2', name: 'Plain Customer' }, { number: 'C3', name: 'No Balance Ltd' }],
      vendors: [{ number: 'V1', name: '@SUM(1+1)' }],
      // GBP default tax 20%: C1 owes 120.00 (due 35 days ago), C2 owes 240.00 - 40.00 = 200.00 (due in 10 days).
      salesInvoices: [{ party: 'C1', date: -40, dueDate: -35, amount: 100 }, { party: 'C2', date: -5, dueDate: 10, amount: 200, paid: 40 }],
      purchaseInvoices: [{ party: 'V1', date: -10, dueDate: 5, amount: 50 }],
    },
    { kind: 'explicit', name: 'Second Co', currencyCode: 'EUR', customers: [{ number: 'K1', name: 'Kunde GmbH' }], vendors: [],
      salesInvoices: [{ party: 'K1', date: -3, dueDate: 20, amount: 1000 }] },
  ] }],
}];

async function download(s: TestServer, token: string | null, path: string, init: RequestInit = {}) {
  const res = await fetch(`${s.url}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buf, json: () => JSON.parse(buf.toString('utf8')) as { error: { code: string; message: string; details?: unknown[] } } };
}

async function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(buf, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { files.set(entry.fileName, Buffer.concat(chunks)); zip.readEntry(); });
    }));
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return files;
}

const sheet = (wb: ExcelJS.Workbook) => wb.worksheets[0] as ExcelJS.Worksheet;

describe('reports API', () => {
  let s: TestServer;
  let alice: string;
  let bob: string;
  let evilCo: string;
  let secondCo: string;

  beforeAll(async () => {
    s = await startTestServer({ sandbox: { tenants }, env: { SECRET_DOWNLOAD_LINK_KEY: LINK_KEY } });
    alice = await s.signIn('Alice Accountant');
    bob = await s.signIn('Bob Other');
    const created = await s.api(alice, 'POST', '/api/v1/clients', { name: 'Smith & Co: "Books"', clientUrl: `${s.sandbox.url}/${TENANT}/production` });
    expect(created.status).toBe(201);
    const companies = created.body.companies as { id: string; name: string }[];
    evilCo = companies.find((c) => c.name === 'Evil Co')?.id ?? '';
    secondCo = companies.find((c) => c.name === 'Second Co')?.id ?? '';
    expect(evilCo && secondCo).toBeTruthy();
  }, 60_000);
  afterAll(async () => { await s?.close(); });

  it('requires sign-in and lists the report kinds', async () => {
    expect((await s.api(null, 'GET', '/api/v1/reports')).status).toBe(401);
    expect((await download(s, null, `/api/v1/companies/${evilCo}/reports/trial-balance.xlsx`)).status).toBe(401);
    const list = await s.api(alice, 'GET', '/api/v1/reports');
    expect(list.status).toBe(200);
    expect(list.body.reports.map((r: { kind: string }) => r.kind)).toEqual(
      ['balance-sheet', 'income-statement', 'cash-flow', 'trial-balance', 'aged-receivables', 'aged-payables', 'cash-forecast']);
  });

  it('aged receivables: known amounts, formula-looking names stay text, safe file name', async () => {
    const r = await download(s, alice, `/api/v1/companies/${evilCo}/reports/aged-receivables.xlsx`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const cd = r.headers.get('content-disposition') ?? '';
    expect(cd).toMatch(/^attachment; filename="Smith & Co Books - Evil Co - Aged receivables \d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''Smith%20%26%20Co%20Books/);
    const ws = sheet(await loadWorkbook(r.buf));
    const rows = rowsOf(ws);
    expect(rows[4]?.slice(3)).toEqual(['Not yet due', '0-30 Days', '30-60 Days', 'Over 60 Days', 'Balance due']);
    expect(rows.slice(5, 7)).toEqual([
      ['C1', EVIL, 'GBP', 0, 0, 120, 0, 120],
      ['C2', 'Plain Customer', 'GBP', 200, 0, 0, 0, 200],
    ]);
    expect(ws.getCell('B6').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B6').formula).toBeUndefined();
    const fs = checkFormulas(ws);
    expect(fs.find((f) => f.formula === 'SUM(H6:H7)')?.result).toBe(320);
    expect(await everyFormulaHasResult(r.buf)).toBe(fs.length);
  });

  it('every report kind downloads, with formulas that add up and print settings', async () => {
    for (const [kind, orientation] of [['trial-balance', 'landscape'], ['balance-sheet', 'portrait'], ['income-statement', 'portrait'],
      ['cash-flow', 'portrait'], ['aged-payables', 'landscape'], ['cash-forecast', 'portrait']] as const) {
      const r = await download(s, alice, `/api/v1/companies/${evilCo}/reports/${kind}.xlsx`);
      expect([kind, r.status]).toEqual([kind, 200]);
      const ws = sheet(await loadWorkbook(r.buf));
      expect(checkFormulas(ws).length).toBeGreaterThan(0);
      expect(ws.pageSetup).toMatchObject({ orientation, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '5:5' });
      expect(ws.headerFooter.oddHeader).toContain('Smith && Co: "Books" - Evil Co');
      expect(ws.headerFooter.oddFooter).toContain('&P of &N');
      if (kind === 'trial-balance') {
        const diff = formulas(ws).filter((f) => /^[CE]\d+-[DF]\d+$/.test(f.formula));
        expect(diff.map((f) => f.result)).toEqual([0, 0]);
      }
      if (kind === 'balance-sheet') {
        const label = (f: { ref: string }) => ws.getCell(`A${f.ref.slice(1)}`).value;
        const byLabel = new Map(formulas(ws).map((f) => [label(f), f.result]));
        expect(byLabel.get('Total Assets')).toBe(byLabel.get('Total Liabilities and Equity'));
        // 1,000 opening cash + 120 + 200 receivable + 8 VAT receivable on the purchase (incl. tax 60)...
        expect(byLabel.get('Total Assets')).toBeGreaterThan(1000);
      }
      if (kind === 'cash-forecast') expect(rowsOf(ws)[5]?.[4]).toBe(1040);
    }
  });

  it('scopes companies to the user: another user gets 404, as do unknown ids and kinds', async () => {
    expect((await download(s, bob, `/api/v1/companies/${evilCo}/reports/balance-sheet.xlsx`)).status).toBe(404);
    expect((await download(s, alice, '/api/v1/companies/00000000-0000-4000-8000-000000000000/reports/balance-sheet.xlsx')).status).toBe(404);
    expect((await download(s, alice, `/api/v1/companies/${evilCo}/reports/payroll.xlsx`)).status).toBe(404);
    expect((await download(s, alice, `/api/v1/companies/${evilCo}/reports/balance-sheet.csv`)).status).toBe(404);
  });

  it('refuses bad dates with 400 and says which', async () => {
    for (const qs of ['asOf=2026-02-30', 'from=2026-05-01&to=2026-04-01', 'from=2001-01-01&to=2026-01-01', 'asOf=yesterday', 'period=0D', 'colour=red']) {
      const r = await download(s, alice, `/api/v1/companies/${evilCo}/reports/income-statement.xlsx?${qs}`);
      expect([qs, r.status]).toEqual([qs, 400]);
      expect(r.json().error.code).toBe('invalid_request');
    }
    const ok = await download(s, alice, `/api/v1/companies/${evilCo}/reports/income-statement.xlsx?from=2026-01-01&to=2026-03-31`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain('Income statement 2026-01-01 to 2026-03-31.xlsx');
  });

  it('a throttled Business Central answers 503 with a clear message; refused access 502', async () => {
    s.sandbox.faults.set(TENANT, 'production', { status: 429, times: 50, retryAfterSeconds: 600 });
    try {
      const r = await download(s, alice, `/api/v1/companies/${evilCo}/reports/trial-balance.xlsx`);
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      expect(r.json().error).toMatchObject({ code: 'business_central_throttled', message: expect.stringMatching(/throttling requests \(429\)/) });
    } finally {
      s.sandbox.faults.clear();
    }
    s.sandbox.faults.set(TENANT, 'production', { status: 401, times: 50 });
    try {
      const r = await download(s, alice, `/api/v1/companies/${evilCo}/reports/balance-sheet.xlsx`);
      expect(r.status).toBe(502);
      expect(r.json().error).toMatchObject({ code: 'business_central_auth', message: expect.stringMatching(/refused access \(401\)/) });
    } finally {
      s.sandbox.faults.clear();
    }
  });

  it('zips several companies\' workbooks, one folder per company', async () => {
    const r = await download(s, alice, '/api/v1/reports/zip', {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ companyIds: [evilCo, secondCo], kinds: ['balance-sheet', 'aged-receivables'] }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/zip');
    expect(r.headers.get('content-disposition')).toMatch(/filename="Reports 2 companies \d{4}-\d{2}-\d{2}\.zip"/);
    const files = await unzip(r.buf);
    const names = [...files.keys()].map((n) => n.replace(/\d{4}-\d{2}-\d{2}/g, 'DATE'));
    expect(names).toEqual([
      'Smith & Co Books - Evil Co/Balance sheet DATE.xlsx', 'Smith & Co Books - Evil Co/Aged receivables DATE.xlsx',
      'Smith & Co Books - Second Co/Balance sheet DATE.xlsx', 'Smith & Co Books - Second Co/Aged receivables DATE.xlsx',
    ]);
    for (const buf of files.values()) checkFormulas(sheet(await loadWorkbook(buf)));
    const second = sheet(await loadWorkbook([...files.values()][3] as Buffer));
    expect(rowsOf(second)[5]).toEqual(['K1', 'Kunde GmbH', 'EUR', 1190, 0, 0, 0, 1190]);
    expect(second.getCell('D6').numFmt).toBe('"€"#,##0.00;-"€"#,##0.00;"€"0.00');
  });

  it('zip: validates the body and scopes every company', async () => {
    const post = (token: string, body: unknown) => download(s, token, '/api/v1/reports/zip', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post(bob, { companyIds: [evilCo], kinds: ['balance-sheet'] })).status).toBe(404);
    expect((await post(alice, { companyIds: [], kinds: ['balance-sheet'] })).status).toBe(400);
    expect((await post(alice, { companyIds: [evilCo], kinds: ['payroll'] })).status).toBe(400);
    expect((await post(alice, { companyIds: [evilCo], kinds: ['income-statement'], from: '2026-06-01', to: '2026-01-01' })).status).toBe(400);
  });

  describe('signed download links (the tab)', () => {
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
        ['C1', EVIL, 'GBP', 0, 0, 120, 0, 120],
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
});
