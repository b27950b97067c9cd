import { completeInvitationRequestSchema, type ClientInput, type Invitation, type InvitationAccepted } from '@hub/contracts';
import type { Db } from '../adapters/store/db';
import type { InvitationResponse } from '../adapters/store/invitations-repo';
import type { OutboxMessage } from '../adapters/store/outbox-repo';
import type { SsoAssertion } from '../domain/client-url';
import { ValidationError } from '../errors';
import type { SaveResult } from '../services/clients-service';
import type { InvitationAnswer } from './answer-emails';
import { assertUsable, invalidLink, InvitationProblem, inviterLabel, toInvitation, type InvitationRecord } from './invitation';
import type { InvitationLinks } from './invitation-links';
import { parsed, type InvitationsServiceDeps, type InvitationUser } from './invitations-deps';
import { tellInviter } from './inviter-notice';

/** Accepting and declining: the client goes on the accountant's dashboard with the companies it shares, the inviter hears. */
export class InvitationAnswers {
  constructor(private readonly d: InvitationsServiceDeps, private readonly links: InvitationLinks) {}

  /** Cards for everyone concerned, queued in the transaction that records the acceptance. */
  private async enqueueCards(tx: Db, inv: InvitationRecord, accountantUserId: string, saved: SaveResult): Promise<void> {
    const clientId = saved.client.id;
    const base = { clientName: inv.companyName ?? 'Client', companyCount: saved.client.companies.length, clientId, inviterName: inviterLabel(inv) };
    // The accountant's card says which companies were already on their dashboard (the client, as inviter, is not told).
    const alreadyShown = (saved.warnings ?? []).flatMap((w) => w.duplicates.map((d) => ({ companyName: d.companyName, clientName: d.existing.clientName })));
    const card = (userId: string, role: 'accountant' | 'inviter', extra: Record<string, unknown> = {}): OutboxMessage => ({
      key: `invitation-accepted:${inv.id}:${userId}`, userId, kind: 'invitation_accepted', payload: { ...base, role, ...extra },
    });
    await this.d.outbox.enqueue(card(accountantUserId, 'accountant', alreadyShown.length ? { alreadyShown } : {}), tx);
    // A client's administrator who also uses the hub (known by the email they signed in with) hears it too.
    if (inv.direction === 'client_to_accountant' && inv.clientEmail) {
      for (const userId of await this.d.repo.userIdsByEmail(inv.clientEmail, tx)) {
        if (userId !== accountantUserId) await this.d.outbox.enqueue(card(userId, 'inviter', { accountantName: inv.accountantName ?? inv.accountantEmail }), tx);
      }
    }
  }

  /** Throws what keeps a response from being recorded now (answered meanwhile, expired), else that the link is not valid. */
  private async refuseLate(id: string): Promise<never> {
    const now = await this.d.repo.get(id);
    if (now) assertUsable(now, this.d.clock.now());
    throw invalidLink();
  }

  /**
   * Creates the client (URL parsed, the shared companies discovered), then in one transaction records the acceptance
   * (only while still pending: a second click loses) and queues the cards. When that fails, or none of the companies the
   * client shares is in Business Central (`noneShared` says so), the new client is removed again and the invitation
   * stays open.
   */
  private async createAndRecord(o: {
    inv: InvitationRecord; accountantUserId: string; tenantId: string; assertion?: SsoAssertion | undefined;
    client: ClientInput; shared: readonly string[]; noneShared: (listed: string[]) => Error;
    response: Omit<InvitationResponse, 'status' | 'clientId' | 'companiesNotFound'>;
  }): Promise<{ invitation: InvitationRecord; saved: SaveResult }> {
    const saved = await this.d.clients.create(o.accountantUserId, o.tenantId, o.client, { ...(o.assertion ? { assertion: o.assertion } : {}), sharedCompanies: o.shared });
    const clientId = saved.client.id;
    let recorded: InvitationRecord | null = null;
    try {
      // An empty client helps no one: say which names were wrong while the invitation can still be used.
      if (saved.sharing && saved.client.companies.length === 0) throw o.noneShared(saved.sharing.listed);
      recorded = await this.d.db.transaction(async (tx) => {
        const r = await this.d.repo.respond(tx, o.inv.id, this.d.clock.now(), { ...o.response, status: 'accepted', clientId, companiesNotFound: saved.sharing?.notFound ?? [] });
        if (r) await this.enqueueCards(tx, r, o.accountantUserId, saved);
        return r;
      });
    } finally {
      if (!recorded) await this.d.clients.remove(o.accountantUserId, clientId).catch(() => undefined);
    }
    if (!recorded) return this.refuseLate(o.inv.id);
    return { invitation: recorded, saved };
  }

  private accepted(saved: SaveResult): InvitationAnswer {
    const { client } = saved;
    return { status: 'accepted', companies: client.companies.map((c) => c.name), everyCompany: !client.sharedCompanies, notFound: saved.sharing?.notFound ?? [] };
  }

