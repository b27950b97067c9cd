import {
  invitationRoutes, invitationTokenRequestSchema, publicUrlCheckRequestSchema,
} from '@hub/contracts';
import { InvitationProblem, type ClientDataService, type InvitationUser } from '@hub/client-data';
import { HttpError } from '../http/errors';
import { idParam, parseBody } from '../http/parse';
import { authed, type AuthedUser, type Route, type RouteContext, type RouteResult } from '../http/route';

const invitationUser = (u: AuthedUser): InvitationUser => ({
  userId: u.userId, tenantId: u.principal.tenantId, name: u.principal.name, email: u.principal.email ?? null,
  ...(u.assertion ? { assertion: u.assertion } : {}),
});

/** Refused invitations keep their own code and a sentence saying what to do; 429 says when to retry. */
async function answer(status: number, work: () => Promise<unknown> | unknown): Promise<RouteResult> {
  try {
    return { status, body: await work() };
  } catch (err) {
    if (err instanceof InvitationProblem) {
      throw new HttpError(err.status, err.code, err.message, undefined, err.retryAfterSeconds ? { 'retry-after': String(err.retryAfterSeconds) } : undefined);
    }
    throw err;
  }
}

const publicRoute = (method: Route['method'], path: string, handle: (ctx: RouteContext) => Promise<RouteResult>): Route => ({ method, path, auth: false, handle });
/** The caller's address for the per-network rate limit (IPv4-mapped IPv6 written as IPv4). */
const clientIp = (ctx: RouteContext) => ctx.clientIp || 'unknown';

/**
 * Invitations: the client's public wizard (no sign-in; rate-limited per network and per recipient) and the
 * accountant's side (signed in: look up, accept, decline, list, invite a client, resend, revoke).
 */
export function invitationsRoutes(svc: ClientDataService): Route[] {
  const inv = svc.invitations;
  return [
    publicRoute('POST', invitationRoutes.publicCheckUrl, async ({ body }) => answer(200, () => inv.checkUrl(parseBody(publicUrlCheckRequestSchema, body).url))),
    publicRoute('POST', invitationRoutes.publicCreate, async (ctx) => answer(201, () => inv.createFromClient(ctx.body, clientIp(ctx)))),
    publicRoute('POST', invitationRoutes.publicLookup, async ({ body }) => answer(200, () => inv.lookupForClient(parseBody(invitationTokenRequestSchema, body).token))),
    publicRoute('POST', invitationRoutes.publicComplete, async ({ body }) => answer(200, () => inv.complete(body))),

    authed('GET', invitationRoutes.list, async ({ user }) => answer(200, () => inv.list(invitationUser(user)))),
    authed('POST', invitationRoutes.list, async ({ user, body }) => answer(201, () => inv.inviteClient(invitationUser(user), body))),
    authed('POST', invitationRoutes.lookup, async ({ user, body }) => answer(200, () => inv.lookup(invitationUser(user), parseBody(invitationTokenRequestSchema, body).token))),
    authed('POST', invitationRoutes.accept, async ({ user, body }) => answer(200, () => inv.accept(invitationUser(user), parseBody(invitationTokenRequestSchema, body).token))),
    authed('POST', invitationRoutes.decline, async ({ user, body }) => answer(200, () => inv.decline(invitationUser(user), parseBody(invitationTokenRequestSchema, body).token))),
    authed('POST', invitationRoutes.resend(':id'), async ({ user, params }) => answer(200, () => inv.resend(invitationUser(user), idParam(params)))),
    authed('POST', invitationRoutes.revoke(':id'), async ({ user, params }) => answer(200, () => inv.revoke(invitationUser(user), idParam(params)))),
  ];
}
