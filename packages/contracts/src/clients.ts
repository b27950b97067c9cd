import { z } from 'zod';
import { taxSettingsSchema } from './tax';
import { lineText, multilineText, nameText, optionalText } from './text';
import { apiWarningsSchema, removedCompanySchema } from './same-company';

/**
 * 'delegated': as the accountant (an invited External Accountant in the client's tenant), on behalf of their Teams
 * sign-in; 'app': as the hub's own app, which the client registered in Business Central's "Microsoft Entra Applications".
 */
export const bcAuthModeSchema = z.enum(['delegated', 'app']);
export type BcAuthModeValue = z.infer<typeof bcAuthModeSchema>;

/** What the accountant types in the Clients window (New / Edit). */
export const clientInputSchema = z.object({
  name: nameText(120, 'Name is required'),
  contactName: optionalText(nameText(120)),
  email: z.union([z.literal(''), z.email('Not a valid email address')]).optional().transform((v) => (v === '' ? undefined : v)),
  phone: optionalText(lineText(40)),
  notes: optionalText(multilineText(2000)),
  clientUrl: lineText(2000, 'Client URL is required'),
  tax: taxSettingsSchema.default(taxSettingsSchema.parse({})),
  /** How the hub signs in to this client's Business Central; omitted on edit = unchanged, on create = delegated. */
  bcAuthMode: bcAuthModeSchema.optional(),
});
export type ClientInput = z.input<typeof clientInputSchema>;
export type ClientInputParsed = z.output<typeof clientInputSchema>;

export const companyRefSchema = z.object({
  id: z.uuid(),
  bcCompanyId: z.string(),
  name: z.string(),
});

export const clientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contactName: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  notes: z.string().optional(),
  clientUrl: z.string(),
  bcTenant: z.string(),
  bcEnvironment: z.string(),
  bcAuthMode: bcAuthModeSchema.default('delegated'),
  tax: taxSettingsSchema,
  companies: z.array(companyRefSchema),
  /** The companies the client chose to share (names as it typed them, from its invitation); absent or null = every company. */
  sharedCompanies: z.array(z.string()).nullable().optional(),
  /** Companies the accountant removed from this client (kept under another): Refresh all leaves them out. */
  removedCompanies: z.array(removedCompanySchema).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof clientSchema>;

export const clientListSchema = z.object({ clients: z.array(clientSchema) });

/**
 * Answer to saving a client (POST, PUT): the client, `warning` when its companies could not be listed yet, and
 * `warnings` (structured, never an error) when some of its companies are already on the dashboard under another client.
 */
export const clientSavedSchema = clientSchema.extend({ warning: z.string().optional(), warnings: apiWarningsSchema.optional() });
export type ClientSaved = z.infer<typeof clientSavedSchema>;

/** Result of Test Client URL: what was parsed, whether the environment answered, which companies it has. */
/** An entity the hub reads that a company does not give it: which, why, and what the hub cannot show without it. */
export const missingEntitySchema = z.object({ entity: z.string(), reason: z.string(), neededFor: z.array(z.string()) });
export type MissingEntity = z.infer<typeof missingEntitySchema>;

export const clientUrlTestSchema = z.object({
  ok: z.boolean(),
  normalizedUrl: z.string().optional(),
  tenant: z.string().optional(),
  environment: z.string().optional(),
  /** `missing`: what the access check found the hub cannot read in that company (absent: not checked). */
  companies: z.array(z.object({ bcCompanyId: z.string(), name: z.string(), missing: z.array(missingEntitySchema).optional() })),
  problem: z
    .object({ kind: z.enum(['malformed', 'host_not_allowed', 'unreachable', 'no_access', 'not_found', 'throttled', 'upstream']), message: z.string() })
    .optional(),
  /** Companies found that the dashboard already shows under another client. */
  warnings: apiWarningsSchema.optional(),
});
export type ClientUrlTest = z.infer<typeof clientUrlTestSchema>;
export const clientUrlTestRequestSchema = z.object({
  url: lineText(2000, 'URL is required'), bcAuthMode: bcAuthModeSchema.optional(),
  /** The client being edited: its own companies are not reported as already on the dashboard. */
  clientId: z.uuid().optional(),
});

/**
 * Whether the hub's app may read a Client URL's tenant for the signed-in accountant's firm: only for tenants the hub's
 * administrator granted to that firm (the client agreed); `message` says why not, for the Clients form.
 */
export const appOnlyCheckRequestSchema = z.object({ url: lineText(2000, 'URL is required') });
export const appOnlyCheckSchema = z.object({ allowed: z.boolean(), tenant: z.string().nullable(), message: z.string() });
export type AppOnlyCheck = z.infer<typeof appOnlyCheckSchema>;
