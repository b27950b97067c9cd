/** Posts the model to a general ledger: documents, payments, journals and tax settlements (all in LCY cents). */
import { addDays, addMonths, startOfMonth, startOfQuarter } from '../util/dates';
import type { Cents } from '../util/money';
import { type Fx, fxFor } from './fx';
import { ACC } from './chart';
import { type CompanyModel, type Doc, type Journal, type JournalLine, isPosted } from './model';

export interface LedgerEntry {
  entryNumber: number;
  date: string;
  account: string;
  /** Positive debit, negative credit. */
  cents: Cents;
  documentNumber: string;
  documentType: Journal['documentType'];
  description: string;
}

/**
 * Payments in LCY cents (unsigned), each at the rate of its date; the payment that settles the document takes the
 * rounding and rate remainder, so the receivable or payable closes at exactly its posted LCY amount.
 */
export function lcyPayments(doc: Doc, fx: Fx): { date: string; lcyCents: Cents }[] {
  const gross = doc.netCents + doc.taxCents;
  const grossLcy = fx.toLcy(gross, doc.currencyCode, doc.date);
  let paidDoc = 0;
  let paidLcy = 0;
  return [...doc.payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((p) => {
    paidDoc += p.cents;
    const lcyCents = paidDoc >= gross ? grossLcy - paidLcy : fx.toLcy(p.cents, doc.currencyCode, p.date);
    paidLcy += lcyCents;
    return { date: p.date, lcyCents };
  });
}

function docJournal(doc: Doc, fx: Fx): Journal[] {
  const g = fx.toLcy(doc.netCents + doc.taxCents, doc.currencyCode, doc.date);
  const n = fx.toLcy(doc.netCents, doc.currencyCode, doc.date);
  const t = g - n;
  const sales = doc.kind === 'salesInvoice' || doc.kind === 'salesCreditMemo';
  const credit = doc.kind === 'salesCreditMemo' || doc.kind === 'purchaseCreditMemo';
  const control = sales ? ACC.receivables : ACC.payables;
  const tax = sales ? ACC.salesTax : ACC.purchaseTax;
  // Sales invoice: Dr receivables, Cr revenue + tax. Purchase invoice: Dr expense + tax, Cr payables. Credit memos reverse.
  const sign = (sales ? 1 : -1) * (credit ? -1 : 1);
  const lines: JournalLine[] = [{ account: control, cents: sign * g }, { account: doc.account, cents: -sign * n }, { account: tax, cents: -sign * t }];
  const journals: Journal[] = [{ date: doc.date, documentNumber: doc.number, documentType: credit ? 'Credit Memo' : 'Invoice',
    description: `${credit ? 'Credit Memo' : 'Invoice'} ${doc.number}`, lines }];
  for (const p of lcyPayments(doc, fx)) {
    // Payment moves the control account back toward zero, against the bank.
    journals.push({ date: p.date, documentNumber: `PAY-${doc.number}`, documentType: credit ? 'Refund' : 'Payment',
      description: `${credit ? 'Refund' : 'Payment'} ${doc.number}`,
      lines: [{ account: control, cents: -sign * p.lcyCents }, { account: ACC.checking, cents: sign * p.lcyCents }] });
  }
  return journals;
}

function taxSettlements(model: CompanyModel, postings: Journal[]): Journal[] {
  const byPeriod = new Map<string, { sales: Cents; purchase: Cents }>();
  const periodOf = model.taxPeriod === 'month' ? startOfMonth : startOfQuarter;
  for (const j of postings) {
    for (const line of j.lines) {
      if (line.account !== ACC.salesTax && line.account !== ACC.purchaseTax) continue;
      const key = periodOf(j.date);
      const bucket = byPeriod.get(key) ?? { sales: 0, purchase: 0 };
      if (line.account === ACC.salesTax) bucket.sales += line.cents; else bucket.purchase += line.cents;
      byPeriod.set(key, bucket);
    }
  }
  const months = model.taxPeriod === 'month' ? 1 : 3;
  const out: Journal[] = [];
  for (const [start, { sales, purchase }] of [...byPeriod.entries()].sort()) {
    const due = addDays(addMonths(start, months + 1), 6);
    if (due > model.today) continue;
    const net = -(sales + purchase);
    out.push({ date: due, documentNumber: `TAX-${start.slice(0, 7)}`, documentType: 'Payment', description: `${model.taxLabel} settlement from ${start}`,
      lines: [{ account: ACC.salesTax, cents: -sales }, { account: ACC.purchaseTax, cents: -purchase }, { account: ACC.checking, cents: -net }] });
  }
  return out;
}

export function postLedger(model: CompanyModel, fx: Fx = fxFor(model.lcy, model.today)): LedgerEntry[] {
  const postings = model.docs.filter(isPosted).flatMap((d) => docJournal(d, fx));
  const all = [...model.journals, ...postings, ...(model.settleTax ? taxSettlements(model, postings) : [])];
  const sorted = all.map((j, i) => ({ j, i })).sort((a, b) => (a.j.date < b.j.date ? -1 : a.j.date > b.j.date ? 1 : a.i - b.i));
  const entries: LedgerEntry[] = [];
  for (const { j } of sorted) {
    for (const line of j.lines) {
      if (line.cents === 0) continue;
      entries.push({ entryNumber: entries.length + 1, date: j.date, account: line.account, cents: line.cents,
        documentNumber: j.documentNumber, documentType: j.documentType, description: j.description });
    }
  }
  return entries;
}

/** Balance per account of entries in [from, to] (from/to optional, inclusive). */
export function balances(entries: LedgerEntry[], from?: string, to?: string): Map<string, { debit: Cents; credit: Cents }> {
  const map = new Map<string, { debit: Cents; credit: Cents }>();
  for (const e of entries) {
    if ((from && e.date < from) || (to && e.date > to)) continue;
    const b = map.get(e.account) ?? { debit: 0, credit: 0 };
    if (e.cents > 0) b.debit += e.cents; else b.credit -= e.cents;
    map.set(e.account, b);
  }
  return map;
}
