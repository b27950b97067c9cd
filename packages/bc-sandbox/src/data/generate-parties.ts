/** Generated customers and vendors. */
import { type Rng, pick, shuffled } from '../util/prng';
import { ACC } from './chart';
import type { Party } from './model';
import { CUSTOMER_NAMES, type NameSeed, VENDOR_NAMES } from './names';

const VENDOR_ACCOUNTS = [ACC.cogs, ACC.freight, ACC.rent, ACC.utilities, ACC.marketing, ACC.software, ACC.professionalFees,
  ACC.cogs, ACC.insurance, ACC.office, ACC.travel, ACC.cogs];

function countryOf(seed: NameSeed, home: string): string {
  const m = /^([A-Z]{2})-/.exec(seed.postCode);
  return m?.[1] ?? home;
}

function makeParties(rng: Rng, count: number, pool: NameSeed[], home: string, lcy: string, foreign: string[], vendor: boolean): Party[] {
  const names = shuffled(rng, pool);
  const parties: Party[] = [];
  for (let i = 0; i < count; i++) {
    const seed = names[i % names.length] as NameSeed;
    const round = Math.floor(i / names.length);
    const name = round === 0 ? seed.name : `${seed.name} (${round + 1})`;
    // Every 6th party (from the 3rd on) trades in a foreign currency.
    const foreignParty = foreign.length > 0 && i % 6 === 2;
    const currency = foreignParty ? pick(rng, foreign) : '';
    parties.push({
      number: String((i + 1) * 10000), name, currencyCode: currency === lcy ? '' : currency,
      address: seed.address, city: seed.city, postCode: seed.postCode, country: countryOf(seed, home),
      email: `${vendor ? 'ar' : 'ap'}@${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`,
      phone: `+44 20 7946 ${String(1000 + Math.floor(rng() * 8999))}`, contact: seed.contact,
      expenseAccount: VENDOR_ACCOUNTS[i % VENDOR_ACCOUNTS.length] as string,
    });
  }
  return parties;
}

export function generateCustomers(rng: Rng, count: number, home: string, lcy: string, foreign: string[]): Party[] {
  return makeParties(rng, count, CUSTOMER_NAMES, home, lcy, foreign, false);
}

export function generateVendors(rng: Rng, count: number, home: string, lcy: string, foreign: string[]): Party[] {
  return makeParties(rng, count, VENDOR_NAMES, home, lcy, foreign, true);
}
