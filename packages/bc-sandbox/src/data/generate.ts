/** Generated company: parties, documents and journals, all from (seed, company key, today). */
import type { DocumentStatus, GeneratedCompanySpec } from '../types';
import { addDays } from '../util/dates';
import { rngFor } from '../util/prng';
import { docNumber } from './fixtures';
import { type DocContext, HISTORY_DAYS, generateCreditMemos, generateOrdersAndQuotes, generatePurchaseInvoices, generateSalesInvoices } from './generate-docs';
import { openingJournal, recurringJournals } from './generate-journals';
import { generateCustomers, generateVendors } from './generate-parties';
import { specialPurchaseDocs, specialSalesDocs } from './generate-special';
import { type CompanyModel, type Doc, type DocKind, defaultTaxRate } from './model';

const DRAFT: DocumentStatus[] = ['Draft', 'In Review'];

/** Sorts by date and gives each kind its number series (drafts get their own). */
function numberDocs(docs: Doc[]): Doc[] {
  const sorted = [...docs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const counters = new Map<string, number>();
  for (const doc of sorted) {
    if (doc.number) continue;
    const draft = DRAFT.includes(doc.status) && doc.kind !== 'salesOrder' && doc.kind !== 'salesQuote';
    const key = `${doc.kind}:${draft}`;
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    doc.number = docNumber(doc.kind as DocKind, n, draft);
  }
  return sorted;
}

export function generatedModel(spec: GeneratedCompanySpec, seed: number, key: string, today: string): CompanyModel {
  const rng = rngFor(key, seed + spec.seedOffset);
  const lcy = spec.currencyCode;
  const country = spec.countryCode ?? (lcy === 'EUR' ? 'DE' : lcy === 'USD' ? 'US' : 'GB');
  const foreign = spec.foreignCurrencies ?? ['GBP', 'EUR', 'USD'].filter((c) => c !== lcy);
  const taxRate = spec.taxRate ?? defaultTaxRate(lcy);
  const customers = generateCustomers(rng, spec.customers ?? 14, country, lcy, foreign);
  const vendors = generateVendors(rng, spec.vendors ?? 10, country, lcy, foreign);
  const documents = spec.documents ?? 900;
  const ctx: DocContext = { rng, today, lcy, taxRate, scale: 0.5 + rng() * 2 };
  const sales = generateSalesInvoices(ctx, customers, Math.round(documents * 0.6));
  const purchases = generatePurchaseInvoices(ctx, vendors, Math.round(documents * 0.3));
  const docs = numberDocs([
    ...sales, ...specialSalesDocs(ctx, customers),
    ...purchases, ...specialPurchaseDocs(ctx, vendors),
    ...generateCreditMemos(ctx, 'salesCreditMemo', customers, Math.max(2, Math.round(documents * 0.03))),
    ...generateCreditMemos(ctx, 'purchaseCreditMemo', vendors, Math.max(1, Math.round(documents * 0.01))),
    ...generateOrdersAndQuotes(ctx, customers, 8 + Math.round(documents / 100), 6),
  ]);
  const salesNet = sales.reduce((sum, d) => sum + d.netCents, 0);
  const monthlySales = Math.round((salesNet / HISTORY_DAYS) * 30);
  const start = addDays(today, -HISTORY_DAYS - 1);
  const journals = [openingJournal(start, monthlySales), ...recurringJournals(start, today, monthlySales)];
  return {
    today, lcy, countryCode: country, taxRate, taxPeriod: spec.taxPeriod ?? (lcy === 'EUR' ? 'month' : 'quarter'),
    taxLabel: lcy === 'USD' ? 'Sales Tax' : 'VAT', settleTax: true, customers, vendors, docs, journals,
  };
}
