import { z } from 'zod';

/**
 * Money as integer minor units with its ISO 4217 currency, so sums never touch binary floating point.
 * `minor` is in the currency's own minor unit (cents for EUR, yen for JPY): see currencyExponent.
 */
export const moneySchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  minor: z.number().int(),
});
export type Money = z.infer<typeof moneySchema>;

const ZERO_DECIMAL = new Set(['JPY', 'KRW', 'ISK', 'CLP', 'VND', 'XAF', 'XOF', 'HUF']);
const THREE_DECIMAL = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD']);

/** Number of decimal places of a currency's minor unit. */
export function currencyExponent(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/** Major units as a decimal string ("1234.50"), exact, for display and spreadsheets. */
export function toDecimalString(m: Money): string {
  const exp = currencyExponent(m.currency);
  const negative = m.minor < 0;
  const digits = Math.abs(m.minor).toString().padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const frac = exp === 0 ? '' : `.${digits.slice(-exp)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Major units as a number, for charts and Intl formatting only (never for arithmetic). */
export function toMajor(m: Money): number {
  return m.minor / 10 ** currencyExponent(m.currency);
}
