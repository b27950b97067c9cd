import { reportCatalog, reportQuerySchema, MAX_REPORT_RANGE_DAYS, type ReportKind, type ReportQuery } from '@hub/contracts';
import { daysBetween, type IsoDate } from '../domain/dates';
import { ValidationError } from '../errors';

/** The dates a workbook covers, after defaults: `from` only for range reports, `period` only for aged ones. */
export interface ReportPeriod {
  kind: ReportKind;
  from?: IsoDate;
  to: IsoDate;
  /** Aging period length (Business Central date formula), e.g. '30D'. */
  period?: string;
}

const startOfYear = (d: IsoDate): IsoDate => `${d.slice(0, 4)}-01-01`;

/**
 * Fills in the defaults: balance sheet and aged lists as of today (30-day periods); income statement, cash flow and
 * trial balance year to date (from 1 January of the `to` year); the forecast from today. Throws ValidationError.
 */
export function resolveReportPeriod(kind: ReportKind, rawQuery: unknown, today: IsoDate): ReportPeriod {
  const parsed = reportQuerySchema.safeParse(rawQuery ?? {});
  if (!parsed.success) {
    throw new ValidationError('The report parameters are not valid.', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const q: ReportQuery = parsed.data;
  const shape = reportCatalog.find((r) => r.kind === kind)?.params ?? 'none';
  if (shape === 'none') return { kind, to: today };
  if (shape === 'asOf' || shape === 'aged') {
    const asOf = q.asOf ?? q.to ?? today;
    return shape === 'aged' ? { kind, to: asOf, period: q.period ?? '30D' } : { kind, to: asOf };
  }
  const to = q.to ?? q.asOf ?? today;
  const from = q.from ?? startOfYear(to);
  if (from > to) throw new ValidationError('The report parameters are not valid.', [{ path: 'from', message: `\`from\` (${from}) is after the end of the period (${to})` }]);
  if (daysBetween(from, to) > MAX_REPORT_RANGE_DAYS) {
    throw new ValidationError('The report parameters are not valid.', [{ path: 'from', message: 'The period may cover at most five years' }]);
  }
  return { kind, from, to };
}

/** Query-string values as an object (first value of each key); unknown keys are kept so the schema can refuse them. */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!(k in out)) out[k] = v;
  return out;
}
