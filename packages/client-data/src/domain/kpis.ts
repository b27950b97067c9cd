import type { Kpis, TaxSettings } from '@hub/contracts';
import { KPI_PARTS, unavailableOf } from './availability';
import type { CompanyData, PurchaseInvoice, SalesInvoice } from './documents';
import { addDays, daysBetween, type IsoDate } from './dates';
import { add, sumByCurrency, zero } from './money';
import { nextTaxPeriod } from './tax-calendar';

/** Overdue means the due date has passed: an invoice due today is not overdue yet. */
export function isOverdue(dueDate: IsoDate, today: IsoDate): boolean {
  return dueDate < today;
}

export function overdueSales(data: CompanyData, today: IsoDate): SalesInvoice[] {
  return data.openSalesInvoices
    .filter((i) => i.remaining.minor > 0 && isOverdue(i.dueDate, today))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
}

export function overduePurchases(data: CompanyData, today: IsoDate): PurchaseInvoice[] {
  return data.openPurchaseInvoices
    .filter((i) => i.total.minor > 0 && isOverdue(i.dueDate, today))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
}

function oldestDays(docs: readonly { dueDate: IsoDate }[], today: IsoDate): number {
  return docs.length === 0 ? 0 : Math.max(...docs.map((d) => daysBetween(d.dueDate, today)));
}

/** Estimated tax for the next payment: output tax minus input tax on posted documents of that period. */
export function estimateTaxDue(data: CompanyData, today: IsoDate, settings: TaxSettings): Kpis['taxDue'] {
  const period = nextTaxPeriod(today, settings);
  if (!period) return null;
  let total = zero(data.currency);
  let foreign = 0;
  for (const doc of data.taxDocuments) {
    if (doc.postingDate < period.periodStart || doc.postingDate > period.periodEnd) continue;
    if (doc.tax.currency !== data.currency) {
      if (doc.tax.minor !== 0) foreign += 1;
      continue;
    }
    const sign = doc.kind === 'sales_invoice' || doc.kind === 'purchase_credit_memo' ? 1 : -1;
    total = add(total, { currency: doc.tax.currency, minor: sign * doc.tax.minor });
  }
  return { amount: total, ...period, estimate: true, foreignDocumentsExcluded: foreign };
}

/** The "due next week" window: today through today + 7, both included (due today is due, not overdue). */
export function isDueNextWeek(dueDate: IsoDate, today: IsoDate): boolean {
  return dueDate >= today && dueDate <= addDays(today, 7);
}

/** Open purchase invoices due today through today + 7. */
export function purchasesDueNextWeek(data: CompanyData, today: IsoDate): PurchaseInvoice[] {
  return data.openPurchaseInvoices.filter((i) => i.total.minor > 0 && isDueNextWeek(i.dueDate, today));
}

/** `overdue` passes lists already computed (the snapshot keeps them too), so they are sorted once. */
export function computeKpis(
  data: CompanyData, today: IsoDate, tax: TaxSettings,
  overdue: { sales: SalesInvoice[]; purchases: PurchaseInvoice[] } = { sales: overdueSales(data, today), purchases: overduePurchases(data, today) },
): Kpis {
  const { sales, purchases } = overdue;
  const unavailable = unavailableOf(KPI_PARTS, data.unavailable);
  const dueSoon = purchasesDueNextWeek(data, today);
  const cash = data.cashAccounts.reduce((sum, a) => add(sum, a.balance), zero(data.currency));
  const { quotes, orders, draftInvoices } = data.openSalesDocuments;
  return {
    cash,
    overdueSales: { count: sales.length, amounts: sumByCurrency(sales.map((i) => i.remaining), data.currency), oldestDays: oldestDays(sales, today) },
    overduePurchases: {
      count: purchases.length,
      amounts: sumByCurrency(purchases.map((i) => i.total), data.currency),
      oldestDays: oldestDays(purchases, today),
    },
    openSalesDocuments: { count: quotes + orders + draftInvoices, quotes, orders, draftInvoices },
    purchasesDueNextWeek: { count: dueSoon.length, amounts: sumByCurrency(dueSoon.map((i) => i.total), data.currency) },
    taxDue: unavailable?.taxDue ? null : estimateTaxDue(data, today, tax),
    ...(unavailable ? { unavailable } : {}),
  };
}
