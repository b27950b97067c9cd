import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  SearchBox,
  Spinner,
  Text,
  Toast,
  ToastTitle,
  Toaster,
  makeStyles,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import type { DashboardRow, SavedView } from '@hub/contracts';
import { useApp } from '../../app-context';
import { describeError } from '../../api/api-error';
import { openExternal } from '../../shared/open-link';
import { AppHeader } from './AppHeader';
import { ColumnChooser } from './ColumnChooser';
import { DashboardGrid } from './DashboardGrid';
import { EmptyState } from './EmptyState';
import { FilterPopover } from './FilterPopover';
import type { RowActions } from './RowMenu';
import type { ReportTarget } from '../reports/ReportsDialog';
import { useDashboard, useNow } from './use-dashboard';
import { useSavedViews } from './use-saved-views';
import { applyView, defaultView, nextSort, normalizeColumns, sameView, type ViewDefinition } from './view-state';
import { ViewsMenu } from './ViewsMenu';

const DetailsDrawer = lazy(() => import('../details/DetailsDrawer'));
const ClientsDialog = lazy(() => import('../clients/ClientsDialog'));
const ReportsDialog = lazy(() => import('../reports/ReportsDialog'));
const SettingsDialog = lazy(() => import('../settings/SettingsDialog'));

const LAST_VIEW_KEY = 'hub.lastViewId';

const useStyles = makeStyles({
  page: { height: '100%', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
  },
  search: { minWidth: '240px', flex: '0 1 320px' },
  spacer: { flex: '1 1 auto' },
  main: { flex: '1 1 auto', minHeight: '0', display: 'flex', flexDirection: 'column' },
  bar: { margin: `0 ${tokens.spacingHorizontalL} ${tokens.spacingVerticalS}` },
  count: { color: tokens.colorNeutralForeground3 },
  center: { flex: '1 1 auto', display: 'flex', alignItems: 'center', justifyContent: 'center' },
});

