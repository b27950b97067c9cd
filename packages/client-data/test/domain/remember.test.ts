import { remember } from '../../src/domain/remember';

describe('remember', () => {
  it('computes a value once per key and starts again when the cache is full', () => {
    const cache = new Map<string, number>();
    let calls = 0;
    const ask = (key: string) => remember(cache, key, 2, () => (calls += 1));
    expect([ask('a'), ask('a'), ask('b'), ask('b')]).toEqual([1, 1, 2, 2]);
    expect(calls).toBe(2);
    expect(ask('c')).toBe(3);
    expect([...cache.keys()]).toEqual(['c']);
    expect(ask('a')).toBe(4);
  });
});
