import { z } from 'zod';
import { parseAmount } from '../domain/money';
import { SourceError } from '../ports/accounting-source';
import type { ReportPeriod } from './params';
import type { RawRow, ReportCompany, ReportReader } from './report-reader';

/** Amounts below are integer minor units of the company's local currency. */
export interface TrialBalanceLine {
  number: string;
  name: string;
  accountType: string;
  /** Only posting accounts carry amounts; headings and totals are labels. */
  posting: boolean;
  periodDebit: number;
  periodCredit: number;
  balanceDebit: number;
  balanceCredit: number;
}

export type StatementLineType = 'header' | 'detail' | 'total' | 'spacer';
export interface StatementLine {
  display: string;
  lineType: StatementLineType;
  indentation: number;
  amount: number;
}

export interface AgedLine {
  number: string;
  name: string;
  currencyCode: string;
  current: number;
  period1: number;
  period2: number;
  period3: number;
  balanceDue: number;
  labels: [string, string, string];
  /** Business Central's own "Total" row (empty GUID), which the workbook replaces with formulas. */
  isTotal: boolean;
}

const text = z.string().nullish().transform((s) => s ?? '');
const amount = z.union([z.number(), z.string()]).nullish();
const EMPTY_GUID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;

/**
 * Business Central formats trial balance amounts as text ("72,893.84", "" for none). The hub asks for en-US; a
 * "1.234,56" form (comma after the last dot) is read as European just in case.
 */
export function parseFormattedAmount(value: number | string | null | undefined, currency: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return parseAmount(value, currency).minor;
  let s = value.trim().replace(/[\s\u00a0']/g, '');
  if (s === '') return 0;
  const negative = /^\(.*\)$/.test(s);
  if (negative) s = s.slice(1, -1);
  if (s.includes(',') && s.lastIndexOf(',') > s.lastIndexOf('.') && !/^\d{1,3}(,\d{3})+$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  const minor = parseAmount(s, currency).minor;
  return negative ? -minor : minor;
}

function parser<T extends z.ZodType>(schema: T, what: string) {
  let index = 0;
  return (row: RawRow): z.infer<T> => {
    index += 1;
    const r = schema.safeParse(row);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new SourceError('bad_data', `Business Central returned an unexpected ${what} row (#${index}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}).`);
    }
    return r.data;
  };
}

function money(fn: () => number, value: unknown): number {
  try {
    return fn();
  } catch {
    throw new SourceError('bad_data', `Business Central returned an amount the hub cannot read: ${JSON.stringify(value)}.`);
  }
}

const trialBalanceEntity = z.object({
  number: text, display: text, accountType: text,
  totalDebit: amount, totalCredit: amount, balanceAtDateDebit: amount, balanceAtDateCredit: amount,
});
const statementEntity = z.object({
  display: text, lineType: text, indentation: z.number().int().nullish(), balance: amount, netChange: amount,
});
const agedEntity = z.object({
  customerId: z.string().optional(), vendorId: z.string().optional(), customerNumber: text, vendorNumber: text, name: text, currencyCode: text,
  balanceDue: amount, currentAmount: amount, period1Amount: amount, period2Amount: amount, period3Amount: amount,
  period1Label: text, period2Label: text, period3Label: text,
});

async function* mapPages<T>(pages: AsyncIterable<RawRow[]>, fn: (row: RawRow) => T): AsyncGenerator<T[]> {
  for await (const page of pages) yield page.map(fn);
}

const dateFilterRange = (p: ReportPeriod) => (p.from ? `dateFilter ge ${p.from} and dateFilter le ${p.to}` : `dateFilter eq ${p.to}`);

export function trialBalancePages(reader: ReportReader, company: ReportCompany, lcy: string, p: ReportPeriod): AsyncIterable<TrialBalanceLine[]> {
  const parse = parser(trialBalanceEntity, 'trial balance');
  const amt = (v: number | string | null | undefined) => money(() => parseFormattedAmount(v, lcy), v);
  return mapPages(reader.pages(company, 'trialBalances', { $filter: dateFilterRange(p) }), (raw) => {
    const r = parse(raw);
    const posting = r.accountType.replace(/_x0020_/g, ' ') === 'Posting';
    return {
      number: r.number, name: r.display, accountType: r.accountType.replace(/_x0020_/g, ' '), posting,
      periodDebit: posting ? amt(r.totalDebit) : 0, periodCredit: posting ? amt(r.totalCredit) : 0,
      balanceDebit: posting ? amt(r.balanceAtDateDebit) : 0, balanceCredit: posting ? amt(r.balanceAtDateCredit) : 0,
    };
  });
}

export const STATEMENT_SETS = { 'balance-sheet': 'balanceSheets', 'income-statement': 'incomeStatements', 'cash-flow': 'cashFlowStatements' } as const;

export function statementPages(
  reader: ReportReader, company: ReportCompany, lcy: string, kind: keyof typeof STATEMENT_SETS, p: ReportPeriod,
): AsyncIterable<StatementLine[]> {
  const parse = parser(statementEntity, 'financial statement');
  const field = kind === 'balance-sheet' ? 'balance' : 'netChange';
  return mapPages(reader.pages(company, STATEMENT_SETS[kind], { $filter: dateFilterRange(p), $orderby: 'lineNumber' }), (raw) => {
    const r = parse(raw);
    const lineType = (['header', 'detail', 'total', 'spacer'] as const).find((t) => t === r.lineType.toLowerCase()) ?? 'detail';
    const value = r[field];
    return {
      display: r.display, lineType, indentation: Math.max(0, Math.min(r.indentation ?? 0, 15)),
      amount: lineType === 'header' || lineType === 'spacer' ? 0 : money(() => parseFormattedAmount(value, lcy), value),
    };
  });
}

export function agedPages(reader: ReportReader, company: ReportCompany, lcy: string, side: 'receivables' | 'payables', p: ReportPeriod): AsyncIterable<AgedLine[]> {
  const parse = parser(agedEntity, `aged ${side}`);
  const set = side === 'receivables' ? 'agedAccountsReceivables' : 'agedAccountsPayables';
  const amt = (v: number | string | null | undefined) => money(() => parseFormattedAmount(v, lcy), v);
  return mapPages(reader.pages(company, set, { $filter: `agedAsOfDate eq ${p.to} and periodLengthFilter eq '${p.period ?? '30D'}'` }), (raw) => {
    const r = parse(raw);
    const id = r.customerId ?? r.vendorId ?? '';
    return {
      number: r.customerNumber || r.vendorNumber, name: r.name, currencyCode: r.currencyCode,
      current: amt(r.currentAmount), period1: amt(r.period1Amount), period2: amt(r.period2Amount), period3: amt(r.period3Amount),
      balanceDue: amt(r.balanceDue), labels: [r.period1Label, r.period2Label, r.period3Label], isTotal: EMPTY_GUID.test(id),
    };
  });
}
