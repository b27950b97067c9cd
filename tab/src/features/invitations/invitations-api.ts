import type { z } from 'zod';
import {
  invitationAcceptedSchema, invitationCreatedSchema, invitationListSchema, invitationRoutes, invitationSchema, publicUrlCheckSchema,
  type AccountantInvitationRequest, type ClientInvitationRequest, type CompleteInvitationRequest, type Invitation, type InvitationAccepted,
  type InvitationCreated, type InvitationList, type PublicUrlCheck,
} from '@hub/contracts';
import type { ApiClient } from '../../api/api-client';
import { ApiRequestError, errorFromBody } from '../../api/api-error';

type Method = 'GET' | 'POST';

/** Calls of the public wizard: no token. */
async function publicCall<T>(path: string, schema: z.ZodType<T>, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new ApiRequestError(0, 'network', 'The hub server cannot be reached. Check your connection and try again.');
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) throw errorFromBody(res.status, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiRequestError(res.status, 'bad_response', `The server sent an answer the page does not understand (${path}).`);
  return parsed.data;
}

export const wizardApi = {
  checkUrl: (url: string): Promise<PublicUrlCheck> => publicCall(invitationRoutes.publicCheckUrl, publicUrlCheckSchema, { url }),
  create: (input: ClientInvitationRequest): Promise<InvitationCreated> => publicCall(invitationRoutes.publicCreate, invitationCreatedSchema, input),
  lookup: (token: string): Promise<Invitation> => publicCall(invitationRoutes.publicLookup, invitationSchema, { token }),
  complete: (input: CompleteInvitationRequest): Promise<Invitation> => publicCall(invitationRoutes.publicComplete, invitationSchema, input),
};

// ApiClient keeps its signed-in `call` (token, one retry on 401, typed answers) private; this feature reuses it for its own
// routes rather than duplicating the token handling. A public `request()` on ApiClient would remove the cast.
type Caller = { call<T>(method: Method, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> };
const caller = (api: ApiClient): Caller['call'] => {
  const c = api as unknown as Caller;
  return (method, path, schema, body) => c.call(method, path, schema, body);
};

/** The signed-in accountant's invitation calls. */
export function invitationsApi(api: ApiClient) {
  const call = caller(api);
  return {
    list: (): Promise<InvitationList> => call('GET', invitationRoutes.list, invitationListSchema),
    inviteClient: (input: AccountantInvitationRequest): Promise<Invitation> => call('POST', invitationRoutes.list, invitationSchema, input),
    lookup: (token: string): Promise<Invitation> => call('POST', invitationRoutes.lookup, invitationSchema, { token }),
    accept: (token: string): Promise<InvitationAccepted> => call('POST', invitationRoutes.accept, invitationAcceptedSchema, { token }),
    decline: (token: string): Promise<Invitation> => call('POST', invitationRoutes.decline, invitationSchema, { token }),
    resend: (id: string): Promise<Invitation> => call('POST', invitationRoutes.resend(id), invitationSchema, {}),
    revoke: (id: string): Promise<Invitation> => call('POST', invitationRoutes.revoke(id), invitationSchema, {}),
  };
}
