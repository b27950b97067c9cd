import type { z } from 'zod';
import type { DataPart, UnavailablePart } from '../../domain/availability';
import type { CompanyData, TaxDocument } from '../../domain/documents';
import { parseAmount } from '../../domain/money';
import { SourceError, type RemoteCompany } from '../../ports/accounting-source';
import { accountEntity, collection, companyInformationEntity, decodeEnum, glSetupEntity, idOnlyEntity, purchaseInvoiceEntity, salesInvoiceEntity, taxDocumentEntity, isoDay } from './entities';

/** Raw rows per query key, all pages joined (not yet checked: parseRows checks each row against its entity). */
export type EntityRows = Record<string, unknown[]>;

/**
 * Checks one entity's rows at once against its schema, as the page schema `collection` already builds and caches
 * (one array parse per entity, not one parse per row).
 */
function parseRows<T extends z.ZodType>(rows: EntityRows, key: string, schema: T): z.infer<T>[] {
  const list = rows[key];
  if (!list || list.length === 0) return [];
  const r = collection(schema).safeParse({ value: list });
  if (!r.success) {
    const issue = r.error.issues[0];
    const [, row, ...path] = issue?.path ?? [];
    throw new SourceError('bad_data', `Business Central returned an unexpected ${key} record (#${Number(row) + 1}: ${path.join('.')} ${issue?.message ?? ''}).`);
  }
  return r.data.value;
}

/** The entities a company did not give (by query key): the part each feeds, and why. */
export type Unavailable = ReadonlyMap<string, { part: DataPart | 'currency'; reason: string }>;

/**
 * The local currency: General Ledger Setup's LCY code, else Company Information's currency code (its documented
 * fallback, asked only when General Ledger Setup is missing or not permitted).
 */
function localCurrency(rows: EntityRows, unavailable: Unavailable): string {
  const lcy = parseRows(rows, 'glSetup', glSetupEntity)[0]?.localCurrencyCode?.trim()
    || parseRows(rows, 'companyInformation', companyInformationEntity)[0]?.currencyCode?.trim();
  if (lcy) return lcy.toUpperCase();
  const why = [...unavailable.values()].filter((u) => u.part === 'currency').map((u) => u.reason);
  if (why.length > 0) throw new SourceError('unavailable', `The hub cannot tell this company's local currency: ${why.join(' ')}`);
  throw new SourceError('bad_data', 'This company has no local currency set in General Ledger Setup.');
}

/**
 * Turns Business Central rows into the domain's CompanyData. A blank currency code means the local currency. Parts
 * whose entity was unavailable are listed with the reason (their rows are simply absent).
 */
export function toCompanyData(company: RemoteCompany, rows: EntityRows, unavailable: Unavailable = new Map()): CompanyData {
  const lcy = localCurrency(rows, unavailable);
  const missing: UnavailablePart[] = [];
  for (const u of unavailable.values()) {
    if (u.part !== 'currency' && !missing.some((m) => m.part === u.part && m.reason === u.reason)) missing.push({ part: u.part, reason: u.reason });
  }
  const cur = (code: string | null | undefined) => (code && code.trim() ? code.trim().toUpperCase() : lcy);
  const money = (value: number | string, code: string | null | undefined) => {
    try {
      return parseAmount(value, cur(code));
    } catch {
      throw new SourceError('bad_data', `Business Central returned an amount the hub cannot read: ${JSON.stringify(value)}.`);
    }
  };

  const sales = parseRows(rows, 'salesInvoices', salesInvoiceEntity);
  const openSalesInvoices = sales
    .filter((i) => decodeEnum(i.status) === 'Open')
    .map((i) => ({
      id: i.id, number: i.number, party: i.customerName ?? '', dueDate: isoDay(i.dueDate),
      total: money(i.totalAmountIncludingTax, i.currencyCode),
      remaining: money(i.remainingAmount ?? i.totalAmountIncludingTax, i.currencyCode),
    }));
  const draftInvoices = sales.filter((i) => {
    const status = decodeEnum(i.status);
    return status === 'Draft' || status === 'In Review';
  }).length;

  const openPurchaseInvoices = parseRows(rows, 'purchaseInvoices', purchaseInvoiceEntity)
    .filter((i) => decodeEnum(i.status) === 'Open')
    .map((i) => ({ id: i.id, number: i.number, party: i.vendorName ?? '', dueDate: isoDay(i.dueDate), total: money(i.totalAmountIncludingTax, i.currencyCode) }));

  const cashAccounts = parseRows(rows, 'accounts', accountEntity)
    .filter((a) => (a.subCategory ?? '').toLowerCase().includes('cash'))
    .map((a) => ({ number: a.number, name: a.displayName ?? a.number, balance: money(a.netChange ?? 0, lcy) }));

  const taxDocuments: TaxDocument[] = [];
  for (const [key, kind] of [
    ['taxSalesInvoices', 'sales_invoice'], ['taxSalesCreditMemos', 'sales_credit_memo'],
    ['taxPurchaseInvoices', 'purchase_invoice'], ['taxPurchaseCreditMemos', 'purchase_credit_memo'],
  ] as const) {
    for (const d of parseRows(rows, key, taxDocumentEntity)) {
      const tax = money(d.totalTaxAmount, d.currencyCode);
      taxDocuments.push({ kind, postingDate: isoDay(d.postingDate), tax: { ...tax, minor: Math.abs(tax.minor) } });
    }
  }

  return {
    bcCompanyId: company.bcCompanyId,
    name: company.name,
    currency: lcy,
    openSalesInvoices,
    openPurchaseInvoices,
    cashAccounts,
    openSalesDocuments: {
      quotes: parseRows(rows, 'salesQuotes', idOnlyEntity).length,
      orders: parseRows(rows, 'salesOrders', idOnlyEntity).length,
      draftInvoices,
    },
    taxDocuments,
    ...(missing.length > 0 ? { unavailable: missing } : {}),
  };
}
