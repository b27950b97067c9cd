import type { CompanyDetails, Kpis, Money, TaxSettings } from '@hub/contracts';
import type { CompanyData } from './documents';
import { daysBetween, type IsoDate } from './dates';
import { cashForecast } from './forecast';
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

/** What one successful refresh keeps of a company: figures and the lists behind the details pane. */
export interface CompanySnapshot {
  kpis: Kpis;
  cashAccounts: { number: string; name: string; balance: Money }[];
  forecast: NonNullable<CompanyDetails['forecast']>;
  overdueSales: SnapshotLine[];
  overduePurchases: SnapshotLine[];
}

export function buildSnapshot(data: CompanyData, today: IsoDate, tax: TaxSettings): CompanySnapshot {
  const line = (d: { id: string; number: string; party: string; dueDate: IsoDate }, amount: Money): SnapshotLine => ({
    id: d.id, number: d.number, party: d.party, dueDate: d.dueDate, daysOverdue: daysBetween(d.dueDate, today), amount,
  });
  const sales = overdueSales(data, today);
  const purchases = overduePurchases(data, today);
  return {
    kpis: computeKpis(data, today, tax, { sales, purchases }),
    cashAccounts: data.cashAccounts.map((a) => ({ number: a.number, name: a.name, balance: a.balance })),
    forecast: cashForecast(data, today),
    overdueSales: sales.slice(0, DETAIL_LIST_LIMIT).map((i) => line(i, i.remaining)),
    overduePurchases: purchases.slice(0, DETAIL_LIST_LIMIT).map((i) => line(i, i.total)),
  };
}
