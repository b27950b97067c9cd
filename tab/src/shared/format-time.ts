/**
 * One formatter per locale: building an Intl formatter costs about a millisecond here (ICU data), and every visible
 * grid row used to build two or three of them on each render.
 */
function perLocale<T>(make: (locale: string) => T): (locale: string) => T {
  const made = new Map<string, T>();
  return (locale) => {
    let f = made.get(locale);
    if (f === undefined) {
      f = make(locale);
      made.set(locale, f);
    }
    return f;
  };
}

const relativeTime = perLocale((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' }));
const calendarDate = perLocale((locale) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }));
const timestamp = perLocale((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 hr. ago", "just now": how old the figures are. */
export function formatAge(iso: string | null, now: number, locale: string): string {
  if (!iso) return 'never';
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return 'unknown';
  if (ms < 60_000) return 'just now';
  const rtf = relativeTime(locale);
  for (const [unit, size] of UNITS) {
    if (ms >= size) return rtf.format(-Math.floor(ms / size), unit);
  }
  return 'just now';
}

/** A calendar date ("2026-05-07") in the user's locale, without shifting it through time zones. */
export function formatDate(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return calendarDate(locale).format(Date.UTC(y, m - 1, d));
}

/** Whole days from today (local) to a calendar date: 0 today, negative when past. */
export function daysUntil(isoDate: string, now: Date): number {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const target = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((target - today) / 86_400_000);
}

/** The full timestamp, for tooltips and screen readers. */
export function formatTimestamp(iso: string, locale: string): string {
  return timestamp(locale).format(new Date(iso));
}
