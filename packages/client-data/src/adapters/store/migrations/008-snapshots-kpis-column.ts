import type { Migration } from './migration';

export const migration: Migration = {
  id: 8,
  name: 'snapshots: KPIs in their own jsonb column, the rest as json',
  sql: `
    -- The dashboard reads only a snapshot's KPIs: they get their own small jsonb column. The whole snapshot (lists,
    -- forecast) is only ever read whole, so it is kept as json (text, checked on write), which costs the store about
    -- half as much to write as jsonb on every refresh.
    ALTER TABLE snapshots ADD COLUMN kpis jsonb;
    UPDATE snapshots SET kpis = data->'kpis';
    ALTER TABLE snapshots ALTER COLUMN data TYPE json USING data::json;
  `,
};
