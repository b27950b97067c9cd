import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Principal } from '@hub/client-data';

export interface EntraVerifierOptions {
  authorityHost: string;
  clientId: string;
  /** App ID URI (api://<domain>/<clientId>); v1 tokens carry it as audience. */
  appIdUri?: string | undefined;
  allowedTenants: readonly string[];
  jwks?: JWTVerifyGetKey;
}

export type EntraResult = { ok: true; principal: Principal } | { ok: false; reason: string };

/**
 * Validates Teams SSO / Entra access tokens for the tab API: RS256 signature from the authority's JWKS,
 * audience (client id or App ID URI), issuer matching the token's own tenant (v1 or v2 form), expiry,
 * `scp` containing access_as_user, and the tenant allow-list when one is configured.
 */
export class EntraVerifier {
  private readonly jwks: JWTVerifyGetKey;
  constructor(private readonly o: EntraVerifierOptions) {
    this.jwks = o.jwks ?? createRemoteJWKSet(new URL(`${o.authorityHost.replace(/\/$/, '')}/common/discovery/v2.0/keys`), { cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<EntraResult> {
    const audience = [this.o.clientId, ...(this.o.appIdUri ? [this.o.appIdUri] : [])];
    try {
      const { payload } = await jwtVerify(token, this.jwks, { audience, algorithms: ['RS256'], clockTolerance: 60 });
      const tid = typeof payload.tid === 'string' ? payload.tid : undefined;
      const oid = typeof payload.oid === 'string' ? payload.oid : undefined;
      if (!tid || !oid) return { ok: false, reason: 'token lacks tid or oid' };
      const host = this.o.authorityHost.replace(/\/$/, '');
      const issuers = [`${host}/${tid}/v2.0`, `https://sts.windows.net/${tid}/`];
      if (!payload.iss || !issuers.includes(payload.iss)) return { ok: false, reason: 'issuer does not match the token tenant' };
      const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
      if (!scopes.includes('access_as_user')) return { ok: false, reason: 'token lacks the access_as_user scope' };
      if (this.o.allowedTenants.length > 0 && !this.o.allowedTenants.includes(tid.toLowerCase())) return { ok: false, reason: 'tenant not allowed' };
      const name = typeof payload.name === 'string' ? payload.name : typeof payload.preferred_username === 'string' ? payload.preferred_username : null;
      // The work email the invitations are bound to: the UPN (v2 preferred_username, v1 upn), else the email claim.
      const emailClaim = [payload.preferred_username, payload.upn, payload.email].find((v): v is string => typeof v === 'string' && v.includes('@'));
      return { ok: true, principal: { tenantId: tid, objectId: oid, name, email: emailClaim?.toLowerCase() ?? null } };
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.name : 'invalid token' };
    }
  }
}
