/** Generated sales and purchase documents over the last ~15 months, with payment histories. */
import type { DocumentStatus } from '../types';
import { addDays, daysBetween } from '../util/dates';
import { type Rng, intBetween, pick } from '../util/prng';
import { ACC } from './chart';
import { type Doc, type DocKind, type Party, taxOf } from './model';

export const HISTORY_DAYS = 456;

export interface DocContext {
  rng: Rng;
  today: string;
  lcy: string;
  taxRate: number;
  /** Typical document size multiplier for this company. */
  scale: number;
}

function amountCents(ctx: DocContext, base: number): number {
  return Math.round(Math.exp(Math.log(base) + ctx.rng() * Math.log(40)) * ctx.scale * 100);
}

function pickParty(ctx: DocContext, parties: Party[]): Party {
  const index = Math.floor(Math.pow(ctx.rng(), 1.4) * parties.length);
  return parties[Math.min(index, parties.length - 1)] as Party;
}

export function newDoc(ctx: DocContext, kind: DocKind, party: Party, date: string, dueDate: string, netCents: number, status: DocumentStatus): Doc {
  const rate = party.currencyCode ? 0 : ctx.taxRate;
  const sales = kind.startsWith('sales');
  return {
    kind, number: '', party: party.number, date, dueDate, currencyCode: party.currencyCode || ctx.lcy,
    netCents, taxCents: taxOf(netCents, rate), taxRate: rate, status, payments: [],
    account: sales ? (ctx.rng() < 0.7 ? ACC.salesGoods : ACC.salesServices) : party.expenseAccount,
    externalDocumentNumber: sales ? '' : `INV-${intBetween(ctx.rng, 10000, 99999)}`,
  };
}

/** Applies a payment behaviour: paid at due date + delay, possibly partially, possibly never. */
function settle(ctx: DocContext, doc: Doc, lateness: number, partialChance: number): void {
  const gross = doc.netCents + doc.taxCents;
  if (ctx.rng() < 0.02) { doc.status = 'Open'; return; }
  let payDate = addDays(doc.dueDate, Math.round(-5 + ctx.rng() * lateness));
  if (payDate < doc.date) payDate = doc.date;
  if (payDate <= ctx.today) {
    doc.payments.push({ date: payDate, cents: gross });
    doc.status = 'Paid';
    return;
  }
  doc.status = 'Open';
  if (ctx.rng() < partialChance) {
    const span = Math.max(0, daysBetween(doc.date, ctx.today));
    doc.payments.push({ date: addDays(doc.date, intBetween(ctx.rng, 0, span)), cents: Math.round(gross * (0.2 + ctx.rng() * 0.6)) });
  }
}

export function generateSalesInvoices(ctx: DocContext, customers: Party[], count: number): Doc[] {
  const lateness = customers.map((_, i) => 10 + ((i * 17) % 45));
  const docs: Doc[] = [];
  for (let i = 0; i < count; i++) {
    const party = pickParty(ctx, customers);
    const date = addDays(ctx.today, -intBetween(ctx.rng, 0, HISTORY_DAYS - 1));
    const due = addDays(date, pick(ctx.rng, [14, 30, 30, 30, 45, 60, 90]));
    const doc = newDoc(ctx, 'salesInvoice', party, date, due, amountCents(ctx, 150), 'Open');
    settle(ctx, doc, lateness[customers.indexOf(party)] ?? 20, 0.12);
    docs.push(doc);
  }
  return docs;
}

export function generatePurchaseInvoices(ctx: DocContext, vendors: Party[], count: number): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < count; i++) {
    const party = pickParty(ctx, vendors);
    const date = addDays(ctx.today, -intBetween(ctx.rng, 0, HISTORY_DAYS - 1));
    const due = addDays(date, pick(ctx.rng, [14, 30, 30, 30, 45, 60]));
    const doc = newDoc(ctx, 'purchaseInvoice', party, date, due, amountCents(ctx, 130), 'Open');
    settle(ctx, doc, 14, 0.08);
    docs.push(doc);
  }
  return docs;
}

/** Credit memos against customers or vendors; old ones are refunded ('Paid'), recent ones open. */
export function generateCreditMemos(ctx: DocContext, kind: 'salesCreditMemo' | 'purchaseCreditMemo', parties: Party[], count: number): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < count; i++) {
    const party = pickParty(ctx, parties);
    const date = addDays(ctx.today, -intBetween(ctx.rng, 0, HISTORY_DAYS - 30));
    const doc = newDoc(ctx, kind, party, date, date, Math.round(amountCents(ctx, 40)), 'Open');
    if (daysBetween(date, ctx.today) > 30) {
      doc.status = 'Paid';
      doc.payments.push({ date: addDays(date, 10), cents: doc.netCents + doc.taxCents });
    }
    docs.push(doc);
  }
  return docs;
}

/** Open sales orders and quotes: recent, not posted. */
export function generateOrdersAndQuotes(ctx: DocContext, customers: Party[], orders: number, quotes: number): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < orders; i++) {
    const date = addDays(ctx.today, -intBetween(ctx.rng, 0, 25));
    const status: DocumentStatus = i % 4 === 3 ? 'Draft' : 'Open';
    docs.push(newDoc(ctx, 'salesOrder', pickParty(ctx, customers), date, addDays(date, 30), amountCents(ctx, 200), status));
  }
  const quoteStatus: DocumentStatus[] = ['Draft', 'Sent', 'Sent', 'Accepted', 'Expired'];
  for (let i = 0; i < quotes; i++) {
    const date = addDays(ctx.today, -intBetween(ctx.rng, 0, 40));
    docs.push(newDoc(ctx, 'salesQuote', pickParty(ctx, customers), date, addDays(date, 30), amountCents(ctx, 200), quoteStatus[i % 5] as DocumentStatus));
  }
  return docs;
}
