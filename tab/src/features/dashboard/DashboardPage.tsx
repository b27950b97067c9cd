import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Toast,
  ToastTitle,
  Toaster,
  makeStyles,
  tokens,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { countedRows, type DashboardRow } from '@hub/contracts';
import { useApp } from '../../app-context';
import { describeError } from '../../api/api-error';
import { openExternal } from '../../shared/open-link';
import { AppHeader } from './AppHeader';
import { DashboardGrid } from './DashboardGrid';
import { DashboardToolbar } from './DashboardToolbar';
import { EmptyState } from './EmptyState';
import { RefreshProgress } from './RefreshProgress';
import type { RowActions } from './RowMenu';
import { SelectionBar } from './SelectionBar';
import { KeepOnlyHereDialog } from './KeepOnlyHereDialog';
import type { ReportTarget } from '../reports/ReportsDialog';
import { useCurrentView } from './use-current-view';
import { useDashboard, useNow } from './use-dashboard';
import { useSavedViews } from './use-saved-views';
import { useSelection } from './use-selection';
import { nextSort } from './view-state';

const DetailsDrawer = lazy(() => import('../details/DetailsDrawer'));
const ClientsDialog = lazy(() => import('../clients/ClientsDialog'));
const ReportsDialog = lazy(() => import('../reports/ReportsDialog'));
const SettingsDialog = lazy(() => import('../settings/SettingsDialog'));

const useStyles = makeStyles({
  page: { height: '100%', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  main: { flex: '1 1 auto', minHeight: '0', display: 'flex', flexDirection: 'column' },
  bar: { margin: `0 ${tokens.spacingHorizontalL} ${tokens.spacingVerticalS}` },
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

  const [detailsId, setDetailsId] = useState<string | null>(null);
  const [clientsOpen, setClientsOpen] = useState<false | 'list' | 'new'>(false);
  const [reportsFor, setReportsFor] = useState<ReportTarget[] | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [keepHere, setKeepHere] = useState<DashboardRow | null>(null);

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

  const allRows = data.rows;
  const current = useCurrentView(saved, allRows, now);
  const { view, setView, rows } = current;
  const selection = useSelection(rows);
  const { selectWith } = selection;

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
      selectMore: (row) => selectWith(row.companyId),
      reports: (row) => setReportsFor([row]),
      keepOnlyHere: (row) => setKeepHere(row),
    }),
    [refresh, teams, selectWith],
  );

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
          <DashboardToolbar
            current={current}
            saved={saved}
            totalRows={countedRows(allRows).length}
            notify={notify}
            onSelect={selection.selectMode ? null : selection.start}
            selectDisabled={jobRunning}
          />
          {selection.selectMode && (
            <SelectionBar
              className={styles.bar}
              count={selection.selected.size}
              refreshDisabled={jobRunning}
              onRefresh={() => {
                refreshMany([...selection.selected]);
                selection.stop();
              }}
              onReports={() => setReportsFor(allRows.filter((r) => selection.selected.has(r.companyId)))}
              onCancel={selection.stop}
            />
          )}
          {job && <RefreshProgress job={job} className={styles.bar} />}
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
              selectMode={selection.selectMode}
              selected={selection.selected}
              onToggleSelect={selection.toggleSelect}
              onToggleAll={selection.toggleAll}
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
      {keepHere && (
        <KeepOnlyHereDialog
          row={keepHere}
          onClose={(note) => {
            setKeepHere(null);
            if (note) {
              notify(note, 'success');
              void data.reload();
            }
          }}
        />
      )}
    </div>
  );
}
