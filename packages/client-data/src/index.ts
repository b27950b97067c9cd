import type { Db } from './adapters/store/db';
import { BotStateRepo } from './adapters/store/bot-state-repo';
import { OutboxRepo } from './adapters/store/outbox-repo';
export { ProactiveRepo, type CompanyAlertRow, type ProactiveUser } from './adapters/store/proactive-repo';
export * from './proactive';
import { ProactiveRepo } from './adapters/store/proactive-repo';
import { ProactivePlanner, type PlannerOptions } from './proactive/planner';
import { ClientsRepo } from './adapters/store/clients-repo';
import { ClientAuthModes } from './adapters/tokens/auth-modes';
import { AppOnlyGate } from './adapters/tokens/app-only-gate';
import { AppOnlyGrants } from './domain/app-only';
import { DEFAULT_JOB_TIMINGS, RefreshJobsRepo, type JobTimings } from './adapters/store/refresh-jobs-repo';
import { SnapshotsRepo, type CompanyTarget } from './adapters/store/snapshots-repo';
import { UsersRepo } from './adapters/store/users-repo';
import { ViewsRepo } from './adapters/store/views-repo';
import type { AccountingSource } from './ports/accounting-source';
import { systemClock, type Clock } from './ports/clock';
import { ClientsService } from './services/clients-service';
import { DashboardService, type LinkConfig } from './services/dashboard-service';
import { RefreshService } from './services/refresh-service';
import { ViewsService } from './services/views-service';
import { InvitationsRepo } from './adapters/store/invitations-repo';
import { DisabledMailer } from './adapters/mail/disabled-mailer';
import { InvitationsService } from './invitations/invitations-service';
import type { Mailer } from './invitations/mailer';

export interface ClientDataDeps {
  db: Db;
  source: AccountingSource;
  links: LinkConfig;
  extraHosts: readonly string[];
  /** Shared with the token provider, so a changed sign-in setting applies at once. */
  authModes?: ClientAuthModes;
  /** Which client tenants each firm may read with the hub's app (shared with the token provider); default none. */
  appOnly?: AppOnlyGate;
  clock?: Clock;
  refreshConcurrency?: number;
  onRefreshError?: (err: unknown, target?: CompanyTarget) => void;
  /** Invitation emails (default: none configured, invitations cannot be sent). */
  mailer?: Mailer;
  /** The hub's public origin for emailed links (PUBLIC_URL, else where the server listens). */
  publicUrl?: () => string;
  invitations?: { ttlDays?: number; sendsPerHour?: number };
  /** The email telling an inviter about an answer could not be sent (the answer stands; the failure is recorded). */
  onInvitationMailError?: (err: unknown, about: { invitationId: string }) => void;
  /** Morning summary grace and tax alert lead days. */
  proactive?: PlannerOptions;
  /** How a running refresh job shows it is alive, and when one that went quiet counts as abandoned. */
  refreshJobs?: Partial<JobTimings>;
}

/** The shared client-data service: the tab API and the bot both use only this. */
export function createClientDataService(deps: ClientDataDeps) {
  const clientsRepo = new ClientsRepo(deps.db);
  const snapshots = new SnapshotsRepo(deps.db);
  const outbox = new OutboxRepo(deps.db);
  const clients = new ClientsService({ repo: clientsRepo, source: deps.source, extraHosts: deps.extraHosts, authModes: deps.authModes ?? new ClientAuthModes(deps.db),
    appOnly: deps.appOnly ?? new AppOnlyGate(deps.db, new AppOnlyGrants([])),
  });
  const proactiveRepo = new ProactiveRepo(deps.db);
  return {
    db: deps.db,
    users: new UsersRepo(deps.db),
    clients,
    dashboard: new DashboardService({ snapshots, links: deps.links }),
    refresh: new RefreshService({
      source: deps.source, snapshots, clients: clientsRepo, clock: deps.clock ?? systemClock,
      jobs: new RefreshJobsRepo(deps.db, deps.refreshJobs?.abandonedAfterMs), heartbeatMs: deps.refreshJobs?.heartbeatMs ?? DEFAULT_JOB_TIMINGS.heartbeatMs,
      concurrency: deps.refreshConcurrency ?? 16, ...(deps.onRefreshError ? { onError: deps.onRefreshError } : {}),
    }),
    views: new ViewsService(new ViewsRepo(deps.db)),
    /** The bot's per-user state: conversation references (proactive cards) and settings. */
    botState: new BotStateRepo(deps.db),
    /** Proactive cards to send exactly once (summaries, alerts, accepted invitations). */
    outbox,
    /** Client ↔ accountant invitations (emailed single-use links; accepting adds the client). */
    invitations: new InvitationsService({
      db: deps.db, repo: new InvitationsRepo(deps.db), clients, outbox, mailer: deps.mailer ?? new DisabledMailer(),
      publicUrl: deps.publicUrl ?? (() => 'http://localhost:3978'), clock: deps.clock ?? systemClock, extraHosts: deps.extraHosts,
      ttlDays: deps.invitations?.ttlDays ?? 14, sendsPerHour: deps.invitations?.sendsPerHour ?? 5,
      ...(deps.onInvitationMailError ? { onMailError: deps.onInvitationMailError } : {}),
    }),
    /** Decides which summaries and alerts are due and enqueues them (the scheduler loop calls it). */
    proactive: new ProactivePlanner({ db: deps.db, outbox, repo: proactiveRepo, clock: deps.clock ?? systemClock, ...(deps.proactive ? { options: deps.proactive } : {}) }),
    proactiveRepo,
  };
}
export type ClientDataService = ReturnType<typeof createClientDataService>;

