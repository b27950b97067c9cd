import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Checkbox, Link, Tooltip, mergeClasses } from '@fluentui/react-components';
import { ArrowSortDownRegular, ArrowSortUpRegular, ErrorCircleRegular } from '@fluentui/react-icons';
import type { ColumnId, DashboardRow } from '@hub/contracts';
import { columnMeta, NAME_MIN_WIDTH, sortLabel, type SortColumn } from './columns';
import { DashboardCell } from './DashboardCell';
import { SameCompanyMark } from './SameCompanyMark';
import { RowMenu, type RowActions } from './RowMenu';
import type { ViewDefinition } from './view-state';
import { HEADER_HEIGHT, ROW_HEIGHT, useGridStyles } from './DashboardGrid.styles';
import { nextCell, type Pos } from './grid-navigation';

const PAGE_ROWS = 10;



export interface GridProps {
  rows: DashboardRow[];
  columns: ColumnId[];
  sort: ViewDefinition['sort'];
  onSort: (column: SortColumn) => void;
  selectMode: boolean;
  selected: ReadonlySet<string>;
  onToggleSelect: (companyId: string) => void;
  onToggleAll: () => void;
  refreshing: ReadonlySet<string>;
  locale: string;
  now: number;
  actions: RowActions;
}

type CellKind = 'select' | 'clientName' | 'companyName' | ColumnId | 'actions';

/** Cells that hold one widget get focus on that widget (ARIA grid pattern); the others on the cell itself. */
const widgetCells = new Set<CellKind>(['select', 'companyName', 'actions']);

/**
 * The dashboard as an ARIA grid: sticky sortable header, virtualised rows (only the visible ones are in the DOM),
 * roving focus with arrow keys, Home/End, Page Up/Down, Ctrl+Home/End; Enter opens the company's details.
 */
