import type { IncomingMessage, ServerResponse } from 'node:http';
import { CardFactory, ActivityTypes } from 'botbuilder';
import type { BotLogger, HubServices } from '../bot/context';
import { HubBot } from '../bot/hub-bot';
import { errorCard } from '../bot/views/messages';
import { HubAdapter, type BotCredentials } from './bot-adapter';
import { HubTeamsBot } from './hub-teams-bot';
import type { DevPrincipals } from './identity';
import type { ServiceUrlPolicy } from './service-url';

export interface TeamsBotOptions {
  svc: HubServices;
  credentials: BotCredentials;
  /** Where replies and proactive cards may go (serviceUrlPolicy). */
  serviceUrlAllowed: ServiceUrlPolicy;
  log: BotLogger;
  /** Only in the local demo: maps Playground users to the demo accountant. */
  dev: DevPrincipals | null;
  dashboardUrl: () => string | null;
  refreshWaitMs?: number;
}

export interface TeamsBot {
  path: '/api/messages';
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  adapter: HubAdapter;
  idle(): Promise<void>;
}

/** Builds the Teams bot: CloudAdapter + TeamsActivityHandler around the framework-free HubBot. */
export function createTeamsBot(o: TeamsBotOptions): TeamsBot {
  const adapter = new HubAdapter(o.credentials, o.log, o.serviceUrlAllowed);
  const hub = new HubBot({ svc: o.svc, dashboardUrl: o.dashboardUrl, log: o.log, ...(o.refreshWaitMs ? { refreshWaitMs: o.refreshWaitMs } : {}) });
  const bot = new HubTeamsBot({ hub, svc: o.svc, adapter, dev: o.dev, log: o.log });
  adapter.onTurnError = async (ctx, err) => {
    const correlationId = bot.correlationId(ctx);
    o.log.error({ err, correlationId, activityType: ctx.activity.type }, 'bot turn failed');
    if (ctx.activity.type !== ActivityTypes.Message) return;
    try {
      await ctx.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(errorCard(correlationId))] });
    } catch (sendErr) {
      o.log.error({ err: sendErr, correlationId }, 'could not tell the user about a failed turn');
    }
  };
  return {
    path: '/api/messages',
    adapter,
    handler: (req, res) => adapter.handle(req, res, (ctx) => bot.run(ctx)),
    idle: () => bot.idle(),
  };
}

/** The dashboard tab: a Teams deep link when the app id is known, else the app's own web address. */
export function dashboardLink(teamsAppId: string, webUrl: string | null): string | null {
  if (teamsAppId) return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/dashboard${webUrl ? `?webUrl=${encodeURIComponent(webUrl)}&label=Dashboard` : ''}`;
  return webUrl;
}
