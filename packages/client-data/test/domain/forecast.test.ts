import { cashForecast } from '../../src/domain/forecast';
import { company, TODAY } from './fixtures';

describe('cashForecast', () => {
  const f = cashForecast(company, TODAY);

  it('has 13 weeks starting on the Monday of this week', () => {
    expect(f.weeks).toHaveLength(13);
    expect(f.weeks[0]?.weekStart).toBe('2026-11-23');
    expect(f.weeks[12]?.weekStart).toBe('2027-02-15');
  });

  it('expects overdue and this week’s items in week 1 and rolls the closing balance forward', () => {
    // Receipts week 1: S1 1,200 + S2 500 + S3 400.50 = 2,100.50 (S4 is EUR, S5 nothing left).
    // Payments week 1: P1 250 + P2 100 = 350; week 2: P3 75.25 + P4 60 = 135.25 (USD P5 excluded).
    expect(f.opening).toEqual({ currency: 'GBP', minor: 975005 });
    expect(f.weeks[0]).toMatchObject({ receipts: { minor: 210050 }, payments: { minor: 35000 }, net: { minor: 175050 }, closing: { minor: 1150055 } });
    expect(f.weeks[1]).toMatchObject({ receipts: { minor: 0 }, payments: { minor: 13525 }, closing: { minor: 1136530 } });
    expect(f.weeks[12]?.closing).toEqual({ currency: 'GBP', minor: 1136530 });
    expect(f.excludedForeignDocuments).toBe(2);
  });
});
