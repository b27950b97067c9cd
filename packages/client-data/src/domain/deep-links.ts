import type { BcEnvironmentRef } from './client-url';

/** Business Central web client page ids (see research/bc-api.md §1.2). */
export const BC_PAGES = {
  /** Cards of posted documents (Sales Invoice Header / Purch. Inv. Header, keyed by No.). */
  postedSalesInvoice: 132,
  postedPurchaseInvoice: 138,
  /** Cards of open (unposted: draft, in review) documents (Sales/Purchase Header, keyed by Document Type + No.). */
  salesInvoice: 43,
  purchaseInvoice: 51,
  chartOfAccounts: 16,
} as const;

export interface DeepLinkTarget {
  webBase: string;
  ref: Pick<BcEnvironmentRef, 'tenant' | 'environment'>;
  companyName: string;
}

/** A filter value in the web client's `'Field' IS 'value'` syntax: single quotes doubled. */
const quoted = (v: string) => `'${v.replace(/'/g, "''")}'`;

/**
 * Link to a company (optionally a page filtered to one record) in the client's web client:
 * `{webBase}/{tenant}/{environment}/?company={name}&page={id}&filter='Field' IS 'value' AND ...`.
 * The tenant is always in the path: external accountants are guests in the client's tenant.
 */
export function companyLink(t: DeepLinkTarget, page?: { id: number; filters?: readonly (readonly [field: string, value: string])[] }): string {
  const params = new URLSearchParams({ company: t.companyName });
  if (page) {
    params.set('page', String(page.id));
    const filters = page.filters ?? [];
    if (filters.length > 0) params.set('filter', filters.map(([f, v]) => `${quoted(f)} IS ${quoted(v)}`).join(' AND '));
  }
  // URLSearchParams encodes spaces as '+'; the web client documents %20.
  const query = params.toString().replace(/\+/g, '%20');
  return `${t.webBase.replace(/\/$/, '')}/${encodeURIComponent(t.ref.tenant)}/${encodeURIComponent(t.ref.environment)}/?${query}`;
}

export type InvoiceSide = 'sales' | 'purchase';

/**
 * Link to one invoice's card. Posted invoices (status Open, Paid, Canceled, Corrective) open on pages 132/138
 * filtered by No.; unposted ones (Draft, In Review) on pages 43/51 filtered by Document Type and No.
 */
export function invoiceLink(t: DeepLinkTarget, side: InvoiceSide, number: string, posted = true): string {
  if (posted) {
    return companyLink(t, { id: side === 'sales' ? BC_PAGES.postedSalesInvoice : BC_PAGES.postedPurchaseInvoice, filters: [['No.', number]] });
  }
  return companyLink(t, { id: side === 'sales' ? BC_PAGES.salesInvoice : BC_PAGES.purchaseInvoice, filters: [['Document Type', 'Invoice'], ['No.', number]] });
}

/** Whether an invoice status (as the API returns it, spaces decoded) belongs to a posted document. */
export function isPostedStatus(status: string): boolean {
  return !['draft', 'in review', 'in_x0020_review', ' ', ''].includes(status.trim().toLowerCase());
}

export const salesInvoiceLink = (t: DeepLinkTarget, number: string, posted = true): string => invoiceLink(t, 'sales', number, posted);
export const purchaseInvoiceLink = (t: DeepLinkTarget, number: string, posted = true): string => invoiceLink(t, 'purchase', number, posted);
export const glAccountLink = (t: DeepLinkTarget, number: string): string =>
  companyLink(t, { id: BC_PAGES.chartOfAccounts, filters: [['No.', number]] });
