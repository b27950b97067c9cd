import type { CompanyDetails, Money } from '@hub/contracts';
import type { CompanyData } from './documents';
import { addDays, parseIsoDate, startOfWeek, type IsoDate } from './dates';
import { add, zero } from './money';

export const FORECAST_WEEKS = 13;
const WEEK_MS = 7 * 86_400_000;

/**
 * A 13-week cash forecast from today's cash and the open receivables and payables by due date.
 * Overdue items are expected in the first week; items due after week 13 fall outside the horizon.
 * Documents in another currency are not converted (no rate is known) and are counted instead.
 */
export function cashForecast(data: CompanyData, today: IsoDate): NonNullable<CompanyDetails['forecast']> {
  const lcy = data.currency;
  const first = startOfWeek(today);
  const firstMs = parseIsoDate(first);
  // Sums in minor units per week; Money objects are made once per week at the end.
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
  const opening = data.cashAccounts.reduce((s, a) => add(s, a.balance), zero(lcy));
  let closing = opening.minor;
  const money = (minor: number): Money => ({ currency: lcy, minor });
  const weeks = receipts.map((r, w) => {
    const p = payments[w] ?? 0;
    closing += r - p;
    return { weekStart: addDays(first, 7 * w), receipts: money(r), payments: money(p), net: money(r - p), closing: money(closing) };
  });
  return { currency: lcy, opening, weeks, excludedForeignDocuments: excluded };
}
