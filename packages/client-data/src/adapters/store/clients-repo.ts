import type { Client, TaxSettings } from '@hub/contracts';
import type { BcEnvironmentRef } from '../../domain/client-url';
import type { Db } from './db';
import { bumpForClient, bumpUsers } from './snapshots-repo';

export interface ClientRecordInput {
  name: string;
  contactName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  notes?: string | undefined;
  clientUrl: string;
  tax: TaxSettings;
}

export interface ClientRecord extends Client {
  bcOrigin: string;
}

interface ClientRow {
  id: string; name: string; contact_name: string | null; email: string | null; phone: string | null; notes: string | null;
  client_url: string; bc_tenant: string; bc_environment: string; bc_origin: string; bc_auth_mode?: 'delegated' | 'app'; tax: TaxSettings;
  created_at: Date; updated_at: Date; companies: { id: string; bcCompanyId: string; name: string }[] | null; shared_companies?: string[] | null;
  removed: { bcCompanyId: string; name: string; removedAt: string }[] | null;
}

/** A company removed from its client (keep one of a company shown under two clients). */
export interface RemovedCompany { companyId: string; clientId: string; clientName: string; companyName: string }

const SELECT_CLIENTS = `
  SELECT c.*, COALESCE((SELECT json_agg(json_build_object('id', co.id, 'bcCompanyId', co.bc_company_id, 'name', co.name) ORDER BY co.name)
                        FROM companies co WHERE co.client_id = c.id), '[]') AS companies,
         (SELECT json_agg(json_build_object('bcCompanyId', r.bc_company_id, 'name', r.name, 'removedAt', r.removed_at) ORDER BY r.name)
          FROM removed_companies r WHERE r.client_id = c.id) AS removed
  FROM clients c JOIN client_access a ON a.client_id = c.id AND a.user_id = $1`;

