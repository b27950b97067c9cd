/**
 * Reports benchmark: time and peak memory to build every workbook (7 kinds) of one large company, 2,000 G/L accounts
 * and 100,000 ledger entries, through the real report code (paging, parsing, streaming exceljs writer).
 *
 * The sandbox's chart of accounts is fixed (about 40 accounts), so the company comes from an in-memory source that
 * answers like the API: pages of at most 5,000 rows serialised to JSON text and parsed back, trial balance amounts
 * as formatted strings, aged lists with a Total row, following the same page-by-page iteration as Business Central.
 * Workbooks are written to a temporary folder (a real file sink, not memory). RSS is sampled every 10 ms.
 *
 * Env: BENCH_ACCOUNTS (2000), BENCH_ENTRIES (100000), BENCH_CUSTOMERS (5000), BENCH_VENDORS (2000); BENCH_VERBOSE=1 (with
 * `node --expose-gc --import tsx`) prints time, peak RSS and heap after GC per workbook.
 * Last line: {"bench":"reports","ms":..,"peak_mb":..}.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { reportKinds } from '@hub/contracts';
import type { CompanyData } from '../packages/client-data/src/domain/documents';
import { addDays } from '../packages/client-data/src/domain/dates';
import type { AccountingSource } from '../packages/client-data/src/ports/accounting-source';
import { resolveReportPeriod } from '../packages/client-data/src/reports/params';
import type { RawRow, ReportCompany, ReportReader } from '../packages/client-data/src/reports/report-reader';
import { prepareWorkbook } from '../packages/client-data/src/reports/workbooks';
import { mulberry32 } from '../packages/bc-sandbox/src/util/prng';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 2000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 5000);
const VENDORS = Number(process.env.BENCH_VENDORS ?? 2000);
const PAGE = 5000;
const TODAY = '2026-05-31';
const TARGET_MS = 3000;
const TARGET_MB = 300;

const fmt = (cents: number) => {
  const abs = Math.abs(cents);
  return `${Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(abs % 100).padStart(2, '0')}`;
};
const dec = (cents: number) => cents / 100;

interface Account { number: string; name: string; posting: boolean; pl: boolean; debit: number; credit: number }
interface OpenItem { party: number; due: string; cents: number }

/** A company's ledger summarised the way Business Central's report pages need it. */
function buildCompany() {
  const rnd = mulberry32(42);
  const accounts: Account[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const heading = i % 50 === 0;
    accounts.push({ number: String(10000 + i * 10), name: heading ? `SECTION ${i / 50 + 1}` : `Account ${i} ${['Bank', 'Receivables', 'Payables', 'Sales', 'Rent'][i % 5]}`, posting: !heading, pl: i >= ACCOUNTS / 2, debit: 0, credit: 0 });
  }
  const posting = accounts.filter((a) => a.posting);
  // Double entry: each entry debits one account and credits another with the same amount.
  for (let e = 0; e < ENTRIES; e += 2) {
    const cents = 100 + Math.floor(rnd() * 500_000);
    (posting[Math.floor(rnd() * posting.length)] as Account).debit += cents;
    (posting[Math.floor(rnd() * posting.length)] as Account).credit += cents;
  }
  const open = (parties: number): OpenItem[] => Array.from({ length: Math.floor(ENTRIES / 5) }, () => ({
    party: Math.floor(rnd() * parties), due: addDays(TODAY, Math.floor(rnd() * 200) - 150), cents: 1000 + Math.floor(rnd() * 1_000_000),
  }));
  return { accounts, receivables: open(CUSTOMERS), payables: open(VENDORS) };
}

