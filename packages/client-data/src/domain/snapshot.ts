import type { CompanyDetails, Kpis, Money, TaxSettings } from '@hub/contracts';
import { DETAIL_PARTS, unavailableOf } from './availability';
import type { CompanyData } from './documents';
import { daysBetween, type IsoDate } from './dates';
import { expandForecast, forecastSums, type CashForecast, type ForecastSums } from './forecast';
import { computeKpis, overduePurchases, overdueSales } from './kpis';

/** Lists in the details pane are capped; the counts and totals in the KPIs are not. */
export const DETAIL_LIST_LIMIT = 200;

export interface SnapshotLine {
  id: string;
  number: string;
  party: string;
  dueDate: IsoDate;
  daysOverdue: number;
  amount: Money;
}

/** What the details pane shows of a company: everything a refresh keeps except the KPIs (the dashboard row has them). */
export interface SnapshotDetails {
  cashAccounts: { number: string; name: string; balance: Money }[];
  /** Null when a part it needs was unavailable (see `unavailable`). */
  forecast: CashForecast | null;
  overdueSales: SnapshotLine[];
  overduePurchases: SnapshotLine[];
  unavailable?: CompanyDetails['unavailable'];
}

/**
 * What one successful refresh keeps of a company: figures and the lists behind the details pane. The forecast is
 * kept as its weekly sums (see ForecastSums); `snapshotDetails` expands it.
 */
export interface CompanySnapshot extends Omit<SnapshotDetails, 'forecast'> {
  kpis: Kpis;
  forecast: ForecastSums | null;
}

function line(d: { id: string; number: string; party: string; dueDate: IsoDate }, amount: Money, today: IsoDate): SnapshotLine {
  return { id: d.id, number: d.number, party: d.party, dueDate: d.dueDate, daysOverdue: daysBetween(d.dueDate, today), amount };
}

export function buildSnapshot(data: CompanyData, today: IsoDate, tax: TaxSettings): CompanySnapshot {
  const sales = overdueSales(data, today);
  const purchases = overduePurchases(data, today);
  const unavailable = unavailableOf(DETAIL_PARTS, data.unavailable);
  return {
    kpis: computeKpis(data, today, tax, { sales, purchases }),
    cashAccounts: data.cashAccounts.map((a) => ({ number: a.number, name: a.name, balance: a.balance })),
    forecast: unavailable?.forecast ? null : forecastSums(data, today),
    overdueSales: sales.slice(0, DETAIL_LIST_LIMIT).map((i) => line(i, i.remaining, today)),
    overduePurchases: purchases.slice(0, DETAIL_LIST_LIMIT).map((i) => line(i, i.total, today)),
    ...(unavailable ? { unavailable } : {}),
  };
}

/**
 * A snapshot as the store keeps it: without the KPIs (they have their own column). Snapshots stored before the
 * forecast was kept as sums (and with their KPIs inside) have the expanded forecast.
 */
export type StoredSnapshot = Omit<CompanySnapshot, 'kpis' | 'forecast'> & { forecast: ForecastSums | CashForecast | null };

/** The details a stored snapshot holds. */
export function snapshotDetails(stored: StoredSnapshot): SnapshotDetails {
  const { forecast } = stored;
  return {
    cashAccounts: stored.cashAccounts,
    forecast: forecast === null ? null : 'weeks' in forecast ? forecast : expandForecast(forecast),
    overdueSales: stored.overdueSales,
    overduePurchases: stored.overduePurchases,
    ...(stored.unavailable ? { unavailable: stored.unavailable } : {}),
  };
}
