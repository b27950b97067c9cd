/** The internal, normalised company model both generated and explicit specs turn into. */
import type { DocumentStatus } from '../types';
import type { Cents } from '../util/money';

export type DocKind = 'salesInvoice' | 'salesCreditMemo' | 'purchaseInvoice' | 'purchaseCreditMemo' | 'salesOrder' | 'salesQuote';

export interface Party {
  number: string;
  name: string;
  /** '' = local currency (as BC stores it). */
  currencyCode: string;
  address: string;
  city: string;
  postCode: string;
  country: string;
  email: string;
  phone: string;
  contact: string;
  expenseAccount: string;
}

export interface Payment {
  date: string;
  /** Document-currency cents (including tax). */
  cents: Cents;
}

export interface Doc {
  kind: DocKind;
  number: string;
  party: string;
  date: string;
  dueDate: string;
  /** Always a real code (LCY code for local documents), as API v2.0 returns it. */
  currencyCode: string;
  netCents: Cents;
  taxCents: Cents;
  taxRate: number;
  status: DocumentStatus;
  payments: Payment[];
  /** Revenue or expense account number the net amount posts to. */
  account: string;
  externalDocumentNumber: string;
  /** For a corrective credit memo: the invoice number it cancels. */
  appliesTo?: string;
}

export interface JournalLine {
  account: string;
  /** Signed LCY cents: positive debit, negative credit. */
  cents: Cents;
}

export interface Journal {
  date: string;
  documentNumber: string;
  documentType: ' ' | 'Payment' | 'Invoice' | 'Credit Memo' | 'Refund';
  description: string;
  lines: JournalLine[];
}

export interface CompanyModel {
  today: string;
  lcy: string;
  countryCode: string;
  taxRate: number;
  taxPeriod: 'month' | 'quarter';
  taxLabel: string;
  settleTax: boolean;
  /** Chart account names changed by the company (account number → name), as users do in Business Central. */
  accountNames?: Record<string, string>;
  customers: Party[];
  vendors: Party[];
  docs: Doc[];
  journals: Journal[];
}

export function isPosted(doc: Doc): boolean {
  if (doc.kind === 'salesOrder' || doc.kind === 'salesQuote') return false;
  return doc.status === 'Open' || doc.status === 'Paid' || doc.status === 'Canceled' || doc.status === 'Corrective';
}

export function grossCents(doc: Doc): Cents {
  return doc.netCents + doc.taxCents;
}

export function paidCents(doc: Doc, asOf?: string): Cents {
  return doc.payments.filter((p) => asOf === undefined || p.date <= asOf).reduce((sum, p) => sum + p.cents, 0);
}

export function defaultTaxRate(lcy: string): number {
  return lcy === 'EUR' ? 19 : lcy === 'USD' ? 7.25 : 20;
}

export function taxOf(netCents: Cents, rate: number): Cents {
  return Math.round((netCents * rate) / 100);
}
