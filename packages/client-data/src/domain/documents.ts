import type { Money } from '@hub/contracts';
import type { UnavailablePart } from './availability';
import type { IsoDate } from './dates';

/** What the KPI functions need of one company, already read from Business Central and parsed. */
export interface CompanyData {
  bcCompanyId: string;
  name: string;
  /** Local currency (LCY): G/L amounts and cash are in it. */
  currency: string;
  /** Posted sales invoices still open (status Open), with the amount still owed. */
  openSalesInvoices: SalesInvoice[];
  /** Posted purchase invoices still open. Business Central's API has no remaining amount for these. */
  openPurchaseInvoices: PurchaseInvoice[];
  cashAccounts: CashAccount[];
  openSalesDocuments: { quotes: number; orders: number; draftInvoices: number };
  /** Tax on posted documents in the tax period being estimated; credit memos carry negative tax. */
  taxDocuments: TaxDocument[];
  /** Parts Business Central did not give (their lists above are empty), and why; absent or empty when all were read. */
  unavailable?: UnavailablePart[];
}

export interface SalesInvoice {
  id: string;
  number: string;
  party: string;
  dueDate: IsoDate;
  total: Money;
  remaining: Money;
}

export interface PurchaseInvoice {
  id: string;
  number: string;
  party: string;
  dueDate: IsoDate;
  total: Money;
}

export interface CashAccount {
  number: string;
  name: string;
  balance: Money;
}

export interface TaxDocument {
  kind: 'sales_invoice' | 'sales_credit_memo' | 'purchase_invoice' | 'purchase_credit_memo';
  postingDate: IsoDate;
  /** Tax as shown on the document (positive), in the document's currency. */
  tax: Money;
}
