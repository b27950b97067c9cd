import type { OutboxKind } from '@hub/client-data';
import { renderInvitationAcceptedCard as renderInvitationAccepted } from '../bot/cards/invitation-accepted';
import { renderOverdueAlert, renderSummary, renderTaxAlert } from './proactive-cards';
import type { ProactiveRenderer } from './render-context';

export type { CardAttachment, ProactiveRenderer, RenderContext } from './render-context';

/** One renderer per outbox kind: payload + recipient → the card to send (null = skip the row). */
export const renderers: Record<OutboxKind, ProactiveRenderer> = {
  summary: renderSummary,
  overdue_alert: renderOverdueAlert,
  tax_alert: renderTaxAlert,
  invitation_accepted: renderInvitationAccepted,
};
