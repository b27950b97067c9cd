/** Calendar dates as 'YYYY-MM-DD' strings, computed in UTC so no time zone shifts a due date. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(d: IsoDate): number {
  if (!ISO_DATE.test(d)) throw new Error(`Not an ISO date: ${d}`);
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

export function formatIsoDate(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(d: IsoDate, days: number): IsoDate {
  return formatIsoDate(parseIsoDate(d) + days * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((parseIsoDate(to) - parseIsoDate(from)) / DAY_MS);
}

/** Last day of the month `monthIndex` months after January of `year` (monthIndex may overflow). */
export function endOfMonth(year: number, monthIndex: number): IsoDate {
  return formatIsoDate(Date.UTC(year, monthIndex + 1, 0));
}

/** Day `day` of a month, clamped to that month's length (31 → 30 April). */
export function dayOfMonthClamped(year: number, monthIndex: number, day: number): IsoDate {
  const last = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  return formatIsoDate(Date.UTC(year, monthIndex, Math.min(day, last)));
}

/** Monday of the ISO week containing `d`. */
export function startOfWeek(d: IsoDate): IsoDate {
  const weekday = (new Date(parseIsoDate(d)).getUTCDay() + 6) % 7;
  return addDays(d, -weekday);
}

export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
