import { toMajor, type Money } from '@hub/contracts';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat('en', { style: 'currency', currency });
    }
    formatters.set(key, f);
  }
  return f;
}

/** One amount in its own currency, in the user's locale ("€1,234.50", "1.234,50 €"). */
export function formatMoney(m: Money, locale: string): string {
  return formatter(locale, m.currency).format(toMajor(m));
}

/** An amount bag: each currency on its own, never added together. Empty bag: nothing owed. */
export function formatMoneyBag(bag: readonly Money[], locale: string, currency: string | null): string[] {
  if (bag.length === 0) return currency ? [formatMoney({ currency, minor: 0 }, locale)] : ['—'];
  return bag.map((m) => formatMoney(m, locale));
}

/** Compact amount for chart axes ("€12K"). */
export function formatMoneyCompact(major: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(major);
  } catch {
    return String(Math.round(major));
  }
}
