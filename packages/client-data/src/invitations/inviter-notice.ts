import { invitationPages } from '@hub/contracts';
import { answerEmail, type InvitationAnswer } from './answer-emails';
import type { InvitationRecord } from './invitation';
import { hubLink, type InvitationsServiceDeps } from './invitations-deps';
import { MailError } from './mailer';

/**
 * Emails the inviter how their invitation was answered, after the answer is committed: a mail failure is reported and
 * recorded on the invitation, never undoes the answer. Returns the invitation with the outcome.
 */
export async function tellInviter(d: InvitationsServiceDeps, inv: InvitationRecord, answer: InvitationAnswer): Promise<InvitationRecord> {
  const message = answerEmail(inv, answer, { dashboard: hubLink(d, '/'), wizard: hubLink(d, invitationPages.wizard) });
  if (!message) return inv;
  let outcome: { sentAt: Date } | { error: string };
  try {
    await d.mailer.send(message);
    outcome = { sentAt: d.clock.now() };
  } catch (err) {
    d.onMailError?.(err, { invitationId: inv.id });
    outcome = { error: err instanceof MailError ? err.message : 'unexpected error while sending' };
  }
  // Recording is bookkeeping: a failure here is reported, and the answer (already committed) stands.
  await d.repo.recordInviterNotice(inv.id, outcome).catch((err: unknown) => d.onMailError?.(err, { invitationId: inv.id }));
  return { ...inv, inviterNotice: 'sentAt' in outcome ? 'sent' : 'failed' };
}
