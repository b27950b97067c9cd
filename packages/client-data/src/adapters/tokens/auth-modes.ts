import type { BcAuthMode } from '../../domain/client-url';
import type { Db } from '../store/db';

/** Each client's Business Central sign-in setting (clients.bc_auth_mode), with a short in-memory cache for refreshes. */
export class ClientAuthModes {
  private readonly cache = new Map<string, { mode: BcAuthMode; at: number }>();
  constructor(private readonly db: Db, private readonly ttlMs = 30_000) {}

  async get(clientId: string): Promise<BcAuthMode> {
    const hit = this.cache.get(clientId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.mode;
    const [row] = await this.db.query<{ bc_auth_mode: BcAuthMode }>('SELECT bc_auth_mode FROM clients WHERE id = $1', [clientId]);
    const mode = row?.bc_auth_mode ?? 'delegated';
    this.cache.set(clientId, { mode, at: Date.now() });
    return mode;
  }

  async many(clientIds: readonly string[]): Promise<Map<string, BcAuthMode>> {
    if (clientIds.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; bc_auth_mode: BcAuthMode }>('SELECT id, bc_auth_mode FROM clients WHERE id = ANY($1::uuid[])', [clientIds]);
    return new Map(rows.map((r) => [r.id, r.bc_auth_mode]));
  }

  async set(clientId: string, mode: BcAuthMode): Promise<void> {
    await this.db.query('UPDATE clients SET bc_auth_mode = $2 WHERE id = $1', [clientId, mode]);
    this.cache.set(clientId, { mode, at: Date.now() });
  }
}
