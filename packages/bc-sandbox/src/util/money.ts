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

export const CURRENCY_NAMES: Record<string, { name: string; symbol: string }> = {
  GBP: { name: 'British Pound', symbol: '£' },
  EUR: { name: 'Euro', symbol: '€' },
  USD: { name: 'US Dollar', symbol: '$' },
  CAD: { name: 'Canadian Dollar', symbol: '$' },
  DKK: { name: 'Danish Krone', symbol: 'kr' },
  SEK: { name: 'Swedish Krona', symbol: 'kr' },
};
