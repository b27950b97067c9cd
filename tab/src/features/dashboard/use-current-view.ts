import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DashboardRow, SavedView } from '@hub/contracts';
import type { useSavedViews } from './use-saved-views';
import { applyView, defaultView, normalizeColumns, sameView, type ViewDefinition } from './view-state';

const LAST_VIEW_KEY = 'hub.lastViewId';

const definitionOf = (v: SavedView): ViewDefinition => ({ ...v.definition, columns: normalizeColumns(v.definition.columns) });

function lastUsed(views: SavedView[]): SavedView | null {
  const last = window.localStorage.getItem(LAST_VIEW_KEY);
  return views.find((x) => x.id === last) ?? null;
}

/**
 * The view on screen (columns, sort, search, filters), which saved view it started from and whether it was changed
 * since, and the rows it shows. The view used last time comes back once the saved views have arrived.
 */
export function useCurrentView(saved: ReturnType<typeof useSavedViews>, allRows: DashboardRow[] | null, now: number) {
  // Saved views already there at the first render (read ahead at sign-in) give the view used last time at once.
  const [initial] = useState(() => (saved.views.length > 0 ? lastUsed(saved.views) : null));
  const [view, setView] = useState<ViewDefinition>(() => (initial ? definitionOf(initial) : defaultView));
  const [viewId, setViewId] = useState<string | null>(initial?.id ?? null);

  const applySaved = useCallback((v: SavedView | null) => {
    setViewId(v?.id ?? null);
    setView(v ? definitionOf(v) : defaultView);
    if (v) window.localStorage.setItem(LAST_VIEW_KEY, v.id);
    else window.localStorage.removeItem(LAST_VIEW_KEY);
  }, []);

  const [restored, setRestored] = useState(() => saved.views.length > 0);
  useEffect(() => {
    if (restored || saved.views.length === 0) return;
    setRestored(true);
    const v = lastUsed(saved.views);
    if (v) applySaved(v);
  }, [saved.views, restored, applySaved]);

  const currentSaved = saved.views.find((v) => v.id === viewId) ?? null;
  const modified = currentSaved ? !sameView(view, definitionOf(currentSaved)) : !sameView(view, defaultView);
  const rows = useMemo(() => (allRows ? applyView(allRows, view, new Date(now)) : []), [allRows, view, now]);

  return { view, setView, viewId, currentSaved, modified, rows, applySaved };
}

export type CurrentView = ReturnType<typeof useCurrentView>;
