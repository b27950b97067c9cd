import {
  accountantInvitationRequestSchema, clientInvitationRequestSchema, completeInvitationRequestSchema, invitationPages,
  type Invitation, type InvitationAccepted, type InvitationCreated, type InvitationList, type PublicUrlCheck,
} from '@hub/contracts';
import type { Db } from '../adapters/store/db';
import type { InvitationsRepo, NewInvitation } from '../adapters/store/invitations-repo';
import type { OutboxMessage } from '../adapters/store/outbox-repo';
import { parseClientUrl, type SsoAssertion } from '../domain/client-url';
import { ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { ClientsService } from '../services/clients-service';
import { accountantInvitationEmail, clientInvitationEmail } from './email';
import {
  assertUsable, invalidLink, InvitationProblem, inviteeEmail, inviterLabel, maskEmail, supersededLink, toInvitation, type InvitationRecord,
} from './invitation';
import { MailError, type Mailer, type MailMessage } from './mailer';
import { hashInvitationToken, isWellFormedToken, newInvitationToken, sameHash } from './tokens';

const HOUR = 3_600_000;

export interface InvitationsServiceDeps {
  db: Db;
  repo: InvitationsRepo;
  clients: ClientsService;
  outbox: { enqueue(msg: OutboxMessage, tx?: Db): Promise<boolean> };
  mailer: Mailer;
  /** The hub's public origin: emailed links point at its pages. */
  publicUrl: () => string;
  clock: Clock;
  extraHosts: readonly string[];
  /** How long a link works (default 14 days). */
  ttlDays: number;
  /** Invitation emails per hour per sender address, per signed-in sender and per recipient (default 5). */
  sendsPerHour: number;
}

/** The signed-in accountant. `email` is the work email (UPN) from their sign-in; null when the token has none. */
export interface InvitationUser {
  userId: string;
  tenantId: string;
  name: string | null;
  email: string | null;
  assertion?: SsoAssertion;
}

function parsed<T>(r: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }, what: string): T {
  if (r.success) return r.data;
  throw new ValidationError(`${what} is not valid.`, r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

/**
 * Invitations both ways: a client's administrator invites their accountant (the public wizard), or an accountant invites
 * a client to connect. Tokens are 32 random bytes sent only by email and stored only as SHA-256 hashes; single use,
 * expiring, bound to the invited address. Accepting creates the client through ClientsService and queues the
 * "invitation accepted" card in the same transaction that records the acceptance.
 */
export class InvitationsService {
  constructor(private readonly d: InvitationsServiceDeps) {}

  private now(): Date {
    return this.d.clock.now();
  }

  private link(path: string): string {
    return new URL(path, this.d.publicUrl()).toString();
  }

  private expiry(): Date {
    return new Date(this.now().getTime() + this.d.ttlDays * 24 * HOUR);
  }

  /** Wizard step 1: is it a Business Central address? Parsed only: an anonymous form never makes the hub call out. */
  checkUrl(url: string): PublicUrlCheck {
    const r = parseClientUrl(url, this.d.extraHosts);
    return r.ok
      ? { ok: true, normalizedUrl: r.normalizedUrl, tenant: r.ref.tenant, environment: r.ref.environment }
      : { ok: false, message: r.message };
  }

  private normalizedUrl(url: string): string {
    const r = parseClientUrl(url, this.d.extraHosts);
    if (!r.ok) throw new ValidationError('The Business Central URL is not valid.', [{ path: 'clientUrl', message: r.message }]);
    return r.normalizedUrl;
  }

  /** Records the send against every bucket (or refuses with when to try again), then sends; all in the caller's transaction. */
  private async send(tx: Db, buckets: string[], message: MailMessage): Promise<void> {
    const now = this.now();
    const full = await this.d.repo.takeSendSlot(tx, buckets, this.d.sendsPerHour, HOUR, now);
    if (full) {
      const seconds = Math.max(1, Math.ceil((full.retryAt.getTime() - now.getTime()) / 1000));
      const minutes = Math.ceil(seconds / 60);
      const what = full.bucket.startsWith('to:') ? 'to this email address' : full.bucket.startsWith('ip:') ? 'from your network' : 'from your account';
      throw new InvitationProblem('rate_limited', 429,
        `Too many invitations ${what}: at most ${this.d.sendsPerHour} an hour. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, seconds);
    }
    try {
      await this.d.mailer.send(message);
    } catch (err) {
      if (err instanceof MailError) throw new InvitationProblem('mail_failed', 502, `The invitation email could not be sent (${err.message}). Nothing was saved; try again later.`);
      throw err;
    }
  }

  /** The client's administrator invites their accountant (public wizard). */
  async createFromClient(body: unknown, ip: string): Promise<InvitationCreated> {
    const input = parsed(clientInvitationRequestSchema.safeParse(body), 'The invitation');
    const inv: NewInvitation = {
      direction: 'client_to_accountant', companyName: input.companyName, clientUrl: this.normalizedUrl(input.clientUrl), companies: input.companies,
      clientContactName: input.inviterName, clientEmail: input.inviterEmail ?? null, accountantEmail: input.accountantEmail, accountantName: null,
      accountantUserId: null, accountantTenantId: null, message: input.message ?? null, expiresAt: this.expiry(),
    };
    const { token, hash } = newInvitationToken();
    const created = await this.d.db.transaction(async (tx) => {
      const record = await this.d.repo.insert(tx, inv, hash);
      await this.send(tx, [`ip:${ip}`, `to:${input.accountantEmail}`], clientInvitationEmail(record, this.link(invitationPages.accept(token))));
      return record;
    });
    return { id: created.id, sentTo: maskEmail(input.accountantEmail), expiresAt: created.expiresAt.toISOString() };
  }

  /** The accountant invites a client to connect: the client gets the wizard, pre-filled. */
  async inviteClient(user: InvitationUser, body: unknown): Promise<Invitation> {
    const input = parsed(accountantInvitationRequestSchema.safeParse(body), 'The invitation');
    await this.remember(user);
    const inv: NewInvitation = {
      direction: 'accountant_to_client', companyName: input.companyName ?? null, clientUrl: null, companies: [], clientContactName: null,
      clientEmail: input.clientEmail, accountantEmail: user.email, accountantName: user.name, accountantUserId: user.userId,
      accountantTenantId: user.tenantId, message: input.message ?? null, expiresAt: this.expiry(),
    };
    const { token, hash } = newInvitationToken();
    const created = await this.d.db.transaction(async (tx) => {
      const record = await this.d.repo.insert(tx, inv, hash);
      await this.send(tx, [`user:${user.userId}`, `to:${input.clientEmail}`], accountantInvitationEmail(record, this.link(invitationPages.wizardFor(token))));
      return record;
    });
    return toInvitation(created, this.now());
  }

  /** The invitation a token names, whatever its state; refuses malformed, unknown and replaced tokens. */
  private async resolve(token: string): Promise<InvitationRecord> {
    if (!isWellFormedToken(token)) throw invalidLink();
    const hash = hashInvitationToken(token);
    const found = await this.d.repo.findByTokenHash(hash);
    if (!found || !sameHash(found.storedHash, hash)) throw invalidLink();
    if (found.superseded && found.invitation.status === 'pending') throw supersededLink(found.invitation);
    return found.invitation;
  }

  private async forAccountant(user: InvitationUser, token: string): Promise<InvitationRecord> {
    const inv = await this.resolve(token);
    if (inv.direction !== 'client_to_accountant') {
      throw new InvitationProblem('invitation_wrong_side', 409, 'This link is for the client: it opens the form where they connect their Business Central, not the accountant’s acceptance page.');
    }
    assertUsable(inv, this.now());
    const invited = inviteeEmail(inv);
    if (!user.email) {
      throw new InvitationProblem('invitation_wrong_account', 403, 'Your sign-in does not say which email address is yours, so this invitation cannot be matched to you. Sign in with your work account.');
    }
    if (!invited || invited !== user.email.toLowerCase()) {
      throw new InvitationProblem('invitation_wrong_account', 403,
        `This invitation was sent to ${invited ? maskEmail(invited) : 'another address'}, but you are signed in as ${user.email}. Sign out and sign in with the invited account.`);
    }
    return inv;
  }

  private async remember(user: InvitationUser): Promise<void> {
    if (user.email) await this.d.repo.rememberEmail(user.userId, user.email.toLowerCase());
  }

  /** The acceptance page: who invites the signed-in accountant, to what. */
  async lookup(user: InvitationUser, token: string): Promise<Invitation> {
    await this.remember(user);
    return toInvitation(await this.forAccountant(user, token), this.now());
  }

  /** The wizard opened from an accountant's invitation: what to pre-fill. */
  async lookupForClient(token: string): Promise<Invitation> {
    const inv = await this.resolve(token);
    if (inv.direction !== 'accountant_to_client') {
      throw new InvitationProblem('invitation_wrong_side', 409, 'This link is for the accountant: open it in Accountant Hub (or Teams) and sign in to accept.');
    }
    assertUsable(inv, this.now());
    return toInvitation(inv, this.now());
  }

  /** Cards for everyone concerned, queued in the transaction that records the acceptance. */
  private async enqueueCards(tx: Db, inv: InvitationRecord, accountantUserId: string, companyCount: number, clientId: string): Promise<void> {
    const base = { clientName: inv.companyName ?? 'Client', companyCount, clientId, inviterName: inviterLabel(inv) };
    const card = (userId: string, role: 'accountant' | 'inviter', extra: Record<string, unknown> = {}): OutboxMessage => ({
      key: `invitation-accepted:${inv.id}:${userId}`, userId, kind: 'invitation_accepted', payload: { ...base, role, ...extra },
    });
    await this.d.outbox.enqueue(card(accountantUserId, 'accountant'), tx);
    // A client's administrator who also uses the hub (known by the email they signed in with) hears it too.
    if (inv.direction === 'client_to_accountant' && inv.clientEmail) {
      for (const userId of await this.d.repo.userIdsByEmail(inv.clientEmail, tx)) {
        if (userId !== accountantUserId) await this.d.outbox.enqueue(card(userId, 'inviter', { accountantName: inv.accountantName ?? inv.accountantEmail }), tx);
      }
    }
  }

  /**
   * Creates the client (URL parsed, companies discovered), then in one transaction records the acceptance (only while
   * still pending: a second click loses) and queues the cards; when that fails the new client is removed again.
   */
  private async createAndRecord(o: {
    inv: InvitationRecord; accountantUserId: string; tenantId: string; assertion?: SsoAssertion | undefined;
    client: { name: string; clientUrl: string; contactName?: string | undefined; email?: string | undefined; notes?: string | undefined };
    response: Omit<Parameters<InvitationsRepo['respond']>[3], 'status' | 'clientId'>;
  }): Promise<{ invitation: InvitationRecord; saved: Awaited<ReturnType<ClientsService['create']>> }> {
    const asker = o.assertion ? { assertion: o.assertion } : {};
    const saved = await this.d.clients.create(o.accountantUserId, o.tenantId, o.client, asker);
    const clientId = saved.client.id;
    let recorded: InvitationRecord | null = null;
    try {
      recorded = await this.d.db.transaction(async (tx) => {
        const r = await this.d.repo.respond(tx, o.inv.id, this.now(), { ...o.response, status: 'accepted', clientId });
        if (r) await this.enqueueCards(tx, r, o.accountantUserId, saved.client.companies.length, clientId);
        return r;
      });
    } finally {
      if (!recorded) await this.d.clients.remove(o.accountantUserId, clientId).catch(() => undefined);
    }
    if (!recorded) {
      const now = await this.d.repo.get(o.inv.id);
      if (now) assertUsable(now, this.now());
      throw invalidLink();
    }
    return { invitation: recorded, saved };
  }

  /** The accountant accepts: the client goes on their dashboard, tested like Test Client URL. */
  async accept(user: InvitationUser, token: string): Promise<InvitationAccepted> {
    await this.remember(user);
    const inv = await this.forAccountant(user, token);
    const notes = inv.message ? `Invitation message: ${inv.message}` : undefined;
    const { invitation, saved } = await this.createAndRecord({
      inv, accountantUserId: user.userId, tenantId: user.tenantId, assertion: user.assertion,
      client: { name: inv.companyName ?? 'Client', clientUrl: inv.clientUrl ?? '', contactName: inv.clientContactName ?? undefined, email: inv.clientEmail ?? undefined, notes: notes?.slice(0, 2000) },
      response: { accountantUserId: user.userId, accountantTenantId: user.tenantId, ...(user.name ? { accountantName: user.name } : {}) },
    });
    const urlTest = await this.d.clients.testUrl(saved.client.clientUrl, { clientId: saved.client.id, userId: user.userId, ...(user.assertion ? { assertion: user.assertion } : {}) });
    const { bcOrigin: _origin, ...client } = saved.client;
    return { invitation: toInvitation(invitation, this.now()), client, urlTest, ...(saved.warning ? { warning: saved.warning } : {}) };
  }

  /** The client completes an accountant's invitation from the wizard: the client appears on that accountant's dashboard. */
  async complete(body: unknown): Promise<Invitation> {
    const input = parsed(completeInvitationRequestSchema.safeParse(body), 'The form');
    const inv = await this.resolve(input.token);
    if (inv.direction !== 'accountant_to_client') {
      throw new InvitationProblem('invitation_wrong_side', 409, 'This link is for the accountant: open it in Accountant Hub (or Teams) and sign in to accept.');
    }
    assertUsable(inv, this.now());
    if (!inv.accountantUserId || !inv.accountantTenantId) throw new InvitationProblem('invitation_revoked', 410, 'The accountant who sent this invitation no longer uses Accountant Hub.');
    const clientUrl = this.normalizedUrl(input.clientUrl);
    const { invitation } = await this.createAndRecord({
      inv, accountantUserId: inv.accountantUserId, tenantId: inv.accountantTenantId,
      client: {
        name: input.companyName, clientUrl, contactName: input.inviterName, email: input.inviterEmail ?? inv.clientEmail ?? undefined,
        notes: input.message ? `Message from ${input.inviterName}: ${input.message}`.slice(0, 2000) : undefined,
      },
      response: {
        companyName: input.companyName, clientUrl, companies: input.companies, clientContactName: input.inviterName,
        ...(input.inviterEmail ? { clientEmail: input.inviterEmail } : {}), ...(input.message ? { replyMessage: input.message } : {}),
      },
    });
    return toInvitation(invitation, this.now());
  }

  /** The invited accountant says no. */
  async decline(user: InvitationUser, token: string): Promise<Invitation> {
    await this.remember(user);
    const inv = await this.forAccountant(user, token);
    const r = await this.d.db.transaction((tx) => this.d.repo.respond(tx, inv.id, this.now(), { status: 'declined', accountantUserId: user.userId }));
    if (!r) {
      const now = await this.d.repo.get(inv.id);
      if (now) assertUsable(now, this.now());
      throw invalidLink();
    }
    return toInvitation(r, this.now());
  }

  async list(user: InvitationUser): Promise<InvitationList> {
    await this.remember(user);
    const now = this.now();
    const [sent, received] = await Promise.all([this.d.repo.listSent(user.userId), this.d.repo.listReceived(user.userId, user.email?.toLowerCase() ?? null)]);
    return { sent: sent.map((i) => toInvitation(i, now)), received: received.map((i) => toInvitation(i, now)) };
  }

  private async ownPending(user: InvitationUser, id: string): Promise<InvitationRecord> {
    const inv = await this.d.repo.get(id);
    if (!inv || inv.direction !== 'accountant_to_client' || inv.accountantUserId !== user.userId) {
      throw new InvitationProblem('invitation_invalid', 404, 'No invitation of yours has this id.');
    }
    if (inv.status !== 'pending') assertUsable(inv, this.now());
    return inv;
  }

  /** A new email with a new link (the old link stops working; the expiry starts again). Expired invitations can be resent. */
  async resend(user: InvitationUser, id: string): Promise<Invitation> {
    const inv = await this.ownPending(user, id);
    const { token, hash } = newInvitationToken();
    const record = await this.d.db.transaction(async (tx) => {
      const r = await this.d.repo.reissue(tx, inv.id, user.userId, hash, this.now(), this.expiry());
      if (!r) throw new InvitationProblem('invitation_invalid', 409, 'This invitation was answered or withdrawn meanwhile.');
      await this.send(tx, [`user:${user.userId}`, `to:${r.clientEmail ?? ''}`], accountantInvitationEmail(r, this.link(invitationPages.wizardFor(token))));
      return r;
    });
    return toInvitation(record, this.now());
  }

  /** Withdraws a pending invitation the accountant sent: its link stops working at once. */
  async revoke(user: InvitationUser, id: string): Promise<Invitation> {
    const inv = await this.ownPending(user, id);
    const r = await this.d.repo.revoke(inv.id, user.userId, this.now());
    if (!r) throw new InvitationProblem('invitation_invalid', 409, 'This invitation was answered or withdrawn meanwhile.');
    return toInvitation(r, this.now());
  }
}
