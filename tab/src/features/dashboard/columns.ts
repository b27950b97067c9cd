import { toMajor, type ColumnId, type DashboardRow, type KpiName } from '@hub/contracts';

export type SortColumn = ColumnId | 'clientName' | 'companyName';
export type SortValue = number | string | null;

export interface ColumnMeta {
  label: string;
  /** Short text for the column chooser. */
  description: string;
  width: string;
  numeric: boolean;
  sortValue: (row: DashboardRow) => SortValue;
  /** The KPI the column shows, when it shows one (its figures may be unavailable). */
  kpi?: KpiName;
}

const firstAmount = (bag: ReadonlyArray<{ currency: string; minor: number }> | undefined): number | null => {
  const m = bag?.[0];
  return m ? toMajor(m) : bag ? 0 : null;
};
const statusOrder = { error: 0, never: 1, ok: 2 } as const;

/** Client Name and Company Name never get narrower than this; they share whatever width is left over. */
export const NAME_MIN_WIDTH = 140;

/**
 * Every column the accountant can add or remove, in the order the contracts list them. Widths fit the content and
 * the header with its sort arrow; the default set (with both names at their minimum and the 52 px row menu) adds up
 * to 1,257 px, so a 1,280 px wide tab shows Status without scrolling, even beside a vertical scrollbar. More
 * columns, or a narrower window, scroll sideways.
 */
export const columnMeta: Record<ColumnId, ColumnMeta> = {
  cash: { label: 'Cash balance', description: 'Sum of the cash accounts', width: '125px', numeric: true, kpi: 'cash', sortValue: (r) => (r.kpis ? toMajor(r.kpis.cash) : null) },
  overdueSalesCount: { label: 'Overdue sales (count)', description: 'Overdue sales invoices', width: '170px', numeric: true, kpi: 'overdueSales', sortValue: (r) => r.kpis?.overdueSales.count ?? null },
  overdueSalesAmount: { label: 'Overdue sales', description: 'Amount of overdue sales invoices', width: '130px', numeric: true, kpi: 'overdueSales', sortValue: (r) => firstAmount(r.kpis?.overdueSales.amounts) },
  overduePurchasesCount: { label: 'Overdue purchases (count)', description: 'Overdue purchase invoices', width: '200px', numeric: true, kpi: 'overduePurchases', sortValue: (r) => r.kpis?.overduePurchases.count ?? null },
  overduePurchasesAmount: { label: 'Overdue purchases', description: 'Amount of overdue purchase invoices', width: '145px', numeric: true, kpi: 'overduePurchases', sortValue: (r) => firstAmount(r.kpis?.overduePurchases.amounts) },
  taxDueAmount: { label: 'Tax due', description: 'Estimated tax of the open period', width: '115px', numeric: true, kpi: 'taxDue', sortValue: (r) => (r.kpis?.taxDue ? toMajor(r.kpis.taxDue.amount) : null) },
  taxDueDate: { label: 'Tax due date', description: 'When the tax of the open period is due', width: '105px', numeric: false, kpi: 'taxDue', sortValue: (r) => r.kpis?.taxDue?.dueDate ?? null },
  openSalesDocuments: { label: 'Open sales documents', description: 'Quotes, orders and draft invoices', width: '170px', numeric: true, kpi: 'openSalesDocuments', sortValue: (r) => r.kpis?.openSalesDocuments.count ?? null },
  purchasesDueNextWeek: { label: 'Purchases due next week', description: 'Purchase invoices due today through today + 7', width: '190px', numeric: true, kpi: 'purchasesDueNextWeek', sortValue: (r) => firstAmount(r.kpis?.purchasesDueNextWeek.amounts) },
  refreshedAt: { label: 'Last refreshed', description: 'When the figures were read', width: '115px', numeric: false, sortValue: (r) => r.refreshedAt },
  status: { label: 'Status', description: 'Whether the last refresh worked', width: '190px', numeric: false, sortValue: (r) => statusOrder[r.status] },
};

export const allColumnIds = Object.keys(columnMeta) as ColumnId[];

/** Why the KPI a column shows is unavailable for this row (Business Central gave no data for it), or undefined. */
export function unavailableReason(row: DashboardRow, column: ColumnId): string | undefined {
  const kpi = columnMeta[column].kpi;
  return kpi ? row.kpis?.unavailable?.[kpi] : undefined;
}

/** Empty values (and unavailable figures, which are not zero) sort last. */
export function sortValueOf(row: DashboardRow, column: SortColumn): SortValue {
  if (column === 'clientName') return row.clientName;
  if (column === 'companyName') return row.companyName;
  return unavailableReason(row, column) === undefined ? columnMeta[column].sortValue(row) : null;
}

export function sortLabel(column: SortColumn): string {
  if (column === 'clientName') return 'Client Name';
  if (column === 'companyName') return 'Company Name';
  return columnMeta[column].label;
}
