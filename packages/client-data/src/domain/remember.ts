/**
 * The value kept in `cache` under `key`, computed on first use. For pure functions asked the same few questions over
 * and over (hundreds of times in one refresh); when the cache reaches `max` entries it starts again, which keeps an
 * unexpected variety of keys from growing it without end.
 */
export function remember<V>(cache: Map<string, V>, key: string, max: number, compute: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= max) cache.clear();
    value = compute();
    cache.set(key, value);
  }
  return value;
}
