import type { CompanyData } from '../../src/domain/documents';
import type { AccountingSource } from '../../src/ports/accounting-source';
import { SourceError } from '../../src/ports/accounting-source';
import type { RawRow, ReportCompany, ReportReader } from '../../src/reports/report-reader';

/** Serves fixed rows per entity set in pages of `pageSize`, JSON round-tripped like an HTTP API; records queries. */
export class FakeReader implements ReportReader {
  readonly queries: { set: string; query: Record<string, string> }[] = [];
  fail: SourceError | null = null;
  constructor(private readonly sets: Record<string, RawRow[]>, private readonly lcy = 'GBP', private readonly pageSize = 2) {}
  async localCurrency(): Promise<string> {
    if (this.fail) throw this.fail;
    return this.lcy;
  }
  async *pages(_c: ReportCompany, set: string, query: Record<string, string>): AsyncGenerator<RawRow[]> {
    this.queries.push({ set, query });
    if (this.fail) throw this.fail;
    const rows = this.sets[set] ?? [];
    for (let i = 0; i < rows.length; i += this.pageSize) yield JSON.parse(JSON.stringify(rows.slice(i, i + this.pageSize))) as RawRow[];
  }
}

export const fakeSource = (data: CompanyData): AccountingSource => ({
  listCompanies: async () => [],
  readCompany: async () => data,
  checkAccess: async () => [],
});

export const company: ReportCompany = { env: { origin: 'https://businesscentral.dynamics.com', tenant: 't', environment: 'production' }, bcCompanyId: 'c1', name: 'Contoso Retail Ltd' };

const tb = (number: string, display: string, accountType: string, amounts?: [string, string, string, string]) => ({
  accountId: `id-${number}`, number, accountType, display,
  totalDebit: amounts?.[0] ?? '', totalCredit: amounts?.[1] ?? '', balanceAtDateDebit: amounts?.[2] ?? '', balanceAtDateCredit: amounts?.[3] ?? '', dateFilter: '2026-05-31',
});

const line = (display: string, lineType: string, indentation: number, amount: number, field = 'balance') => ({ display, lineType, indentation, [field]: amount });

export const fixtureSets: Record<string, RawRow[]> = {
  trialBalances: [
    tb('1000', 'BALANCE SHEET', 'Heading'),
    tb('1420', 'Bank, Current Account', 'Posting', ['12,000.10', '2,000.00', '10,000.10', '0.00']),
    tb('1310', 'Accounts Receivable', 'Posting', ['1,500.25', '500.00', '1,000.25', '0.00']),
    tb('2110', 'Accounts Payable', 'Posting', ['100.00', '600.00', '0.00', '500.00']),
    tb('1999', 'TOTAL ASSETS', 'End_x0020_Total'),
    tb('3100', 'Share Capital', 'Posting', ['0.00', '10,000.00', '0.00', '10,000.00']),
    tb('4110', 'Sales', 'Posting', ['0.00', '1,000.35', '0.00', '1,000.35']),
    tb('6110', 'Rent', 'Posting', ['500.00', '0.00', '500.00', '0.00']),
  ],
  balanceSheets: [
    line('Assets', 'header', 0, 0), line('Cash', 'detail', 1, 10000.1), line('Accounts Receivable', 'detail', 1, 1000.25),
    line('Total Assets', 'total', 0, 11000.35), line('', 'spacer', 0, 0),
    line('Liabilities', 'header', 0, 0), line('Accounts Payable', 'detail', 1, 500), line('Total Liabilities', 'total', 0, 500), line('', 'spacer', 0, 0),
    line('Equity', 'header', 0, 0), line('Share Capital', 'detail', 1, 10000), line('Retained Earnings', 'detail', 1, 500.35),
    line('Total Equity', 'total', 0, 10500.35), line('', 'spacer', 0, 0),
    line('Total Liabilities and Equity', 'total', 0, 11000.35),
  ],
  incomeStatements: [
    line('Income', 'header', 0, 0, 'netChange'), line('Sales', 'detail', 1, 1000.35, 'netChange'), line('Total Income', 'total', 0, 1000.35, 'netChange'),
    line('Cost of Goods Sold', 'header', 0, 0, 'netChange'), line('Purchases', 'detail', 1, 200, 'netChange'), line('Total Cost of Goods Sold', 'total', 0, 200, 'netChange'),
    line('Gross Profit', 'total', 0, 800.35, 'netChange'),
    line('Expenses', 'header', 0, 0, 'netChange'), line('Rent', 'detail', 1, 500, 'netChange'), line('Wages', 'detail', 1, 100, 'netChange'),
    line('Total Expenses', 'total', 0, 600, 'netChange'), line('Net Income', 'total', 0, 200.35, 'netChange'),
  ],
  cashFlowStatements: [
    line('Operating Activities', 'header', 0, 0, 'netChange'), line('Net Income', 'detail', 1, 200.35, 'netChange'),
    line('Change in Accounts Receivable', 'detail', 1, -1000.25, 'netChange'), line('Net Cash from Operating Activities', 'total', 0, -799.9, 'netChange'),
    line('Financing Activities', 'header', 0, 0, 'netChange'), line('Change in Share Capital', 'detail', 1, 10000, 'netChange'),
    line('Net Cash from Financing Activities', 'total', 0, 10000, 'netChange'),
    line('Net Change in Cash', 'total', 0, 9200.1, 'netChange'), line('Cash at Beginning of Period', 'detail', 0, 800, 'netChange'),
    line('Cash at End of Period', 'total', 0, 10000.1, 'netChange'),
  ],
  agedAccountsReceivables: [
    { customerId: 'a', customerNumber: '10000', name: 'Adatum Corporation', currencyCode: 'GBP', balanceDue: 1200.5, currentAmount: 1000, period1Amount: 200.5, period2Amount: 0, period3Amount: 0, period1Label: '0-30 Days', period2Label: '30-60 Days', period3Label: 'Over 60 Days' },
    { customerId: 'b', customerNumber: '20000', name: '=HYPERLINK("http://x","y")', currencyCode: 'EUR', balanceDue: 300.1, currentAmount: 0, period1Amount: 0, period2Amount: 100.1, period3Amount: 200, period1Label: '0-30 Days', period2Label: '30-60 Days', period3Label: 'Over 60 Days' },
    { customerId: 'c', customerNumber: '30000', name: 'Zero Ltd', currencyCode: 'GBP', balanceDue: 0, currentAmount: 0, period1Amount: 0, period2Amount: 0, period3Amount: 0, period1Label: '0-30 Days', period2Label: '30-60 Days', period3Label: 'Over 60 Days' },
    { customerId: '00000000-0000-0000-0000-000000000000', customerNumber: '', name: 'Total', currencyCode: 'GBP', balanceDue: 1500.6, currentAmount: 1000, period1Amount: 200.5, period2Amount: 100.1, period3Amount: 200, period1Label: '0-30 Days', period2Label: '30-60 Days', period3Label: 'Over 60 Days' },
  ],
};
