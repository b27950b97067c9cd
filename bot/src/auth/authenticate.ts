import { SsoAssertion, type Principal } from '@hub/client-data';
import { HttpError } from '../http/errors';
import type { DevIdentity } from './dev-identity';
import type { EntraVerifier } from './entra-verifier';

export interface Authenticator {
  /** The caller's principal from the Authorization header; throws 401 otherwise. */
  principal(authorization: string | undefined): Promise<{ principal: Principal; dev: boolean; assertion: SsoAssertion | null }>;
}

const unauthorized = (message: string) =>
  new HttpError(401, 'unauthorized', message, undefined, { 'www-authenticate': 'Bearer realm="accountant-hub"' });

export function createAuthenticator(o: { entra: EntraVerifier | null; dev: DevIdentity | null }): Authenticator {
  return {
    async principal(authorization) {
      const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(authorization ?? '');
      if (!match?.[1]) throw unauthorized('Sign in first: this request has no bearer token.');
      const token = match[1];
      if (o.dev) {
        const p = await o.dev.verify(token);
        if (p) return { principal: p, dev: true, assertion: null };
      }
      if (o.entra) {
        const r = await o.entra.verify(token);
        // The validated SSO token is kept (wrapped, never logged) for on-behalf-of calls to Business Central.
        if (r.ok) return { principal: r.principal, dev: false, assertion: new SsoAssertion(token) };
      }
      throw unauthorized('Your sign-in is not valid or has expired. Sign in again.');
    },
  };
}
