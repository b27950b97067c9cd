import { toMajor, type Money } from '@hub/contracts';

export const DEFAULT_LOCALE = 'en-GB';

/** The activity's locale when Intl knows it, else en-GB. */
export function pickLocale(locale: string | undefined | null): string {
  if (!locale) return DEFAULT_LOCALE;
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale])[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

/** "£1,234.50" in the amount's own currency (display only: sums are done on minor units). */
export function formatMoney(m: Money, locale: string): string {
  const f = cached(`m|${locale}|${m.currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }));
  return f.format(toMajor(m));
}

/** An ISO date (YYYY-MM-DD) as "7 May 2026" (en-GB) or "May 7, 2026" (en-US). */
export function formatDate(iso: string, locale: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  const f = cached(`d|${locale}`, () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }));
  return f.format(d);
}

/** A timestamp as a short date and time in the user's time zone. */
export function formatDateTime(iso: string, locale: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = cached(`dt|${locale}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone }));
  return f.format(d);
}

/**
 * Totals per currency, in order of first appearance. Sums integer minor units only; amounts in
 * different currencies are never added together.
 */
export function totalsByCurrency(amounts: Iterable<Money>): Money[] {
  const sums = new Map<string, number>();
  for (const a of amounts) sums.set(a.currency, (sums.get(a.currency) ?? 0) + a.minor);
  return [...sums].map(([currency, minor]) => ({ currency, minor }));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
