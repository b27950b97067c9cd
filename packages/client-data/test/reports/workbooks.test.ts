import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportKind } from '@hub/contracts';
import type { CompanyData } from '../../src/domain/documents';
import { SourceError } from '../../src/ports/accounting-source';
import { resolveReportPeriod } from '../../src/reports/params';
import { prepareWorkbook, type ReportSubject } from '../../src/reports/workbooks';
import { company, FakeReader, fakeSource, fixtureSets } from './fake-reader';
import { checkFormulas, collect, evaluate, everyFormulaHasResult, formulas, loadWorkbook, rowsOf, sheetXml } from './xlsx-check';

const TODAY = '2026-05-31';
const subject: ReportSubject = { clientName: 'Contoso & Sons Ltd', companyName: 'Contoso Retail Ltd', company };
const data: CompanyData = {
  bcCompanyId: 'c1', name: 'Contoso Retail Ltd', currency: 'GBP',
  openSalesInvoices: [
    { id: 's1', number: 'PS-1', party: 'A', dueDate: '2026-05-20', total: { currency: 'GBP', minor: 50000 }, remaining: { currency: 'GBP', minor: 30010 } },
    { id: 's2', number: 'PS-2', party: 'B', dueDate: '2026-06-10', total: { currency: 'GBP', minor: 20000 }, remaining: { currency: 'GBP', minor: 20000 } },
  ],
  openPurchaseInvoices: [{ id: 'p1', number: 'PP-1', party: 'V', dueDate: '2026-06-03', total: { currency: 'GBP', minor: 12345 } }],
  cashAccounts: [{ number: '1420', name: 'Bank', balance: { currency: 'GBP', minor: 1000000 } }],
  openSalesDocuments: { quotes: 0, orders: 0, draftInvoices: 0 }, taxDocuments: [],
};

async function build(kind: ReportKind, query: Record<string, string> = {}, reader = new FakeReader(fixtureSets)) {
  const prepared = await prepareWorkbook({ reader, source: fakeSource(data), now: () => new Date(`${TODAY}T09:00:00Z`) }, subject, resolveReportPeriod(kind, query, TODAY));
  const out = new PassThrough();
  const [buf] = await Promise.all([collect(out), prepared.write(out)]);
  const wb = await loadWorkbook(buf);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  expect(await everyFormulaHasResult(buf)).toBe(formulas(ws).length);
  return { prepared, wb, ws, reader, rows: rowsOf(ws), buf };
}

function checkPrint(ws: ExcelJS.Worksheet, orientation: 'portrait' | 'landscape') {
  expect(ws.pageSetup.orientation).toBe(orientation);
  expect(ws.pageSetup.fitToPage).toBe(true);
  expect(ws.pageSetup.fitToWidth).toBe(1);
  expect(ws.pageSetup.fitToHeight).toBe(0);
  expect(ws.pageSetup.printTitlesRow).toBe('5:5');
  expect(ws.headerFooter.oddHeader).toContain('Contoso && Sons Ltd - Contoso Retail Ltd');
  expect(ws.headerFooter.oddFooter).toContain('Page &P of &N');
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
}

