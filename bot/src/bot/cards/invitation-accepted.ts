import { renderMessageCard } from './cards';
import { md, type Markdown } from './render';
import { dashboardButton } from '../views/common';
import { cardAttachment, type ProactiveRenderer } from '../../proactive/render-context';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : null);

/** `alreadyShown`: companies of the invitation the dashboard already showed under another client. */
function alreadyShown(v: unknown): Markdown | null {
  if (!Array.isArray(v)) return null;
  const parts = v.slice(0, 10).flatMap((x) => {
    const o = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const company = str(o.companyName);
    const client = str(o.clientName);
    return company && client ? [md`**${company}** (under **${client}**)`] : [];
  });
  if (parts.length === 0) return null;
  const list = parts.reduce((all, p, i) => (i === 0 ? p : md`${all}, ${p}`));
  return md`Already on your dashboard: ${list}. Totals, summaries and alerts count each company once; to show it under one client only, choose “Keep only under this client” in its row menu on the dashboard.`;
}

/**
 * "Invitation accepted", from the payload the invitations service queues:
 * `{ clientName, companyCount, inviterName?, clientId, role: 'accountant' | 'inviter', accountantName? }`.
 * The accountant hears the client is on their dashboard; an inviter who also uses the hub hears who accepted.
 */
export const renderInvitationAcceptedCard: ProactiveRenderer = async (payload, ctx) => {
  const clientName = str(payload.clientName) ?? 'A client';
  const count = typeof payload.companyCount === 'number' && Number.isFinite(payload.companyCount) ? payload.companyCount : null;
  const inviter = str(payload.inviterName);
  const open = dashboardButton(ctx.deps.dashboardUrl());
  const companies = count === null ? null : count === 1 ? '1 company' : `${count} companies`;
  if (payload.role === 'inviter') {
    const accountant = str(payload.accountantName) ?? 'Your accountant';
    return cardAttachment(renderMessageCard({
      title: `${accountant} accepted your invitation`,
      paragraphs: [md`**${accountant}** accepted the invitation to keep **${clientName}**'s books in view in Accountant Hub.`],
      facts: companies ? [{ title: 'Companies', value: companies }] : [], choices: [], execute: [], open: [],
    }));
  }
  return cardAttachment(renderMessageCard({
    title: `Invitation accepted: ${clientName} is on your dashboard`,
    paragraphs: [
      md`**${clientName}** was added to your clients${companies ? ` with ${companies}` : ''}. Its figures appear after the first refresh.`,
      ...(count === 0 ? ['Business Central listed no companies yet: check the client URL in the Clients window (Test Client URL).'] : []),
      ...[alreadyShown(payload.alreadyShown)].filter((p): p is Markdown => p !== null),
    ],
    facts: [...(inviter ? [{ title: 'Invited by', value: inviter }] : []), ...(companies ? [{ title: 'Companies', value: companies }] : [])],
    choices: [], execute: [], open,
  }));
};
