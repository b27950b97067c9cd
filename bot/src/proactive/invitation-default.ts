import { renderMessageCard } from '../bot/cards/cards';
import { md } from '../bot/cards/render';
import { dashboardButton } from '../bot/views/common';
import { cardAttachment, type ProactiveRenderer } from './render-context';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * "Invitation accepted" from payload `{ clientName, companyCount, inviterName? }`: a plain default so the
 * kind works end to end; the invitations feature may register a richer one in renderers.ts.
 */
export const renderInvitationAccepted: ProactiveRenderer = async (payload, ctx) => {
  const clientName = str(payload.clientName) ?? 'A client';
  const count = typeof payload.companyCount === 'number' && Number.isFinite(payload.companyCount) ? payload.companyCount : null;
  const inviter = str(payload.inviterName);
  const facts = [
    ...(count !== null ? [{ title: 'Companies', value: String(count) }] : []),
    ...(inviter ? [{ title: 'Invited by', value: inviter }] : []),
  ];
  return cardAttachment(renderMessageCard({
    title: `Invitation accepted: ${clientName} is now on your dashboard`,
    paragraphs: [md`**${clientName}** was added to your clients. Its figures appear on the dashboard after the first refresh.`],
    facts, choices: [], execute: [], open: dashboardButton(ctx.deps.dashboardUrl()),
  }));
};
