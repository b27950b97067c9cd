/** The chart of accounts every sandbox company uses, and how each account feeds the statements. */

export type AccountCategory = 'Assets' | 'Liabilities' | 'Equity' | 'Income' | 'Cost of Goods Sold' | 'Expense';
export type AccountType = 'Posting' | 'Heading' | 'Begin Total' | 'End Total';
/** Cash flow statement section for balance sheet accounts. */
export type FlowSection = 'cash' | 'operating' | 'investing' | 'financing';

export interface ChartAccount {
  number: string;
  name: string;
  category: AccountCategory;
  subCategory: string;
  accountType: AccountType;
  /** Balance sheet line this posting account adds to. */
  line?: string;
  flow?: FlowSection;
  /** Totaling of a total account: the posting accounts from..to it adds up (default for 'X999': X000..X999). */
  totaling?: [from: string, to: string];
}

function p(number: string, name: string, category: AccountCategory, subCategory: string, line?: string, flow?: FlowSection): ChartAccount {
  return { number, name, category, subCategory, accountType: 'Posting', line, flow };
}
function t(number: string, name: string, category: AccountCategory, accountType: AccountType): ChartAccount {
  return { number, name, category, subCategory: '', accountType };
}

/** Well-known posting accounts used by the ledger. */
export const ACC = {
  pettyCash: '1410', checking: '1420', savings: '1430',
  receivables: '1310', purchaseTax: '1330', inventory: '1210', prepaid: '1320',
  fixedAssets: '1110', equipment: '1120', depreciation: '1130',
  payables: '2110', salesTax: '2120', accrued: '2140', corpTax: '2150', loan: '2210',
  capital: '3100', retained: '3200',
  salesGoods: '4110', salesServices: '4120', otherIncome: '4130',
  cogs: '5110', freight: '5120',
  rent: '6110', salaries: '6120', utilities: '6130', office: '6140', marketing: '6150', travel: '6160',
  bankCharges: '6170', depreciationExpense: '6180', software: '6190', professionalFees: '6210', insurance: '6220', interest: '6230',
} as const;

