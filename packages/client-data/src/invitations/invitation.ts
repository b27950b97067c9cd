import type { Invitation, InvitationErrorCode, InvitationStatus } from '@hub/contracts';

export type InvitationDirection = 'client_to_accountant' | 'accountant_to_client';
export type StoredStatus = 'pending' | 'accepted' | 'declined' | 'revoked';

/** An invitation row as the service works with it (never the token). */
export interface InvitationRecord {
  id: string;
  direction: InvitationDirection;
  status: StoredStatus;
  companyName: string | null;
  clientUrl: string | null;
  companies: string[];
  clientContactName: string | null;
  clientEmail: string | null;
  accountantEmail: string | null;
  accountantName: string | null;
  accountantUserId: string | null;
  accountantTenantId: string | null;
  message: string | null;
  replyMessage: string | null;
  sendCount: number;
  expiresAt: Date;
  createdAt: Date;
  respondedAt: Date | null;
  clientId: string | null;
  /** Names in `companies` that matched no Business Central company on acceptance. */
  companiesNotFound: string[];
  /** The email telling the inviter about the answer: sent, failed, or none (not answered, or no address). */
  inviterNotice: 'sent' | 'failed' | null;
}

/** A refused invitation action: a stable code, an HTTP status, and a sentence saying what to do. */
export class InvitationProblem extends Error {
  constructor(
    readonly code: InvitationErrorCode,
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'InvitationProblem';
  }
}

/** The address the invitation was sent to: the one who may accept (or complete) it. */
export function inviteeEmail(inv: InvitationRecord): string | null {
  return inv.direction === 'client_to_accountant' ? inv.accountantEmail : inv.clientEmail;
}

export function effectiveStatus(inv: InvitationRecord, now: Date): InvitationStatus {
  if (inv.status === 'pending' && inv.expiresAt.getTime() <= now.getTime()) return 'expired';
  return inv.status;
}

/** Who sent it, in words. */
export function inviterLabel(inv: InvitationRecord): string {
  if (inv.direction === 'accountant_to_client') return inv.accountantName ?? inv.accountantEmail ?? 'Your accountant';
  const company = inv.companyName ?? 'A client';
  return inv.clientContactName ? `${inv.clientContactName} (${company})` : company;
}

/** `alice.accountant@demo.local` → `al…@demo.local`: enough to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '…';
  return `${email.slice(0, Math.min(2, at))}…${email.slice(at)}`;
}

/**
 * The per-recipient rate-limit bucket: one mailbox however its address is written. Case is ignored throughout (the
 * domain is case-insensitive and mail providers treat the local part so too) and a `+tag` sub-address is dropped
 * (`Alice+1@X.com` reaches alice@x.com). Only for counting: mail still goes to the address as typed.
 */
export function recipientBucket(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0) return `to:${lower}`;
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  return `to:${plus > 0 ? local.slice(0, plus) : local}${lower.slice(at)}`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Throws the problem that keeps an invitation from being used now (expired, used, declined, revoked). */
export function assertUsable(inv: InvitationRecord, now: Date): void {
  const who = inviterLabel(inv);
  switch (effectiveStatus(inv, now)) {
    case 'pending':
      return;
    case 'expired':
      throw new InvitationProblem('invitation_expired', 410, `This invitation expired on ${day(inv.expiresAt)}. Ask ${who} to send a new one.`);
    case 'accepted':
      throw new InvitationProblem('invitation_used', 410, `This invitation was already accepted${inv.respondedAt ? ` on ${day(inv.respondedAt)}` : ''}; a link works only once. ${inv.direction === 'client_to_accountant' ? 'The client is on the dashboard of the accountant who accepted it.' : 'Your company is already connected.'}`);
    case 'declined':
      throw new InvitationProblem('invitation_declined', 410, `This invitation was declined${inv.respondedAt ? ` on ${day(inv.respondedAt)}` : ''}. Ask ${who} to send a new one if that was a mistake.`);
    case 'revoked':
      throw new InvitationProblem('invitation_revoked', 410, `${who} withdrew this invitation. Ask them for a new one if you still need it.`);
  }
}

export const invalidLink = () =>
  new InvitationProblem('invitation_invalid', 404, 'This invitation link is not valid: it may be incomplete or altered. Open the link from the email again, or ask for a new invitation.');
export const supersededLink = (inv: InvitationRecord) =>
  new InvitationProblem('invitation_superseded', 410, `A newer email replaced this invitation link. Use the link in the latest email from ${inviterLabel(inv)}.`);

export function toInvitation(inv: InvitationRecord, now: Date): Invitation {
  return {
    id: inv.id, direction: inv.direction, status: effectiveStatus(inv, now), companyName: inv.companyName, clientUrl: inv.clientUrl, companies: inv.companies,
    clientContactName: inv.clientContactName, clientEmail: inv.clientEmail, accountantName: inv.accountantName, accountantEmail: inv.accountantEmail,
    inviterName: inviterLabel(inv), message: inv.message, createdAt: inv.createdAt.toISOString(), expiresAt: inv.expiresAt.toISOString(),
    respondedAt: inv.respondedAt ? inv.respondedAt.toISOString() : null, clientId: inv.clientId, sendCount: inv.sendCount,
    companiesNotFound: inv.companiesNotFound, inviterNotified: inv.inviterNotice,
  };
}
