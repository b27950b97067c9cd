import type { DashboardRow, KpiName, Money } from '@hub/contracts';
import type { Fact } from '../cards/cards';
import type { ExecuteButton, OpenButton } from '../cards/render';
import { formatDateTime, formatMoney, totalsByCurrency } from '../format/format';
import type { Turn } from '../context';
import type { ViewRef } from './scope';

export const REFRESH_VERB = 'refreshCompany';
export const SHOW_VERB = 'show';
export const SETTINGS_VERB = 'settings';

export function refreshButton(view: ViewRef): ExecuteButton {
  return { title: 'Refresh', verb: REFRESH_VERB, data: { view } };
}

export function dashboardButton(url: string | null): OpenButton[] {
  return url ? [{ title: 'Open dashboard', url }] : [];
}

/** Why a company's figures may be stale, in words (never internal details). */
export function rowStatus(r: DashboardRow, turn: Turn): string | undefined {
  if (r.status === 'never') return 'Not read from Business Central yet: press Refresh.';
  if (r.status === 'error' && r.error) {
    const since = r.refreshedAt ? ` Showing figures from ${formatDateTime(r.refreshedAt, turn.locale, turn.timeZone)}.` : '';
    return `The last refresh failed: ${r.error.message}${since}`;
  }
  return undefined;
}

/** "Figures as of …" from the oldest refresh among the rows shown. */
export function asOfFooter(rows: readonly DashboardRow[], turn: Turn): string {
  const times = rows.map((r) => r.refreshedAt).filter((t): t is string => t !== null).sort();
  if (times.length === 0) return 'No figures have been read from Business Central yet.';
  return `Figures from Business Central as of ${formatDateTime(times[0] as string, turn.locale, turn.timeZone)} (${turn.timeZone}).`;
}

/** One fact per currency, e.g. "Overdue invoices (GBP)": "£12,340.00". */
export function currencyFacts(label: string, amounts: Iterable<Money>, locale: string): Fact[] {
  return totalsByCurrency(amounts).map((m) => ({ title: `${label} (${m.currency})`, value: formatMoney(m, locale) }));
}

export function moneyList(amounts: readonly Money[], locale: string): string {
  return amounts.map((m) => formatMoney(m, locale)).join(' + ');
}

/** Why Business Central gave no data for a KPI of this company (then its figures are not zero, just unknown). */
export function unavailable(r: DashboardRow, kpi: KpiName): string | undefined {
  return r.kpis?.unavailable?.[kpi];
}
