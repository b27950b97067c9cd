import { notCountedCompanies, type BotSettingsChange } from '@hub/client-data';
import type { RefreshJob } from '@hub/contracts';
import type { CardJson } from './cards/render';
import type { BotDeps, Messenger, Turn } from './context';
import type { Intent } from './intents/intent';
import { parseIntent } from './intents/parse-intent';
import { candidatesFrom, matchName } from './matching/name-match';
import { plural } from './format/format';
import { cashCard } from './views/cash';
import { REFRESH_VERB, SETTINGS_VERB, SHOW_VERB } from './views/common';
import { documentsCard } from './views/documents';
import {
  choiceButton, chooseCard, clientsCard, helpCard, noClientsCard, notFoundCard, notUnderstoodCard, textCard, welcomeCard,
} from './views/messages';
import { isViewRef, rowsIn, scopeLabel, type Scope, type ViewKind, type ViewRef } from './views/scope';
import { describeChange, settingsCard } from './views/settings';
import { summaryCard } from './views/summary';
import { taxesCard } from './views/taxes';

/** Companies whose documents one card reads at most (a client with more gets the first ones). */
const MAX_DETAIL_COMPANIES = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Resolved = { scope: Scope } | { card: CardJson };

/**
 * The bot's behaviour, free of any bot framework: turns a message into cards, a card button into
 * the card that replaces it. Every figure comes from the shared client-data service, filtered by
 * the user's own access list, so ids carried by card buttons are never trusted.
 */
export class HubBot {
  constructor(private readonly d: BotDeps) {}

  welcome(name: string | null): CardJson {
    return welcomeCard(name, this.d.dashboardUrl());
  }

  async onMessage(text: string, turn: Turn, m: Messenger): Promise<void> {
    const intent = parseIntent(text);
    if (intent.kind === 'refresh') return this.refreshByChat(intent.target, turn, m);
    await m.send(await this.answer(intent, turn));
  }

  /** Universal Action (Action.Execute): returns the card that replaces the one clicked. */
  async onAction(verb: string, data: unknown, turn: Turn): Promise<CardJson> {
    const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
    if (verb === SETTINGS_VERB) return this.changeSettings(turn, sanitizeChange(d.change));
    if ((verb === SHOW_VERB || verb === REFRESH_VERB) && isViewRef(d.view)) {
      if (verb === REFRESH_VERB) await this.refreshAndWait(turn, d.view.scope, this.d.refreshWaitMs ?? 8000);
      return this.render(d.view, turn);
    }
    return textCard('That button no longer works', ['Ask me again, for example “summary”.']);
  }

  async answer(intent: Intent, turn: Turn): Promise<CardJson> {
    switch (intent.kind) {
      case 'help':
      case 'greeting':
        return helpCard(this.d.dashboardUrl());
      case 'settings':
        return Object.keys(intent.change).length === 0 ? settingsCard(await this.d.svc.botState.settings(turn.userId)) : this.changeSettings(turn, intent.change);
      case 'clients': {
        const clients = await this.d.svc.clients.list(turn.userId);
        return clients.length === 0 ? noClientsCard(this.d.dashboardUrl()) : clientsCard(clients, this.d.dashboardUrl());
      }
      case 'unknown':
        return this.unknown(intent.text, turn);
      case 'refresh':
        return textCard('Refresh', ['Type “refresh” followed by a client name, or “refresh all”.']);
      default: {
        const view = { kind: intent.kind, ...(intent.kind === 'taxes' ? { window: intent.window } : {}) };
        const r = await this.resolve(view, intent.target, turn);
        return 'card' in r ? r.card : this.render({ ...view, scope: r.scope }, turn);
      }
    }
  }

  /** A bare name ("Contoso") shows that client's summary; anything else gets a hint. */
  private async unknown(text: string, turn: Turn): Promise<CardJson> {
    const clients = await this.d.svc.clients.list(turn.userId);
    const r = text.length <= 80 ? matchName(text, candidatesFrom(clients, notCountedCompanies(clients))) : null;
    if (r?.kind === 'match') return this.render({ kind: 'summary', scope: { type: r.candidate.kind, id: r.candidate.id } }, turn);
    return notUnderstoodCard(text);
  }

  /** Finds what the user named; answers with a card of its own when it cannot (no clients, ambiguous, unknown). */
  private async resolve(view: { kind: ViewKind | 'refresh'; window?: ViewRef['window'] }, target: string | null, turn: Turn): Promise<Resolved> {
    const url = this.d.dashboardUrl();
    const clients = await this.d.svc.clients.list(turn.userId);
    if (clients.length === 0) return { card: noClientsCard(url) };
    const nameOf = new Map(clients.map((c) => [c.id, c.name]));
    const shownView = { ...view, kind: view.kind === 'refresh' ? 'summary' : view.kind } as Omit<ViewRef, 'scope'>;
    if (!target) {
      if (view.kind === 'summary' || view.kind === 'taxes' || view.kind === 'refresh') return { scope: { type: 'all' } };
      if (clients.length === 1) return { scope: { type: 'client', id: (clients[0] as { id: string }).id } };
      const choices = clients.slice(0, 8).map((c) => choiceButton({ kind: 'client', id: c.id, clientId: c.id, name: c.name }, shownView));
      return { card: chooseCard('Which client?', choices, clients.length > 8 ? `Or type the name, e.g. “${clients[8]?.name}”.` : 'Or type the name after your question.') };
    }
    const m = matchName(target, candidatesFrom(clients, notCountedCompanies(clients)));
    if (m.kind === 'match') return { scope: { type: m.candidate.kind, id: m.candidate.id } };
    if (m.kind === 'ambiguous') {
      const choices = m.candidates.map((c) => choiceButton(c, shownView, nameOf.get(c.clientId)));
      return { card: chooseCard(`Which “${target}” do you mean?`, choices, 'Several of your clients or companies have names like that.') };
    }
    const suggestion = m.suggestion ? choiceButton(m.suggestion, shownView, nameOf.get(m.suggestion.clientId)) : null;
    return { card: notFoundCard(target, shownView.kind, suggestion, url) };
  }

