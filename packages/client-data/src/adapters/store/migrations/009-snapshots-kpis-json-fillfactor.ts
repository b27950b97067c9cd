import type { Migration } from './migration';

export const migration: Migration = {
  id: 9,
  name: 'snapshots: KPIs as json, rows kept whole in half-full pages',
  sql: `
    -- The KPIs are only ever read whole (and ->'taxDue', which json has too): json skips jsonb's conversion on every
    -- refresh and every dashboard read. A snapshot row (about 3 KB now that the forecast is kept as weekly sums) is
    -- over the 2 KB at which PostgreSQL starts compressing or moving values out of line; a target of a whole page
    -- keeps it in place and uncompressed, which costs a refresh's write a third less. Every refresh rewrites every
    -- row: pages half full leave room for the new version beside the old (a HOT update: no index entry, the old
    -- version pruned in place), so the table does not grow between vacuums.
    ALTER TABLE snapshots ALTER COLUMN kpis TYPE json USING kpis::json;
    ALTER TABLE snapshots SET (toast_tuple_target = 8160, fillfactor = 50);
  `,
};
