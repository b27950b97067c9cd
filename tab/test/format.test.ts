import { formatMoney, formatMoneyBag } from '../src/shared/format-money';
import { daysUntil, formatAge, formatDate } from '../src/shared/format-time';
import { linearScale } from '../src/features/details/chart-scale';
import { fieldErrorsFromDetails, emptyForm, formToInput, validateForm } from '../src/features/clients/client-form';

describe('money', () => {
  it('formats minor units in the currency and locale', () => {
    expect(formatMoney({ currency: 'EUR', minor: 123450 }, 'en-US')).toBe('€1,234.50');
    expect(formatMoney({ currency: 'JPY', minor: 1200 }, 'en-US')).toBe('¥1,200');
    expect(formatMoney({ currency: 'EUR', minor: 123450 }, 'de-DE')).toBe('1.234,50\u00a0€');
  });
  it('shows every currency of a bag on its own', () => {
    expect(formatMoneyBag([{ currency: 'GBP', minor: 100 }, { currency: 'USD', minor: 250 }], 'en-GB', 'GBP')).toEqual(['£1.00', 'US$2.50']);
    expect(formatMoneyBag([], 'en-US', 'USD')).toEqual(['$0.00']);
  });
});

describe('time', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  it('says how old figures are', () => {
    expect(formatAge('2026-05-01T09:00:00Z', now, 'en')).toBe('3 hr. ago');
    expect(formatAge('2026-05-01T11:59:30Z', now, 'en')).toBe('just now');
    expect(formatAge('2026-04-28T12:00:00Z', now, 'en')).toBe('3 days ago');
    expect(formatAge(null, now, 'en')).toBe('never');
  });
  it('formats calendar dates without time-zone shifts', () => {
    expect(formatDate('2026-05-07', 'en-US')).toBe('May 7, 2026');
  });
  it('counts days to a date', () => {
    expect(daysUntil('2026-05-07', new Date(2026, 4, 1, 23, 0))).toBe(6);
    expect(daysUntil('2026-04-30', new Date(2026, 4, 1))).toBe(-1);
  });
});

describe('chart scale', () => {
  it('includes zero and uses round ticks', () => {
    const s = linearScale([120, -30], 0, 100);
    expect(s.min).toBeLessThanOrEqual(-30);
    expect(s.max).toBeGreaterThanOrEqual(120);
    expect(s.ticks).toContain(0);
    expect(s.y(s.max)).toBe(0);
    expect(s.y(s.min)).toBe(100);
  });
});

describe('client form', () => {
  it('checks required fields and numbers before sending', () => {
    const errors = validateForm({ ...emptyForm(), email: 'nope', dueDay: '40' });
    expect(errors.name).toBe('Name is required');
    expect(errors.clientUrl).toBe('Client URL is required');
    expect(errors.email).toBe('Not a valid email address');
    expect(errors['tax.dueDay']).toBe('Enter a day from 1 to 31.');
  });
  it('accepts a complete form', () => {
    const v = { ...emptyForm(), name: 'Contoso', clientUrl: 'https://businesscentral.dynamics.com/t/Production' };
    expect(validateForm(v)).toEqual({});
    expect(formToInput(v).tax).toEqual({ regime: 'vat', frequency: 'quarterly', periodStartMonth: 1, dueMonthsAfterPeriodEnd: 1, dueDay: 7 });
  });
  it('maps server details onto fields', () => {
    expect(fieldErrorsFromDetails([{ path: 'clientUrl', message: 'bad' }, { path: 'x', message: 'y' }])).toEqual({ fields: { clientUrl: 'bad' }, other: ['x: y'] });
  });
});
