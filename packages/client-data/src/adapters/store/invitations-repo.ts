import type { Db } from './db';
import type { InvitationDirection, InvitationRecord, StoredStatus } from '../../invitations/invitation';

interface Row {
  id: string; direction: InvitationDirection; status: StoredStatus; company_name: string | null; client_url: string | null; companies: string[] | null;
  client_contact_name: string | null; client_email: string | null; accountant_email: string | null; accountant_name: string | null;
  accountant_user_id: string | null; accountant_tenant_id: string | null; message: string | null; reply_message: string | null; send_count: number;
  expires_at: Date | string; created_at: Date | string; responded_at: Date | string | null; client_id: string | null;
  companies_not_found: string[] | null; inviter_notified_at: Date | string | null; inviter_notice_error: string | null;
}

const toRecord = (r: Row): InvitationRecord => ({
  id: r.id, direction: r.direction, status: r.status, companyName: r.company_name, clientUrl: r.client_url, companies: r.companies ?? [],
  clientContactName: r.client_contact_name, clientEmail: r.client_email, accountantEmail: r.accountant_email, accountantName: r.accountant_name,
  accountantUserId: r.accountant_user_id, accountantTenantId: r.accountant_tenant_id, message: r.message, replyMessage: r.reply_message,
  sendCount: r.send_count, expiresAt: new Date(r.expires_at), createdAt: new Date(r.created_at),
  respondedAt: r.responded_at ? new Date(r.responded_at) : null, clientId: r.client_id, companiesNotFound: r.companies_not_found ?? [],
  inviterNotice: r.inviter_notified_at ? 'sent' : r.inviter_notice_error ? 'failed' : null,
});

export type NewInvitation = Omit<InvitationRecord,
  'id' | 'status' | 'sendCount' | 'createdAt' | 'respondedAt' | 'clientId' | 'replyMessage' | 'companiesNotFound' | 'inviterNotice'>;

/** What a response writes besides the status. */
export interface InvitationResponse {
  status: Exclude<StoredStatus, 'pending'>;
  accountantUserId?: string;
  accountantTenantId?: string;
  accountantName?: string;
  clientId?: string;
  /** Filled in by the client completing an accountant's invitation. */
  companyName?: string;
  clientUrl?: string;
  companies?: string[];
  clientContactName?: string;
  clientEmail?: string;
  replyMessage?: string;
  /** Shared names that matched no Business Central company. */
  companiesNotFound?: string[];
}

/** Invitations, their hashed tokens, the send log behind the rate limit, and users' last known work emails. */
export class InvitationsRepo {
  constructor(private readonly db: Db) {}

