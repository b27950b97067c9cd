import type { ClientDataService } from '@hub/client-data';
import type { CardJson } from './cards/render';

/** The parts of the shared client-data service the bot uses. */
export type HubServices = Pick<ClientDataService, 'clients' | 'dashboard' | 'refresh' | 'botState' | 'users'>;

export interface BotLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** How the bot talks back, whatever carries it (Teams turn, proactive continuation, a test). */
export interface Messenger {
  /** Sends a card; returns the new message's id when the channel gives one. */
  send(card: CardJson): Promise<string | undefined>;
  /** Replaces a message the bot sent earlier. */
  update(messageId: string, card: CardJson): Promise<void>;
  /** Runs work after the turn ends (long refreshes), with a messenger that still reaches the user. */
  background(task: (m: Messenger) => Promise<void>): void;
}

/** Who is asking, and how to show them numbers and times. */
export interface Turn {
  userId: string;
  locale: string;
  timeZone: string;
  now: Date;
}

export interface BotDeps {
  svc: HubServices;
  /** The Teams deep link to the dashboard tab (or its web address); null when neither is known. */
  dashboardUrl: () => string | null;
  log: BotLogger;
  /** How long a card button waits for a refresh before answering with what it has. */
  refreshWaitMs?: number;
  /** How long a chat refresh keeps watching before it stops updating its card. */
  backgroundWaitMs?: number;
}
