/** Turns an explicit (hand-written) company spec into the internal model. */
import type { DateInput, DocumentFixture, DocumentStatus, ExplicitCompanySpec, PartyFixture } from '../types';
import { addDays, isIsoDate } from '../util/dates';
import { toCents } from '../util/money';
import { ACC } from './chart';
import { type CompanyModel, type Doc, type DocKind, type Party, defaultTaxRate, taxOf } from './model';

export function resolveDate(input: DateInput, today: string): string {
  if (typeof input === 'number') return addDays(today, input);
  if (!isIsoDate(input)) throw new Error(`Invalid fixture date '${input}' (use YYYY-MM-DD or a day offset)`);
  return input;
}

function toParty(f: PartyFixture, country: string): Party {
  return {
    number: f.number, name: f.name, currencyCode: f.currencyCode ?? '', address: '1 High Street',
    city: f.city ?? 'London', postCode: 'EC1A 1AA', country: f.country ?? country,
    email: f.email ?? `accounts@${f.name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`, phone: '',
    contact: '', expenseAccount: f.expenseAccount ?? ACC.office,
  };
}

const PREFIX: Record<DocKind, string> = {
  salesInvoice: 'PS-INV', salesCreditMemo: 'PS-CR', purchaseInvoice: 'PP-INV', purchaseCreditMemo: 'PP-CR',
  salesOrder: 'S-ORD', salesQuote: 'S-QUO',
};
const START: Record<DocKind, number> = {
  salesInvoice: 103001, salesCreditMemo: 104001, purchaseInvoice: 108001, purchaseCreditMemo: 109001,
  salesOrder: 101001, salesQuote: 100001,
};

export function docNumber(kind: DocKind, index: number, draft = false): string {
  if (draft) return `${kind.startsWith('sales') ? 'S' : 'P'}-${kind.endsWith('CreditMemo') ? 'CR' : 'INV'}${1001 + index}`;
  return `${PREFIX[kind]}${START[kind] + index}`;
}

function toDoc(kind: DocKind, f: DocumentFixture, index: number, spec: ExplicitCompanySpec, parties: Party[], today: string): Doc {
  const party = parties.find((p) => p.number === f.party);
  if (!party) throw new Error(`Fixture ${kind} #${index}: unknown party '${f.party}'`);
  const date = resolveDate(f.date, today);
  const dueDate = f.dueDate === undefined ? date : resolveDate(f.dueDate, today);
  const netCents = toCents(f.amount);
  const taxRate = f.taxRate ?? spec.taxRate ?? defaultTaxRate(spec.currencyCode);
  const taxCents = taxOf(netCents, taxRate);
  const gross = netCents + taxCents;
  let status: DocumentStatus = f.status ?? 'Open';
  const payments: Doc['payments'] = [];
  const postedKind = kind !== 'salesOrder' && kind !== 'salesQuote';
  if (postedKind && (status === 'Open' || status === 'Paid')) {
    const paid = f.paid !== undefined ? toCents(f.paid) : status === 'Paid' ? gross : 0;
    if (paid > 0) {
      const paidOn = f.paidOn !== undefined ? resolveDate(f.paidOn, today) : dueDate < today ? dueDate : today;
      payments.push({ date: paidOn, cents: Math.min(paid, gross) });
    }
    status = paid >= gross ? 'Paid' : 'Open';
  }
  const draft = status === 'Draft' || status === 'In Review';
  const purchase = kind.startsWith('purchase');
  return {
    kind, number: f.number ?? docNumber(kind, index, draft && postedKind), party: party.number, date, dueDate,
    currencyCode: f.currencyCode ?? (party.currencyCode || spec.currencyCode), netCents, taxCents, taxRate, status, payments,
    account: purchase ? party.expenseAccount : ACC.salesGoods, externalDocumentNumber: f.externalDocumentNumber ?? '',
  };
}

export function explicitModel(spec: ExplicitCompanySpec, today: string): CompanyModel {
  const country = spec.countryCode ?? (spec.currencyCode === 'EUR' ? 'DE' : spec.currencyCode === 'USD' ? 'US' : 'GB');
  const customers = spec.customers.map((c) => toParty(c, country));
  const vendors = spec.vendors.map((v) => toParty(v, country));
  const docs: Doc[] = [];
  const add = (kind: DocKind, list: DocumentFixture[] | undefined, parties: Party[]) =>
    (list ?? []).forEach((f, i) => docs.push(toDoc(kind, f, i, spec, parties, today)));
  add('salesInvoice', spec.salesInvoices, customers);
  add('salesCreditMemo', spec.salesCreditMemos, customers);
  add('purchaseInvoice', spec.purchaseInvoices, vendors);
  add('purchaseCreditMemo', spec.purchaseCreditMemos, vendors);
  add('salesOrder', spec.salesOrders, customers);
  add('salesQuote', spec.salesQuotes, customers);
  const journals: CompanyModel['journals'] = [];
  if (spec.openingCash) {
    const cents = toCents(spec.openingCash);
    const date = docs.reduce((min, d) => (d.date < min ? d.date : min), addDays(today, -30));
    journals.push({ date: addDays(date, -1), documentNumber: 'OPENING', documentType: ' ', description: 'Opening balance',
      lines: [{ account: ACC.checking, cents }, { account: ACC.capital, cents: -cents }] });
  }
  return {
    today, lcy: spec.currencyCode, countryCode: country, taxRate: spec.taxRate ?? defaultTaxRate(spec.currencyCode),
    taxPeriod: spec.taxPeriod ?? (spec.currencyCode === 'EUR' ? 'month' : 'quarter'),
    taxLabel: spec.currencyCode === 'USD' ? 'Sales Tax' : 'VAT', settleTax: false, customers, vendors, docs, journals,
    ...(spec.accountNames ? { accountNames: spec.accountNames } : {}),
  };
}
