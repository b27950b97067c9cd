import { viewDefinitionSchema, defaultColumns, type DashboardRow } from '@hub/contracts';
import type { z } from 'zod';
import { daysUntil } from '../../shared/format-time';
import { allColumnIds, sortValueOf, type SortColumn, type SortValue } from './columns';

export type ViewDefinition = z.output<typeof viewDefinitionSchema>;
export type RowStatus = DashboardRow['status'];

export const defaultView: ViewDefinition = {
  columns: [...defaultColumns],
  sort: { column: 'clientName', direction: 'asc' },
  search: '',
  filters: {},
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Folds case and accents so "muller" finds "Müller". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function hasOverdue(row: DashboardRow): boolean {
  return (row.kpis?.overdueSales.count ?? 0) > 0 || (row.kpis?.overduePurchases.count ?? 0) > 0;
}

/** Search, filters and sort of the dashboard, as one pure step (empty values always sort last). */
export function applyView(rows: readonly DashboardRow[], view: ViewDefinition, now: Date): DashboardRow[] {
  const needle = fold(view.search.trim());
  const { status, onlyOverdue, onlyTaxDueWithinDays } = view.filters;
  const out = rows.filter((row) => {
    if (needle && !fold(`${row.clientName} ${row.companyName}`).includes(needle)) return false;
    if (status && status.length > 0 && !status.includes(row.status)) return false;
    if (onlyOverdue && !hasOverdue(row)) return false;
    if (onlyTaxDueWithinDays !== undefined) {
      const due = row.kpis?.taxDue?.dueDate;
      if (!due || daysUntil(due, now) > onlyTaxDueWithinDays) return false;
    }
    return true;
  });
  const sort = view.sort;
  if (!sort) return out;
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = out.map((row) => ({ row, key: sortValueOf(row, sort.column) }));
  keyed.sort((a, b) => {
    if (a.key === null && b.key === null) return tieBreak(a.row, b.row);
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return sign * compareValues(a.key, b.key) || tieBreak(a.row, b.row);
  });
  return keyed.map((k) => k.row);
}

function tieBreak(a: DashboardRow, b: DashboardRow): number {
  return collator.compare(a.clientName, b.clientName) || collator.compare(a.companyName, b.companyName);
}

/** Next sort when a header is clicked: ascending, then descending, then the same column ascending again. */
export function nextSort(current: ViewDefinition['sort'], column: SortColumn): NonNullable<ViewDefinition['sort']> {
  if (current?.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: 'asc' };
}

/** Keeps the columns in the canonical order and drops unknown ones. */
export function normalizeColumns(columns: readonly string[]): ViewDefinition['columns'] {
  return allColumnIds.filter((id) => columns.includes(id));
}

export function sameView(a: ViewDefinition, b: ViewDefinition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function countActiveFilters(view: ViewDefinition): number {
  const f = view.filters;
  return (f.status && f.status.length > 0 ? 1 : 0) + (f.onlyOverdue ? 1 : 0) + (f.onlyTaxDueWithinDays !== undefined ? 1 : 0);
}
