import { Button, SearchBox, Text, makeStyles, tokens } from '@fluentui/react-components';
import { countedRows } from '@hub/contracts';
import { ColumnChooser } from './ColumnChooser';
import { FilterPopover } from './FilterPopover';
import type { CurrentView } from './use-current-view';
import type { useSavedViews } from './use-saved-views';
import { ViewsMenu } from './ViewsMenu';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
  },
  search: { minWidth: '240px', flex: '0 1 320px' },
  spacer: { flex: '1 1 auto' },
  count: { color: tokens.colorNeutralForeground3 },
});

interface Props {
  current: CurrentView;
  saved: ReturnType<typeof useSavedViews>;
  /** Companies on the dashboard, each counted once (a company under two clients is one). */
  totalRows: number;
  notify: (message: string, intent?: 'success' | 'error' | 'info') => void;
  /** Shown until select mode is on; disabled while a refresh job runs. */
  onSelect: (() => void) | null;
  selectDisabled: boolean;
}

/** Above the grid: search, filters, columns, saved views, how many companies are shown, and "Select". */
export function DashboardToolbar({ current, saved, totalRows, notify, onSelect, selectDisabled }: Props) {
  const styles = useStyles();
  const { view, setView, viewId, currentSaved, modified, rows, applySaved } = current;
  const shown = countedRows(rows).length;
  const twice = rows.length - shown;
  return (
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
        {shown === totalRows ? `${totalRows} companies` : `${shown} of ${totalRows} companies`}
        {twice > 0 && ` · ${twice} also shown under another client, counted once`}
      </Text>
      {onSelect && (
        <Button onClick={onSelect} disabled={selectDisabled}>
          Select
        </Button>
      )}
    </div>
  );
}
