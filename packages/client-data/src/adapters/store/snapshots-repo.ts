import type { DashboardRow, Kpis, RefreshErrorKind, TaxSettings } from '@hub/contracts';
import { snapshotDetails, type CompanySnapshot, type SnapshotDetails, type StoredSnapshot } from '../../domain/snapshot';
import type { Db } from './db';

/** A company as the refresh needs it: where its client's Business Central is and how it files tax. */
export interface CompanyTarget {
  companyId: string;
  clientId: string;
  bcCompanyId: string;
  companyName: string;
  clientName: string;
  bcTenant: string;
  bcEnvironment: string;
  bcOrigin: string;
  tax: TaxSettings;
}

/** What one company's refresh produced. */
export type RefreshOutcome =
  | { companyId: string; currency: string; snapshot: CompanySnapshot }
  | { companyId: string; error: { kind: RefreshErrorKind; message: string } };

export interface DashboardRecord extends Omit<DashboardRow, 'bcUrl' | 'sameCompany'> {
  bcTenant: string;
  bcEnvironment: string;
  bcOrigin: string;
  /** Which company of Business Central it is, and when its client was added (which of two rows of one company counts). */
  bcCompanyId: string;
  clientCreatedAt: string;
}

interface RowData {
  company_id: string; client_id: string; client_name: string; company_name: string; currency: string | null;
  bc_tenant: string; bc_environment: string; bc_origin: string; bc_company_id: string; client_created_at: Date; kpis: Kpis | null; refreshed_at: Date | null;
  error_kind: RefreshErrorKind | null; error_message: string | null; error_at: Date | null;
}

/** NOTIFY channel carrying the id of a user whose dashboard changed (see DashboardCache). */
export const DASHBOARD_CHANNEL = 'hub_dashboard';

/**
 * SQL that bumps the dashboard version of the users `usersSql` selects and tells every instance (on commit): a CTE
 * named `changed` to put in a WITH list, and the final SELECT that notifies. Shared so a bigger statement can bump
 * in the same round trip.
 */
const bumpSql = (usersSql: string) => ({
  cte: `changed AS (UPDATE users SET dashboard_version = dashboard_version + 1 WHERE id IN (${usersSql}) RETURNING id)`,
  notify: `SELECT pg_notify('${DASHBOARD_CHANNEL}', id::text) FROM changed`,
});

/** Bumps the dashboard version of the users the query selects and tells every instance (on commit). */
export async function bumpUsers(db: Db, usersSql: string, params: readonly unknown[]): Promise<void> {
  const { cte, notify } = bumpSql(usersSql);
  await db.query(`WITH ${cte} ${notify}`, params);
}

/** Marks the dashboards of everyone with access to a client as changed. */
export const bumpForClient = (db: Db, clientId: string) =>
  bumpUsers(db, 'SELECT user_id FROM client_access WHERE client_id = $1', [clientId]);

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

const SELECT_ROWS = `
  SELECT co.id AS company_id, c.id AS client_id, c.name AS client_name, co.name AS company_name, co.currency,
         c.bc_tenant, c.bc_environment, c.bc_origin, co.bc_company_id, c.created_at AS client_created_at, s.kpis, s.refreshed_at, s.error_kind, s.error_message, s.error_at
  FROM client_access a
  JOIN clients c ON c.id = a.client_id
  JOIN companies co ON co.client_id = c.id
  LEFT JOIN snapshots s ON s.company_id = co.id
  WHERE a.user_id = $1`;

function toRecord(r: RowData): DashboardRecord {
  return {
    companyId: r.company_id, clientId: r.client_id, clientName: r.client_name, companyName: r.company_name, currency: r.currency,
    kpis: r.kpis, refreshedAt: iso(r.refreshed_at),
    status: r.error_kind ? 'error' : r.refreshed_at ? 'ok' : 'never',
    error: r.error_kind ? { kind: r.error_kind, message: r.error_message ?? '', at: iso(r.error_at) ?? '' } : null,
    bcTenant: r.bc_tenant, bcEnvironment: r.bc_environment, bcOrigin: r.bc_origin,
    bcCompanyId: r.bc_company_id, clientCreatedAt: new Date(r.client_created_at).toISOString(),
  };
}

