import { currencyExponent, type Money } from '@hub/contracts';

/**
 * Converts a Business Central decimal (JSON number or string, at most the currency's decimals) to minor
 * units without floating-point arithmetic: the number's shortest decimal form is parsed as text.
 */
export function parseAmount(value: number | string, currency: string): Money {
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim().replace(/,/g, '');
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`Not a decimal amount: ${JSON.stringify(value)}`);
  const exp = currencyExponent(currency);
  const frac = (match[3] ?? '').padEnd(exp + 1, '0');
  let minor = Number((match[2] || '0') + frac.slice(0, exp));
  // Round half away from zero on the first dropped digit, as Business Central rounds amounts.
  if (Number(frac[exp]) >= 5) minor += 1;
  return { currency, minor: match[1] === '-' ? -minor : minor };
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`Not a finite amount: ${n}`);
  const s = String(n);
  return s.includes('e') ? n.toFixed(6) : s;
}

export function zero(currency: string): Money {
  return { currency, minor: 0 };
}

export function add(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new Error(`Cannot add ${a.currency} to ${b.currency}`);
  return { currency: a.currency, minor: a.minor + b.minor };
}

export function negate(a: Money): Money {
  return { currency: a.currency, minor: -a.minor };
}

/** Sums amounts per currency; the preferred currency (the company's) comes first, others alphabetically. */
export function sumByCurrency(amounts: readonly Money[], preferred?: string): Money[] {
  const totals = new Map<string, number>();
  for (const m of amounts) totals.set(m.currency, (totals.get(m.currency) ?? 0) + m.minor);
  return [...totals.entries()]
    .map(([currency, minor]) => ({ currency, minor }))
    .sort((a, b) => (a.currency === preferred ? -1 : b.currency === preferred ? 1 : a.currency.localeCompare(b.currency)));
}
