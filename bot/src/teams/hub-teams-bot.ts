import { randomUUID } from 'node:crypto';
import {
  ActivityTypes, CardFactory, TeamsActivityHandler, TurnContext,
  type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type ConversationReference,
} from 'botbuilder';
import type { CardJson } from '../bot/cards/render';
import type { BotLogger, HubServices, Messenger, Turn } from '../bot/context';
import { pickLocale } from '../bot/format/format';
import type { HubBot } from '../bot/hub-bot';
import { errorCard, textCard } from '../bot/views/messages';
import type { HubAdapter } from './bot-adapter';
import { clientInfo, principalOf, type DevPrincipals } from './identity';

const TURN_KEY = Symbol('hubTurn');
const CORRELATION_KEY = Symbol('correlationId');
const WELCOME_DEDUPE_MS = 60_000;

const cardActivity = (card: CardJson) => ({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });

/**
 * Maps Teams activities onto the framework-free HubBot: identifies the accountant (same user as the
 * tab), stores the conversation reference on every activity, and carries cards both ways.
 */
export class HubTeamsBot extends TeamsActivityHandler {
  private readonly welcomed = new Map<string, number>();
  private readonly background = new Set<Promise<void>>();

  constructor(private readonly o: { hub: HubBot; svc: HubServices; adapter: HubAdapter; dev: DevPrincipals | null; log: BotLogger }) {
    super();
    this.onTurn(async (ctx, next) => {
      ctx.turnState.set(CORRELATION_KEY, randomUUID());
      await this.identify(ctx);
      await next();
    });
    this.onMessage(async (ctx, next) => {
      const turn = ctx.turnState.get(TURN_KEY) as Turn | undefined;
      const value = ctx.activity.value as { ask?: unknown } | undefined;
      const text = TurnContext.removeRecipientMention(ctx.activity) ?? ctx.activity.text ?? (typeof value?.ask === 'string' ? value.ask : '');
      if (!turn) await ctx.sendActivity(cardActivity(this.noIdentityCard()));
      else await this.o.hub.onMessage(text || (typeof value?.ask === 'string' ? value.ask : ''), turn, this.messenger(ctx));
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      await this.welcome(ctx);
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      if ((ctx.activity.membersAdded ?? []).some((m) => m.id === ctx.activity.recipient.id)) await this.welcome(ctx);
      await next();
    });
  }

  /** Waits for work started after turns (chat refreshes), e.g. before shutdown. */
  async idle(): Promise<void> {
    await Promise.all([...this.background]);
  }

  correlationId(ctx: TurnContext): string {
    return (ctx.turnState.get(CORRELATION_KEY) as string | undefined) ?? randomUUID();
  }

  private async identify(ctx: TurnContext): Promise<void> {
    const principal = principalOf(ctx.activity, this.o.dev);
    if (!principal) return;
    const userId = await this.o.svc.users.ensure(principal);
    const info = clientInfo(ctx.activity);
    const ref = TurnContext.getConversationReference(ctx.activity) as Partial<ConversationReference>;
    // Uninstall ('remove', 'remove-upgrade'): no more proactive cards; a reinstall or any message clears it.
    if (ctx.activity.type === ActivityTypes.InstallationUpdate && String(ctx.activity.action ?? '').startsWith('remove')) {
      await this.o.svc.botState.markGone(userId);
      return;
    }
    // The serviceUrl is a Bot Framework host in production: HubAdapter.handle refuses any other before a turn starts.
    if (ref.serviceUrl && ref.conversation?.id) {
      await this.o.svc.botState.saveConversation(userId, JSON.parse(JSON.stringify(ref)) as Record<string, unknown>, ref.serviceUrl, ref.conversation.id);
    }
    if (info.timeZone) await this.o.svc.botState.noteTimeZone(userId, info.timeZone);
    const settings = await this.o.svc.botState.settings(userId);
    const turn: Turn = { userId, locale: pickLocale(info.locale), timeZone: settings.timeZone, now: new Date() };
    ctx.turnState.set(TURN_KEY, turn);
  }

  private async welcome(ctx: TurnContext): Promise<void> {
    const key = ctx.activity.conversation.id;
    const now = Date.now();
    for (const [k, at] of this.welcomed) if (now - at > WELCOME_DEDUPE_MS) this.welcomed.delete(k);
    if (this.welcomed.has(key)) return;
    this.welcomed.set(key, now);
    await ctx.sendActivity(cardActivity(this.o.hub.welcome(ctx.activity.from?.name ?? null)));
  }

  private noIdentityCard(): CardJson {
    return textCard('I can’t tell who you are', ['I answer accountants signed in to Microsoft Teams with their work account. Open me from Teams and try again.']);
  }

  private messenger(ctx: TurnContext): Messenger {
    return {
      send: async (card) => (await ctx.sendActivity(cardActivity(card)))?.id,
      update: async (id, card) => {
        await ctx.updateActivity({ ...cardActivity(card), id });
      },
      background: (task) => {
        const reference = TurnContext.getConversationReference(ctx.activity);
        const correlationId = this.correlationId(ctx);
        const run = this.o.adapter
          .continueConversationAsync(this.o.adapter.creds.botId, reference, (later) => task(this.messenger(later)))
          .catch((err: unknown) => this.o.log.error({ err, correlationId }, 'background bot work failed'));
        this.background.add(run);
        void run.finally(() => this.background.delete(run));
      },
    };
  }

  /** Action.Execute: the returned card replaces the clicked one in place. */
  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const turn = ctx.turnState.get(TURN_KEY) as Turn | undefined;
    let card: CardJson;
    try {
      card = turn ? await this.o.hub.onAction(value.action.verb, value.action.data, turn) : this.noIdentityCard();
    } catch (err) {
      const correlationId = this.correlationId(ctx);
      this.o.log.error({ err, correlationId, verb: value.action.verb }, 'card action failed');
      card = errorCard(correlationId);
    }
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}
