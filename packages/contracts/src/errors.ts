import { z } from 'zod';

/** Every API error has this body; `code` is stable for programs, `message` is meant for people. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    correlationId: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * Why a company's data could not be read from Business Central, as the dashboard explains it. 'unavailable': an entity
 * the read needs is missing in that Business Central (older version) or not permitted to the hub's sign-in.
 */
export const refreshErrorKindSchema = z.enum(['auth', 'not_found', 'throttled', 'upstream', 'network', 'bad_data', 'config', 'unavailable']);
export type RefreshErrorKind = z.infer<typeof refreshErrorKindSchema>;
