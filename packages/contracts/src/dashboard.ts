import { z } from 'zod';
import { moneySchema } from './money';
import { refreshErrorKindSchema } from './errors';
import { sameCompanyMarkSchema } from './same-company';

/** Several currencies never get added together: a bag holds one amount per currency, company currency first. */
export const moneyBagSchema = z.array(moneySchema);

export const invoiceKpiSchema = z.object({
  count: z.number().int(),
  amounts: moneyBagSchema,
  /** Days the oldest one is overdue (0 when none). */
  oldestDays: z.number().int(),
});

/** The KPIs by name, as `Kpis.unavailable` names them. */
export const kpiNameSchema = z.enum(['cash', 'overdueSales', 'overduePurchases', 'openSalesDocuments', 'purchasesDueNextWeek', 'taxDue']);
export type KpiName = z.infer<typeof kpiNameSchema>;

export const kpisSchema = z.object({
  /** Sum of the G/L cash accounts, in the company's local currency. */
  cash: moneySchema,
  overdueSales: invoiceKpiSchema,
  overduePurchases: invoiceKpiSchema,
  openSalesDocuments: z.object({ count: z.number().int(), quotes: z.number().int(), orders: z.number().int(), draftInvoices: z.number().int() }),
  /** Open purchase invoices due today through today + 7 (both included). */
  purchasesDueNextWeek: z.object({ count: z.number().int(), amounts: moneyBagSchema }),
  /** Estimate for the open tax period: output tax minus input tax on posted documents; null when the client files none. */
  taxDue: z
    .object({
      amount: moneySchema,
      dueDate: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      estimate: z.literal(true),
      /** Documents in another currency are left out of the estimate rather than converted at a guessed rate. */
      foreignDocumentsExcluded: z.number().int(),
    })
    .nullable(),
  /**
   * KPIs Business Central gave the hub no data for (an entity missing in its version, or not permitted), with the
   * reason. Their figures above are empty placeholders, never to be shown or added as zero.
   */
  unavailable: z.partialRecord(kpiNameSchema, z.string()).optional(),
});
export type Kpis = z.infer<typeof kpisSchema>;

export const rowStatusSchema = z.enum(['ok', 'error', 'never']);

/** One dashboard row: one company of one client, with its latest snapshot. */
export const dashboardRowSchema = z.object({
  companyId: z.uuid(),
  clientId: z.uuid(),
  clientName: z.string(),
  companyName: z.string(),
  currency: z.string().nullable(),
  kpis: kpisSchema.nullable(),
  /** When the figures shown were read from Business Central (null: never). */
  refreshedAt: z.string().nullable(),
  status: rowStatusSchema,
  /** The last refresh failed: the row keeps its last good figures and says why. */
  error: z.object({ kind: refreshErrorKindSchema, message: z.string(), at: z.string() }).nullable(),
  bcUrl: z.string(),
  /** The same Business Central company is also on the dashboard under another client: totals count one of the rows. */
  sameCompany: sameCompanyMarkSchema.nullable().optional(),
});
export type DashboardRow = z.infer<typeof dashboardRowSchema>;
export const dashboardSchema = z.object({ rows: z.array(dashboardRowSchema), generatedAt: z.string() });
export type Dashboard = z.infer<typeof dashboardSchema>;

export const documentLineSchema = z.object({
  id: z.string(),
  number: z.string(),
  party: z.string(),
  dueDate: z.string(),
  daysOverdue: z.number().int(),
  amount: moneySchema,
  bcUrl: z.string(),
});
export type DocumentLine = z.infer<typeof documentLineSchema>;

export const forecastWeekSchema = z.object({
  weekStart: z.string(),
  receipts: moneySchema,
  payments: moneySchema,
  net: moneySchema,
  closing: moneySchema,
});
export const companyDetailsSchema = z.object({
  row: dashboardRowSchema,
  cashAccounts: z.array(z.object({ number: z.string(), name: z.string(), balance: moneySchema, bcUrl: z.string() })),
  forecast: z.object({
    currency: z.string(),
    opening: moneySchema,
    weeks: z.array(forecastWeekSchema),
    /** Open documents in another currency are not converted; they are counted here instead. */
    excludedForeignDocuments: z.number().int(),
  }).nullable(),
  overdueSales: z.array(documentLineSchema),
  overduePurchases: z.array(documentLineSchema),
  /** Parts of the pane Business Central gave no data for, with the reason (their lists are empty, the forecast null). */
  unavailable: z.partialRecord(z.enum(['cashAccounts', 'forecast', 'overdueSales', 'overduePurchases']), z.string()).optional(),
});
export type CompanyDetails = z.infer<typeof companyDetailsSchema>;

export const refreshRequestSchema = z.object({ companyIds: z.array(z.uuid()).min(1).max(2000).optional() });
export const refreshJobSchema = z.object({
  id: z.uuid(),
  state: z.enum(['running', 'done']),
  /** Done because the instance running it stopped (a crash): its unread companies count as failed; start again. */
  abandoned: z.boolean(),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RefreshJob = z.infer<typeof refreshJobSchema>;
