/** A tiny stand-in for the BC web client: says which company/page/record a deep link would open. */
import type { Registry } from '../registry';
import type { Row } from '../types';

const PAGES: Record<string, [name: string, set?: string]> = {
  '143': ['Posted Sales Invoices', 'salesInvoices'], '132': ['Posted Sales Invoice', 'salesInvoices'],
  '43': ['Sales Invoice', 'salesInvoices'], '9301': ['Sales Invoice List', 'salesInvoices'],
  '146': ['Posted Purchase Invoices', 'purchaseInvoices'], '138': ['Posted Purchase Invoice', 'purchaseInvoices'],
  '51': ['Purchase Invoice', 'purchaseInvoices'], '9308': ['Purchase Invoices', 'purchaseInvoices'],
  '25': ['Customer Ledger Entries'], '29': ['Vendor Ledger Entries'], '371': ['Bank Account List', 'bankAccounts'],
  '370': ['Bank Account Card', 'bankAccounts'], '21': ['Customer Card', 'customers'], '22': ['Customer List', 'customers'],
  '26': ['Vendor Card', 'vendors'], '27': ['Vendor List', 'vendors'], '16': ['Chart of Accounts', 'accounts'],
  '20': ['General Ledger Entries'], '9305': ['Sales Order List', 'salesOrders'], '42': ['Sales Order', 'salesOrders'],
  '849': ['Cash Flow Forecast List'], '9027': ['Accountant Role Center'],
};

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, lines: string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>` +
    `<h1>${esc(title)}</h1><p>Business Central sandbox (web client stand-in)</p><ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul></body></html>`;
}

export function webClientPage(registry: Registry, tenant: string, environment: string, params: URLSearchParams): { status: number; html: string } {
  const entry = registry.find(tenant, environment);
  if (!entry) return { status: 404, html: page('Environment not found', [`No environment '${esc(environment)}' for tenant '${esc(tenant)}'.`]) };
  const lines = [`Client: ${esc(entry.tenant.clientName)}`, `Environment: ${esc(entry.env.name)}`];
  const companyName = params.get('company');
  const company = companyName ? entry.companies.find((c) => c.name === companyName) : entry.companies[0];
  if (!company) return { status: 404, html: page('Company not found', [...lines, `No company named '${esc(companyName ?? '')}'.`]) };
  lines.push(`Company: <span data-company>${esc(company.name)}</span>`);
  const pageId = params.get('page');
  const known = pageId ? PAGES[pageId] : undefined;
  if (pageId) lines.push(`Page: <span data-page="${esc(pageId)}">${esc(known?.[0] ?? `page ${pageId}`)}</span>`);
  const filter = params.get('filter');
  if (filter) {
    lines.push(`Filter: <code>${esc(filter)}</code>`);
    const m = /'No\.'\s+IS\s+'([^']*)'/i.exec(filter);
    const set = known?.[1];
    if (m && set) {
      const rows = (registry.book(entry, company.id).data as unknown as Record<string, Row[]>)[set] ?? [];
      const row = rows.find((r) => r.number === m[1]);
      lines.push(row ? `Record: <span data-record>${esc(String(row.number))}</span> ${esc(String(row.customerName ?? row.vendorName ?? row.displayName ?? ''))}` +
        `${row.totalAmountIncludingTax !== undefined ? ` ${esc(String(row.currencyCode))} ${esc(String(row.totalAmountIncludingTax))}` : ''}` +
        `${row.dueDate ? `, due ${esc(String(row.dueDate))}` : ''}${row.status ? `, ${esc(String(row.status))}` : ''}`
        : `Record '${esc(m[1] as string)}' was not found.`);
    }
  }
  return { status: 200, html: page(`${company.name}${known ? ` - ${known[0]}` : ''}`, lines) };
}
