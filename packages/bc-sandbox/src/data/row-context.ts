/** What row builders need besides the record: ids derived from the company key, LCY, today. */
import { dateTimeOn } from '../util/dates';
import { guidFromHash, hashString } from '../util/prng';

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export interface RowContext {
  key: string;
  lcy: string;
  today: string;
  id(kind: string, natural: string): string;
  currencyId(code: string): string;
  modified(date: string, salt: string): string;
}

export function rowContext(key: string, lcy: string, today: string): RowContext {
  const base = hashString(key, 7);
  const ids = new Map<string, string>();
  const ctx: RowContext = {
    key, lcy, today,
    id: (kind, natural) => {
      const k = `${kind}|${natural}`;
      let id = ids.get(k);
      if (id === undefined) { id = guidFromHash(hashString(k, base)); ids.set(k, id); }
      return id;
    },
    currencyId: (code) => (!code || code === lcy ? EMPTY_GUID : ctx.id('currency', code)),
    modified: (date, salt) => dateTimeOn(date > today ? today : date, 28_800 + (hashString(salt) % 36_000)),
  };
  return ctx;
}