export function DashboardPage() {
  const { api, teams, locale } = useApp();
  const styles = useStyles();
  const now = useNow();
  const data = useDashboard(api);
  const saved = useSavedViews(api);
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);

  const [view, setView] = useState<ViewDefinition>(defaultView);
  const [viewId, setViewId] = useState<string | null>(null);
  const [selectMode, setSelectMode] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [detailsId, setDetailsId] = useState<string | null>(null);
  const [clientsOpen, setClientsOpen] = useState<false | 'list' | 'new'>(false);
  const [reportsFor, setReportsFor] = useState<ReportTarget[] | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const notify = useCallback(
    (message: string, intent: 'success' | 'error' | 'info' = 'info') =>
      dispatchToast(
        <Toast>
          <ToastTitle>{message}</ToastTitle>
        </Toast>,
        { intent, timeout: intent === 'error' ? 8000 : 4000 },
      ),
    [dispatchToast],
  );

  const applySaved = useCallback((v: SavedView | null) => {
    setViewId(v?.id ?? null);
    setView(v ? { ...v.definition, columns: normalizeColumns(v.definition.columns) } : defaultView);
    if (v) window.localStorage.setItem(LAST_VIEW_KEY, v.id);
    else window.localStorage.removeItem(LAST_VIEW_KEY);
  }, []);

  // Come back to the view used last time, once the saved views have arrived.
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

  const allRows = data.rows;
  const rows = useMemo(() => (allRows ? applyView(allRows, view, new Date(now)) : []), [allRows, view, now]);

  const refresh = useCallback(
    (row: DashboardRow) => {
      data.refreshOne(row.companyId).then(
        (fresh) => {
          if (fresh.status === 'error' && fresh.error) notify(`${fresh.companyName}: ${fresh.error.message}`, 'error');
          else notify(`${fresh.companyName} refreshed`, 'success');
        },
        (err: unknown) => notify(`${row.companyName}: ${describeError(err)}`, 'error'),
      );
    },
    [data, notify],
  );

  const refreshMany = useCallback(
    (ids?: string[]) => {
      data.refreshMany(ids).then(
        (job) => notify(`Refreshed ${job.done} of ${job.total}${job.failed ? `, ${job.failed} failed` : ''}`, job.failed ? 'error' : 'success'),
        (err: unknown) => notify(describeError(err), 'error'),
      );
    },
    [data, notify],
  );

  const actions: RowActions = useMemo(
    () => ({
      openDetails: (row) => setDetailsId(row.companyId),
      refresh,
      openBusinessCentral: (row) => void openExternal(row.bcUrl, teams),
      selectMore: (row) => {
        setSelectMode(true);
        setSelected((prev) => new Set([...prev, row.companyId]));
      },
      reports: (row) => setReportsFor([row]),
    }),
    [refresh, teams],
  );

  const toggleSelect = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const toggleAll = useCallback(() => {
    setSelected((prev) => (rows.length > 0 && rows.every((r) => prev.has(r.companyId)) ? new Set() : new Set(rows.map((r) => r.companyId))));
  }, [rows]);

  const job = data.job;
  const jobRunning = job !== null && job.state === 'running';
  const hasRows = allRows !== null && allRows.length > 0;
  const details = (detailsId && allRows?.find((r) => r.companyId === detailsId)) || null;

  return (
    <div className={styles.page}>
      <Toaster toasterId={toasterId} position="bottom-end" />
      <AppHeader
        onRefreshAll={() => refreshMany()}
        refreshAllDisabled={jobRunning || !hasRows}
        onManageClients={() => setClientsOpen('list')}
        onSettings={() => setSettingsOpen(true)}
      />
      <main className={styles.main} aria-label="Client dashboard">
      {allRows === null && data.loading && (
        <div className={styles.center}>
          <Spinner label="Loading your clients…" />
        </div>
      )}
      {allRows === null && !data.loading && data.loadError && (
        <MessageBar intent="error" className={styles.bar}>
          <MessageBarBody>The dashboard could not be loaded. {data.loadError}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void data.reload()}>Try again</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {allRows !== null && allRows.length === 0 && <EmptyState onAdd={() => setClientsOpen('new')} />}
      {hasRows && (
        <>
          <div className={styles.toolbar} role="toolbar" aria-label="Dashboard view">
            <SearchBox
              className={styles.search}
              placeholder="Search clients and companies"
              aria-label="Search clients and companies"
              value={view.search}
              onChange={(_, d) => setView((v) => ({ ...v, search: d.value }))}
            />
            <FilterPopover view={view} onChange={(filters) => setView((v) => ({ ...v, filters }))} />
            <ColumnChooser columns={view.columns} onChange={(columns) => setView((v) => ({ ...v, columns }))} />
            <ViewsMenu
              views={saved.views}
              currentId={viewId}
              modified={modified}
              onApply={applySaved}
              onSaveAs={async (name) => {
                const v = await saved.create(name, view);
                applySaved(v);
                notify(`View “${v.name}” saved`, 'success');
              }}
              onUpdate={async () => {
                if (!currentSaved) return;
                await saved.update(currentSaved.id, currentSaved.name, view);
                notify(`View “${currentSaved.name}” updated`, 'success');
              }}
              onDelete={async () => {
                if (!currentSaved) return;
                await saved.remove(currentSaved.id);
                applySaved(null);
                notify(`View “${currentSaved.name}” deleted`, 'success');
              }}
              onError={(m) => notify(m, 'error')}
            />
            <span className={styles.spacer} />
            <Text className={styles.count} role="status" aria-live="polite">
              {rows.length === allRows.length ? `${allRows.length} companies` : `${rows.length} of ${allRows.length} companies`}
            </Text>
            {!selectMode && (
              <Button onClick={() => setSelectMode(true)} disabled={jobRunning}>
                Select
              </Button>
            )}
          </div>
          {selectMode && (
            <MessageBar intent="info" className={styles.bar} layout="singleline">
              <MessageBarBody>{selected.size} selected</MessageBarBody>
              <MessageBarActions>
                <Button
                  appearance="primary"
                  disabled={selected.size === 0 || jobRunning}
                  onClick={() => {
                    refreshMany([...selected]);
                    setSelectMode(false);
                    setSelected(new Set());
                  }}
                >
                  Refresh selected
                </Button>
                <Button
                  icon={<ArrowDownloadRegular />}
                  disabled={selected.size === 0}
                  onClick={() => setReportsFor((allRows ?? []).filter((r) => selected.has(r.companyId)))}
                >
                  Download reports
                </Button>
                <Button
                  onClick={() => {
                    setSelectMode(false);
                    setSelected(new Set());
                  }}
                >
                  Cancel
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {job && (
            <div className={styles.bar} role="status" aria-live="polite">
              <ProgressBar value={job.total ? job.done / job.total : 0} thickness="large" aria-label="Refresh progress" />
              <Text size={200}>
                {job.state === 'running' ? `Refreshing ${job.done} of ${job.total}…` : `Refreshed ${job.done} of ${job.total}`}
                {job.failed ? ` (${job.failed} failed)` : ''}
              </Text>
            </div>
          )}
          {data.loadError && (
            <MessageBar intent="warning" className={styles.bar}>
              <MessageBarBody>Showing the figures loaded earlier: {data.loadError}</MessageBarBody>
            </MessageBar>
          )}
          {rows.length === 0 ? (
            <div className={styles.center}>
              <MessageBar intent="info">
                <MessageBarBody>No company matches this search and these filters.</MessageBarBody>
                <MessageBarActions>
                  <Button onClick={() => setView((v) => ({ ...v, search: '', filters: {} }))}>Clear search and filters</Button>
                </MessageBarActions>
              </MessageBar>
            </div>
          ) : (
            <DashboardGrid
              rows={rows}
              columns={view.columns}
              sort={view.sort}
              onSort={(c) => setView((v) => ({ ...v, sort: nextSort(v.sort, c) }))}
              selectMode={selectMode}
              selected={selected}
              onToggleSelect={toggleSelect}
              onToggleAll={toggleAll}
              refreshing={data.refreshing}
              locale={locale}
              now={now}
              actions={actions}
            />
          )}
        </>
      )}
      </main>
      <Suspense fallback={null}>
        {details && (
          <DetailsDrawer
            row={details}
            onClose={() => setDetailsId(null)}
            onRefresh={() => refresh(details)}
            refreshing={data.refreshing.has(details.companyId)}
          />
        )}
        {clientsOpen && (
          <ClientsDialog
            startWith={clientsOpen}
            onClose={(changed) => {
              setClientsOpen(false);
              if (changed) void data.reload();
            }}
          />
        )}
        {reportsFor && <ReportsDialog companies={reportsFor} onClose={() => setReportsFor(null)} />}
        {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      </Suspense>
    </div>
  );
}