/** Latest figures per company. A failed refresh records why but keeps the last good snapshot. */
export class SnapshotsRepo {
  constructor(private readonly db: Db) {}

  async rows(userId: string): Promise<DashboardRecord[]> {
    return (await this.db.query<RowData>(`${SELECT_ROWS} ORDER BY lower(c.name), lower(co.name), co.id`, [userId])).map(toRecord);
  }

  async row(userId: string, companyId: string): Promise<DashboardRecord | null> {
    const [r] = await this.db.query<RowData>(`${SELECT_ROWS} AND co.id = $2`, [userId, companyId]);
    return r ? toRecord(r) : null;
  }

  /** The user's rows with the company id of `companyId`'s (itself included): whatever may be the same company. */
  async rowsLike(userId: string, companyId: string): Promise<DashboardRecord[]> {
    const rows = await this.db.query<RowData>(
      `${SELECT_ROWS} AND lower(co.bc_company_id) = (SELECT lower(x.bc_company_id) FROM companies x WHERE x.id = $2) ORDER BY co.id`,
      [userId, companyId],
    );
    return rows.map(toRecord);
  }

  /** The details pane's part of the company's last good snapshot. */
  async snapshot(userId: string, companyId: string): Promise<SnapshotDetails | null> {
    const [r] = await this.db.query<{ data: StoredSnapshot | null }>(
      `SELECT s.data FROM snapshots s JOIN companies co ON co.id = s.company_id
       JOIN client_access a ON a.client_id = co.client_id AND a.user_id = $1 WHERE s.company_id = $2`,
      [userId, companyId],
    );
    return r?.data ? snapshotDetails(r.data) : null;
  }

  /** Companies the user may refresh; `companyIds` narrows to a selection (unknown ids are ignored). */
  async targets(userId: string, companyIds?: readonly string[]): Promise<CompanyTarget[]> {
    const rows = await this.db.query<CompanyTarget>(
      `SELECT co.id AS "companyId", c.id AS "clientId", co.bc_company_id AS "bcCompanyId", co.name AS "companyName", c.name AS "clientName",
              c.bc_tenant AS "bcTenant", c.bc_environment AS "bcEnvironment", c.bc_origin AS "bcOrigin", c.tax
       FROM client_access a JOIN clients c ON c.id = a.client_id JOIN companies co ON co.client_id = c.id
       WHERE a.user_id = $1 AND ($2::uuid[] IS NULL OR co.id = ANY($2::uuid[]))
       ORDER BY c.bc_tenant, c.bc_environment, co.id`,
      [userId, companyIds ?? null],
    );
    return rows;
  }

  /**
   * Companies not read (successfully or not) since `olderThan`, oldest first, each with one user who may read
   * it (the owner first, whose delegated tokens the refresh uses). A failing company waits like a good one, so
   * a broken client is not retried every scheduler tick.
   */
  async staleTargets(olderThan: Date, limit: number): Promise<(CompanyTarget & { userId: string })[]> {
    return this.db.query<CompanyTarget & { userId: string }>(
      `SELECT * FROM (
         SELECT DISTINCT ON (co.id) co.id AS "companyId", c.id AS "clientId", co.bc_company_id AS "bcCompanyId", co.name AS "companyName",
                c.name AS "clientName", c.bc_tenant AS "bcTenant", c.bc_environment AS "bcEnvironment", c.bc_origin AS "bcOrigin", c.tax,
                a.user_id AS "userId", COALESCE(GREATEST(s.refreshed_at, s.error_at), 'epoch'::timestamptz) AS last_read
         FROM companies co JOIN clients c ON c.id = co.client_id JOIN client_access a ON a.client_id = c.id
         LEFT JOIN snapshots s ON s.company_id = co.id
         WHERE COALESCE(GREATEST(s.refreshed_at, s.error_at), 'epoch'::timestamptz) < $1
         ORDER BY co.id, (a.role = 'owner') DESC, a.user_id
       ) stale ORDER BY last_read, "companyId" LIMIT $2`,
      [olderThan, limit],
    );
  }

