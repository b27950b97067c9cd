import type { Invitation, InvitationAccepted, InvitationCreated, InvitationList, PublicUrlCheck } from '@hub/contracts';
import { toInvitation } from './invitation';
import { InvitationAnswers } from './invitation-answers';
import { InvitationLinks } from './invitation-links';
import { InvitationSender } from './invitation-sending';
import type { InvitationsServiceDeps, InvitationUser } from './invitations-deps';

export type { InvitationsServiceDeps, InvitationUser } from './invitations-deps';

/**
 * Invitations both ways: a client's administrator invites their accountant (the public wizard), or an accountant invites
 * a client to connect. Tokens are 32 random bytes sent only by email and stored only as SHA-256 hashes; single use,
 * expiring, bound to the invited address. Accepting creates the client (only the companies it shares) through
 * ClientsService and queues the "invitation accepted" card in the same transaction that records the acceptance; the
 * inviter is emailed the answer afterwards. The work lives in links (tokens), sending, and answers; this is their face.
 */
export class InvitationsService {
  private readonly links: InvitationLinks;
  private readonly sender: InvitationSender;
  private readonly answers: InvitationAnswers;

  constructor(private readonly d: InvitationsServiceDeps) {
    this.links = new InvitationLinks(d);
    this.sender = new InvitationSender(d, this.links);
    this.answers = new InvitationAnswers(d, this.links);
  }

  checkUrl(url: string): PublicUrlCheck {
    return this.links.checkUrl(url);
  }

  createFromClient(body: unknown, ip: string): Promise<InvitationCreated> {
    return this.sender.createFromClient(body, ip);
  }

  inviteClient(user: InvitationUser, body: unknown): Promise<Invitation> {
    return this.sender.inviteClient(user, body);
  }

  lookup(user: InvitationUser, token: string): Promise<Invitation> {
    return this.links.lookup(user, token);
  }

  lookupForClient(token: string): Promise<Invitation> {
    return this.links.lookupForClient(token);
  }

  accept(user: InvitationUser, token: string): Promise<InvitationAccepted> {
    return this.answers.accept(user, token);
  }

  complete(body: unknown): Promise<Invitation> {
    return this.answers.complete(body);
  }

  decline(user: InvitationUser, token: string): Promise<Invitation> {
    return this.answers.decline(user, token);
  }

  resend(user: InvitationUser, id: string): Promise<Invitation> {
    return this.sender.resend(user, id);
  }

  revoke(user: InvitationUser, id: string): Promise<Invitation> {
    return this.sender.revoke(user, id);
  }

  /** What the user sent to clients, and what clients sent to their address (or they accepted). */
  async list(user: InvitationUser): Promise<InvitationList> {
    await this.links.remember(user);
    const now = this.d.clock.now();
    const [sent, received] = await Promise.all([this.d.repo.listSent(user.userId), this.d.repo.listReceived(user.userId, user.email?.toLowerCase() ?? null)]);
    return { sent: sent.map((i) => toInvitation(i, now)), received: received.map((i) => toInvitation(i, now)) };
  }
}
