import { z } from 'zod';
import { nameText } from './text';

/** Public: tells the tab how to sign in before it has any token. */
export const authConfigSchema = z.object({
  mode: z.enum(['entra', 'dev']),
  clientId: z.string().nullable(),
  authority: z.string().nullable(),
  /** Scope the tab asks for outside Teams: api://<domain>/<clientId>/access_as_user. */
  apiScope: z.string().nullable(),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;

/** Local demo only (loopback, DEV_IDENTITY=true): signs in a named local user. */
export const devSignInRequestSchema = z.object({ name: nameText(64, 'Name is required').default('Demo Accountant') });
export const devSignInResponseSchema = z.object({ token: z.string(), expiresAt: z.string() });