function agedRows(items: OpenItem[], parties: number, side: 'customer' | 'vendor'): RawRow[] {
  const b = Array.from({ length: parties }, () => [0, 0, 0, 0]);
  const d30 = addDays(TODAY, -30);
  const d60 = addDays(TODAY, -60);
  for (const it of items) {
    const bucket = b[it.party] as number[];
    const i = it.due >= TODAY ? 0 : it.due >= d30 ? 1 : it.due >= d60 ? 2 : 3;
    bucket[i] = (bucket[i] ?? 0) + it.cents;
  }
  const total = [0, 0, 0, 0];
  const rows: RawRow[] = b.map((x, p) => {
    x.forEach((v, i) => { total[i] = (total[i] ?? 0) + v; });
    return {
      [`${side}Id`]: `id-${p}`, [`${side}Number`]: String(10000 + p), name: `${side === 'customer' ? 'Customer' : 'Vendor'} ${p} Ltd`, currencyCode: 'GBP',
      balanceDue: dec(x.reduce((s, v) => s + v, 0)), currentAmount: dec(x[0] ?? 0), period1Amount: dec(x[1] ?? 0), period2Amount: dec(x[2] ?? 0), period3Amount: dec(x[3] ?? 0),
      period1Label: '0-30 Days', period2Label: '30-60 Days', period3Label: 'Over 60 Days', agedAsOfDate: TODAY, periodLengthFilter: '30D',
    };
  });
  rows.push({ [`${side}Id`]: '00000000-0000-0000-0000-000000000000', [`${side}Number`]: '', name: 'Total', currencyCode: 'GBP', balanceDue: dec(total.reduce((s, v) => s + v, 0)),
    currentAmount: dec(total[0] ?? 0), period1Amount: dec(total[1] ?? 0), period2Amount: dec(total[2] ?? 0), period3Amount: dec(total[3] ?? 0),
    period1Label: '0-30 Days', period2Label: '30-60 Days', period3Label: 'Over 60 Days' });
  return rows;
}

function statementRows(accounts: Account[], pl: boolean, field: 'balance' | 'netChange'): RawRow[] {
  const rows: RawRow[] = [];
  let section: { name: string; total: number } | null = null;
  const grand: number[] = [];
  const close = () => {
    if (!section) return;
    rows.push({ display: `Total ${section.name}`, lineType: 'total', indentation: 0, [field]: dec(section.total) });
    grand.push(section.total);
    section = null;
  };
  for (const a of accounts.filter((x) => x.pl === pl)) {
    if (!a.posting) {
      close();
      section = { name: a.name, total: 0 };
      rows.push({ display: a.name, lineType: 'header', indentation: 0, [field]: 0 });
      continue;
    }
    const net = a.debit - a.credit;
    if (section) section.total += net;
    rows.push({ display: a.name, lineType: 'detail', indentation: 1, [field]: dec(net) });
  }
  close();
  rows.push({ display: pl ? 'Net Income' : 'Total', lineType: 'total', indentation: 0, [field]: dec(grand.slice(-2).reduce((s, v) => s + v, 0)) });
  return rows.map((r, i) => ({ id: `l${i}`, lineNumber: (i + 1) * 10000, ...r, lineType: r.lineType, dateFilter: TODAY }));
}

/** Answers like Business Central: pages of JSON text, parsed back, one at a time. */
class BenchReader implements ReportReader {
  constructor(private readonly sets: Record<string, () => RawRow[]>) {}
  async localCurrency(): Promise<string> {
    return 'GBP';
  }
  async *pages(_c: ReportCompany, set: string): AsyncGenerator<RawRow[]> {
    const rows = this.sets[set]?.() ?? [];
    for (let i = 0; i < rows.length; i += PAGE) {
      const text = JSON.stringify({ value: rows.slice(i, i + PAGE) });
      await new Promise((r) => setImmediate(r));
      yield (JSON.parse(text) as { value: RawRow[] }).value;
    }
  }
}

