import { useCallback, useEffect, useRef, useState } from 'react';
import type { SavedView } from '@hub/contracts';
import type { ApiClient } from '../../api/api-client';
import type { ViewDefinition } from './view-state';

const byName = (a: SavedView, b: SavedView) => a.name.localeCompare(b.name);

/** The user's saved views, kept on the server. */
export function useSavedViews(api: ApiClient) {
  // Views read ahead at sign-in that have already arrived are there for the first render.
  const [arrived] = useState(() => api.readyViews());
  const [views, setViews] = useState<SavedView[]>(() => (arrived ? [...arrived].sort(byName) : []));
  const [error, setError] = useState<unknown>(null);
  const loaded = useRef(arrived !== undefined);

  useEffect(() => {
    if (loaded.current) {
      loaded.current = false;
      return;
    }
    let live = true;
    api.views().then(
      (v) => live && setViews([...v].sort(byName)),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const create = useCallback(
    async (name: string, definition: ViewDefinition) => {
      const v = await api.createView({ name, definition });
      setViews((prev) => [...prev, v].sort(byName));
      return v;
    },
    [api],
  );
  const update = useCallback(
    async (id: string, name: string, definition: ViewDefinition) => {
      const v = await api.updateView(id, { name, definition });
      setViews((prev) => prev.map((p) => (p.id === id ? v : p)).sort(byName));
      return v;
    },
    [api],
  );
  const remove = useCallback(
    async (id: string) => {
      await api.deleteView(id);
      setViews((prev) => prev.filter((p) => p.id !== id));
    },
    [api],
  );
  return { views, error, create, update, remove };
}
