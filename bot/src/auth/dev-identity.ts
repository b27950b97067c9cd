import { randomBytes, createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Principal } from '@hub/client-data';

const ISSUER = 'accountant-hub-dev';
export const DEV_TENANT = '00000000-0000-0000-0000-00000000d3e0';

/**
 * The local demo identity: tokens signed with a key that lives only in this process, issued only to
 * loopback callers when DEV_IDENTITY=true (config refuses it in production or on a public interface).
 */
export class DevIdentity {
  private readonly key = randomBytes(32);

  objectIdFor(name: string): string {
    const h = createHash('sha256').update(name.toLowerCase()).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }

  /** The demo user's email: `Alice Accountant` → `alice.accountant@demo.local` (invitations are bound to it). */
  static emailFor(name: string): string {
    const local = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '.').replace(/^\.+|\.+$/g, '') || 'user';
    return `${local}@demo.local`;
  }

  principalFor(name: string): Principal {
    return { tenantId: DEV_TENANT, objectId: this.objectIdFor(name), name, email: DevIdentity.emailFor(name) };
  }

  async issue(name: string, ttlSeconds = 8 * 3600): Promise<{ token: string; expiresAt: string }> {
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    const token = await new SignJWT({ tid: DEV_TENANT, oid: this.objectIdFor(name), name, email: DevIdentity.emailFor(name) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(ISSUER)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Returns the principal, or null when the token is not one of ours (or expired). */
  async verify(token: string): Promise<Principal | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.tid !== 'string' || typeof payload.oid !== 'string') return null;
      return {
        tenantId: payload.tid, objectId: payload.oid, name: typeof payload.name === 'string' ? payload.name : null,
        email: typeof payload.email === 'string' ? payload.email : null,
      };
    } catch {
      return null;
    }
  }
}
