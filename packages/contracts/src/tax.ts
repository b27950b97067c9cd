import { z } from 'zod';

/**
 * A client's tax filing calendar. Business Central has no VAT-return API, so the hub estimates the tax
 * of the open period from posted documents and computes the due date from this calendar.
 * Due date: day `dueDay` of the month that comes `dueMonthsAfterPeriodEnd` + 1 months after the period's
 * last month (UK VAT: 1 and 7 → 7 May for a March quarter; German USt-VA: 0 and 10 → 10 April).
 */
export const taxSettingsSchema = z.object({
  regime: z.enum(['vat', 'sales_tax', 'none']).default('vat'),
  frequency: z.enum(['monthly', 'quarterly', 'annually']).default('quarterly'),
  /** Month (1–12) in which a period starts; quarters and years are aligned to it. */
  periodStartMonth: z.number().int().min(1).max(12).default(1),
  dueMonthsAfterPeriodEnd: z.number().int().min(0).max(11).default(1),
  dueDay: z.number().int().min(1).max(31).default(7),
});
export type TaxSettings = z.infer<typeof taxSettingsSchema>;
export const defaultTaxSettings: TaxSettings = taxSettingsSchema.parse({});
