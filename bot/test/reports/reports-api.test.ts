/**
 * Reports over HTTP against the Business Central sandbox: explicit fixtures with known amounts, a customer whose
 * name is a formula, scoping to the signed-in user, date validation, a throttled Business Central and the zip.
 */
import ExcelJS from 'exceljs';
import type { TestServer } from '../../../test-support/server';
import { download, EVIL, sheet, startReportsServer, TENANT, unzip } from './fixture';
import { checkFormulas, everyFormulaHasResult, formulas, loadWorkbook, rowsOf } from '../../../packages/client-data/test/reports/xlsx-check';

describe('reports API', () => {
  let s: TestServer;
  let alice: string;
  let bob: string;
  let evilCo: string;
  let secondCo: string;

  beforeAll(async () => {
    ({ s, alice, bob, evilCo, secondCo } = await startReportsServer());
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
      ['C1', `'${EVIL}`, 'GBP', 0, 0, 120, 0, 120],
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
});