  async insert(tx: Db, inv: NewInvitation, tokenHash: Buffer): Promise<InvitationRecord> {
    const [row] = await tx.query<Row>(
      `INSERT INTO invitations (direction, company_name, client_url, companies, client_contact_name, client_email, accountant_email, accountant_name,
         accountant_user_id, accountant_tenant_id, message, expires_at)
       VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [inv.direction, inv.companyName, inv.clientUrl, inv.companies, inv.clientContactName, inv.clientEmail, inv.accountantEmail, inv.accountantName,
        inv.accountantUserId, inv.accountantTenantId, inv.message, inv.expiresAt],
    );
    if (!row) throw new Error('invitation insert returned nothing');
    await tx.query('INSERT INTO invitation_tokens (token_hash, invitation_id) VALUES ($1, $2)', [tokenHash, row.id]);
    return toRecord(row);
  }

  /** The invitation a token hash belongs to, and the stored hash (compared again in constant time by the caller). */
  async findByTokenHash(hash: Buffer): Promise<{ invitation: InvitationRecord; storedHash: Buffer; superseded: boolean } | null> {
    const [row] = await this.db.query<Row & { token_hash: Uint8Array; superseded_at: Date | null }>(
      `SELECT i.*, t.token_hash, t.superseded_at FROM invitation_tokens t JOIN invitations i ON i.id = t.invitation_id WHERE t.token_hash = $1`,
      [hash],
    );
    return row ? { invitation: toRecord(row), storedHash: Buffer.from(row.token_hash), superseded: row.superseded_at !== null } : null;
  }

  async get(id: string, tx: Db = this.db): Promise<InvitationRecord | null> {
    const [row] = await tx.query<Row>('SELECT * FROM invitations WHERE id = $1', [id]);
    return row ? toRecord(row) : null;
  }

  /** Records a response only while the invitation is still pending and unexpired (two clicks cannot both win). */
  async respond(tx: Db, id: string, now: Date, r: InvitationResponse): Promise<InvitationRecord | null> {
    const [row] = await tx.query<Row>(
      `UPDATE invitations SET status = $3, responded_at = $2,
         accountant_user_id = COALESCE($4, accountant_user_id), accountant_tenant_id = COALESCE($5, accountant_tenant_id), client_id = COALESCE($6, client_id),
         company_name = COALESCE($7, company_name), client_url = COALESCE($8, client_url), companies = COALESCE($9::text[], companies),
         client_contact_name = COALESCE($10, client_contact_name), client_email = COALESCE($11, client_email), reply_message = COALESCE($12, reply_message),
         accountant_name = COALESCE($13, accountant_name), companies_not_found = COALESCE($14::text[], companies_not_found)
       WHERE id = $1 AND status = 'pending' AND expires_at > $2 RETURNING *`,
      [id, now, r.status, r.accountantUserId ?? null, r.accountantTenantId ?? null, r.clientId ?? null, r.companyName ?? null, r.clientUrl ?? null,
        r.companies ?? null, r.clientContactName ?? null, r.clientEmail ?? null, r.replyMessage ?? null, r.accountantName ?? null, r.companiesNotFound ?? null],
    );
    if (row) await tx.query('UPDATE invitation_tokens SET superseded_at = COALESCE(superseded_at, $2) WHERE invitation_id = $1', [id, now]);
    return row ? toRecord(row) : null;
  }

  /** Records whether the email telling the inviter about the answer went (or why not): the answer itself stands. */
  async recordInviterNotice(id: string, outcome: { sentAt: Date } | { error: string }): Promise<void> {
    await this.db.query('UPDATE invitations SET inviter_notified_at = $2, inviter_notice_error = $3 WHERE id = $1',
      [id, 'sentAt' in outcome ? outcome.sentAt : null, 'error' in outcome ? outcome.error.slice(0, 500) : null]);
  }

  /** Withdraws a pending invitation the user sent. */
  async revoke(id: string, userId: string, now: Date): Promise<InvitationRecord | null> {
    const [row] = await this.db.query<Row>(
      `UPDATE invitations SET status = 'revoked', responded_at = $3
       WHERE id = $1 AND accountant_user_id = $2 AND direction = 'accountant_to_client' AND status = 'pending' RETURNING *`,
      [id, userId, now],
    );
    return row ? toRecord(row) : null;
  }

  /** A new token for a pending invitation the user sent: every older token stops working, the expiry starts again. */
  async reissue(tx: Db, id: string, userId: string, tokenHash: Buffer, now: Date, expiresAt: Date): Promise<InvitationRecord | null> {
    const [row] = await tx.query<Row>(
      `UPDATE invitations SET expires_at = $3, send_count = send_count + 1
       WHERE id = $1 AND accountant_user_id = $2 AND direction = 'accountant_to_client' AND status = 'pending' RETURNING *`,
      [id, userId, expiresAt],
    );
    if (!row) return null;
    await tx.query('UPDATE invitation_tokens SET superseded_at = $2 WHERE invitation_id = $1 AND superseded_at IS NULL', [id, now]);
    await tx.query('INSERT INTO invitation_tokens (token_hash, invitation_id) VALUES ($1, $2)', [tokenHash, id]);
    return toRecord(row);
  }

  /** Invitations the user sent to clients. */
  async listSent(userId: string): Promise<InvitationRecord[]> {
    return (await this.db.query<Row>(
      `SELECT * FROM invitations WHERE accountant_user_id = $1 AND direction = 'accountant_to_client' ORDER BY created_at DESC LIMIT 200`, [userId],
    )).map(toRecord);
  }

  /** Invitations clients sent to this email address (or that this user accepted). */
  async listReceived(userId: string, email: string | null): Promise<InvitationRecord[]> {
    return (await this.db.query<Row>(
      `SELECT * FROM invitations WHERE direction = 'client_to_accountant' AND (accountant_email = $2 OR accountant_user_id = $1)
       ORDER BY created_at DESC LIMIT 200`, [userId, email],
    )).map(toRecord);
  }

  /**
   * The hourly rate limit: under a per-bucket lock, counts the sends of the last `windowMs` in each bucket; when all are
   * under `limit` records one more in each and returns null, else returns when the fullest bucket frees a slot.
   */
  async takeSendSlot(tx: Db, buckets: readonly string[], limit: number, windowMs: number, now: Date): Promise<{ bucket: string; retryAt: Date } | null> {
    const since = new Date(now.getTime() - windowMs);
    for (const bucket of [...buckets].sort()) {
      await tx.query('SELECT pg_advisory_xact_lock(4242005, hashtext($1))', [bucket]);
      const rows = await tx.query<{ sent_at: Date | string }>(
        'SELECT sent_at FROM invitation_sends WHERE bucket = $1 AND sent_at > $2 ORDER BY sent_at DESC LIMIT $3', [bucket, since, limit],
      );
      const oldest = rows[limit - 1];
      if (oldest) return { bucket, retryAt: new Date(new Date(oldest.sent_at).getTime() + windowMs) };
    }
    for (const bucket of buckets) await tx.query('INSERT INTO invitation_sends (bucket, sent_at) VALUES ($1, $2)', [bucket, now]);
    // Old entries are of no use to anyone: trimmed as we go.
    await tx.query('DELETE FROM invitation_sends WHERE sent_at < $1', [new Date(now.getTime() - 2 * windowMs)]);
    return null;
  }

  /** Remembers the work email a signed-in user presented (lower case). */
  async rememberEmail(userId: string, email: string): Promise<void> {
    await this.db.query(
      `INSERT INTO user_emails (user_id, email) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now() WHERE user_emails.email <> EXCLUDED.email`,
      [userId, email],
    );
  }

  async userIdsByEmail(email: string, tx: Db = this.db): Promise<string[]> {
    return (await tx.query<{ user_id: string }>('SELECT user_id FROM user_emails WHERE email = $1', [email])).map((r) => r.user_id);
  }
}