export function DashboardGrid(props: GridProps) {
  const { rows, columns, sort, onSort, selectMode, selected, onToggleSelect, onToggleAll, refreshing, locale, now, actions } = props;
  const styles = useGridStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Pos>({ row: 0, col: selectMode ? 1 : 0 });
  const focusPending = useRef(false);

  const kinds = useMemo<CellKind[]>(
    () => [...(selectMode ? (['select'] as const) : []), 'clientName', 'companyName', ...columns, 'actions'],
    [selectMode, columns],
  );
  // Every row gets the same tracks and the same width (at least the sum of the minimum track widths), so columns
  // line up whatever a row holds; the name columns share what is left over.
  const { template, minWidth } = useMemo(() => {
    const tracks = kinds.map((k): [string, number] => {
      if (k === 'select') return ['44px', 44];
      if (k === 'clientName' || k === 'companyName') return [`minmax(${NAME_MIN_WIDTH}px, 1fr)`, NAME_MIN_WIDTH];
      if (k === 'actions') return ['52px', 52];
      const width = columnMeta[k].width;
      return [width, Number.parseInt(width, 10)];
    });
    return { template: tracks.map(([t]) => t).join(' '), minWidth: tracks.reduce((sum, [, w]) => sum + w, 0) };
  }, [kinds]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  // Keep the active cell inside the grid when rows or columns change.
  const row = Math.min(active.row, rows.length - 1);
  const col = Math.min(active.col, kinds.length - 1);
  const current: Pos = { row: rows.length === 0 ? -1 : row, col };

  const cellId = (p: Pos) => `cell-${p.row}-${p.col}`;

  const moveTo = useCallback(
    (p: Pos) => {
      setActive(p);
      focusPending.current = true;
      if (p.row >= 0) virtualizer.scrollToIndex(p.row, { align: 'auto' });
    },
    [virtualizer],
  );

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    const cell = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${cellId(current)}"]`);
    if (!cell) return;
    const widget = cell.querySelector<HTMLElement>('[data-widget]');
    (widget ?? cell).focus({ preventScroll: false });
    focusPending.current = false;
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in a menu that React renders in a portal also bubble here: only handle keys from inside the grid.
    if (!scrollRef.current?.contains(e.target as Node)) return;
    const lastRow = rows.length - 1;
    const lastCol = kinds.length - 1;
    if (e.key === 'Enter') {
      const r = rows[current.row];
      const kind = kinds[current.col];
      if (r && kind && !widgetCells.has(kind)) {
        e.preventDefault();
        actions.openDetails(r);
      }
      return;
    }
    if (e.key === ' ') {
      const r = rows[current.row];
      if (r && selectMode && kinds[current.col] !== 'actions' && kinds[current.col] !== 'select') {
        e.preventDefault();
        onToggleSelect(r.companyId);
      }
      return;
    }
    const next = nextCell(e.key, e.ctrlKey, current, { lastRow, lastCol, pageRows: PAGE_ROWS });
    if (!next) return;
    e.preventDefault();
    moveTo(next);
  };

  const isActive = (p: Pos) => p.row === current.row && p.col === current.col;
  const tabFor = (p: Pos, kind: CellKind) => ({
    cell: widgetCells.has(kind) || (p.row < 0 && kind !== 'actions') ? -1 : isActive(p) ? 0 : -1,
    widget: isActive(p) ? 0 : -1,
  });

  const headerCell = (kind: CellKind, c: number) => {
    const p = { row: -1, col: c };
    const t = tabFor(p, kind);
    const numeric = kind !== 'select' && kind !== 'actions' && kind !== 'clientName' && kind !== 'companyName' && columnMeta[kind].numeric;
    const common = {
      key: kind,
      'data-cell': cellId(p),
      'aria-colindex': c + 1,
      className: mergeClasses(styles.cell, numeric && styles.numeric, kind === 'actions' && styles.stickyEnd),
      onFocus: () => setActive(p),
    };
    if (kind === 'select') {
      const all = rows.length > 0 && rows.every((r) => selected.has(r.companyId));
      const some = rows.some((r) => selected.has(r.companyId));
      return (
        <div role="columnheader" {...common} tabIndex={-1}>
          <Checkbox
            data-widget
            tabIndex={t.widget}
            aria-label="Select all shown companies"
            checked={all ? true : some ? 'mixed' : false}
            onChange={onToggleAll}
          />
        </div>
      );
    }
    if (kind === 'actions') {
      return (
        <div role="columnheader" {...common} tabIndex={t.widget}>
          <span className={styles.srOnly}>Actions</span>
        </div>
      );
    }
    const label = sortLabel(kind);
    const sorted = sort?.column === kind ? sort.direction : null;
    return (
      <div role="columnheader" {...common} tabIndex={-1} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
        <button type="button" data-widget tabIndex={t.widget} className={styles.sortButton} onClick={() => onSort(kind)} title={`Sort by ${label}`}>
          {label}
          {sorted === 'asc' && <ArrowSortUpRegular aria-hidden />}
          {sorted === 'desc' && <ArrowSortDownRegular aria-hidden />}
        </button>
      </div>
    );
  };

  const dataCell = (r: DashboardRow, rowIndex: number, kind: CellKind, c: number) => {
    const p = { row: rowIndex, col: c };
    const t = tabFor(p, kind);
    const numeric = kind !== 'select' && kind !== 'actions' && kind !== 'clientName' && kind !== 'companyName' && columnMeta[kind].numeric;
    const common = {
      key: kind,
      role: 'gridcell',
      'data-cell': cellId(p),
      'aria-colindex': c + 1,
      tabIndex: t.cell,
      className: mergeClasses(styles.cell, numeric && styles.numeric, kind === 'actions' && styles.stickyEnd),
      onFocus: () => setActive(p),
    };
    switch (kind) {
      case 'select':
        return (
          <div {...common}>
            <Checkbox
              data-widget
              tabIndex={t.widget}
              aria-label={`Select ${r.clientName}, ${r.companyName}`}
              checked={selected.has(r.companyId)}
              onChange={() => onToggleSelect(r.companyId)}
            />
          </div>
        );
      case 'clientName':
        // In a span: text directly inside the flex cell would be clipped without an ellipsis.
        return (
          <div {...common}>
            <span className={styles.ellipsis} title={r.clientName}>
              {r.clientName}
            </span>
          </div>
        );
      case 'companyName':
        return (
          <div {...common}>
            {r.status === 'error' && r.error && (
              <Tooltip content={`Last refresh failed: ${r.error.message}`} relationship="description">
                <ErrorCircleRegular className={styles.errorIcon} aria-label="Last refresh failed" role="img" />
              </Tooltip>
            )}
            <Link as="button" data-widget tabIndex={t.widget} className={styles.ellipsis} onClick={() => actions.openDetails(r)} title={`Open details of ${r.companyName}`}>
              {r.companyName}
            </Link>
            <SameCompanyMark row={r} />
          </div>
        );
      case 'actions':
        return (
          <div {...common}>
            <RowMenu row={r} tabIndex={t.widget} actions={actions} busy={refreshing.has(r.companyId)} />
          </div>
        );
      default:
        return (
          <div {...common}>
            <DashboardCell row={r} column={kind} locale={locale} now={now} refreshing={refreshing.has(r.companyId)} />
          </div>
        );
    }
  };

  const items = virtualizer.getVirtualItems();
  const activeRendered = current.row < 0 || items.some((i) => i.index === current.row);
  return (
    <div
      ref={scrollRef}
      tabIndex={activeRendered ? -1 : 0}
      onFocus={(e) => {
        if (e.target === scrollRef.current) moveTo(current);
      }}
      className={styles.scroller}
      role="grid"
      aria-label="Client companies"
      aria-rowcount={rows.length + 1}
      aria-colcount={kinds.length}
      aria-multiselectable={selectMode || undefined}
      onKeyDown={onKeyDown}
      data-testid="dashboard-grid"
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={mergeClasses(styles.row, styles.header)} style={{ gridTemplateColumns: template, minWidth }}>
          {kinds.map((k, c) => headerCell(k, c))}
        </div>
      </div>
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: '100%', width: 'max-content' }}>
        {items.map((item) => {
          const r = rows[item.index];
          if (!r) return null;
          const isSelected = selected.has(r.companyId);
          return (
            <div
              key={r.companyId}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selectMode ? isSelected : undefined}
              data-company-id={r.companyId}
              className={mergeClasses(styles.row, styles.dataRow, isSelected && styles.selectedRow)}
              style={{ gridTemplateColumns: template, minWidth, transform: `translateY(${item.start - HEADER_HEIGHT}px)` }}
            >
              {kinds.map((k, c) => dataCell(r, item.index, k, c))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