export * from './errors';
export type { Db } from './adapters/store/db';
export { openDatabase } from './adapters/store/open-db';
export { openPglite } from './adapters/store/pglite-db';
export { openPostgres } from './adapters/store/postgres-db';
export { migrate } from './adapters/store/migrations';
export type { Principal } from './adapters/store/users-repo';
export { InvitationsService, type InvitationUser } from './invitations/invitations-service';
export { InvitationProblem } from './invitations/invitation';
export { MailError, type Mailer, type MailMessage } from './invitations/mailer';
export { SmtpMailer, type SmtpOptions } from './adapters/mail/smtp-mailer';
export { OutboxFolderMailer } from './adapters/mail/outbox-folder-mailer';
export { DuplicateNameError } from './adapters/store/views-repo';
export {
  ALERT_KINDS, BotStateRepo, DEFAULT_BOT_SETTINGS, isTimeZone,
  type AlertKind, type BotSettings, type BotSettingsChange, type StoredConversation,
} from './adapters/store/bot-state-repo';
export {
  OUTBOX_KINDS, OutboxRepo, outboxActivityId,
  type LeasedMessage, type OutboxKind, type OutboxMessage, type OutboxRecentRow, type OutboxState, type OutboxSummaryRow,
} from './adapters/store/outbox-repo';
export { BcHttp, type BcHttpOptions } from './adapters/business-central/bc-http';
export { BusinessCentralSource } from './adapters/business-central/connector';
export { BcReportReader, type BcReportReaderOptions } from './adapters/business-central/report-reader';
export * from './reports';
export { SandboxGuestTokenProvider, StaticTokenProvider, type BcTokenProvider } from './adapters/business-central/token-provider';
export { BC_DEFAULT_LIMITS, tokenIdentity, type BcLimits } from './adapters/business-central/limits';
export { createGuardedTransport, AddressNotAllowedError, type OutboundPolicy } from './adapters/network/guarded-transport';
export { undiciTransport, fetchTransport, type HttpTransport } from './adapters/network/http-transport';
export { isPublicAddress } from './adapters/network/address-policy';
export { MsalTokenProvider, type MsalTokenProviderOptions } from './adapters/tokens/msal-token-provider';
export { TokenCacheStore } from './adapters/tokens/token-cache-store';
export { ClientAuthModes } from './adapters/tokens/auth-modes';
export { AppOnlyGate } from './adapters/tokens/app-only-gate';
export { AppOnlyGrants, appOnlyRefusal } from './domain/app-only';
export { fetchNetworkModule } from './adapters/tokens/network-module';
export { SourceError, type AccountingSource, type RemoteCompany } from './ports/accounting-source';
export type { Clock } from './ports/clock';
export { parseClientUrl, SsoAssertion, type BcEnvironmentRef, type BcAccess, type BcAuthMode } from './domain/client-url';
export * from './domain/kpis';
export * from './domain/money';
export * from './domain/dates';
export { nextTaxPeriod, type TaxPeriod } from './domain/tax-calendar';
export * from './domain/company-identity';
export type { CompanyData } from './domain/documents';