  /** Draws a view from the latest snapshots (never calls Business Central). */
  async render(view: ViewRef, turn: Turn, note?: string): Promise<CardJson> {
    const all = await this.d.svc.dashboard.rows(turn.userId);
    const rows = rowsIn(view.scope, all);
    if (rows.length === 0) {
      if (view.scope.type === 'all') return noClientsCard(this.d.dashboardUrl());
      const scope = view.scope;
      if (scope.type === 'client') {
        const client = (await this.d.svc.clients.list(turn.userId)).find((c) => c.id === scope.id);
        if (client) return textCard(`No companies yet for ${client.name}`, ['I have not found any companies in this client’s Business Central yet. Check its Client URL in the dashboard, or type “refresh ' + client.name + '”.'], this.d.dashboardUrl());
      }
      return textCard('Not found', ['That client or company is not on your list any more.'], this.d.dashboardUrl());
    }
    switch (view.kind) {
      case 'summary':
        return summaryCard(view, rows, turn, this.d, note);
      case 'taxes': {
        const clients = await this.d.svc.clients.list(turn.userId);
        const tax = new Map(clients.map((c) => [c.id, c.tax]));
        return taxesCard(view, rows, (id) => tax.get(id), turn, this.d);
      }
      default: {
        const details = await Promise.all(rows.slice(0, MAX_DETAIL_COMPANIES).map((r) => this.d.svc.dashboard.details(turn.userId, r.companyId)));
        return view.kind === 'cash' ? cashCard(view, rows, details, turn, this.d) : documentsCard(view, rows, details, turn, this.d);
      }
    }
  }

  private async refreshAndWait(turn: Turn, scope: Scope, waitMs: number): Promise<RefreshJob> {
    const ids = scope.type === 'all' ? undefined : rowsIn(scope, await this.d.svc.dashboard.rows(turn.userId)).map((r) => r.companyId);
    let job = await this.d.svc.refresh.start(turn.userId, ids);
    const until = Date.now() + waitMs;
    while (job.state !== 'done' && Date.now() < until) {
      await sleep(100);
      job = await this.d.svc.refresh.job(turn.userId, job.id);
    }
    return job;
  }

  /** "refresh Contoso": a card now, updated in place when Business Central has answered. */
  private async refreshByChat(target: string | null, turn: Turn, m: Messenger): Promise<void> {
    const r = await this.resolve({ kind: 'refresh' }, target, turn);
    if ('card' in r) {
      await m.send(r.card);
      return;
    }
    const rows = rowsIn(r.scope, await this.d.svc.dashboard.rows(turn.userId));
    const label = scopeLabel(r.scope, rows);
    const id = await m.send(textCard(`Refreshing ${label}…`, [`Reading the latest figures for ${plural(rows.length, 'company', 'companies')} from Business Central. This card updates when it is done.`]));
    m.background(async (later) => {
      const job = await this.refreshAndWait(turn, r.scope, this.d.backgroundWaitMs ?? 300_000);
      const note = job.state !== 'done' ? `Still refreshing: ${job.done} of ${job.total} companies done so far.`
        : job.abandoned ? `The refresh stopped early (the server restarted): ${plural(job.failed, 'company was', 'companies were')} not read. Ask me to refresh again.`
        : job.failed > 0 ? `Refreshed ${plural(job.total - job.failed, 'company', 'companies')}; ${job.failed} could not be read (see below).` : `Refreshed ${plural(job.total, 'company', 'companies')}.`;
      const card = await this.render({ kind: 'summary', scope: r.scope }, turn, note);
      if (id) await later.update(id, card);
      else await later.send(card);
    });
  }

  private async changeSettings(turn: Turn, change: BotSettingsChange): Promise<CardJson> {
    const before = await this.d.svc.botState.settings(turn.userId);
    try {
      const after = await this.d.svc.botState.updateSettings(turn.userId, change);
      return settingsCard(after, describeChange(before, after));
    } catch (err) {
      if (err instanceof RangeError) return settingsCard(before, 'That setting is not valid, so nothing changed. Times look like 07:30; time zones like Europe/London.');
      throw err;
    }
  }
}

/** Only known alert kinds with boolean values get through from a card button. */
function sanitizeChange(v: unknown): { alerts?: Record<string, boolean> } {
  const alerts = (v as { alerts?: unknown } | undefined)?.alerts;
  if (!alerts || typeof alerts !== 'object') return {};
  return { alerts: Object.fromEntries(Object.entries(alerts).filter(([, b]) => typeof b === 'boolean')) as Record<string, boolean> };
}
