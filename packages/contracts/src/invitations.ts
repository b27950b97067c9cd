import { z } from 'zod';
import { clientSchema, clientUrlTestSchema } from './clients';
import { lineText, multilineText, nameText, optionalText } from './text';
import { apiWarningsSchema } from './same-company';

const seg = (id: string) => (id.startsWith(':') ? id : encodeURIComponent(id));

/**
 * Invitation paths. Tokens travel only in JSON bodies (never in API paths or query strings), so they stay out of
 * access logs; the one URL that carries a token is the emailed link to the tab (`/?invitation=` or `/connect?invitation=`).
 */
export const invitationRoutes = {
  /** Public (no sign-in): the client's wizard. */
  publicCreate: '/api/v1/public/invitations',
  publicCheckUrl: '/api/v1/public/client-url/check',
  publicLookup: '/api/v1/public/invitations/lookup',
  publicComplete: '/api/v1/public/invitations/complete',
  /** Signed in: the accountant's side. GET lists, POST invites a client. */
  list: '/api/v1/invitations',
  lookup: '/api/v1/invitations/lookup',
  accept: '/api/v1/invitations/accept',
  decline: '/api/v1/invitations/decline',
  resend: (id: string) => `/api/v1/invitations/${seg(id)}/resend`,
  revoke: (id: string) => `/api/v1/invitations/${seg(id)}/revoke`,
} as const;

/** Pages of the tab the emailed links open. */
export const invitationPages = {
  /** The accountant's acceptance page (the tab, after sign-in). */
  accept: (token: string) => `/?invitation=${encodeURIComponent(token)}`,
  /** The client's wizard; with a token, pre-filled from an accountant's invitation. */
  wizard: '/connect',
  wizardFor: (token: string) => `/connect?invitation=${encodeURIComponent(token)}`,
} as const;

/** Stable error codes of refused invitations (the message says what to do). */
export const invitationErrorCodes = [
  'invitation_invalid', 'invitation_expired', 'invitation_used', 'invitation_declined', 'invitation_revoked', 'invitation_superseded',
  'invitation_wrong_account', 'invitation_wrong_side', 'invitation_no_companies', 'rate_limited', 'mail_failed',
] as const;
export type InvitationErrorCode = (typeof invitationErrorCodes)[number];

const email = (msg: string) => lineText(254).pipe(z.email(msg)).transform((v) => v.toLowerCase());
const optionalEmail = z.union([z.literal(''), email('Not a valid email address')]).optional().transform((v) => (v === '' ? undefined : v));
const companies = z.array(nameText(120, 'A company name is empty')).max(50).default([]);

/** Anything the user pasted; the server decides whether it is a valid token (so a tampered one gets a clear answer). */
export const invitationTokenSchema = lineText(512, 'The invitation link has no token');

/** What the client's administrator fills in (the wizard, no sign-in). */
export const clientInvitationFieldsSchema = z.object({
  companyName: nameText(120, 'Company name is required'),
  clientUrl: lineText(2000, 'Business Central URL is required'),
  inviterName: nameText(120, 'Your name is required'),
  inviterEmail: optionalEmail,
  /**
   * Companies the client shares (names as Business Central shows them, case and spacing aside): only these reach the
   * accountant's dashboard; none = every company of the environment. Access itself is granted in Business Central.
   */
  companies,
  message: optionalText(multilineText(2000)),
});
export const clientInvitationRequestSchema = clientInvitationFieldsSchema.extend({
  accountantEmail: email('Enter your accountant’s work email address'),
});
export type ClientInvitationRequest = z.input<typeof clientInvitationRequestSchema>;

/** The client completes an accountant's invitation (wizard opened from the emailed link). */
export const completeInvitationRequestSchema = clientInvitationFieldsSchema.extend({ token: invitationTokenSchema });
export type CompleteInvitationRequest = z.input<typeof completeInvitationRequestSchema>;

/** The accountant invites a client to connect (signed in). */
export const accountantInvitationRequestSchema = z.object({
  clientEmail: email('Enter the client’s email address'),
  companyName: optionalText(nameText(120)),
  message: optionalText(multilineText(2000)),
});
export type AccountantInvitationRequest = z.input<typeof accountantInvitationRequestSchema>;

export const invitationTokenRequestSchema = z.object({ token: invitationTokenSchema });

export const invitationDirectionSchema = z.enum(['client_to_accountant', 'accountant_to_client']);
export const invitationStatusSchema = z.enum(['pending', 'accepted', 'declined', 'revoked', 'expired']);
export type InvitationStatus = z.infer<typeof invitationStatusSchema>;

/** One invitation as its parties see it (never the token). */
export const invitationSchema = z.object({
  id: z.uuid(),
  direction: invitationDirectionSchema,
  status: invitationStatusSchema,
  /** The client company. */
  companyName: z.string().nullable(),
  clientUrl: z.string().nullable(),
  companies: z.array(z.string()),
  /** Once accepted: the names in `companies` that match no company in Business Central (nothing was added for them). */
  companiesNotFound: z.array(z.string()).default([]),
  /** Whether the inviter was emailed the answer; null when there is no answer yet or no address to write to. */
  inviterNotified: z.enum(['sent', 'failed']).nullable().default(null),
  /** The client's person (the wizard's "your name" / email). */
  clientContactName: z.string().nullable(),
  clientEmail: z.string().nullable(),
  accountantName: z.string().nullable(),
  accountantEmail: z.string().nullable(),
  /** Who sent it, in words ("Contoso Ltd (Chris Admin)" or the accountant's name). */
  inviterName: z.string(),
  message: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  respondedAt: z.string().nullable(),
  clientId: z.string().nullable(),
  sendCount: z.number().int(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationListSchema = z.object({ sent: z.array(invitationSchema), received: z.array(invitationSchema) });
export type InvitationList = z.infer<typeof invitationListSchema>;

/** Answer to the wizard: where the email went (masked) and until when the link works. */
export const invitationCreatedSchema = z.object({ id: z.uuid(), sentTo: z.string(), expiresAt: z.string() });
export type InvitationCreated = z.infer<typeof invitationCreatedSchema>;

/** Accepting: the client now on the dashboard and what Test Client URL found. */
export const invitationAcceptedSchema = z.object({
  invitation: invitationSchema,
  client: clientSchema,
  urlTest: clientUrlTestSchema,
  warning: z.string().optional(),
  /** Companies of the invitation the dashboard already showed under another client (the accountant keeps one or both). */
  warnings: apiWarningsSchema.optional(),
});
export type InvitationAccepted = z.infer<typeof invitationAcceptedSchema>;

/** The wizard's URL check: parsed only (an anonymous page does not make the hub call Business Central). */
export const publicUrlCheckSchema = z.object({
  ok: z.boolean(),
  normalizedUrl: z.string().optional(),
  tenant: z.string().optional(),
  environment: z.string().optional(),
  message: z.string().optional(),
});
export type PublicUrlCheck = z.infer<typeof publicUrlCheckSchema>;
export const publicUrlCheckRequestSchema = z.object({ url: lineText(2000, 'Business Central URL is required') });
