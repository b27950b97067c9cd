import { z } from 'zod';

/** Excel workbooks the hub builds per company (issue 8); the kind is the last path segment before `.xlsx`. */
export const reportKinds = [
  'trial-balance', 'balance-sheet', 'income-statement', 'cash-flow', 'aged-receivables', 'aged-payables', 'cash-forecast',
] as const;
export const reportKindSchema = z.enum(reportKinds);
export type ReportKind = z.infer<typeof reportKindSchema>;

/** Which query parameters a report reads: a date range, one as-of date (+ aging period), or none. */
export type ReportParamsShape = 'range' | 'asOf' | 'aged' | 'none';

export const reportInfoSchema = z.object({
  kind: reportKindSchema,
  label: z.string(),
  description: z.string(),
  params: z.enum(['range', 'asOf', 'aged', 'none']),
  /** How the server fills in missing parameters, for the form's placeholder text. */
  defaults: z.string(),
});
export type ReportInfo = z.infer<typeof reportInfoSchema>;
export const reportListSchema = z.object({ reports: z.array(reportInfoSchema) });
export type ReportList = z.infer<typeof reportListSchema>;

export const reportCatalog: readonly ReportInfo[] = [
  { kind: 'balance-sheet', label: 'Balance sheet', description: 'Assets, liabilities and equity as of a date.', params: 'asOf', defaults: 'as of today' },
  { kind: 'income-statement', label: 'Income statement', description: 'Profit and loss for a period.', params: 'range', defaults: 'year to date' },
  { kind: 'cash-flow', label: 'Cash flow statement', description: 'Operating, investing and financing cash flows for a period.', params: 'range', defaults: 'year to date' },
  { kind: 'trial-balance', label: 'Trial balance', description: 'Debits and credits per G/L account: net change for the period and balance at its end.', params: 'range', defaults: 'year to date' },
  { kind: 'aged-receivables', label: 'Aged receivables', description: 'What customers owe, by age of the due date.', params: 'aged', defaults: 'as of today, 30-day periods' },
  { kind: 'aged-payables', label: 'Aged payables', description: 'What the company owes vendors, by age of the due date.', params: 'aged', defaults: 'as of today, 30-day periods' },
  { kind: 'cash-forecast', label: '13-week cash forecast', description: 'Cash on hand plus open receivables minus open payables, week by week.', params: 'none', defaults: 'from this week' },
];

/** 'YYYY-MM-DD' that is a real calendar date between 1990 and 2100. */
export const reportDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use an ISO date, YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'Not a calendar date')
  .refine((d) => d >= '1990-01-01' && d <= '2100-12-31', 'The date must be between 1990 and 2100');

/** Aging period length as Business Central's date formula: 30D, 4W, 1M, 1Q (1 to 365 units). */
export const agingPeriodSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?:[1-9]\d{0,2})[DWMQ]$/, 'Use a period such as 30D, 4W, 1M or 1Q')
  .refine((p) => Number(p.slice(0, -1)) <= 365, 'The period is too long');

/** The longest range a report covers. */
export const MAX_REPORT_RANGE_DAYS = 366 * 5;

/** Query of `GET /api/v1/companies/:id/reports/:kind.xlsx`; every field optional (the server applies the defaults). */
export const reportQuerySchema = z
  .object({
    asOf: reportDateSchema.optional(),
    from: reportDateSchema.optional(),
    to: reportDateSchema.optional(),
    period: agingPeriodSchema.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] })
  .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= MAX_REPORT_RANGE_DAYS, {
    message: 'The period may cover at most five years', path: ['to'],
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** Body of `POST /api/v1/reports/zip`: several companies' workbooks in one zip, streamed. */
export const reportZipRequestSchema = z.object({
  companyIds: z.array(z.uuid()).min(1).max(200).transform((ids) => [...new Set(ids)]),
  kinds: z.array(reportKindSchema).min(1).max(reportKinds.length).transform((ks) => [...new Set(ks)]),
  asOf: reportDateSchema.optional(),
  from: reportDateSchema.optional(),
  to: reportDateSchema.optional(),
  period: agingPeriodSchema.optional(),
}).strict();
export type ReportZipRequest = z.input<typeof reportZipRequestSchema>;

/** Body of `POST /api/v1/reports/links`: one company and one report → that workbook; anything more → one zip. */
export const reportLinkRequestSchema = reportZipRequestSchema;
export type ReportLinkRequest = z.input<typeof reportLinkRequestSchema>;
/** The request once checked (ids and kinds without repeats). */
export type ReportDownloadRequest = z.output<typeof reportLinkRequestSchema>;

const seg = (id: string) => (id.startsWith(':') ? id : encodeURIComponent(id));

/** Paths of the reports API (the tab and the bot build links with these). */
export const reportRoutes = {
  list: '/api/v1/reports',
  zip: '/api/v1/reports/zip',
  workbook: (companyId: string, kind: ReportKind) => `/api/v1/companies/${seg(companyId)}/reports/${kind}.xlsx`,
  /** The pattern the server registers; `:file` is `<kind>.xlsx`. */
  workbookPattern: '/api/v1/companies/:id/reports/:file',
  /** POST (signed in): a short-lived download link for a workbook or a zip. */
  links: '/api/v1/reports/links',
  /** GET `?token=…` (no sign-in: the token is the proof): the file itself, once. */
  download: '/api/v1/reports/download',
} as const;

/**
 * A signed download link: the browser (or Teams, which may block downloads inside the tab's frame) opens it and its
 * own download manager saves the file. It works once, for a minute, without a bearer token.
 */
export const reportLinkSchema = z.object({
  url: z.string().startsWith(`${reportRoutes.download}?token=`),
  expiresAt: z.iso.datetime(),
});
export type ReportLink = z.infer<typeof reportLinkSchema>;

/** A download link for one workbook, with only the parameters given. */
export function reportUrl(companyId: string, kind: ReportKind, query: ReportQuery = {}): string {
  const params = new URLSearchParams();
  for (const key of ['asOf', 'from', 'to', 'period'] as const) {
    const v = query[key];
    if (v) params.set(key, v);
  }
  const qs = params.toString();
  return `${reportRoutes.workbook(companyId, kind)}${qs ? `?${qs}` : ''}`;
}
