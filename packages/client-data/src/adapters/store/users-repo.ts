import type { Db } from './db';

export interface Principal {
  tenantId: string;
  objectId: string;
  name: string | null;
  /** Work email / UPN from the sign-in, when the token carries one (invitations are bound to it); not stored here. */
  email?: string | null;
}

/** Maps a signed-in (tenant, object id) to the hub's user id, creating the user on first sight. */
export class UsersRepo {
  private readonly cache = new Map<string, string>();
  constructor(private readonly db: Db) {}

  async ensure(p: Principal): Promise<string> {
    const key = `${p.tenantId}\u0000${p.objectId}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO users (tenant_id, object_id, display_name) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, object_id) DO UPDATE SET display_name = COALESCE(EXCLUDED.display_name, users.display_name)
       RETURNING id`,
      [p.tenantId, p.objectId, p.name],
    );
    if (!row) throw new Error('user upsert returned nothing');
    this.cache.set(key, row.id);
    return row.id;
  }
}