function toClient(r: ClientRow): ClientRecord {
  const opt = (v: string | null) => v ?? undefined;
  return {
    id: r.id, name: r.name, contactName: opt(r.contact_name), email: opt(r.email), phone: opt(r.phone), notes: opt(r.notes),
    clientUrl: r.client_url, bcTenant: r.bc_tenant, bcEnvironment: r.bc_environment, bcAuthMode: r.bc_auth_mode ?? 'delegated', bcOrigin: r.bc_origin, tax: r.tax,
    companies: r.companies ?? [], sharedCompanies: r.shared_companies ?? null,
    removedCompanies: (r.removed ?? []).map((x) => ({ ...x, removedAt: new Date(x.removedAt).toISOString() })), createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Clients, always through the user's access list: another user's ids simply are not found. */
export class ClientsRepo {
  constructor(private readonly db: Db) {}

  async list(userId: string): Promise<ClientRecord[]> {
    return (await this.db.query<ClientRow>(`${SELECT_CLIENTS} ORDER BY lower(c.name), c.id`, [userId])).map(toClient);
  }

  async get(userId: string, id: string): Promise<ClientRecord | null> {
    const [row] = await this.db.query<ClientRow>(`${SELECT_CLIENTS} WHERE c.id = $2`, [userId, id]);
    return row ? toClient(row) : null;
  }

  /** `sharedCompanies`: the companies the client chose to share (null = all); set once, from its invitation. */
  async create(userId: string, firmTenantId: string, input: ClientRecordInput, ref: BcEnvironmentRef, sharedCompanies: readonly string[] | null = null): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO clients (firm_tenant_id, name, contact_name, email, phone, notes, client_url, bc_tenant, bc_environment, bc_origin, tax, shared_companies)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text[]) RETURNING id`,
        [firmTenantId, input.name, input.contactName ?? null, input.email ?? null, input.phone ?? null, input.notes ?? null,
          input.clientUrl, ref.tenant, ref.environment, ref.origin, JSON.stringify(input.tax), sharedCompanies],
      );
      if (!row) throw new Error('client insert returned nothing');
      await tx.query(`INSERT INTO client_access (client_id, user_id, role) VALUES ($1, $2, 'owner')`, [row.id, userId]);
      await bumpForClient(tx, row.id);
      return row.id;
    });
  }

  /** Edits the client; `forgetRemoved` (moved to another environment): which companies were removed from it no longer applies. */
  async update(userId: string, id: string, input: ClientRecordInput, ref: BcEnvironmentRef, forgetRemoved = false): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
      `UPDATE clients c SET name = $3, contact_name = $4, email = $5, phone = $6, notes = $7, client_url = $8,
         bc_tenant = $9, bc_environment = $10, bc_origin = $11, tax = $12, updated_at = now()
       FROM client_access a WHERE a.client_id = c.id AND a.user_id = $1 AND c.id = $2 RETURNING c.id`,
      [userId, id, input.name, input.contactName ?? null, input.email ?? null, input.phone ?? null, input.notes ?? null,
        input.clientUrl, ref.tenant, ref.environment, ref.origin, JSON.stringify(input.tax)],
      );
      if (rows.length > 0 && forgetRemoved) await tx.query('DELETE FROM removed_companies WHERE client_id = $1', [id]);
      if (rows.length > 0) await bumpForClient(tx, id);
      return rows.length > 0;
    });
  }

  /** Only the owner deletes; companies and snapshots go with the client. */
  async remove(userId: string, id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // Who saw the client must be read before the delete takes the access list with it.
      const holders = await tx.query<{ user_id: string }>('SELECT user_id FROM client_access WHERE client_id = $1', [id]);
      const rows = await tx.query(
        `DELETE FROM clients c USING client_access a WHERE a.client_id = c.id AND a.user_id = $1 AND a.role = 'owner' AND c.id = $2 RETURNING c.id`,
        [userId, id],
      );
      if (rows.length === 0) return false;
      await bumpUsers(tx, 'SELECT unnest($1::uuid[])', [holders.map((h) => h.user_id)]);
      return true;
    });
  }

  /**
   * Replaces the client's company list with what Business Central reported, keeping ids of known ones. Companies removed
   * from the client stay off it (checked here too, so a removal made while the list was being read holds).
   */
  async syncCompanies(clientId: string, companies: readonly { bcCompanyId: string; name: string }[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const c of companies) {
        await tx.query(
          `INSERT INTO companies (client_id, bc_company_id, name)
           SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM removed_companies r WHERE r.client_id = $1 AND r.bc_company_id = $2)
           ON CONFLICT (client_id, bc_company_id) DO UPDATE SET name = EXCLUDED.name`,
          [clientId, c.bcCompanyId, c.name],
        );
      }
      await tx.query(`DELETE FROM companies WHERE client_id = $1 AND NOT (bc_company_id = ANY($2::text[]))`, [clientId, companies.map((c) => c.bcCompanyId)]);
      await bumpForClient(tx, clientId);
    });
  }

  /**
   * Removes companies from their clients and remembers it, so discovery leaves them out; their snapshots and alert
   * state go with them. All or nothing: null when any id is not one of the user's companies.
   */
  async removeCompanies(userId: string, companyIds: readonly string[]): Promise<RemovedCompany[] | null> {
    const ids = [...new Set(companyIds)];
    return this.db.transaction(async (tx) => {
      const found = await tx.query<RemovedCompany & { bcCompanyId: string }>(
        `SELECT co.id AS "companyId", co.client_id AS "clientId", c.name AS "clientName", co.name AS "companyName", co.bc_company_id AS "bcCompanyId"
         FROM companies co JOIN clients c ON c.id = co.client_id JOIN client_access a ON a.client_id = c.id AND a.user_id = $1
         WHERE co.id = ANY($2::uuid[]) ORDER BY lower(c.name), lower(co.name)`,
        [userId, ids],
      );
      if (found.length !== ids.length) return null;
      await tx.query(
        `INSERT INTO removed_companies (client_id, bc_company_id, name)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
         ON CONFLICT (client_id, bc_company_id) DO UPDATE SET name = EXCLUDED.name, removed_at = now()`,
        [found.map((f) => f.clientId), found.map((f) => f.bcCompanyId), found.map((f) => f.companyName)],
      );
      // Who saw them is read before the rows go.
      await bumpUsers(tx, 'SELECT user_id FROM client_access WHERE client_id = ANY($1::uuid[])', [[...new Set(found.map((f) => f.clientId))]]);
      await tx.query('DELETE FROM companies WHERE id = ANY($1::uuid[])', [ids]);
      return found.map(({ bcCompanyId: _id, ...f }) => f);
    });
  }

  /** Shows a removed company under its client again (its figures come with the next refresh); false when not removed. */
  async restoreCompany(userId: string, clientId: string, bcCompanyId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ name: string }>(
        `DELETE FROM removed_companies r USING client_access a
         WHERE a.client_id = r.client_id AND a.user_id = $1 AND r.client_id = $2 AND r.bc_company_id = $3 RETURNING r.name`,
        [userId, clientId, bcCompanyId],
      );
      if (!row) return false;
      await tx.query(
        'INSERT INTO companies (client_id, bc_company_id, name) VALUES ($1, $2, $3) ON CONFLICT (client_id, bc_company_id) DO NOTHING',
        [clientId, bcCompanyId, row.name],
      );
      await bumpForClient(tx, clientId);
      return true;
    });
  }
}
