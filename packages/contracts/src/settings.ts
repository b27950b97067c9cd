import { z } from 'zod';

/** Proactive card kinds a user can switch off (the bot's `ALERT_KINDS`); every kind is on until switched off. */
export const alertKinds = ['summary', 'overdueInvoices', 'overdueBills', 'taxDue', 'invitations'] as const;
export type AlertKindName = (typeof alertKinds)[number];

/** Plain words for each alert kind, for the tab and the bot. */
export const alertKindLabels: Record<AlertKindName, string> = {
  summary: 'Morning summary',
  overdueInvoices: 'Sales invoices becoming overdue',
  overdueBills: 'Purchase invoices becoming overdue',
  taxDue: 'Taxes coming due',
  invitations: 'Invitations accepted',
};

export const summaryTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time such as 08:00 (HH:MM, 24-hour)');

/** ISO weekdays, 1 = Monday … 7 = Sunday; at least one. */
export const summaryDaysSchema = z
  .array(z.number().int('Days are whole numbers').min(1, 'Days are 1 (Monday) to 7 (Sunday)').max(7, 'Days are 1 (Monday) to 7 (Sunday)'))
  .min(1, 'Choose at least one day')
  .max(7)
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

/** Whether this runtime's Intl knows the zone (the same check the bot makes before it schedules). */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An IANA zone name such as Europe/London or UTC (offsets such as +01:00 are not zones: they ignore daylight saving). */
export const timeZoneSchema = z
  .string()
  .trim()
  .min(1, 'Choose a time zone')
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/, 'Use an IANA time zone name such as Europe/London')
  .refine(isKnownTimeZone, 'Not a known time zone');

/** A user's bot settings as the API answers them (what the bot's settings store keeps). */
export const userSettingsSchema = z.object({
  /** Wall-clock time of the morning summary in `timeZone`. */
  summaryTime: z.string(),
  summaryDays: z.array(z.number().int()),
  /** The zone in effect: the user's choice, else the one Teams reported, else UTC. */
  timeZone: z.string(),
  /** false while the zone is only the detected (or default) one: the tab then suggests the browser's. */
  timeZoneChosen: z.boolean(),
  alerts: z.object(Object.fromEntries(alertKinds.map((k) => [k, z.boolean()])) as Record<AlertKindName, z.ZodBoolean>),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

/** Body of `PUT /api/v1/settings`: every field optional, fields left out stay as they are. */
export const userSettingsUpdateSchema = z
  .object({
    summaryTime: summaryTimeSchema.optional(),
    summaryDays: summaryDaysSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    alerts: z
      .object(Object.fromEntries(alertKinds.map((k) => [k, z.boolean().optional()])) as Record<AlertKindName, z.ZodOptional<z.ZodBoolean>>)
      .strict()
      .optional(),
  })
  .strict();
export type UserSettingsUpdate = z.input<typeof userSettingsUpdateSchema>;

export const settingsRoutes = {
  settings: '/api/v1/settings',
} as const;
