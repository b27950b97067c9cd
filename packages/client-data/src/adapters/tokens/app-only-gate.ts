import { AppOnlyGrants } from '../../domain/app-only';
import type { BcAccess, BcEnvironmentRef } from '../../domain/client-url';
import type { Db } from '../store/db';

/**
 * Whether a request may be served with an app-only token: the firm behind it (the client's firm, else the asking
 * user's tenant) must hold a grant for the environment's tenant. The token provider asks before every app-only token,
 * whatever a client's stored sign-in setting says.
 */
export class AppOnlyGate {
  constructor(private readonly db: Db, readonly grants: AppOnlyGrants) {}

  allowsFirm(firmTenant: string, clientTenant: string): boolean {
    return this.grants.allows(firmTenant, clientTenant);
  }

  async allows(env: BcEnvironmentRef): Promise<boolean> {
    const firm = await this.firmOf(env.access);
    return firm !== null && this.grants.allows(firm, env.tenant);
  }

  private async firmOf(access: BcAccess | undefined): Promise<string | null> {
    if (access?.clientId) {
      const [row] = await this.db.query<{ firm_tenant_id: string }>('SELECT firm_tenant_id FROM clients WHERE id = $1', [access.clientId]);
      return row?.firm_tenant_id ?? null;
    }
    if (access?.userId) {
      const [row] = await this.db.query<{ tenant_id: string }>('SELECT tenant_id FROM users WHERE id = $1', [access.userId]);
      return row?.tenant_id ?? null;
    }
    return null;
  }
}
