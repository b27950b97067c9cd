import { z } from 'zod';
import { lineText } from './text';

/**
 * One Business Central company reached through two clients. A company is its Business Central tenant, environment and
 * company id: 'exact' when both Client URLs name the tenant the same way (environment names and GUIDs compared without
 * case); 'likely' when one names it by GUID and the other by a domain name (or two different domain names), which the
 * hub cannot prove to be one tenant without asking Microsoft Entra, but Business Central company ids are unique GUIDs
 * and an environment keeps them only within its tenant, so the hub treats them as one company.
 */
export const sameCompanyMatchSchema = z.enum(['exact', 'likely']);
export type SameCompanyMatch = z.infer<typeof sameCompanyMatchSchema>;

/** A company being added (or tested) that the dashboard already shows under another client. */
export const companyDuplicateSchema = z.object({
  bcCompanyId: z.string(),
  companyName: z.string(),
  /** This client's row of the company (absent in Test Client URL, before anything is saved). */
  companyId: z.uuid().optional(),
  /** Where the dashboard already shows it. */
  existing: z.object({ clientId: z.uuid(), clientName: z.string(), companyId: z.uuid(), companyName: z.string() }),
  match: sameCompanyMatchSchema,
});
export type CompanyDuplicate = z.infer<typeof companyDuplicateSchema>;

/**
 * A warning that comes with a successful answer (never an error): the request did what it said, and here is something
 * to decide. `same_company`: companies already on the dashboard under another client; they are counted once in totals,
 * summaries and alerts until the accountant keeps one (POST /api/v1/companies/remove).
 */
export const sameCompanyWarningSchema = z.object({
  code: z.literal('same_company'),
  message: z.string(),
  duplicates: z.array(companyDuplicateSchema).min(1),
});
export type SameCompanyWarning = z.infer<typeof sameCompanyWarningSchema>;
export const apiWarningsSchema = z.array(sameCompanyWarningSchema);

/** A dashboard row whose company the dashboard also shows under another client. */
export const sameCompanyMarkSchema = z.object({
  /** The row whose figures count in totals, summaries and alerts (this row's own id when it is that one). */
  countedRow: z.uuid(),
  /** The other rows of the same company. */
  others: z.array(z.object({ companyId: z.uuid(), clientId: z.uuid(), clientName: z.string() })).min(1),
  match: sameCompanyMatchSchema,
});
export type SameCompanyMark = z.infer<typeof sameCompanyMarkSchema>;

/** Keep one: removes companies from their clients; Refresh all does not add them back (restore brings one back). */
export const removeCompaniesRequestSchema = z.object({ companyIds: z.array(z.uuid()).min(1).max(100) });
export const removedCompaniesSchema = z.object({
  removed: z.array(z.object({ companyId: z.uuid(), clientId: z.uuid(), clientName: z.string(), companyName: z.string() })),
});
export type RemovedCompanies = z.infer<typeof removedCompaniesSchema>;
export const restoreCompanyRequestSchema = z.object({ bcCompanyId: lineText(100, 'bcCompanyId is required') });

/** A company the accountant removed from a client (kept under another); Refresh all leaves it out. */
export const removedCompanySchema = z.object({ bcCompanyId: z.string(), name: z.string(), removedAt: z.string() });

/**
 * The rows to count: one per Business Central company. A company shown under two clients counts once, by the row the
 * server marked (`sameCompany.countedRow`), or by the first of its rows here when that one is not among `rows` (a
 * filtered list). Rows keep their order.
 */
export function countedRows<T extends { companyId: string; sameCompany?: SameCompanyMark | null | undefined }>(rows: readonly T[]): T[] {
  const present = new Set(rows.map((r) => r.companyId));
  // Each row of a group names the same row to count: the marked one when present, else the smallest id present.
  const counted = (r: T) => {
    const mark = r.sameCompany;
    if (!mark || present.has(mark.countedRow)) return mark?.countedRow ?? r.companyId;
    return [r.companyId, ...mark.others.map((o) => o.companyId)].filter((id) => present.has(id)).sort()[0];
  };
  return rows.filter((r) => counted(r) === r.companyId);
}