describe('report workbooks', () => {
  it('trial balance: accounts as strings, amounts parsed from formatted text, SUM totals that balance', async () => {
    const { ws, rows, reader, prepared } = await build('trial-balance', { to: '2026-05-31' });
    expect(prepared.fileName).toBe('Contoso & Sons Ltd - Contoso Retail Ltd - Trial balance 2026-01-01 to 2026-05-31.xlsx');
    expect(reader.queries[0]).toEqual({ set: 'trialBalances', query: { $filter: 'dateFilter ge 2026-01-01 and dateFilter le 2026-05-31' } });
    checkPrint(ws, 'landscape');
    expect(rows[0]?.[0]).toBe('Trial balance');
    expect(rows[5]).toEqual(['1000', 'BALANCE SHEET']);
    expect(rows[6]).toEqual(['1420', 'Bank, Current Account', 12000.1, 2000, 10000.1, 0]);
    expect(ws.getCell('A7').type).toBe(ExcelJS.ValueType.String);
    const fs = checkFormulas(ws);
    const total = fs.filter((f) => f.formula.startsWith('SUM'));
    expect(total.map((f) => f.formula)).toEqual(['SUM(C6:C13)', 'SUM(D6:D13)', 'SUM(E6:E13)', 'SUM(F6:F13)']);
    expect(total.map((f) => f.result)).toEqual([14100.35, 14100.35, 11500.35, 11500.35]);
    expect(fs.filter((f) => !f.formula.startsWith('SUM')).map((f) => f.result)).toEqual([0, 0]);
    expect(ws.getCell('C7').numFmt).toBe('"£"#,##0.00;-"£"#,##0.00;"£"0.00');
  });

  it('balance sheet: section totals are SUMs, Total Liabilities and Equity adds the two totals', async () => {
    const { ws, reader } = await build('balance-sheet', { asOf: '2026-03-31' });
    expect(reader.queries[0]?.query).toEqual({ $filter: 'dateFilter eq 2026-03-31', $orderby: 'lineNumber' });
    checkPrint(ws, 'portrait');
    const fs = checkFormulas(ws);
    const byLabel = Object.fromEntries(fs.map((f) => [ws.getCell(`A${f.ref.slice(1)}`).value, f]));
    expect(byLabel['Total Assets']).toMatchObject({ formula: 'SUM(B7:B8)', result: 11000.35 });
    expect(byLabel['Total Equity']).toMatchObject({ formula: 'SUM(B16:B17)', result: 10500.35 });
    expect(byLabel['Total Liabilities and Equity']?.formula).toBe(`${byLabel['Total Liabilities']?.ref}+${byLabel['Total Equity']?.ref}`);
    // An accountant changes a figure: the totals follow.
    ws.getCell('B7').value = 20000.1;
    expect(evaluate(ws, byLabel['Total Assets']?.formula ?? '')).toBeCloseTo(21000.35, 2);
  });

  it('income statement: Gross Profit and Net Income are combinations of the section totals', async () => {
    const { ws } = await build('income-statement');
    const fs = checkFormulas(ws);
    const labelOf = (ref: string) => ws.getCell(`A${ref.slice(1)}`).value;
    const f = Object.fromEntries(fs.map((x) => [labelOf(x.ref), x.formula.replace(/B(\d+)/g, (_m, r: string) => `[${labelOf(`B${r}`)}]`)]));
    expect(f['Gross Profit']).toBe('[Total Income]-[Total Cost of Goods Sold]');
    expect(f['Net Income']).toBe('[Gross Profit]-[Total Expenses]');
    expect(f['Total Expenses']).toBe('SUM([Rent]:[Wages])');
  });

  it('cash flow statement: Net Change in Cash and Cash at End of Period are live', async () => {
    const { ws } = await build('cash-flow', { from: '2026-04-01', to: '2026-04-30' });
    const fs = checkFormulas(ws);
    const labelOf = (ref: string) => ws.getCell(`A${ref.slice(1)}`).value;
    const f = Object.fromEntries(fs.map((x) => [labelOf(x.ref), x.formula.replace(/B(\d+)/g, (_m, r: string) => `[${labelOf(`B${r}`)}]`)]));
    expect(f['Net Change in Cash']).toBe('[Net Cash from Operating Activities]+[Net Cash from Financing Activities]');
    expect(f['Cash at End of Period']).toBe('[Net Change in Cash]+[Cash at Beginning of Period]');
  });

  it('aged receivables: zero and Total rows left out, row and column SUMs, percentages, no formula injection', async () => {
    const { ws, rows, reader } = await build('aged-receivables', { asOf: '2026-05-31', period: '1m' });
    expect(reader.queries[0]?.query).toEqual({ $filter: "agedAsOfDate eq 2026-05-31 and periodLengthFilter eq '1M'" });
    checkPrint(ws, 'landscape');
    expect(rows[4]).toEqual(['No.', 'Customer name', 'Customer currency', 'Not yet due', '0-30 Days', '30-60 Days', 'Over 60 Days', 'Balance due']);
    expect(rows.slice(5, 7)).toEqual([
      ['10000', 'Adatum Corporation', 'GBP', 1000, 200.5, 0, 0, 1200.5],
      ['20000', `'=HYPERLINK("http://x","y")`, 'EUR', 0, 0, 100.1, 200, 300.1],
    ]);
    const [xml] = await sheetXml((await build('aged-receivables')).buf);
    // A text value (no <f> element) with a leading quote, so it stays text after an edit or a CSV export.
    expect(xml).toMatch(/<c r="B7"[^>]*t="str"><v>&apos;=HYPERLINK\(&quot;http:\/\/x&quot;,&quot;y&quot;\)<\/v><\/c>/);
    const evil = ws.getCell('B7');
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.formula).toBeUndefined();
    const fs = checkFormulas(ws);
    expect(fs.find((f) => f.formula === 'SUM(H6:H7)')?.result).toBe(1500.6);
    const pct = fs.filter((f) => f.formula.startsWith('IF'));
    expect(pct.map((f) => Math.round(f.result * 1000) / 1000)).toEqual([0.666, 0.134, 0.067, 0.133, 1]);
    expect(ws.getCell(pct[0]?.ref ?? 'A1').numFmt).toBe('0.0%');
  });

  it('13-week cash forecast: net and closing balance formulas chain from the opening cash', async () => {
    const { ws, rows } = await build('cash-forecast');
    const fs = checkFormulas(ws);
    expect(rows[5]?.[4]).toBe(10000);
    expect(rows[6]).toEqual(['2026-05-25', 300.1, 0, 300.1, 10300.1]);
    expect(rows[7]).toEqual(['2026-06-01', 0, 123.45, -123.45, 10176.65]);
    expect(fs.filter((f) => /^E\d+\+D\d+$/.test(f.formula))).toHaveLength(13);
    expect(formulas(ws).at(-1)).toMatchObject({ formula: 'E19', result: 10376.65 });
  });

  it('surfaces Business Central errors before any byte is written', async () => {
    const reader = new FakeReader(fixtureSets);
    reader.fail = new SourceError('throttled', 'Business Central is throttling requests (429); try again in a few minutes.');
    await expect(build('trial-balance', {}, reader)).rejects.toThrow(/throttling/);
  });

  it('stops reading from Business Central when the download is closed', async () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ number: String(10000 + i), display: `Account ${i}`, accountType: 'Posting',
      totalDebit: '1,000.00', totalCredit: '0.00', balanceAtDateDebit: '1,000.00', balanceAtDateCredit: '0.00' }));
    const reader = new FakeReader({ trialBalances: many }, 'GBP', 10);
    const prepared = await prepareWorkbook({ reader, source: fakeSource(data), now: () => new Date() }, subject, resolveReportPeriod('trial-balance', {}, TODAY));
    const out = new PassThrough({ highWaterMark: 1024 });
    const writing = prepared.write(out);
    out.once('data', () => out.destroy());
    await expect(writing).rejects.toThrow();
  });

  it('validates dates and ranges', () => {
    expect(() => resolveReportPeriod('income-statement', { from: '2026-02-30' }, TODAY)).toThrow('not valid');
    expect(() => resolveReportPeriod('income-statement', { from: '2026-06-01', to: '2026-05-01' }, TODAY)).toThrow('not valid');
    expect(() => resolveReportPeriod('income-statement', { from: '2026-06-01' }, TODAY)).toThrow('not valid');
    expect(() => resolveReportPeriod('income-statement', { from: '2010-01-01', to: '2026-01-01' }, TODAY)).toThrow('not valid');
    expect(() => resolveReportPeriod('aged-payables', { period: '0D' }, TODAY)).toThrow('not valid');
    expect(() => resolveReportPeriod('aged-payables', { sneaky: '1' }, TODAY)).toThrow('not valid');
    expect(resolveReportPeriod('income-statement', {}, TODAY)).toEqual({ kind: 'income-statement', from: '2026-01-01', to: TODAY });
    expect(resolveReportPeriod('balance-sheet', {}, TODAY)).toEqual({ kind: 'balance-sheet', to: TODAY });
    expect(resolveReportPeriod('aged-receivables', {}, TODAY)).toEqual({ kind: 'aged-receivables', to: TODAY, period: '30D' });
  });
});
