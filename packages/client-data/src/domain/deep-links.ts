import type { BcEnvironmentRef } from './client-url';

/** Business Central web client page ids (see research/bc-api.md §1.2). */
export const BC_PAGES = {
  postedSalesInvoice: 132,
  postedPurchaseInvoice: 138,
  chartOfAccounts: 16,
} as const;

export interface DeepLinkTarget {
  webBase: string;
  ref: Pick<BcEnvironmentRef, 'tenant' | 'environment'>;
  companyName: string;
}

/** Link to a company (and optionally a page filtered to one record) in the client's web client. */
export function companyLink(t: DeepLinkTarget, page?: { id: number; field: string; value: string }): string {
  const params = new URLSearchParams({ company: t.companyName });
  if (page) {
    params.set('page', String(page.id));
    params.set('filter', `'${page.field}' IS '${page.value.replace(/'/g, "''")}'`);
  }
  // URLSearchParams encodes spaces as '+'; the web client documents %20.
  const query = params.toString().replace(/\+/g, '%20');
  return `${t.webBase.replace(/\/$/, '')}/${encodeURIComponent(t.ref.tenant)}/${encodeURIComponent(t.ref.environment)}/?${query}`;
}

export const salesInvoiceLink = (t: DeepLinkTarget, number: string): string =>
  companyLink(t, { id: BC_PAGES.postedSalesInvoice, field: 'No.', value: number });
export const purchaseInvoiceLink = (t: DeepLinkTarget, number: string): string =>
  companyLink(t, { id: BC_PAGES.postedPurchaseInvoice, field: 'No.', value: number });
export const glAccountLink = (t: DeepLinkTarget, number: string): string =>
  companyLink(t, { id: BC_PAGES.chartOfAccounts, field: 'No.', value: number });
