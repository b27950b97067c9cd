import type { TaxSettings } from '@hub/contracts';
import { remember } from './remember';
import { dayOfMonthClamped, endOfMonth, formatIsoDate, parseIsoDate, type IsoDate } from './dates';

export interface TaxPeriod {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  dueDate: IsoDate;
}

const MONTHS: Record<TaxSettings['frequency'], number> = { monthly: 1, quarterly: 3, annually: 12 };

/** The period starting in the month `monthIndex` (months since year 0), with its due date. */
function periodAt(monthIndex: number, settings: TaxSettings): TaxPeriod {
  const length = MONTHS[settings.frequency];
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastMonth = month + length - 1;
  const dueMonth = lastMonth + settings.dueMonthsAfterPeriodEnd + 1;
  return {
    periodStart: formatIsoDate(Date.UTC(year, month, 1)),
    periodEnd: endOfMonth(year, lastMonth),
    dueDate: dayOfMonthClamped(year, dueMonth, settings.dueDay),
  };
}

/**
 * The next tax payment: the earliest period whose due date is today or later. Right after a period closes
 * that is the closed period (its documents are all posted); once its due date passes it is the open one.
 */
export function nextTaxPeriod(today: IsoDate, settings: TaxSettings): TaxPeriod | null {
  if (settings.regime === 'none') return null;
  // A refresh asks this twice for each of hundreds of companies, mostly with the same settings and day.
  const key = `${today}|${settings.frequency}|${settings.periodStartMonth}|${settings.dueMonthsAfterPeriodEnd}|${settings.dueDay}`;
  return remember(periods, key, 500, () => Object.freeze(computeNextTaxPeriod(today, settings)));
}

const periods = new Map<string, Readonly<TaxPeriod>>();

function computeNextTaxPeriod(today: IsoDate, settings: TaxSettings): TaxPeriod {
  const length = MONTHS[settings.frequency];
  const t = new Date(parseIsoDate(today));
  const todayMonth = t.getUTCFullYear() * 12 + t.getUTCMonth();
  const anchor = settings.periodStartMonth - 1;
  // Start of the period containing today, aligned to the client's first period month.
  const current = todayMonth - (((todayMonth - anchor) % length) + length) % length;
  for (let start = current - 2 * length; start <= current; start += length) {
    const p = periodAt(start, settings);
    if (p.dueDate >= today) return p;
  }
  return periodAt(current, settings);
}
