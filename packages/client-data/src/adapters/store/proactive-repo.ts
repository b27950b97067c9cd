import type { Kpis } from '@hub/contracts';
import { toSettings, type BotSettings, type SettingsRow } from './bot-state-repo';
import type { Db } from './db';

/** A user the scheduler may send to: reachable conversation, settings in effect, dashboard version. */
export interface ProactiveUser { userId: string; settings: BotSettings; dashboardVersion: string }

/** One company of a user's, as alert detection reads it from the stored snapshot (and where it is, to count it once). */
export interface CompanyAlertRow {
  companyId: string; clientId: string; clientName: string; companyName: string;
  salesIds: string[]; purchaseIds: string[]; taxDue: Kpis['taxDue'];
  bcOrigin: string; bcTenant: string; bcEnvironment: string; bcCompanyId: string; clientCreatedAt: string;
  /** The overdue lists are unavailable (Business Central gave no data for them): their absence means nothing. */
  partial: boolean;
}

/** Storage for the proactive scheduler: who to consider, snapshots to read, documents already alerted, the run lease. */
export class ProactiveRepo {
  constructor(private readonly db: Db) {}

  /** Every user with a reachable conversation, with settings (one query for the whole run). */
  async users(): Promise<ProactiveUser[]> {
    const rows = await this.db.query<SettingsRow & { user_id: string; v: string; has_settings: boolean }>(
      `SELECT c.user_id, u.dashboard_version::text AS v, s.user_id IS NOT NULL AS has_settings,
              s.summary_time, s.summary_days, s.time_zone, s.detected_time_zone, s.alerts
       FROM bot_conversations c JOIN users u ON u.id = c.user_id LEFT JOIN bot_settings s ON s.user_id = c.user_id
       WHERE c.gone_at IS NULL ORDER BY c.user_id`,
    );
    return rows.map((r) => ({ userId: r.user_id, dashboardVersion: r.v, settings: toSettings(r.has_settings ? r : undefined) }));
  }

  /** The user's companies with a stored snapshot: overdue document ids and the tax estimate. */
  async companies(userId: string): Promise<CompanyAlertRow[]> {
    const rows = await this.db.query<{
      company_id: string; client_id: string; client_name: string; company_name: string; sales: string[] | null; purchases: string[] | null; tax_due: Kpis['taxDue'] | null;
      bc_origin: string; bc_tenant: string; bc_environment: string; bc_company_id: string; client_created_at: Date;
      partial: boolean;
    }>(
      `SELECT co.id AS company_id, c.id AS client_id, c.name AS client_name, co.name AS company_name,
              c.bc_origin, c.bc_tenant, c.bc_environment, co.bc_company_id, c.created_at AS client_created_at,
              (SELECT array_agg(e->>'id') FROM json_array_elements(COALESCE(s.data->'overdueSales', '[]'::json)) e) AS sales,
              (SELECT array_agg(e->>'id') FROM json_array_elements(COALESCE(s.data->'overduePurchases', '[]'::json)) e) AS purchases,
              s.kpis->'taxDue' AS tax_due,
              (s.data->'unavailable'->>'overdueSales') IS NOT NULL OR (s.data->'unavailable'->>'overduePurchases') IS NOT NULL AS partial
       FROM client_access a JOIN clients c ON c.id = a.client_id JOIN companies co ON co.client_id = c.id
       JOIN snapshots s ON s.company_id = co.id
       WHERE a.user_id = $1 AND s.data IS NOT NULL ORDER BY lower(c.name), lower(co.name), co.id`,
      [userId],
    );
    return rows.map((r) => ({
      companyId: r.company_id, clientId: r.client_id, clientName: r.client_name, companyName: r.company_name,
      salesIds: r.sales ?? [], purchaseIds: r.purchases ?? [], taxDue: r.tax_due ?? null, partial: r.partial,
      bcOrigin: r.bc_origin, bcTenant: r.bc_tenant, bcEnvironment: r.bc_environment, bcCompanyId: r.bc_company_id,
      clientCreatedAt: new Date(r.client_created_at).toISOString(),
    }));
  }

  /** Documents already alerted per company (for one user). */
  async alerted(userId: string): Promise<Map<string, Set<string>>> {
    const rows = await this.db.query<{ company_id: string; document_id: string }>('SELECT company_id, document_id FROM proactive_alerted WHERE user_id = $1', [userId]);
    const out = new Map<string, Set<string>>();
    for (const r of rows) {
      const set = out.get(r.company_id) ?? new Set<string>();
      set.add(r.document_id);
      out.set(r.company_id, set);
    }
    return out;
  }

  async remember(userId: string, companyId: string, docKeys: readonly string[], tx?: Db): Promise<void> {
    if (docKeys.length === 0) return;
    await (tx ?? this.db).query(
      `INSERT INTO proactive_alerted (user_id, company_id, document_id) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING`,
      [userId, companyId, docKeys],
    );
  }

  async forget(userId: string, companyId: string, docKeys: readonly string[], tx?: Db): Promise<void> {
    if (docKeys.length === 0) return;
    await (tx ?? this.db).query('DELETE FROM proactive_alerted WHERE user_id = $1 AND company_id = $2 AND document_id = ANY($3::text[])', [userId, companyId, docKeys]);
  }

  /** Takes (or keeps) the named lease for `ms`; false while another owner holds an unexpired one. */
  async tryLease(name: string, owner: string, ms: number): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO proactive_leases (name, owner, lease_until) VALUES ($1, $2, now() + ($3::int * interval '1 millisecond'))
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
       WHERE proactive_leases.owner = EXCLUDED.owner OR proactive_leases.lease_until < now()
       RETURNING owner`,
      [name, owner, Math.max(1, Math.round(ms))],
    );
    return rows.length > 0;
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    await this.db.query('DELETE FROM proactive_leases WHERE name = $1 AND owner = $2', [name, owner]);
  }
}
