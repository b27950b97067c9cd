/** agedAccountsReceivables / agedAccountsPayables: one row per customer/vendor plus a Total row, LCY amounts. */
import type { Row } from '../types';
import type { CompanyBook } from '../data/build';
import { remainingLcy } from '../data/build';
import { EMPTY_GUID } from '../data/row-context';
import { addDays, addMonths } from '../util/dates';
import { fromCents } from '../util/money';
import { badRequest } from '../odata/errors';
import { constraintsOn } from '../odata/evaluate';
import type { Expr } from '../odata/parser';
import { isIsoDate } from '../util/dates';

export const AGED_AR_FIELDS = ['customerId', 'customerNumber', 'name', 'currencyCode', 'balanceDue', 'currentAmount',
  'period1Label', 'period1Amount', 'period2Label', 'period2Amount', 'period3Label', 'period3Amount', 'agedAsOfDate', 'periodLengthFilter'];
export const AGED_AP_FIELDS = AGED_AR_FIELDS.map((f) => f.replace('customer', 'vendor'));

const UNITS: Record<string, string> = { D: 'Days', W: 'Weeks', M: 'Months', Q: 'Quarters', Y: 'Years' };

function minus(date: string, n: number, unit: string): string {
  if (unit === 'D') return addDays(date, -n);
  if (unit === 'W') return addDays(date, -7 * n);
  return addMonths(date, -n * (unit === 'Q' ? 3 : unit === 'Y' ? 12 : 1));
}

export function agedRows(book: CompanyBook, side: 'receivable' | 'payable', expr: Expr | undefined): Row[] {
  const asOf = constraintsOn(expr, 'agedAsOfDate').find((c) => c.op === 'eq')?.value.slice(0, 10) ?? book.data.today;
  if (!isIsoDate(asOf)) throw badRequest(`The value '${asOf}' is not a valid date for 'agedAsOfDate'.`);
  const period = constraintsOn(expr, 'periodLengthFilter').find((c) => c.op === 'eq')?.value ?? '30D';
  const m = /^(\d+)([DWMQY])$/i.exec(period.trim());
  if (!m) throw badRequest(`The period length '${period}' is not valid. Use a date formula such as '30D' or '1M'.`);
  const n = Number(m[1]);
  const unit = (m[2] as string).toUpperCase();
  const b1 = minus(asOf, n, unit);
  const b2 = minus(asOf, 2 * n, unit);
  const u = UNITS[unit] as string;
  const labels = { period1Label: `0-${n} ${u}`, period2Label: `${n}-${2 * n} ${u}`, period3Label: `Over ${2 * n} ${u}` };
  const customer = side === 'receivable';
  const parties = customer ? book.model.customers : book.model.vendors;
  const sums = new Map<string, [number, number, number, number]>(parties.map((p) => [p.number, [0, 0, 0, 0]]));
  for (const item of book.data.openItems) {
    if (item.side !== side || item.postingDate > asOf) continue;
    const rest = remainingLcy(item, asOf);
    if (rest === 0) continue;
    const bucket = sums.get(item.partyNumber);
    if (!bucket) continue;
    const i = item.dueDate >= asOf ? 0 : item.dueDate >= b1 ? 1 : item.dueDate >= b2 ? 2 : 3;
    bucket[i] += rest;
  }
  const total: [number, number, number, number] = [0, 0, 0, 0];
  const row = (id: string, number: string, name: string, currencyCode: string, b: number[]): Row => ({
    [customer ? 'customerId' : 'vendorId']: id, [customer ? 'customerNumber' : 'vendorNumber']: number, name, currencyCode,
    balanceDue: fromCents(b.reduce((s, x) => s + x, 0)), currentAmount: fromCents(b[0] ?? 0),
    period1Label: labels.period1Label, period1Amount: fromCents(b[1] ?? 0), period2Label: labels.period2Label,
    period2Amount: fromCents(b[2] ?? 0), period3Label: labels.period3Label, period3Amount: fromCents(b[3] ?? 0),
    agedAsOfDate: asOf, periodLengthFilter: period,
  });
  const rows = parties.map((p) => {
    const b = sums.get(p.number) as [number, number, number, number];
    b.forEach((x, i) => { total[i] = (total[i] ?? 0) + x; });
    // Quirk mirrored: AR shows LCY when the customer's currency is blank; AP keeps the vendor's (possibly blank) code.
    const currencyCode = customer ? p.currencyCode || book.model.lcy : p.currencyCode;
    return row(book.ctx.id(customer ? 'customer' : 'vendor', p.number), p.number, p.name, currencyCode, b);
  });
  rows.push(row(EMPTY_GUID, '', 'Total', customer ? book.model.lcy : '', total));
  return rows;
}
