import type { CardJson } from '../bot/cards/render';
import type { BotDeps } from '../bot/context';

/** What a proactive card renderer gets besides its payload: the bot's services and the recipient. */
export interface RenderContext {
  deps: BotDeps;
  userId: string;
  locale: string;
  timeZone: string;
  now: Date;
}

/** An Adaptive Card attachment as the Bot Connector expects it. */
export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: CardJson;
}

export const cardAttachment = (content: CardJson): CardAttachment => ({ contentType: 'application/vnd.microsoft.card.adaptive', content });

/** Renders one outbox row's card; null = nothing worth sending any more (the row is skipped). */
export type ProactiveRenderer = (payload: Record<string, unknown>, ctx: RenderContext) => Promise<CardAttachment | null>;
