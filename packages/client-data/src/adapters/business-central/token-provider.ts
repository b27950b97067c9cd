import { createHash } from 'node:crypto';
import type { BcEnvironmentRef } from '../../domain/client-url';

/** Supplies a bearer token for one client's Business Central tenant; never logged. */
export interface BcTokenProvider {
  token(env: BcEnvironmentRef): Promise<string>;
}

/** A fixed token, for the local sandbox only. */
export class StaticTokenProvider implements BcTokenProvider {
  constructor(private readonly value: string) {}
  async token(): Promise<string> {
    return this.value;
  }
}

/**
 * For the local sandbox only (it does not verify signatures): an unsigned JWT-shaped token per client tenant and hub
 * user. In Business Central each client tenant sees the invited accountant as a user of its own (a guest object per
 * tenant), and the API limits are per user; one static token for every tenant would make all demo tenants one user.
 */
export class SandboxGuestTokenProvider implements BcTokenProvider {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly accountant = 'demo-accountant') {}

  async token(env: BcEnvironmentRef): Promise<string> {
    const tid = env.tenant.toLowerCase();
    const who = `${env.access?.userId ?? this.accountant}|${tid}`;
    let token = this.tokens.get(who);
    if (!token) {
      const hex = createHash('sha256').update(who).digest('hex');
      const oid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      token = `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: 'https://api.businesscentral.dynamics.com', tid, oid, sub: oid })}.`;
      this.tokens.set(who, token);
    }
    return token;
  }
}
