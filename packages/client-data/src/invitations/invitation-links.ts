import type { Invitation, PublicUrlCheck } from '@hub/contracts';
import { parseClientUrl } from '../domain/client-url';
import { ValidationError } from '../errors';
import {
  assertUsable, invalidLink, InvitationProblem, inviteeEmail, maskEmail, supersededLink, toInvitation, type InvitationRecord,
} from './invitation';
import type { InvitationsServiceDeps, InvitationUser } from './invitations-deps';
import { hashInvitationToken, isWellFormedToken, sameHash } from './tokens';

const forAccountantOnly = () =>
  new InvitationProblem('invitation_wrong_side', 409, 'This link is for the accountant: open it in Accountant Hub (or Teams) and sign in to accept.');

/** Emailed links: which invitation a token names, whether this person may use it now, and the wizard's URL check. */
export class InvitationLinks {
  constructor(private readonly d: InvitationsServiceDeps) {}

  /** Wizard step 1: is it a Business Central address? Parsed only: an anonymous form never makes the hub call out. */
  checkUrl(url: string): PublicUrlCheck {
    const r = parseClientUrl(url, this.d.extraHosts);
    return r.ok
      ? { ok: true, normalizedUrl: r.normalizedUrl, tenant: r.ref.tenant, environment: r.ref.environment }
      : { ok: false, message: r.message };
  }

  normalizedUrl(url: string): string {
    const r = parseClientUrl(url, this.d.extraHosts);
    if (!r.ok) throw new ValidationError('The Business Central URL is not valid.', [{ path: 'clientUrl', message: r.message }]);
    return r.normalizedUrl;
  }

  /** Remembers the signed-in user's work email (so an inviter who uses the hub hears about answers). */
  async remember(user: InvitationUser): Promise<void> {
    if (user.email) await this.d.repo.rememberEmail(user.userId, user.email.toLowerCase());
  }

  /** The invitation a token names, whatever its state; refuses malformed, unknown and replaced tokens. */
  async resolve(token: string): Promise<InvitationRecord> {
    if (!isWellFormedToken(token)) throw invalidLink();
    const hash = hashInvitationToken(token);
    const found = await this.d.repo.findByTokenHash(hash);
    if (!found || !sameHash(found.storedHash, hash)) throw invalidLink();
    if (found.superseded && found.invitation.status === 'pending') throw supersededLink(found.invitation);
    return found.invitation;
  }

  /** A client's invitation, usable now, sent to the signed-in accountant's own address. */
  async forAccountant(user: InvitationUser, token: string): Promise<InvitationRecord> {
    const inv = await this.resolve(token);
    if (inv.direction !== 'client_to_accountant') {
      throw new InvitationProblem('invitation_wrong_side', 409, 'This link is for the client: it opens the form where they connect their Business Central, not the accountant’s acceptance page.');
    }
    assertUsable(inv, this.d.clock.now());
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

  /** An accountant's invitation, usable now (the wizard: whoever holds the emailed link). */
  async forClient(token: string): Promise<InvitationRecord> {
    const inv = await this.resolve(token);
    if (inv.direction !== 'accountant_to_client') throw forAccountantOnly();
    assertUsable(inv, this.d.clock.now());
    return inv;
  }

  /** The acceptance page: who invites the signed-in accountant, to what. */
  async lookup(user: InvitationUser, token: string): Promise<Invitation> {
    await this.remember(user);
    return toInvitation(await this.forAccountant(user, token), this.d.clock.now());
  }

  /** The wizard opened from an accountant's invitation: what to pre-fill. */
  async lookupForClient(token: string): Promise<Invitation> {
    return toInvitation(await this.forClient(token), this.d.clock.now());
  }
}