export function chartOfAccounts(taxLabel: string): ChartAccount[] {
  return [
    t('1000', 'BALANCE SHEET', 'Assets', 'Heading'),
    t('1001', 'ASSETS', 'Assets', 'Begin Total'),
    t('1100', 'Fixed Assets', 'Assets', 'Heading'),
    p('1110', 'Land and Buildings', 'Assets', 'Fixed Assets', 'fixedAssets', 'investing'),
    p('1120', 'Equipment and Vehicles', 'Assets', 'Fixed Assets', 'fixedAssets', 'investing'),
    p('1130', 'Accumulated Depreciation', 'Assets', 'Fixed Assets', 'fixedAssets', 'operating'),
    t('1200', 'Current Assets', 'Assets', 'Heading'),
    p('1210', 'Inventory', 'Assets', 'Inventory', 'inventory', 'operating'),
    p('1310', 'Accounts Receivable', 'Assets', 'Receivables', 'receivables', 'operating'),
    p('1320', 'Prepaid Expenses', 'Assets', 'Prepaid Expenses', 'prepaid', 'operating'),
    p('1330', `Purchase ${taxLabel}`, 'Assets', 'Receivables', 'taxReceivable', 'operating'),
    t('1400', 'Liquid Assets', 'Assets', 'Begin Total'),
    p('1410', 'Petty Cash', 'Assets', 'Cash', 'cash', 'cash'),
    p('1420', 'Bank, Current Account', 'Assets', 'Cash', 'cash', 'cash'),
    p('1430', 'Bank, Deposit Account', 'Assets', 'Cash', 'cash', 'cash'),
    // As in CRONUS: the total of the liquid assets carries the Cash subcategory too; counting it with its accounts
    // would count the cash twice.
    { number: '1499', name: 'Liquid Assets, Total', category: 'Assets', subCategory: 'Cash', accountType: 'End Total', totaling: ['1400', '1499'] },
    t('1999', 'TOTAL ASSETS', 'Assets', 'End Total'),
    t('2001', 'LIABILITIES', 'Liabilities', 'Begin Total'),
    t('2100', 'Current Liabilities', 'Liabilities', 'Heading'),
    p('2110', 'Accounts Payable', 'Liabilities', 'Current Liabilities', 'payables', 'operating'),
    p('2120', `Sales ${taxLabel}`, 'Liabilities', 'Current Liabilities', 'taxPayable', 'operating'),
    p('2130', `${taxLabel} Settlement`, 'Liabilities', 'Current Liabilities', 'taxPayable', 'operating'),
    p('2140', 'Accrued Liabilities', 'Liabilities', 'Current Liabilities', 'accrued', 'operating'),
    p('2150', 'Corporation Tax Payable', 'Liabilities', 'Current Liabilities', 'accrued', 'operating'),
    t('2200', 'Long-term Liabilities', 'Liabilities', 'Heading'),
    p('2210', 'Bank Loan', 'Liabilities', 'Long-term Liabilities', 'loans', 'financing'),
    t('2999', 'TOTAL LIABILITIES', 'Liabilities', 'End Total'),
    t('3001', 'EQUITY', 'Equity', 'Begin Total'),
    p('3100', 'Share Capital', 'Equity', 'Common Stock', 'capital', 'financing'),
    p('3200', 'Retained Earnings', 'Equity', 'Retained Earnings', 'retained', 'financing'),
    t('3999', 'TOTAL EQUITY', 'Equity', 'End Total'),
    t('4000', 'INCOME STATEMENT', 'Income', 'Heading'),
    t('4001', 'INCOME', 'Income', 'Begin Total'),
    p('4110', 'Sales, Goods', 'Income', 'Income, Product Sales'),
    p('4120', 'Sales, Services', 'Income', 'Income, Services'),
    p('4130', 'Other Income', 'Income', 'Other Income'),
    t('4999', 'TOTAL INCOME', 'Income', 'End Total'),
    t('5001', 'COST OF GOODS SOLD', 'Cost of Goods Sold', 'Begin Total'),
    p('5110', 'Cost of Goods', 'Cost of Goods Sold', 'Materials'),
    p('5120', 'Freight and Delivery', 'Cost of Goods Sold', 'Materials'),
    t('5999', 'TOTAL COST OF GOODS SOLD', 'Cost of Goods Sold', 'End Total'),
    t('6001', 'EXPENSES', 'Expense', 'Begin Total'),
    p('6110', 'Rent and Premises', 'Expense', 'Rent Expense'),
    p('6120', 'Salaries and Wages', 'Expense', 'Payroll Expense'),
    p('6130', 'Utilities', 'Expense', 'Utilities Expense'),
    p('6140', 'Office Supplies', 'Expense', 'Other Expenses'),
    p('6150', 'Marketing and Advertising', 'Expense', 'Advertising Expense'),
    p('6160', 'Travel', 'Expense', 'Travel Expense'),
    p('6170', 'Bank Charges', 'Expense', 'Other Expenses'),
    p('6180', 'Depreciation', 'Expense', 'Depreciation Expense'),
    p('6190', 'Software and IT', 'Expense', 'Other Expenses'),
    p('6210', 'Professional Fees', 'Expense', 'Other Expenses'),
    p('6220', 'Insurance', 'Expense', 'Insurance Expense'),
    p('6230', 'Interest Expense', 'Expense', 'Interest Expense'),
    t('6999', 'TOTAL EXPENSES', 'Expense', 'End Total'),
    t('9999', 'NET INCOME', 'Income', 'End Total'),
  ];
}

export function isBalanceSheet(account: ChartAccount): boolean {
  return account.category === 'Assets' || account.category === 'Liabilities' || account.category === 'Equity';
}
