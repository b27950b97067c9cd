/** balanceSheets, incomeStatements, cashFlowStatements and trialBalances, computed from the ledger. */
import type { Row } from '../types';
import type { CompanyBook } from '../data/build';
import { type ChartAccount, isBalanceSheet } from '../data/chart';
import { balances } from '../data/ledger';
import { addDays } from '../util/dates';
import { type Cents, formatAmount, fromCents } from '../util/money';
import type { DateRange } from './dates';

export const STATEMENT_FIELDS = ['id', 'lineNumber', 'display', 'balance', 'netChange', 'lineType', 'indentation', 'dateFilter'];
export const TRIAL_BALANCE_FIELDS = ['accountId', 'number', 'accountType', 'display', 'totalDebit', 'totalCredit',
  'balanceAtDateDebit', 'balanceAtDateCredit', 'dateFilter'];

type LineType = 'header' | 'detail' | 'total' | 'spacer';
type Line = [display: string, lineType: LineType, indentation: number, cents: Cents];

function toRows(book: CompanyBook, kind: string, amountField: 'balance' | 'netChange', lines: Line[], to: string): Row[] {
  return lines.map(([display, lineType, indentation, cents], i) => ({
    id: book.ctx.id(kind, String(i)), lineNumber: (i + 1) * 10000, display,
    [amountField]: lineType === 'header' || lineType === 'spacer' ? 0 : fromCents(cents), lineType, indentation, dateFilter: to,
  }));
}

function netOf(book: CompanyBook, from?: string, to?: string): (accounts: ChartAccount[]) => Cents {
  const map = balances(book.entries, from, to);
  return (accounts) => accounts.reduce((s, a) => { const b = map.get(a.number); return s + (b ? b.debit - b.credit : 0); }, 0);
}

const posting = (book: CompanyBook) => book.chart.filter((a) => a.accountType === 'Posting');
const byLine = (book: CompanyBook, ...lines: string[]) => posting(book).filter((a) => lines.includes(a.line ?? ''));
const pl = (book: CompanyBook) => posting(book).filter((a) => !isBalanceSheet(a));

export function balanceSheetRows(book: CompanyBook, range: DateRange): Row[] {
  const net = netOf(book, undefined, range.to);
  const a = (...l: string[]) => net(byLine(book, ...l));
  const credit = (...l: string[]) => -net(byLine(book, ...l));
  const result = -net(pl(book));
  const assets = a('fixedAssets', 'inventory', 'receivables', 'prepaid', 'taxReceivable', 'cash');
  const liabilities = credit('payables', 'taxPayable', 'accrued', 'loans');
  const equity = credit('capital', 'retained') + result;
  return toRows(book, 'balanceSheet', 'balance', [
    ['Assets', 'header', 0, 0], ['Fixed Assets', 'detail', 1, a('fixedAssets')], ['Inventory', 'detail', 1, a('inventory')],
    ['Accounts Receivable', 'detail', 1, a('receivables')], ['Prepaid Expenses', 'detail', 1, a('prepaid')],
    [`${book.model.taxLabel} Receivable`, 'detail', 1, a('taxReceivable')], ['Cash and Cash Equivalents', 'detail', 1, a('cash')],
    ['Total Assets', 'total', 0, assets], ['', 'spacer', 0, 0],
    ['Liabilities', 'header', 0, 0], ['Accounts Payable', 'detail', 1, credit('payables')],
    [`${book.model.taxLabel} Payable`, 'detail', 1, credit('taxPayable')], ['Accrued Liabilities', 'detail', 1, credit('accrued')],
    ['Bank Loans', 'detail', 1, credit('loans')], ['Total Liabilities', 'total', 0, liabilities], ['', 'spacer', 0, 0],
    ['Equity', 'header', 0, 0], ['Share Capital', 'detail', 1, credit('capital')],
    ['Retained Earnings', 'detail', 1, credit('retained') + result], ['Total Equity', 'total', 0, equity], ['', 'spacer', 0, 0],
    ['Total Liabilities and Equity', 'total', 0, liabilities + equity],
  ], range.to);
}

