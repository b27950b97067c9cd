import {
  accountantInvitationRequestSchema, clientInvitationRequestSchema, invitationPages, type Invitation, type InvitationCreated,
} from '@hub/contracts';
import type { Db } from '../adapters/store/db';
import type { NewInvitation } from '../adapters/store/invitations-repo';
import { accountantInvitationEmail, clientInvitationEmail } from './invitation-emails';
import { assertUsable, InvitationProblem, maskEmail, recipientBucket, toInvitation, type InvitationRecord } from './invitation';
import type { InvitationLinks } from './invitation-links';
import { HOUR, hubLink, parsed, type InvitationsServiceDeps, type InvitationUser } from './invitations-deps';
import { MailError, type MailMessage } from './mailer';
import { newInvitationToken } from './tokens';

/** Sending invitations both ways, within the hourly limits; resending and withdrawing the accountant's own. */
export class InvitationSender {
  constructor(private readonly d: InvitationsServiceDeps, private readonly links: InvitationLinks) {}

  private expiry(): Date {
    return new Date(this.d.clock.now().getTime() + this.d.ttlDays * 24 * HOUR);
  }

  /** Records the send against every bucket (or refuses with when to try again), then sends; all in the caller's transaction. */
  private async send(tx: Db, buckets: string[], message: MailMessage): Promise<void> {
    const now = this.d.clock.now();
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
      direction: 'client_to_accountant', companyName: input.companyName, clientUrl: this.links.normalizedUrl(input.clientUrl), companies: input.companies,
      clientContactName: input.inviterName, clientEmail: input.inviterEmail ?? null, accountantEmail: input.accountantEmail, accountantName: null,
      accountantUserId: null, accountantTenantId: null, message: input.message ?? null, expiresAt: this.expiry(),
    };
    const { token, hash } = newInvitationToken();
    const created = await this.d.db.transaction(async (tx) => {
      const record = await this.d.repo.insert(tx, inv, hash);
      await this.send(tx, [`ip:${ip}`, recipientBucket(input.accountantEmail)], clientInvitationEmail(record, hubLink(this.d, invitationPages.accept(token))));
      return record;
    });
    return { id: created.id, sentTo: maskEmail(input.accountantEmail), expiresAt: created.expiresAt.toISOString() };
  }

  /** The accountant invites a client to connect: the client gets the wizard, pre-filled. */
  async inviteClient(user: InvitationUser, body: unknown): Promise<Invitation> {
    const input = parsed(accountantInvitationRequestSchema.safeParse(body), 'The invitation');
    await this.links.remember(user);
    const inv: NewInvitation = {
      direction: 'accountant_to_client', companyName: input.companyName ?? null, clientUrl: null, companies: [], clientContactName: null,
      clientEmail: input.clientEmail, accountantEmail: user.email, accountantName: user.name, accountantUserId: user.userId,
      accountantTenantId: user.tenantId, message: input.message ?? null, expiresAt: this.expiry(),
    };
    const { token, hash } = newInvitationToken();
    const created = await this.d.db.transaction(async (tx) => {
      const record = await this.d.repo.insert(tx, inv, hash);
      await this.send(tx, [`user:${user.userId}`, recipientBucket(input.clientEmail)], accountantInvitationEmail(record, hubLink(this.d, invitationPages.wizardFor(token))));
      return record;
    });
    return toInvitation(created, this.d.clock.now());
  }

  /** An invitation this accountant sent; anyone else's id is simply not found. */
  private async ownPending(user: InvitationUser, id: string): Promise<InvitationRecord> {
    const inv = await this.d.repo.get(id);
    if (!inv || inv.direction !== 'accountant_to_client' || inv.accountantUserId !== user.userId) {
      throw new InvitationProblem('invitation_invalid', 404, 'No invitation of yours has this id.');
    }
    if (inv.status !== 'pending') assertUsable(inv, this.d.clock.now());
    return inv;
  }

  /** A new email with a new link (the old link stops working; the expiry starts again). Expired invitations can be resent. */
  async resend(user: InvitationUser, id: string): Promise<Invitation> {
    const inv = await this.ownPending(user, id);
    const { token, hash } = newInvitationToken();
    const record = await this.d.db.transaction(async (tx) => {
      const r = await this.d.repo.reissue(tx, inv.id, user.userId, hash, this.d.clock.now(), this.expiry());
      if (!r) throw new InvitationProblem('invitation_invalid', 409, 'This invitation was answered or withdrawn meanwhile.');
      await this.send(tx, [`user:${user.userId}`, recipientBucket(r.clientEmail ?? '')], accountantInvitationEmail(r, hubLink(this.d, invitationPages.wizardFor(token))));
      return r;
    });
    return toInvitation(record, this.d.clock.now());
  }

  /** Withdraws a pending invitation the accountant sent: its link stops working at once. */
  async revoke(user: InvitationUser, id: string): Promise<Invitation> {
    const inv = await this.ownPending(user, id);
    const r = await this.d.repo.revoke(inv.id, user.userId, this.d.clock.now());
    if (!r) throw new InvitationProblem('invitation_invalid', 409, 'This invitation was answered or withdrawn meanwhile.');
    return toInvitation(r, this.d.clock.now());
  }
}
