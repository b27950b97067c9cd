import { remember } from '../../domain/remember';
import type { TaxPeriod } from '../../domain/tax-calendar';

/** One GET of a company's data: the entity set and the query that keeps only what the KPIs need. */
export interface EntityQuery {
  key: string;
  path: string;
  /** Entities some Business Central versions lack: a 404 reads as empty instead of failing the company. */
  optional?: boolean;
}

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
    { key: 'glSetup', path: `generalLedgerSetup?${q({ $select: 'localCurrencyCode' })}` },
    {
      key: 'salesInvoices',
      path: `salesInvoices?${q({
        $filter: "status ne 'Paid' and status ne 'Canceled' and status ne 'Corrective'",
        $select: 'id,number,customerName,dueDate,currencyCode,totalAmountIncludingTax,remainingAmount,status',
      })}`,
    },
    {
      key: 'purchaseInvoices',
      path: `purchaseInvoices?${q({ $filter: "status eq 'Open'", $select: 'id,number,vendorName,dueDate,currencyCode,totalAmountIncludingTax,status' })}`,
    },
    { key: 'accounts', path: `accounts?${q({ $filter: "category eq 'Assets' and accountType eq 'Posting'", $select: 'number,displayName,subCategory,netChange' })}` },
    { key: 'salesOrders', path: `salesOrders?${q({ $select: 'id' })}` },
    { key: 'salesQuotes', path: `salesQuotes?${q({ $filter: "status eq 'Draft' or status eq 'Sent'", $select: 'id' })}` },
  ];
  if (taxPeriod) {
    const filter = `postingDate ge ${taxPeriod.periodStart} and postingDate le ${taxPeriod.periodEnd} and ${POSTED}`;
    const select = 'id,postingDate,currencyCode,totalTaxAmount,status';
    for (const [key, set, optional] of [
      ['taxSalesInvoices', 'salesInvoices', false],
      ['taxSalesCreditMemos', 'salesCreditMemos', false],
      ['taxPurchaseInvoices', 'purchaseInvoices', false],
      ['taxPurchaseCreditMemos', 'purchaseCreditMemos', true],
    ] as const) {
      list.push({ key, path: `${set}?${q({ $filter: filter, $select: select })}`, optional });
    }
  }
  return list;
}