export function incomeStatementRows(book: CompanyBook, range: DateRange): Row[] {
  const net = netOf(book, range.from, range.to);
  const lines: Line[] = [];
  const section = (title: string, category: string, sign: number): Cents => {
    const accounts = posting(book).filter((a) => a.category === category);
    lines.push([title, 'header', 0, 0]);
    for (const acc of accounts) lines.push([acc.name, 'detail', 1, sign * net([acc])]);
    const total = sign * net(accounts);
    lines.push([`Total ${title}`, 'total', 0, total]);
    return total;
  };
  const income = section('Income', 'Income', -1);
  lines.push(['', 'spacer', 0, 0]);
  const cogs = section('Cost of Goods Sold', 'Cost of Goods Sold', 1);
  lines.push(['Gross Profit', 'total', 0, income - cogs], ['', 'spacer', 0, 0]);
  const expenses = section('Expenses', 'Expense', 1);
  lines.push(['', 'spacer', 0, 0], ['Net Income', 'total', 0, income - cogs - expenses]);
  return toRows(book, 'incomeStatement', 'netChange', lines, range.to);
}

const FLOW_NAMES: Record<string, string> = {
  'operating:fixedAssets': 'Depreciation', 'operating:receivables': 'Change in Accounts Receivable',
  'operating:inventory': 'Change in Inventory', 'operating:prepaid': 'Change in Prepaid Expenses',
  'operating:taxReceivable': 'Change in Tax Receivable', 'operating:payables': 'Change in Accounts Payable',
  'operating:taxPayable': 'Change in Tax Payable', 'operating:accrued': 'Change in Accrued Liabilities',
  'investing:fixedAssets': 'Purchase of Fixed Assets', 'financing:loans': 'Change in Bank Loans',
  'financing:capital': 'Change in Share Capital', 'financing:retained': 'Equity Contributions and Distributions',
};

export function cashFlowRows(book: CompanyBook, range: DateRange): Row[] {
  const net = netOf(book, range.from, range.to);
  const netIncome = -net(pl(book));
  const lines: Line[] = [];
  let change = 0;
  for (const flow of ['operating', 'investing', 'financing'] as const) {
    const title = `${flow[0]?.toUpperCase()}${flow.slice(1)} Activities`;
    lines.push([title, 'header', 0, 0]);
    let total = 0;
    if (flow === 'operating') { lines.push(['Net Income', 'detail', 1, netIncome]); total += netIncome; }
    for (const [key, display] of Object.entries(FLOW_NAMES).filter(([k]) => k.startsWith(`${flow}:`))) {
      const amount = -net(posting(book).filter((a) => a.flow === flow && a.line === key.split(':')[1]));
      lines.push([display, 'detail', 1, amount]);
      total += amount;
    }
    lines.push([`Net Cash from ${title}`, 'total', 0, total], ['', 'spacer', 0, 0]);
    change += total;
  }
  const cash = posting(book).filter((a) => a.flow === 'cash');
  const opening = range.from ? netOf(book, undefined, addDays(range.from, -1))(cash) : 0;
  lines.push(['Net Change in Cash', 'total', 0, change], ['Cash at Beginning of Period', 'detail', 0, opening],
    ['Cash at End of Period', 'total', 0, opening + change]);
  return toRows(book, 'cashFlowStatement', 'netChange', lines, range.to);
}

export function trialBalanceRows(book: CompanyBook, range: DateRange): Row[] {
  const period = balances(book.entries, range.from, range.to);
  const atDate = balances(book.entries, undefined, range.to);
  return book.chart.map((a) => {
    const base = { accountId: book.ctx.id('account', a.number), number: a.number, accountType: a.accountType, display: a.name };
    if (a.accountType !== 'Posting') {
      return { ...base, totalDebit: '', totalCredit: '', balanceAtDateDebit: '', balanceAtDateCredit: '', dateFilter: range.to };
    }
    const p = period.get(a.number) ?? { debit: 0, credit: 0 };
    const b = atDate.get(a.number) ?? { debit: 0, credit: 0 };
    const bal = b.debit - b.credit;
    return { ...base, totalDebit: formatAmount(p.debit), totalCredit: formatAmount(p.credit),
      balanceAtDateDebit: formatAmount(bal > 0 ? bal : 0), balanceAtDateCredit: formatAmount(bal < 0 ? -bal : 0), dateFilter: range.to };
  });
}
