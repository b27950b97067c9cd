import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardRow, RefreshJob } from '@hub/contracts';
import type { ApiClient } from '../../api/api-client';
import { describeError } from '../../api/api-error';

export interface DashboardData {
  rows: DashboardRow[] | null;
  loadError: string | null;
  loading: boolean;
  refreshing: ReadonlySet<string>;
  job: RefreshJob | null;
  reload: () => Promise<void>;
  refreshOne: (companyId: string) => Promise<DashboardRow>;
  refreshMany: (companyIds?: string[]) => Promise<RefreshJob>;
}

const POLL_MS = 600;
const sleep = (ms: number) => new Promise((r) => window.setTimeout(r, ms));

/** The dashboard rows and the refresh actions on them (one company synchronously, many through a polled job). */
export function useDashboard(api: ApiClient): DashboardData {
  // Rows read ahead at sign-in that have already arrived are shown by the first render, without a spinner first.
  const [arrived] = useState(() => api.readyDashboard());
  const [rows, setRows] = useState<DashboardRow[] | null>(arrived?.rows ?? null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(arrived === undefined);
  const loaded = useRef(arrived !== undefined);
  const [refreshing, setRefreshing] = useState<ReadonlySet<string>>(new Set());
  const [job, setJob] = useState<RefreshJob | null>(null);
  const mounted = useRef(true);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const d = await api.dashboard();
      if (!mounted.current) return;
      setRows(d.rows);
      setLoadError(null);
    } catch (err) {
      if (mounted.current) setLoadError(describeError(err));
    } finally {
      if (mounted.current) setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    if (loaded.current) loaded.current = false;
    else void reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);

  const mark = useCallback((ids: string[], on: boolean) => {
    setRefreshing((prev) => {
      const next = new Set(prev);
      ids.forEach((id) => (on ? next.add(id) : next.delete(id)));
      return next;
    });
  }, []);

  const refreshOne = useCallback(
    async (companyId: string) => {
      mark([companyId], true);
      try {
        const row = await api.refreshCompany(companyId);
        if (mounted.current) setRows((prev) => prev?.map((r) => (r.companyId === companyId ? row : r)) ?? prev);
        return row;
      } finally {
        if (mounted.current) mark([companyId], false);
      }
    },
    [api, mark],
  );

  const refreshMany = useCallback(
    async (companyIds?: string[]) => {
      const marked = companyIds ?? [];
      mark(marked, true);
      try {
        let current = await api.startRefreshJob(companyIds);
        setJob(current);
        while (current.state !== 'done' && mounted.current) {
          await sleep(POLL_MS);
          current = await api.refreshJob(current.id);
          if (mounted.current) setJob(current);
        }
        await reload();
        return current;
      } finally {
        if (mounted.current) {
          mark(marked, false);
          window.setTimeout(() => mounted.current && setJob(null), 4000);
        }
      }
    },
    [api, mark, reload],
  );

  return { rows, loadError, loading, refreshing, job, reload, refreshOne, refreshMany };
}

/** Re-renders every `ms` so ages ("3 hr. ago") stay true. */
export function useNow(ms = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [ms]);
  return now;
}
