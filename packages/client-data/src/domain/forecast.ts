import type { CompanyDetails, Money } from '@hub/contracts';
import type { CompanyData } from './documents';
import { addDays, startOfWeek, type IsoDate } from './dates';
import { add, negate, zero } from './money';

export const FORECAST_WEEKS = 13;

/**
 * A 13-week cash forecast from today's cash and the open receivables and payables by due date.
 * Overdue items are expected in the first week; items due after week 13 fall outside the horizon.
 * Documents in another currency are not converted (no rate is known) and are counted instead.
 */
export function cashForecast(data: CompanyData, today: IsoDate): NonNullable<CompanyDetails['forecast']> {
  const lcy = data.currency;
  const first = startOfWeek(today);
  const receipts: Money[] = Array.from({ length: FORECAST_WEEKS }, () => zero(lcy));
  const payments: Money[] = Array.from({ length: FORECAST_WEEKS }, () => zero(lcy));
  let excluded = 0;
  const weekOf = (due: IsoDate): number => {
    if (due < first) return 0;
    return Math.floor((Date.parse(due) - Date.parse(first)) / (7 * 86_400_000));
  };
  const place = (bucket: Money[], due: IsoDate, amount: Money): void => {
    if (amount.minor === 0) return;
    if (amount.currency !== lcy) {
      excluded += 1;
      return;
    }
    const w = weekOf(due);
    if (w < FORECAST_WEEKS) bucket[w] = add(bucket[w] ?? zero(lcy), amount);
  };
  for (const i of data.openSalesInvoices) place(receipts, i.dueDate, i.remaining);
  for (const i of data.openPurchaseInvoices) place(payments, i.dueDate, i.total);
  const opening = data.cashAccounts.reduce((s, a) => add(s, a.balance), zero(lcy));
  let closing = opening;
  const weeks = receipts.map((r, w) => {
    const p = payments[w] ?? zero(lcy);
    const net = add(r, negate(p));
    closing = add(closing, net);
    return { weekStart: addDays(first, 7 * w), receipts: r, payments: p, net, closing };
  });
  return { currency: lcy, opening, weeks, excludedForeignDocuments: excluded };
}
