import type { CompanyDetails, Money } from '@hub/contracts';
import type { CompanyData } from './documents';
import { addDays, parseIsoDate, startOfWeek, type IsoDate } from './dates';
import { add, zero } from './money';

export const FORECAST_WEEKS = 13;
const WEEK_MS = 7 * 86_400_000;

export type CashForecast = NonNullable<CompanyDetails['forecast']>;

/**
 * What a forecast is made of: the opening cash and the receipts and payments expected per week, in minor units of
 * the company's currency. Net and closing figures follow from these, so a snapshot keeps only this (a tenth of the
 * expanded forecast's size) and `expandForecast` builds the weeks when they are shown.
 */
export interface ForecastSums {
  currency: string;
  /** Opening cash, minor units. */
  opening: number;
  /** Monday of the first week. */
  firstWeek: IsoDate;
  receipts: number[];
  payments: number[];
  excludedForeignDocuments: number;
}

/**
 * The sums behind a 13-week cash forecast from today's cash and the open receivables and payables by due date.
 * Overdue items are expected in the first week; items due after week 13 fall outside the horizon.
 * Documents in another currency are not converted (no rate is known) and are counted instead.
 */
export function forecastSums(data: CompanyData, today: IsoDate): ForecastSums {
  const lcy = data.currency;
  const first = startOfWeek(today);
  const firstMs = parseIsoDate(first);
  const receipts = new Array<number>(FORECAST_WEEKS).fill(0);
  const payments = new Array<number>(FORECAST_WEEKS).fill(0);
  let excluded = 0;
  const place = (bucket: number[], due: IsoDate, amount: Money): void => {
    if (amount.minor === 0) return;
    if (amount.currency !== lcy) {
      excluded += 1;
      return;
    }
    const w = due < first ? 0 : Math.floor((parseIsoDate(due) - firstMs) / WEEK_MS);
    if (w < FORECAST_WEEKS) bucket[w] = (bucket[w] ?? 0) + amount.minor;
  };
  for (const i of data.openSalesInvoices) place(receipts, i.dueDate, i.remaining);
  for (const i of data.openPurchaseInvoices) place(payments, i.dueDate, i.total);
  const opening = data.cashAccounts.reduce((sum, a) => add(sum, a.balance), zero(lcy)).minor;
  return { currency: lcy, opening, firstWeek: first, receipts, payments, excludedForeignDocuments: excluded };
}

/** The forecast week by week, closing balances rolled forward from the opening cash. */
export function expandForecast(s: ForecastSums): CashForecast {
  const money = (minor: number): Money => ({ currency: s.currency, minor });
  let closing = s.opening;
  const weeks = s.receipts.map((r, w) => {
    const p = s.payments[w] ?? 0;
    closing += r - p;
    return { weekStart: addDays(s.firstWeek, 7 * w), receipts: money(r), payments: money(p), net: money(r - p), closing: money(closing) };
  });
  return { currency: s.currency, opening: money(s.opening), weeks, excludedForeignDocuments: s.excludedForeignDocuments };
}

/** A 13-week cash forecast (see forecastSums). */
export function cashForecast(data: CompanyData, today: IsoDate): CashForecast {
  return expandForecast(forecastSums(data, today));
}
