import type { CompanyDetails, KpiName } from '@hub/contracts';

/**
 * The parts of a company's data the hub reads, each from its own Business Central entity. A part can be unavailable
 * (the entity is missing in that Business Central's version, or the hub's sign-in lacks permission to it); then only
 * what is made of it is marked unavailable, never shown as zero.
 */
export type DataPart = 'openSalesInvoices' | 'openPurchaseInvoices' | 'cashAccounts' | 'salesOrders' | 'salesQuotes' | 'taxDocuments';

export interface UnavailablePart {
  part: DataPart;
  /** Why, in words an accountant can act on (which entity, missing or not permitted). */
  reason: string;
}

/** Which parts each KPI is made of. */
export const KPI_PARTS: Record<KpiName, readonly DataPart[]> = {
  cash: ['cashAccounts'],
  overdueSales: ['openSalesInvoices'],
  overduePurchases: ['openPurchaseInvoices'],
  openSalesDocuments: ['openSalesInvoices', 'salesOrders', 'salesQuotes'],
  purchasesDueNextWeek: ['openPurchaseInvoices'],
  taxDue: ['taxDocuments'],
};

export type DetailName = keyof NonNullable<CompanyDetails['unavailable']>;

/** Which parts each piece of the details pane is made of. */
export const DETAIL_PARTS: Record<DetailName, readonly DataPart[]> = {
  cashAccounts: ['cashAccounts'],
  forecast: ['cashAccounts', 'openSalesInvoices', 'openPurchaseInvoices'],
  overdueSales: ['openSalesInvoices'],
  overduePurchases: ['openPurchaseInvoices'],
};

/** For each name whose parts include an unavailable one: the reasons, joined. Undefined when everything is there. */
export function unavailableOf<N extends string>(needs: Record<N, readonly DataPart[]>, missing: readonly UnavailablePart[] | undefined): Partial<Record<N, string>> | undefined {
  if (!missing || missing.length === 0) return undefined;
  const out: Partial<Record<N, string>> = {};
  for (const name of Object.keys(needs) as N[]) {
    const reasons = [...new Set(missing.filter((m) => needs[name].includes(m.part)).map((m) => m.reason))];
    if (reasons.length > 0) out[name] = reasons.join(' ');
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
