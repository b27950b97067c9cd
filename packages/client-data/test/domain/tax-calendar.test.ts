import { taxSettingsSchema } from '@hub/contracts';
import { nextTaxPeriod } from '../../src/domain/tax-calendar';

const settings = (s: object) => taxSettingsSchema.parse(s);

describe('nextTaxPeriod', () => {
  const uk = settings({ frequency: 'quarterly', periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 });
  const de = settings({ frequency: 'monthly', dueMonthsAfterPeriodEnd: 0, dueDay: 10 });

  it('shows the closed UK quarter until its due date (1 month and 7 days after)', () => {
    expect(nextTaxPeriod('2026-05-03', uk)).toEqual({ periodStart: '2026-01-01', periodEnd: '2026-03-31', dueDate: '2026-05-07' });
    expect(nextTaxPeriod('2026-05-07', uk)?.dueDate).toBe('2026-05-07');
  });

  it('moves to the open quarter the day after the due date', () => {
    expect(nextTaxPeriod('2026-05-08', uk)).toEqual({ periodStart: '2026-04-01', periodEnd: '2026-06-30', dueDate: '2026-08-07' });
  });

  it('handles a German monthly return due on the 10th of the next month', () => {
    expect(nextTaxPeriod('2026-11-05', de)).toEqual({ periodStart: '2026-10-01', periodEnd: '2026-10-31', dueDate: '2026-11-10' });
    expect(nextTaxPeriod('2026-11-11', de)).toEqual({ periodStart: '2026-11-01', periodEnd: '2026-11-30', dueDate: '2026-12-10' });
  });

  it('aligns staggered quarters to the first period month and crosses the year end', () => {
    const stagger = settings({ frequency: 'quarterly', periodStartMonth: 2, dueMonthsAfterPeriodEnd: 1, dueDay: 7 });
    expect(nextTaxPeriod('2027-01-15', stagger)).toEqual({ periodStart: '2026-11-01', periodEnd: '2027-01-31', dueDate: '2027-03-07' });
  });

  it('clamps a due day past the month end', () => {
    const endOfMonth = settings({ frequency: 'monthly', dueMonthsAfterPeriodEnd: 0, dueDay: 31 });
    expect(nextTaxPeriod('2026-02-05', endOfMonth)).toEqual({ periodStart: '2026-01-01', periodEnd: '2026-01-31', dueDate: '2026-02-28' });
  });

  it('handles annual filing', () => {
    const annual = settings({ frequency: 'annually', periodStartMonth: 4, dueMonthsAfterPeriodEnd: 8, dueDay: 31 });
    expect(nextTaxPeriod('2026-11-25', annual)).toEqual({ periodStart: '2025-04-01', periodEnd: '2026-03-31', dueDate: '2026-12-31' });
  });
});
