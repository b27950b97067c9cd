import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DashboardRow, SavedView } from '@hub/contracts';
import type { useSavedViews } from './use-saved-views';
import { applyView, defaultView, normalizeColumns, sameView, type ViewDefinition } from './view-state';

const LAST_VIEW_KEY = 'hub.lastViewId';

/**
 * The view on screen (columns, sort, search, filters), which saved view it started from and whether it was changed
 * since, and the rows it shows. The view used last time comes back once the saved views have arrived.
 */
export function useCurrentView(saved: ReturnType<typeof useSavedViews>, allRows: DashboardRow[] | null, now: number) {
  const [view, setView] = useState<ViewDefinition>(defaultView);
  const [viewId, setViewId] = useState<string | null>(null);

  const applySaved = useCallback((v: SavedView | null) => {
    setViewId(v?.id ?? null);
    setView(v ? { ...v.definition, columns: normalizeColumns(v.definition.columns) } : defaultView);
    if (v) window.localStorage.setItem(LAST_VIEW_KEY, v.id);
    else window.localStorage.removeItem(LAST_VIEW_KEY);
  }, []);

  const [restored, setRestored] = useState(false);
  useEffect(() => {
    if (restored || saved.views.length === 0) return;
    setRestored(true);
    const last = window.localStorage.getItem(LAST_VIEW_KEY);
    const v = saved.views.find((x) => x.id === last);
    if (v) applySaved(v);
  }, [saved.views, restored, applySaved]);

  const currentSaved = saved.views.find((v) => v.id === viewId) ?? null;
  const modified = currentSaved ? !sameView(view, { ...currentSaved.definition, columns: normalizeColumns(currentSaved.definition.columns) }) : !sameView(view, defaultView);
  const rows = useMemo(() => (allRows ? applyView(allRows, view, new Date(now)) : []), [allRows, view, now]);

  return { view, setView, viewId, currentSaved, modified, rows, applySaved };
}

export type CurrentView = ReturnType<typeof useCurrentView>;