  /** Calls `onUser(userId)` whenever a user's dashboard changed, on any instance sharing the database (see Db.listen). */
  watch(onUser: (userId: string) => void, onLost: () => void, onRestored: () => void): Promise<() => Promise<void>> {
    return this.db.listen(DASHBOARD_CHANNEL, onUser, onLost, onRestored);
  }

  /** Changes whenever anything on the user's dashboard changed (any instance). */
  async version(userId: string): Promise<string> {
    const [r] = await this.db.query<{ v: string }>('SELECT dashboard_version::text AS v FROM users WHERE id = $1', [userId]);
    return r?.v ?? '0';
  }

  /**
   * Stores the outcome of refreshing several companies in one transaction, with one change notification:
   * successes replace the snapshot and clear the error; failures record why and keep the last good snapshot.
   * A company deleted meanwhile (discovery, or its client removed) is skipped. `alsoInTransaction` runs in the same
   * transaction (the refresh job's progress).
   */
  async saveOutcomes(outcomes: readonly RefreshOutcome[], at: Date, alsoInTransaction?: (tx: Db) => Promise<void>): Promise<void> {
    if (outcomes.length === 0) return;
    // The KPIs have their own column; the rest of the snapshot is the data the details pane reads.
    const rows = outcomes.map((o) => ('snapshot' in o
      ? { company_id: o.companyId, currency: o.currency, data: { ...o.snapshot, kpis: undefined }, kpis: o.snapshot.kpis }
      : { company_id: o.companyId, kind: o.error.kind, message: o.error.message }));
    const bump = bumpSql('SELECT a.user_id FROM client_access a JOIN companies co ON co.client_id = a.client_id JOIN x ON x.company_id = co.id');
    await this.db.transaction(async (tx) => {
      // One statement (the JSON is parsed once, as json): store snapshots or errors,
      // update currencies that changed, and bump and notify the dashboards of everyone with access.
      await tx.query(
        `WITH x AS (
           SELECT r.* FROM json_to_recordset($1::json) AS r(company_id uuid, currency text, data json, kpis json, kind text, message text)
           JOIN companies co ON co.id = r.company_id
         ), saved AS (
           INSERT INTO snapshots AS s (company_id, data, kpis, refreshed_at, error_kind, error_message, error_at)
           SELECT company_id, data, kpis, CASE WHEN kind IS NULL THEN $2::timestamptz END, kind, message, CASE WHEN kind IS NOT NULL THEN $2::timestamptz END FROM x
           ON CONFLICT (company_id) DO UPDATE SET
             data = CASE WHEN EXCLUDED.error_kind IS NULL THEN EXCLUDED.data ELSE s.data END,
             kpis = CASE WHEN EXCLUDED.error_kind IS NULL THEN EXCLUDED.kpis ELSE s.kpis END,
             refreshed_at = CASE WHEN EXCLUDED.error_kind IS NULL THEN EXCLUDED.refreshed_at ELSE s.refreshed_at END,
             error_kind = EXCLUDED.error_kind, error_message = EXCLUDED.error_message, error_at = EXCLUDED.error_at
         ), currencies AS (
           UPDATE companies co SET currency = x.currency FROM x
           WHERE x.kind IS NULL AND co.id = x.company_id AND co.currency IS DISTINCT FROM x.currency
         ), ${bump.cte}
         ${bump.notify}`,
        [JSON.stringify(rows), at],
      );
      await alsoInTransaction?.(tx);
    });
  }

  async saveSuccess(companyId: string, currency: string, snapshot: CompanySnapshot, at: Date): Promise<void> {
    await this.saveOutcomes([{ companyId, currency, snapshot }], at);
  }

  async saveFailure(companyId: string, kind: RefreshErrorKind, message: string, at: Date): Promise<void> {
    await this.saveOutcomes([{ companyId, error: { kind, message } }], at);
  }
}
