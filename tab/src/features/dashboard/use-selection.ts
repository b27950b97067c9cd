import { useCallback, useState } from 'react';
import type { DashboardRow } from '@hub/contracts';

/** "Select" mode and the companies picked in it (to refresh them or download their reports together). */
export function useSelection(rows: readonly DashboardRow[]) {
  const [selectMode, setSelectMode] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const toggleSelect = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  /** All shown rows, or none when all of them are already selected. */
  const toggleAll = useCallback(() => {
    setSelected((prev) => (rows.length > 0 && rows.every((r) => prev.has(r.companyId)) ? new Set() : new Set(rows.map((r) => r.companyId))));
  }, [rows]);
  /** Select mode on with this company added (the row menu's "Select more clients"). */
  const selectWith = useCallback((id: string) => {
    setSelectMode(true);
    setSelected((prev) => new Set([...prev, id]));
  }, []);
  const start = useCallback(() => setSelectMode(true), []);
  const stop = useCallback(() => {
    setSelectMode(false);
    setSelected(new Set());
  }, []);

  return { selectMode, selected, toggleSelect, toggleAll, selectWith, start, stop };
}

export type Selection = ReturnType<typeof useSelection>;
