/**
 * Exchange rates: what the currencyExchangeRates entity serves and what the ledger converts with, so the two agree.
 * Rates change at fixed offsets from today (the demo stays relative to today); a document or payment converts at the
 * rate in force on its date, as Business Central posts it. The settling payment takes the rounding and rate remainder
 * (no realised gain/loss entries: see the README).
 */
import { CURRENCY_NAMES, type Cents } from '../util/money';
import { addDays } from '../util/dates';

/** Value of one unit of each currency in GBP today. */
const GBP_PER_UNIT: Record<string, number> = { GBP: 1, EUR: 0.85, USD: 0.79, CAD: 0.58, DKK: 0.114, SEK: 0.073 };
/** Days before today each rate starts (the first covers the whole generated history), and each currency's factor then. */
const STARTS = [-460, -180, -30] as const;
const FACTORS: Record<string, readonly number[]> = {
  EUR: [1.018, 0.992, 1], USD: [0.962, 1.027, 1], CAD: [0.981, 1.012, 1], DKK: [1.017, 0.993, 1], SEK: [1.041, 0.986, 1],
};

export interface ExchangeRate {
  currencyCode: string;
  startingDate: string;
  /** Local currency per one unit of `currencyCode`, six decimals (Business Central's relational exchange rate amount). */
  lcyPerUnit: number;
}

export interface Fx {
  lcy: string;
  rates: ExchangeRate[];
  /** Document-currency cents to local-currency cents at the rate in force on `date`. */
  toLcy(cents: Cents, currency: string, date: string): Cents;
}

function gbpPerUnit(code: string, step: number): number {
  return (GBP_PER_UNIT[code] ?? 1) * (FACTORS[code]?.[step] ?? 1);
}

export function fxFor(lcy: string, today: string): Fx {
  const starts = STARTS.map((d) => addDays(today, d));
  const rates: ExchangeRate[] = [];
  for (const code of Object.keys(CURRENCY_NAMES)) {
    if (code === lcy) continue;
    starts.forEach((startingDate, step) => {
      rates.push({ currencyCode: code, startingDate, lcyPerUnit: Math.round((gbpPerUnit(code, step) / gbpPerUnit(lcy, step)) * 1e6) / 1e6 });
    });
  }
  const byCode = new Map<string, ExchangeRate[]>();
  for (const r of rates) byCode.set(r.currencyCode, [...(byCode.get(r.currencyCode) ?? []), r]);
  return {
    lcy, rates,
    toLcy(cents, currency, date) {
      if (currency === lcy) return cents;
      const list = byCode.get(currency);
      if (!list) return cents;
      // The latest rate starting on or before the date; dates before the first rate use the first.
      const rate = [...list].reverse().find((r) => r.startingDate <= date) ?? (list[0] as ExchangeRate);
      return Math.round(cents * rate.lcyPerUnit);
    },
  };
}
