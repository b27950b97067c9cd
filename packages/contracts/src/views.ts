import { z } from 'zod';
import { lineText, nameText } from './text';

/** Columns the accountant can add or remove; Client Name and Company Name are always shown. */
export const columnIdSchema = z.enum([
  'cash', 'overdueSalesCount', 'overdueSalesAmount', 'overduePurchasesCount', 'overduePurchasesAmount',
  'taxDueAmount', 'taxDueDate', 'openSalesDocuments', 'purchasesDueNextWeek', 'refreshedAt', 'status',
]);
export type ColumnId = z.infer<typeof columnIdSchema>;
export const defaultColumns: ColumnId[] = ['cash', 'overdueSalesAmount', 'overduePurchasesAmount', 'taxDueAmount', 'taxDueDate', 'refreshedAt', 'status'];

export const viewDefinitionSchema = z.object({
  columns: z.array(columnIdSchema).max(20),
  sort: z.object({ column: z.union([columnIdSchema, z.enum(['clientName', 'companyName'])]), direction: z.enum(['asc', 'desc']) }).nullable(),
  search: lineText(200).default(''),
  filters: z.object({
    status: z.array(z.enum(['ok', 'error', 'never'])).optional(),
    onlyOverdue: z.boolean().optional(),
    onlyTaxDueWithinDays: z.number().int().min(0).max(366).optional(),
  }).default({}),
});
export const savedViewInputSchema = z.object({ name: nameText(80, 'Name the view'), definition: viewDefinitionSchema });
export const savedViewSchema = savedViewInputSchema.extend({ id: z.uuid(), updatedAt: z.string() });
export type SavedView = z.infer<typeof savedViewSchema>;
export const savedViewListSchema = z.object({ views: z.array(savedViewSchema) });

export const meSchema = z.object({ tenantId: z.string(), objectId: z.string(), name: z.string().nullable(), devIdentity: z.boolean() });
export type Me = z.infer<typeof meSchema>;
