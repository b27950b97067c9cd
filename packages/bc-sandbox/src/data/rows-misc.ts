/** Company-level rows: company, information, setup, accounts, ledger entries, bank accounts, currencies, tax groups. */
import type { Row } from '../types';
import { addDays, startOfYear } from '../util/dates';
import { CURRENCY_NAMES, fromCents } from '../util/money';
import { ACC, type ChartAccount } from './chart';
import type { LedgerEntry } from './ledger';
import type { ExchangeRate } from './fx';
import type { CompanyModel } from './model';
import { EMPTY_GUID, type RowContext } from './row-context';

export function companyRow(ctx: RowContext, id: string, name: string, displayName: string): Row {
  const created = `${addDays(ctx.today, -500)}T09:00:00Z`;
  return { id, systemVersion: '26.0.31500.0', timestamp: 12345, name, displayName, businessProfileId: '',
    systemCreatedAt: created, systemCreatedBy: EMPTY_GUID, systemModifiedAt: created, systemModifiedBy: EMPTY_GUID };
}

export function companyInformationRow(ctx: RowContext, name: string, model: CompanyModel): Row {
  return { id: ctx.id('companyInformation', 'main'), displayName: name, addressLine1: '5 The Ring', addressLine2: '',
    city: model.countryCode === 'DE' ? 'Berlin' : model.countryCode === 'US' ? 'Seattle' : 'London', state: '',
    country: model.countryCode, postalCode: model.countryCode === 'GB' ? 'W2 8HG' : '10115', phoneNumber: '+44 20 7946 0000',
    faxNumber: '', email: `finance@${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`, website: '',
    taxRegistrationNumber: model.countryCode === 'GB' ? 'GB777777771' : `${model.countryCode}777777771`,
    currencyCode: ctx.lcy, currentFiscalYearStartDate: startOfYear(ctx.today), industry: '',
    lastModifiedDateTime: ctx.modified(ctx.today, 'companyInformation') };
}

export function generalLedgerSetupRow(ctx: RowContext): Row {
  return { id: ctx.id('generalLedgerSetup', 'main'), allowPostingFrom: '0001-01-01', allowPostingTo: '0001-01-01',
    additionalReportingCurrency: '', localCurrencyCode: ctx.lcy, localCurrencySymbol: CURRENCY_NAMES[ctx.lcy]?.symbol ?? '',
    shortcutDimension1Code: 'DEPARTMENT', shortcutDimension2Code: 'PROJECT', lastModifiedDateTime: ctx.modified(ctx.today, 'glSetup'),
    allowQueryFromConsolidation: false };
}

export function accountRow(ctx: RowContext, a: ChartAccount, netChangeCents: number): Row {
  return { id: ctx.id('account', a.number), number: a.number, displayName: a.name, category: a.category,
    subCategory: a.subCategory, blocked: false, accountType: a.accountType, directPosting: a.accountType === 'Posting',
    netChange: fromCents(netChangeCents), consolidationTranslationMethod: 'Average Rate (Manual)',
    consolidationDebitAccount: '', consolidationCreditAccount: '', excludeFromConsolidation: false,
    lastModifiedDateTime: ctx.modified(addDays(ctx.today, -400), a.number) };
}

export function ledgerEntryRow(ctx: RowContext, e: LedgerEntry): Row {
  return { id: ctx.id('glEntry', String(e.entryNumber)), entryNumber: e.entryNumber, postingDate: e.date,
    documentNumber: e.documentNumber, documentType: e.documentType, accountId: ctx.id('account', e.account),
    accountNumber: e.account, description: e.description, debitAmount: e.cents > 0 ? fromCents(e.cents) : 0,
    creditAmount: e.cents < 0 ? fromCents(-e.cents) : 0, additionalCurrencyDebitAmount: 0, additionalCurrencyCreditAmount: 0,
    lastModifiedDateTime: ctx.modified(e.date, `gl${e.entryNumber}`) };
}

export function bankAccountRows(ctx: RowContext): Row[] {
  const bank = (number: string, name: string, acct: string, iban: string): Row => ({
    id: ctx.id('bankAccount', number), number, displayName: name, lastModifiedDateTime: ctx.modified(addDays(ctx.today, -300), number),
    bankAccountNumber: acct, blocked: false, currencyCode: ctx.lcy, currencyId: EMPTY_GUID, iban, intercompanyEnabled: false });
  return [bank('CHECKING', 'World Wide Bank - Current', '99-99-888', 'GB12 WWBK 4000 0099 9988 80'),
    bank('SAVINGS', 'World Wide Bank - Deposit', '99-44-567', 'GB12 WWBK 4000 0099 4456 70')];
}

/** Which G/L account each bank account posts to (bank account posting group). */
export const BANK_GL: Record<string, string> = { CHECKING: ACC.checking, SAVINGS: ACC.savings };

export function currencyRows(ctx: RowContext): Row[] {
  return Object.entries(CURRENCY_NAMES).filter(([code]) => code !== ctx.lcy).map(([code, c]) => ({
    id: ctx.currencyId(code), code, displayName: c.name, symbol: c.symbol, amountDecimalPlaces: '2:2',
    amountRoundingPrecision: 0.01, lastModifiedDateTime: ctx.modified(addDays(ctx.today, -450), code) }));
}

export function taxGroupRows(ctx: RowContext, model: CompanyModel): Row[] {
  const taxType = model.taxLabel === 'VAT' ? 'VAT' : 'Sales Tax';
  return [['STANDARD', `Standard rate ${model.taxRate}%`], ['REDUCED', 'Reduced rate'], ['ZERO', 'Zero rate']].map(([code, name]) => ({
    id: ctx.id('taxGroup', code as string), code: code as string, displayName: name as string, taxType,
    lastModifiedDateTime: ctx.modified(addDays(ctx.today, -450), code as string) }));
}

/**
 * In a VAT company taxAreas lists the VAT business posting groups, otherwise the sales tax areas (research/bc-api.md
 * §2.11); customers point at DOMESTIC or EXPORT.
 */
export function taxAreaRows(ctx: RowContext, model: CompanyModel): Row[] {
  const taxType = model.taxLabel === 'VAT' ? 'VAT' : 'Sales Tax';
  const areas = taxType === 'VAT' ? [['DOMESTIC', 'Domestic'], ['EU', 'Customers and vendors in the EU'], ['EXPORT', 'Export']]
    : [['DOMESTIC', 'Domestic'], ['EXPORT', 'Export']];
  return areas.map(([code, name]) => ({
    id: ctx.id('taxArea', code as string), code: code as string, displayName: name as string, taxType,
    lastModifiedDateTime: ctx.modified(addDays(ctx.today, -450), `area${code as string}`) }));
}

/** One row per currency and starting date: one unit of the currency is worth relationalExchangeRateAmount in LCY. */
export function currencyExchangeRateRows(ctx: RowContext, rates: readonly ExchangeRate[]): Row[] {
  return rates.map((r) => ({
    id: ctx.id('currencyExchangeRate', `${r.currencyCode}|${r.startingDate}`), currencyCode: r.currencyCode, startingDate: r.startingDate,
    exchangeRateAmount: 1, relationalCurrencyCode: '', relationalExchangeRateAmount: r.lcyPerUnit,
    lastModifiedDateTime: ctx.modified(r.startingDate, `fx${r.currencyCode}`) }));
}
