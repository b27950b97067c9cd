/** The company-scoped entity sets the sandbox serves: schema (fields, key) and where rows come from. */
import type { CompanyData, Row } from '../types';
import { type CompanyBook, buildCompany } from '../data/build';
import { explicitModel } from '../data/fixtures';
import type { Expr } from '../odata/parser';
import { AGED_AP_FIELDS, AGED_AR_FIELDS, agedRows } from '../reports/aged';
import { dateRange } from '../reports/dates';
import { STATEMENT_FIELDS, TRIAL_BALANCE_FIELDS, balanceSheetRows, cashFlowRows, incomeStatementRows, trialBalanceRows } from '../reports/statements';
import { startOfYear } from '../util/dates';

export interface EntitySet {
  name: string;
  typeName: string;
  key: string;
  fields: ReadonlySet<string>;
  nonFilterable?: ReadonlySet<string>;
  rows(book: CompanyBook, expr: Expr | undefined): Row[];
}

type DataKey = { [K in keyof CompanyData]: CompanyData[K] extends Row[] ? K : never }[keyof CompanyData];

/** A tiny fixture company whose rows give each data-backed entity set its field list. */
const sample: CompanyBook = buildCompany(
  { tenantId: 't', environment: 'e', id: 'c', name: 'Sample', displayName: 'Sample', encoding: 'space' },
  explicitModel({
    kind: 'explicit', name: 'Sample', currencyCode: 'GBP', customers: [{ number: 'C1', name: 'C' }], vendors: [{ number: 'V1', name: 'V' }],
    salesInvoices: [{ party: 'C1', date: 0, amount: 1 }], salesCreditMemos: [{ party: 'C1', date: 0, amount: 1 }],
    purchaseInvoices: [{ party: 'V1', date: 0, amount: 1 }], purchaseCreditMemos: [{ party: 'V1', date: 0, amount: 1 }],
    salesOrders: [{ party: 'C1', date: 0, amount: 1 }], salesQuotes: [{ party: 'C1', date: 0, amount: 1, status: 'Draft' }],
  }, '2024-01-01'),
);

function dataSet(name: DataKey, typeName: string, extra: Partial<EntitySet> = {}): EntitySet {
  const first = sample.data[name][0];
  if (!first) throw new Error(`no sample row for ${name}`);
  return { name, typeName, key: 'id', fields: new Set(Object.keys(first)), rows: (book) => book.data[name], ...extra };
}

function singleton(name: 'companyInformation' | 'generalLedgerSetup', typeName: string): EntitySet {
  return { name, typeName, key: 'id', fields: new Set(Object.keys(sample.data[name])), rows: (book) => [book.data[name]] };
}

function statement(name: string, typeName: string, amount: 'balance' | 'netChange', make: typeof balanceSheetRows, ytd: boolean): EntitySet {
  const fields = new Set(STATEMENT_FIELDS.filter((f) => f !== (amount === 'balance' ? 'netChange' : 'balance')));
  return { name, typeName, key: 'lineNumber', fields, rows: (book, expr) => make(book, dateRange(expr, 'dateFilter',
    ytd ? { from: startOfYear(book.data.today), to: book.data.today } : { to: book.data.today })) };
}

export const ENTITY_SETS: EntitySet[] = [
  dataSet('customers', 'customer'),
  dataSet('vendors', 'vendor'),
  dataSet('salesInvoices', 'salesInvoice', { nonFilterable: new Set(['remainingAmount']) }),
  dataSet('salesInvoiceLines', 'salesInvoiceLine'),
  dataSet('salesCreditMemos', 'salesCreditMemo'),
  dataSet('salesCreditMemoLines', 'salesCreditMemoLine'),
  dataSet('purchaseInvoices', 'purchaseInvoice'),
  dataSet('purchaseInvoiceLines', 'purchaseInvoiceLine'),
  dataSet('purchaseCreditMemos', 'purchaseCreditMemo'),
  dataSet('purchaseCreditMemoLines', 'purchaseCreditMemoLine'),
  dataSet('salesOrders', 'salesOrder'),
  dataSet('salesOrderLines', 'salesOrderLine'),
  dataSet('salesQuotes', 'salesQuote'),
  dataSet('salesQuoteLines', 'salesQuoteLine'),
  dataSet('bankAccounts', 'bankAccount'),
  dataSet('accounts', 'account'),
  dataSet('generalLedgerEntries', 'generalLedgerEntry'),
  dataSet('currencies', 'currency'),
  dataSet('currencyExchangeRates', 'currencyExchangeRate'),
  dataSet('taxGroups', 'taxGroup'),
  dataSet('taxAreas', 'taxArea'),
  singleton('companyInformation', 'companyInformation'),
  singleton('generalLedgerSetup', 'generalLedgerSetup'),
  { name: 'agedAccountsReceivables', typeName: 'agedAccountsReceivable', key: 'customerId', fields: new Set(AGED_AR_FIELDS),
    rows: (book, expr) => agedRows(book, 'receivable', expr) },
  { name: 'agedAccountsPayables', typeName: 'agedAccountsPayable', key: 'vendorId', fields: new Set(AGED_AP_FIELDS),
    rows: (book, expr) => agedRows(book, 'payable', expr) },
  statement('balanceSheets', 'balanceSheet', 'balance', balanceSheetRows, false),
  statement('incomeStatements', 'incomeStatement', 'netChange', incomeStatementRows, true),
  statement('cashFlowStatements', 'cashFlowStatement', 'netChange', cashFlowRows, true),
  { name: 'trialBalances', typeName: 'trialBalance', key: 'accountId', fields: new Set(TRIAL_BALANCE_FIELDS),
    rows: (book, expr) => trialBalanceRows(book, dateRange(expr, 'dateFilter', { from: startOfYear(book.data.today), to: book.data.today })) },
];

export const COMPANY_FIELDS = new Set(Object.keys(sample.data.company));

const BY_NAME = new Map(ENTITY_SETS.map((s) => [s.name, s]));

/** OData names are case-sensitive, as in BC. */
export function entitySet(name: string): EntitySet | undefined {
  return BY_NAME.get(name);
}
