/** Money: integer minor units (cents) inside, JSON numbers with at most 2 decimals outside. */

export type Cents = number;

export function toCents(amount: number): Cents {
  return Math.round(amount * 100);
}

export function fromCents(cents: Cents): number {
  return Math.round(cents) / 100;
}

/** BC trial balance style: absolute value, thousands separators, 2 decimals ("72,893.84"). */
export function formatAmount(cents: Cents): string {
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Value of one unit of each currency in GBP; fixed rates keep the ledger reproducible. */
const GBP_PER_UNIT: Record<string, number> = { GBP: 1, EUR: 0.85, USD: 0.79, CAD: 0.58, DKK: 0.114, SEK: 0.073 };

export function knownCurrency(code: string): boolean {
  return code in GBP_PER_UNIT;
}

/** Converts document-currency cents to local-currency cents. */
export function toLcy(cents: Cents, documentCurrency: string, lcy: string): Cents {
  if (documentCurrency === lcy) return cents;
  const from = GBP_PER_UNIT[documentCurrency] ?? 1;
  const to = GBP_PER_UNIT[lcy] ?? 1;
  return Math.round((cents * from) / to);
}

export const CURRENCY_NAMES: Record<string, { name: string; symbol: string }> = {
  GBP: { name: 'British Pound', symbol: '£' },
  EUR: { name: 'Euro', symbol: '€' },
  USD: { name: 'US Dollar', symbol: '$' },
  CAD: { name: 'Canadian Dollar', symbol: '$' },
  DKK: { name: 'Danish Krone', symbol: 'kr' },
  SEK: { name: 'Swedish Krona', symbol: 'kr' },
};
