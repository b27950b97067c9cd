import { agingPeriodSchema, reportQuerySchema, type ReportInfo, type ReportKind, type ReportQuery } from '@hub/contracts';

/** The period fields as typed (empty = the server's default). */
export interface PeriodValues {
  asOf: string;
  from: string;
  to: string;
  period: string;
}
export type PeriodField = keyof PeriodValues;
export type PeriodErrors = Partial<Record<PeriodField | 'kinds', string>>;

export const emptyPeriod: PeriodValues = { asOf: '', from: '', to: '', period: '' };

/** Which period fields the chosen reports read. */
export function fieldsFor(kinds: ReadonlySet<ReportKind>, catalog: readonly ReportInfo[]): Set<PeriodField> {
  const out = new Set<PeriodField>();
  for (const r of catalog) {
    if (!kinds.has(r.kind)) continue;
    if (r.params === 'range') {
      out.add('from');
      out.add('to');
    }
    if (r.params === 'asOf' || r.params === 'aged') out.add('asOf');
    if (r.params === 'aged') out.add('period');
  }
  return out;
}

/** The catalog's default for a field, in words, from the reports that use it. */
export function defaultHint(field: PeriodField, kinds: ReadonlySet<ReportKind>, catalog: readonly ReportInfo[]): string {
  const uses = catalog.filter((r) => kinds.has(r.kind) && fieldsFor(new Set([r.kind]), catalog).has(field));
  const words = [...new Set(uses.map((r) => r.defaults))];
  return words.length ? `Leave empty for the default: ${words.join('; ')}` : '';
}

const friendly: Record<string, string> = {
  '`from` must not be after `to`': 'The start must not be after the end.',
  'Use an ISO date, YYYY-MM-DD': 'Enter a date.',
};

/** Checks the fields the chosen reports need (the contracts' rules); returns the query or the problems per field. */
export function validatePeriod(values: PeriodValues, kinds: ReadonlySet<ReportKind>, catalog: readonly ReportInfo[]): { query: ReportQuery } | { errors: PeriodErrors } {
  const errors: PeriodErrors = {};
  if (kinds.size === 0) errors.kinds = 'Choose at least one report.';
  const needed = fieldsFor(kinds, catalog);
  const query: ReportQuery = {};
  for (const f of ['asOf', 'from', 'to'] as const) {
    const v = values[f].trim();
    if (needed.has(f) && v) query[f] = v;
  }
  if (needed.has('period') && values.period.trim()) {
    const p = agingPeriodSchema.safeParse(values.period);
    if (p.success) query.period = p.data;
    else errors.period = p.error.issues[0]?.message ?? 'Not a period';
  }
  const q = reportQuerySchema.safeParse(query);
  if (!q.success) {
    for (const issue of q.error.issues) {
      const key = String(issue.path[0] ?? 'from') as PeriodField;
      if (!errors[key]) errors[key] = friendly[issue.message] ?? issue.message;
    }
  }
  return Object.keys(errors).length ? { errors } : { query };
}

/** The API's error codes for Business Central failures, as a title for people. */
export function downloadErrorTitle(code: string): string {
  switch (code) {
    case 'business_central_throttled':
      return 'Business Central is busy (too many requests). Try again in a minute.';
    case 'business_central_auth':
      return 'Sign-in needed: Business Central refused the hub\u2019s access.';
    case 'business_central_network':
      return 'Business Central could not be reached.';
    case 'business_central_not_found':
      return 'Business Central no longer has this company.';
    case 'business_central_unavailable':
      return 'This report needs data the client\u2019s Business Central does not give the hub.';
    case 'invalid_request':
      return 'The report settings are not valid.';
    case 'network':
      return 'The hub server cannot be reached.';
    default:
      return 'The report could not be made.';
  }
}
