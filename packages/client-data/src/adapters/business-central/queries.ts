import type { DataPart } from '../../domain/availability';
import { remember } from '../../domain/remember';
import type { TaxPeriod } from '../../domain/tax-calendar';

/**
 * One GET of a company's data: the entity set and the query that keeps only what the KPIs need, and the part of the
 * company's data it gives ('currency': the local currency; without it nothing can be read).
 */
export interface EntityQuery {
  key: string;
  entity: string;
  path: string;
  part: DataPart | 'currency';
}

/** The documented fallback for the local currency when generalLedgerSetup is missing or not permitted. */
export const CURRENCY_FALLBACK: EntityQuery = { key: 'companyInformation', entity: 'companyInformation', path: 'companyInformation?$select=currencyCode', part: 'currency' };

const q = (params: Record<string, string>) =>
  Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

/** Posted = not a draft; filtering with `ne` avoids the enum values that contain spaces ("In Review"). */
const POSTED = "status ne 'Draft' and status ne 'In Review'";

const byPeriod = new Map<string, readonly EntityQuery[]>();

/**
 * The GETs that read one company, for the tax period being estimated. The same for every company in a refresh, so
 * built once per period (a refresh of hundreds of companies would otherwise encode the same URLs hundreds of times).
 */
export function companyQueries(taxPeriod: TaxPeriod | null): readonly EntityQuery[] {
  return remember(byPeriod, taxPeriod ? `${taxPeriod.periodStart}|${taxPeriod.periodEnd}` : '', 50, () => buildQueries(taxPeriod));
}

function buildQueries(taxPeriod: TaxPeriod | null): EntityQuery[] {
  const list: EntityQuery[] = [
    { key: 'glSetup', entity: 'generalLedgerSetup', part: 'currency', path: `generalLedgerSetup?${q({ $select: 'localCurrencyCode' })}` },
    {
      key: 'salesInvoices', entity: 'salesInvoices', part: 'openSalesInvoices',
      path: `salesInvoices?${q({
        $filter: "status ne 'Paid' and status ne 'Canceled' and status ne 'Corrective'",
        $select: 'id,number,customerName,dueDate,currencyCode,totalAmountIncludingTax,remainingAmount,status',
      })}`,
    },
    {
      key: 'purchaseInvoices', entity: 'purchaseInvoices', part: 'openPurchaseInvoices',
      path: `purchaseInvoices?${q({ $filter: "status eq 'Open'", $select: 'id,number,vendorName,dueDate,currencyCode,totalAmountIncludingTax,status' })}`,
    },
    // Posting accounts only: an End-Total account in the Cash subcategory (as CRONUS has) totals the others.
    { key: 'accounts', entity: 'accounts', part: 'cashAccounts', path: `accounts?${q({ $filter: "category eq 'Assets' and accountType eq 'Posting'", $select: 'number,displayName,subCategory,netChange' })}` },
    { key: 'salesOrders', entity: 'salesOrders', part: 'salesOrders', path: `salesOrders?${q({ $select: 'id' })}` },
    { key: 'salesQuotes', entity: 'salesQuotes', part: 'salesQuotes', path: `salesQuotes?${q({ $filter: "status eq 'Draft' or status eq 'Sent'", $select: 'id' })}` },
  ];
  if (taxPeriod) {
    const filter = `postingDate ge ${taxPeriod.periodStart} and postingDate le ${taxPeriod.periodEnd} and ${POSTED}`;
    const select = 'id,postingDate,currencyCode,totalTaxAmount,status';
    for (const [key, set] of [
      ['taxSalesInvoices', 'salesInvoices'],
      ['taxSalesCreditMemos', 'salesCreditMemos'],
      ['taxPurchaseInvoices', 'purchaseInvoices'],
      ['taxPurchaseCreditMemos', 'purchaseCreditMemos'],
    ] as const) {
      list.push({ key, entity: set, part: 'taxDocuments', path: `${set}?${q({ $filter: filter, $select: select })}` });
    }
  }
  return list;
}