  /** The accountant accepts: the client goes on their dashboard, tested like Test Client URL. */
  async accept(user: InvitationUser, token: string): Promise<InvitationAccepted> {
    await this.links.remember(user);
    const inv = await this.links.forAccountant(user, token);
    const notes = inv.message ? `Invitation message: ${inv.message}` : undefined;
    const who = inviterLabel(inv);
    const { invitation, saved } = await this.createAndRecord({
      inv, accountantUserId: user.userId, tenantId: user.tenantId, assertion: user.assertion, shared: inv.companies,
      client: { name: inv.companyName ?? 'Client', clientUrl: inv.clientUrl ?? '', contactName: inv.clientContactName ?? undefined, email: inv.clientEmail ?? undefined, notes: notes?.slice(0, 2000) },
      noneShared: (listed) => new InvitationProblem('invitation_no_companies', 409,
        `None of the companies ${who} shares (${inv.companies.join(', ')}) is in this Business Central environment, ` +
        `${listed.length ? `which has ${listed.join(', ')}` : 'which has no companies'}. Nothing was added, and this invitation stays open: accept again once ` +
        `Business Central has a company by one of these names, or ask ${who} for a new invitation naming the companies as Business Central shows them.`),
      response: { accountantUserId: user.userId, accountantTenantId: user.tenantId, ...(user.name ? { accountantName: user.name } : {}) },
    });
    const told = await tellInviter(this.d, invitation, this.accepted(saved));
    const test = await this.d.clients.testUrl(saved.client.clientUrl, { clientId: saved.client.id, userId: user.userId, ...(user.assertion ? { assertion: user.assertion } : {}) });
    // Test Client URL lists the whole environment; the accountant is shown only what the client shares.
    const ids = new Set(saved.client.companies.map((c) => c.bcCompanyId));
    // Companies already on the dashboard are said once, in `warnings`, for what the client added (not the whole environment).
    const { warnings: _dupes, ...tested } = test;
    const urlTest = saved.client.sharedCompanies ? { ...tested, companies: tested.companies.filter((c) => ids.has(c.bcCompanyId)) } : tested;
    const { bcOrigin: _origin, ...client } = saved.client;
    return {
      invitation: toInvitation(told, this.d.clock.now()), client, urlTest,
      ...(saved.warning ? { warning: saved.warning } : {}), ...(saved.warnings?.length ? { warnings: saved.warnings } : {}),
    };
  }

  /** The client completes an accountant's invitation from the wizard: the client appears on that accountant's dashboard. */
  async complete(body: unknown): Promise<Invitation> {
    const input = parsed(completeInvitationRequestSchema.safeParse(body), 'The form');
    const inv = await this.links.forClient(input.token);
    if (!inv.accountantUserId || !inv.accountantTenantId) throw new InvitationProblem('invitation_revoked', 410, 'The accountant who sent this invitation no longer uses Accountant Hub.');
    const clientUrl = this.links.normalizedUrl(input.clientUrl);
    const { invitation, saved } = await this.createAndRecord({
      inv, accountantUserId: inv.accountantUserId, tenantId: inv.accountantTenantId, shared: input.companies,
      client: {
        name: input.companyName, clientUrl, contactName: input.inviterName, email: input.inviterEmail ?? inv.clientEmail ?? undefined,
        notes: input.message ? `Message from ${input.inviterName}: ${input.message}`.slice(0, 2000) : undefined,
      },
      // The wizard is anonymous: it says which names were wrong, never what else the environment holds.
      noneShared: () => new ValidationError('Nothing was connected: none of the companies to share is in this Business Central environment.', [{
        path: 'companies', message: `Not found in Business Central: ${input.companies.join(', ')}. Type the names as Business Central shows them, or leave this empty to share every company.`,
      }]),
      response: {
        companyName: input.companyName, clientUrl, companies: input.companies, clientContactName: input.inviterName,
        ...(input.inviterEmail ? { clientEmail: input.inviterEmail } : {}), ...(input.message ? { replyMessage: input.message } : {}),
      },
    });
    return toInvitation(await tellInviter(this.d, invitation, this.accepted(saved)), this.d.clock.now());
  }

  /** The invited accountant says no; the client who invited them hears it. */
  async decline(user: InvitationUser, token: string): Promise<Invitation> {
    await this.links.remember(user);
    const inv = await this.links.forAccountant(user, token);
    const r = await this.d.db.transaction((tx) => this.d.repo.respond(tx, inv.id, this.d.clock.now(), {
      status: 'declined', accountantUserId: user.userId, ...(user.name ? { accountantName: user.name } : {}),
    }));
    if (!r) return this.refuseLate(inv.id);
    return toInvitation(await tellInviter(this.d, r, { status: 'declined' }), this.d.clock.now());
  }
}
