import { z } from 'zod';

/** Business Central encodes spaces in some enum values as `_x0020_`; both forms mean the same. */
export function decodeEnum(value: string): string {
  if (!value.includes('_x')) return value;
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const amount = z.union([z.number(), z.string()]);
// Checked here, converted in mapping.ts (decodeEnum, isoDay): a transform per field makes zod do about three times
// the work on the largest pages of a refresh.
const enumValue = z.string();
/** Blank dates come back as 0001-01-01; some carry a time after the day. */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/);

/** The day of a checked `date`. */
export const isoDay = (d: string): string => (d.length === 10 ? d : d.slice(0, 10));

const collections = new WeakMap<z.ZodType, z.ZodType>();

/**
 * An OData collection page of `item`. Built once per item schema: zod 4 compiles each schema on first use,
 * so a schema made per response would be compiled again for every page.
 */
export function collection<T extends z.ZodType>(item: T): z.ZodObject<{ value: z.ZodArray<T>; '@odata.nextLink': z.ZodOptional<z.ZodString> }> {
  let schema = collections.get(item);
  if (!schema) {
    schema = z.object({ value: z.array(item), '@odata.nextLink': z.string().optional() });
    collections.set(item, schema);
  }
  return schema as z.ZodObject<{ value: z.ZodArray<T>; '@odata.nextLink': z.ZodOptional<z.ZodString> }>;
}

/** Rows of any entity, as objects (the report reader maps them row by row). */
export const anyRow = z.record(z.string(), z.unknown());
/** Rows the refresh checks once, against their entity schema, when it maps a company's data (not twice). */
export const uncheckedRow = z.unknown();

export const companyEntity = z.object({ id: z.string(), name: z.string(), displayName: z.string().nullish() });
export const glSetupEntity = z.object({ localCurrencyCode: z.string() });
export const companyInformationEntity = z.object({ currencyCode: z.string().nullish() });
export const salesInvoiceEntity = z.object({
  id: z.string(), number: z.string(), customerName: z.string().nullish(), dueDate: date, currencyCode: z.string().nullish(),
  totalAmountIncludingTax: amount, remainingAmount: amount.nullish(), status: enumValue,
});
export const purchaseInvoiceEntity = z.object({
  id: z.string(), number: z.string(), vendorName: z.string().nullish(), dueDate: date, currencyCode: z.string().nullish(),
  totalAmountIncludingTax: amount, status: enumValue,
});
export const accountEntity = z.object({
  number: z.string(), displayName: z.string().nullish(), subCategory: z.string().nullish(), netChange: amount.nullish(),
});
export const idOnlyEntity = z.object({ id: z.string() });
export const taxDocumentEntity = z.object({
  id: z.string(), postingDate: date, currencyCode: z.string().nullish(), totalTaxAmount: amount, status: enumValue,
});
