import { taxSettingsSchema } from '@hub/contracts';
import { computeKpis } from '../../src/domain/kpis';
import { company, TODAY } from './fixtures';

const ukQuarterly = taxSettingsSchema.parse({ frequency: 'quarterly', periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 });

describe('computeKpis on a hand-computed company', () => {
  const k = computeKpis(company, TODAY, ukQuarterly);

  it('counts overdue sales invoices by remaining amount, per currency, ignoring ones due today and fully paid', () => {
    // S1 1,200.00 (due yesterday) + S3 400.50 (partly paid) in GBP; S4 300.00 EUR kept apart.
    expect(k.overdueSales).toEqual({
      count: 3,
      amounts: [{ currency: 'GBP', minor: 160050 }, { currency: 'EUR', minor: 30000 }],
      oldestDays: 30,
    });
  });

  it('counts overdue purchase invoices by gross amount (the API has no remaining amount)', () => {
    expect(k.overduePurchases).toEqual({ count: 2, amounts: [{ currency: 'GBP', minor: 25000 }, { currency: 'USD', minor: 9999 }], oldestDays: 85 });
  });

  it('takes purchase invoices due today through today + 7 as due next week', () => {
    // P2 due today 100.00, P3 in 6 days 75.25, P4 in 7 days 60.00.
    expect(k.purchasesDueNextWeek).toEqual({ count: 3, amounts: [{ currency: 'GBP', minor: 23525 }] });
  });

  it('sums cash accounts in the local currency, overdrafts included', () => {
    expect(k.cash).toEqual({ currency: 'GBP', minor: 975005 });
  });

  it('adds quotes, orders and draft invoices into open sales documents', () => {
    expect(k.openSalesDocuments).toEqual({ count: 6, quotes: 2, orders: 3, draftInvoices: 1 });
  });

  it('estimates tax due for the open quarter: output − input tax, credit memos reversing, foreign documents left out', () => {
    // 200.00 − 20.00 − 50.00 + 5.00 = 135.00; the September invoice belongs to the previous (already due) quarter.
    expect(k.taxDue).toEqual({
      amount: { currency: 'GBP', minor: 13500 }, periodStart: '2026-10-01', periodEnd: '2026-12-31', dueDate: '2027-02-07',
      estimate: true, foreignDocumentsExcluded: 1,
    });
  });

  it('has no tax due for a client that files none', () => {
    expect(computeKpis(company, TODAY, taxSettingsSchema.parse({ regime: 'none' })).taxDue).toBeNull();
  });

  it('moves an invoice into overdue the day after its due date', () => {
    const tomorrow = computeKpis(company, '2026-11-26', ukQuarterly);
    expect(tomorrow.overdueSales.count).toBe(4);
    expect(tomorrow.overdueSales.amounts[0]).toEqual({ currency: 'GBP', minor: 210050 });
  });
});
