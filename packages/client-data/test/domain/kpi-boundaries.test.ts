/**
 * Every date boundary of every KPI, on one company whose documents sit on both sides of each boundary. Today is
 * Wednesday 2026-11-25; the UK quarter being estimated is 2026-10-01..2026-12-31, due 2027-02-07.
 */
import { taxSettingsSchema, type Money } from '@hub/contracts';
import type { CompanyData, TaxDocument } from '../../src/domain/documents';
import { cashForecast } from '../../src/domain/forecast';
import { computeKpis, isDueNextWeek, isOverdue } from '../../src/domain/kpis';
import { nextTaxPeriod } from '../../src/domain/tax-calendar';

const TODAY = '2026-11-25';
const uk = taxSettingsSchema.parse({ frequency: 'quarterly', periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 });
const gbp = (minor: number): Money => ({ currency: 'GBP', minor });
const sale = (id: string, dueDate: string, minor = 100, remaining = minor) => ({ id, number: id, party: 'C', dueDate, total: gbp(minor), remaining: gbp(remaining) });
const purchase = (id: string, dueDate: string, minor = 100) => ({ id, number: id, party: 'V', dueDate, total: gbp(minor) });
const tax = (kind: TaxDocument['kind'], postingDate: string, minor: number): TaxDocument => ({ kind, postingDate, tax: gbp(minor) });

const company = (over: Partial<CompanyData> = {}): CompanyData => ({
  bcCompanyId: 'c', name: 'Boundary Ltd', currency: 'GBP', openSalesInvoices: [], openPurchaseInvoices: [], cashAccounts: [],
  openSalesDocuments: { quotes: 0, orders: 0, draftInvoices: 0 }, taxDocuments: [], ...over,
});

describe('overdue: the due date has passed', () => {
  it('due yesterday is overdue, due today is not, due tomorrow is not', () => {
    expect([isOverdue('2026-11-24', TODAY), isOverdue(TODAY, TODAY), isOverdue('2026-11-26', TODAY)]).toEqual([true, false, false]);
    const k = computeKpis(company({
      openSalesInvoices: [sale('yesterday', '2026-11-24', 100), sale('today', TODAY, 200), sale('paid', '2026-11-01', 400, 0)],
      openPurchaseInvoices: [purchase('yesterday', '2026-11-24', 10), purchase('today', TODAY, 20)],
    }), TODAY, uk);
    expect(k.overdueSales).toEqual({ count: 1, amounts: [gbp(100)], oldestDays: 1 });
    expect(k.overduePurchases).toEqual({ count: 1, amounts: [gbp(10)], oldestDays: 1 });
  });

  it('an invoice due today becomes overdue tomorrow, one day old', () => {
    const k = computeKpis(company({ openSalesInvoices: [sale('s', TODAY)] }), '2026-11-26', uk);
    expect(k.overdueSales).toMatchObject({ count: 1, oldestDays: 1 });
  });
});

describe('purchases due next week: today ≤ due ≤ today + 7', () => {
  it('takes today and today + 7, leaves out yesterday (overdue) and today + 8', () => {
    expect(['2026-11-24', TODAY, '2026-12-02', '2026-12-03'].map((d) => isDueNextWeek(d, TODAY))).toEqual([false, true, true, false]);
    const k = computeKpis(company({
      openPurchaseInvoices: [purchase('y', '2026-11-24', 1), purchase('t', TODAY, 10), purchase('t7', '2026-12-02', 100), purchase('t8', '2026-12-03', 1000)],
    }), TODAY, uk);
    expect(k.purchasesDueNextWeek).toEqual({ count: 2, amounts: [gbp(110)] });
  });

  it('crosses a month and a year end', () => {
    expect(isDueNextWeek('2027-01-03', '2026-12-27')).toBe(true);
    expect(isDueNextWeek('2027-01-04', '2026-12-27')).toBe(false);
  });
});

describe('tax due: documents posted in the period, the period until its due date', () => {
  it('counts documents posted on the first and last day of the period, not the day before or after', () => {
    const k = computeKpis(company({
      taxDocuments: [
        tax('sales_invoice', '2026-09-30', 1), tax('sales_invoice', '2026-10-01', 10), tax('sales_invoice', '2026-12-31', 100),
        tax('sales_invoice', '2027-01-01', 1000), tax('purchase_invoice', '2026-10-01', 4), tax('sales_credit_memo', '2026-12-31', 2),
        tax('purchase_credit_memo', '2026-10-01', 1),
      ],
    }), TODAY, uk);
    // 10 + 100 − 4 − 2 + 1
    expect(k.taxDue).toMatchObject({ amount: gbp(105), periodStart: '2026-10-01', periodEnd: '2026-12-31', dueDate: '2027-02-07' });
  });

  it('shows a period on its due date, and the next period the day after', () => {
    expect(nextTaxPeriod('2027-02-07', uk)).toEqual({ periodStart: '2026-10-01', periodEnd: '2026-12-31', dueDate: '2027-02-07' });
    expect(nextTaxPeriod('2027-02-08', uk)).toEqual({ periodStart: '2027-01-01', periodEnd: '2027-03-31', dueDate: '2027-05-07' });
    // The first day after a period ends: still that (closed) period, now due.
    expect(nextTaxPeriod('2027-01-01', uk)?.periodEnd).toBe('2026-12-31');
  });
});

describe('forecast weeks: Monday to Sunday, from the week of today', () => {
  const f = cashForecast(company({
    openSalesInvoices: [
      sale('past', '2026-11-02', 1), sale('sun0', '2026-11-29', 10), sale('mon1', '2026-11-30', 100),
      sale('last', '2027-02-21', 1000), sale('after', '2027-02-22', 10000),
    ],
  }), TODAY);
  it('starts on the Monday of the current week and ends 13 weeks later', () => {
    expect(f.weeks[0]?.weekStart).toBe('2026-11-23');
    expect(f.weeks[12]?.weekStart).toBe('2027-02-15');
  });
  it('puts Sunday in its week, Monday in the next; the 13th week’s Sunday in, the day after out', () => {
    expect(f.weeks.map((w) => w.receipts.minor)).toEqual([11, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000]);
  });
});
