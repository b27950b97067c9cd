import { parseAmount, sumByCurrency } from '../../src/domain/money';

describe('parseAmount', () => {
  it.each([
    [1234.56, 'GBP', 123456],
    [0.1 + 0.2, 'GBP', 30],
    ['72,893.84', 'EUR', 7289384],
    [-5.005, 'GBP', -501],
    [100, 'JPY', 100],
    [1.2345, 'KWD', 1235],
    ['-0.5', 'USD', -50],
    [0, 'GBP', 0],
  ])('%p %s → %p minor units', (value, currency, minor) => {
    expect(parseAmount(value, currency)).toEqual({ currency, minor });
  });

  it.each(['abc', '', '1.2.3', 'NaN'])('refuses %p', (v) => {
    expect(() => parseAmount(v, 'GBP')).toThrow(/Not a decimal/);
  });

  it('refuses infinities', () => {
    expect(() => parseAmount(Infinity, 'GBP')).toThrow();
  });
});

describe('sumByCurrency', () => {
  it('never adds different currencies and puts the company currency first', () => {
    expect(sumByCurrency([{ currency: 'USD', minor: 1 }, { currency: 'GBP', minor: 2 }, { currency: 'USD', minor: 3 }, { currency: 'EUR', minor: 4 }], 'GBP'))
      .toEqual([{ currency: 'GBP', minor: 2 }, { currency: 'EUR', minor: 4 }, { currency: 'USD', minor: 4 }]);
  });
});