async function main(): Promise<void> {
  const company = buildCompany();
  const reader = new BenchReader({
    trialBalances: () => company.accounts.map((a) => {
      const bal = a.debit - a.credit;
      return {
        accountId: `id-${a.number}`, number: a.number, accountType: a.posting ? 'Posting' : 'Heading', display: a.name,
        totalDebit: a.posting ? fmt(a.debit) : '', totalCredit: a.posting ? fmt(a.credit) : '',
        balanceAtDateDebit: a.posting ? fmt(bal > 0 ? bal : 0) : '', balanceAtDateCredit: a.posting ? fmt(bal < 0 ? -bal : 0) : '', dateFilter: TODAY,
      };
    }),
    balanceSheets: () => statementRows(company.accounts, false, 'balance'),
    incomeStatements: () => statementRows(company.accounts, true, 'netChange'),
    cashFlowStatements: () => statementRows(company.accounts, false, 'netChange'),
    agedAccountsReceivables: () => agedRows(company.receivables, CUSTOMERS, 'customer'),
    agedAccountsPayables: () => agedRows(company.payables, VENDORS, 'vendor'),
  });
  const data: CompanyData = {
    bcCompanyId: 'bench', name: 'Bench Co', currency: 'GBP',
    openSalesInvoices: company.receivables.map((r, i) => ({ id: `s${i}`, number: `PS-${i}`, party: `C${r.party}`, dueDate: r.due, total: { currency: 'GBP', minor: r.cents }, remaining: { currency: 'GBP', minor: r.cents } })),
    openPurchaseInvoices: company.payables.map((r, i) => ({ id: `p${i}`, number: `PP-${i}`, party: `V${r.party}`, dueDate: r.due, total: { currency: 'GBP', minor: r.cents } })),
    cashAccounts: [{ number: '1420', name: 'Bank', balance: { currency: 'GBP', minor: 123_456_78 } }],
    openSalesDocuments: { quotes: 0, orders: 0, draftInvoices: 0 }, taxDocuments: [],
  };
  const source: AccountingSource = { listCompanies: async () => [], readCompany: async () => data, checkAccess: async () => [] };
  const subject = { clientName: 'Bench Client Ltd', companyName: 'Bench Co', company: { env: { origin: 'https://businesscentral.dynamics.com', tenant: 'bench', environment: 'production' }, bcCompanyId: 'bench', name: 'Bench Co' } };

  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-reports-'));
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const sizes: Record<string, number> = {};
  const started = performance.now();
  try {
    for (const kind of reportKinds) {
      const prepared = await prepareWorkbook({ reader, source, now: () => new Date(`${TODAY}T08:00:00Z`) }, subject, resolveReportPeriod(kind, {}, TODAY));
      const file = join(dir, prepared.fileName);
      const out = createWriteStream(file);
      await prepared.write(out);
      await finished(out);
      peak = Math.max(peak, process.memoryUsage().rss);
      sizes[kind] = Math.round(statSync(file).size / 1024);
      if (process.env.BENCH_VERBOSE) {
        // Heap after a GC stays level from workbook to workbook: nothing of a finished workbook is kept.
        global.gc?.();
        const mb = (n: number) => Math.round(n / 1048576);
        console.log(`${kind}: at ${Math.round(performance.now() - started)} ms, peak RSS ${mb(peak)} MB, heap after GC ${mb(process.memoryUsage().heapUsed)} MB`);
      }
    }
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
  const ms = Math.round(performance.now() - started);
  const peakMb = Math.round(peak / 1048576);
  console.log(`All ${reportKinds.length} workbooks of one company (${ACCOUNTS} accounts, ${ENTRIES} ledger entries, ${CUSTOMERS} customers, ${VENDORS} vendors, `
    + `${data.openSalesInvoices.length + data.openPurchaseInvoices.length} open invoices): ${ms} ms (target < ${TARGET_MS} ms), peak RSS ${peakMb} MB `
    + `(target < ${TARGET_MB} MB; ${Math.round(baseline / 1048576)} MB before building). Sizes KB: ${JSON.stringify(sizes)}`);
  console.log(JSON.stringify({ bench: 'reports', ms, peak_mb: peakMb }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
