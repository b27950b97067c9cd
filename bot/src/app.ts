import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import {
  BcHttp, BusinessCentralSource, createClientDataService, createGuardedTransport, MsalTokenProvider, openDatabase, StaticTokenProvider, TokenCacheStore,
  AppOnlyGate, AppOnlyGrants, ClientAuthModes, OutboxFolderMailer, SmtpMailer,
  type BcTokenProvider, type ClientDataService, type Db, type MsalTokenProviderOptions,
} from '@hub/client-data';
import type { AuthConfig } from '@hub/contracts';
import type { Config } from './config';
import { createAuthenticator } from './auth/authenticate';
import { DevIdentity } from './auth/dev-identity';
import { EntraVerifier } from './auth/entra-verifier';
import { authRoutes } from './api/auth-routes';
import { clientsRoutes } from './api/clients-routes';
import { DashboardCache } from './api/dashboard-cache';
import { dashboardRoutes } from './api/dashboard-routes';
import { healthRoutes } from './api/health-routes';
import { viewsRoutes } from './api/views-routes';
import { reportsRoutes } from './api/reports-routes';
import { adminRoutes } from './api/admin-routes';
import { startProactive, type Proactive } from './proactive/start';
import { invitationsRoutes } from './api/invitations-routes';
import { settingsRoutes } from './api/settings-routes';
import { StaticFiles } from './http/static-files';
import { createServer } from './server';
import type { BotCredentials } from './teams/bot-adapter';
import { createTeamsBot, dashboardLink } from './teams/create-bot';
import { serviceUrlPolicy } from './teams/service-url';

export interface AppDeps {
  config: Config;
  logger: Logger;
  /** Defaults to the configured database (PGlite under DATA_DIR, or DATABASE_URL). */
  db?: Db;
  tokens?: BcTokenProvider;
  /** Folder of the built tab; null disables static serving. */
  tabDir?: string | null;
  /** Bot Framework endpoint overrides (tests: a local OpenID metadata + JWKS server). */
  botAuth?: BotCredentials['overrides'];
  /** msal-node authority metadata and network client (tests: a local Entra with its own certificate). */
  msal?: Pick<MsalTokenProviderOptions, 'authorityOptions' | 'networkClient'>;
}

export interface App {
  svc: ClientDataService;
  dev: DevIdentity | null;
  bcHttp: BcHttp;
  /** The proactive sender and scheduler (null when switched off by configuration). */
  proactive: Proactive;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function createApp(deps: AppDeps): Promise<App> {
  const { config, logger } = deps;
  const db = deps.db ?? (await openDatabase({
    databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR,
    // A lost connection is logged, never fatal: requests meanwhile answer 503 and /readyz says not ready.
    onConnectionError: (err, where) => logger.warn({ err, where }, 'database connection lost or refused'),
  }));
  const cloudWebOrigin = 'https://businesscentral.dynamics.com';
  // Outbound calls reach only Business Central's hosts (public addresses) and explicitly configured extra hosts.
  const bcTransport = createGuardedTransport({
    allowedHosts: [new URL(config.BC_API_BASE_URL).hostname, new URL(config.BC_WEB_BASE_URL).hostname], extraHosts: config.BC_EXTRA_ALLOWED_HOSTS,
  });
  const bcHttp = new BcHttp({
    timeoutMs: config.BC_REQUEST_TIMEOUT_MS, maxResponseBytes: config.BC_MAX_RESPONSE_BYTES, responseTimeoutMs: config.BC_RESPONSE_TIMEOUT_MS, transport: bcTransport,
    limits: { maxConcurrent: config.BC_MAX_CONCURRENT_PER_USER, windowRequests: config.BC_WINDOW_REQUESTS, windowMs: config.BC_WINDOW_MS, maxBatchOperations: config.BC_MAX_BATCH_OPERATIONS },
  });
  // Real tenants: msal-node (delegated on-behalf-of / app-only per client), caches encrypted in the database.
  const authModes = new ClientAuthModes(db);
  // App-only reading only for the client tenants the administrator granted each firm (APP_ONLY_TENANTS).
  const appOnly = new AppOnlyGate(db, new AppOnlyGrants(config.APP_ONLY_TENANTS));
  const tokens = deps.tokens ?? (config.AAD_APP_CLIENT_ID && config.SECRET_AAD_APP_CLIENT_SECRET && config.SECRET_TOKEN_CACHE_KEY
    ? new MsalTokenProvider({
      clientId: config.AAD_APP_CLIENT_ID, clientSecret: config.SECRET_AAD_APP_CLIENT_SECRET, authorityHost: config.AAD_AUTHORITY_HOST,
      apiResource: config.BC_API_RESOURCE, store: new TokenCacheStore(db, config.SECRET_TOKEN_CACHE_KEY), authModeOf: (id) => authModes.get(id),
      appOnlyAllowed: (env) => appOnly.allows(env), ...deps.msal,
    })
    : new StaticTokenProvider('unconfigured'));
  const source = new BusinessCentralSource({
    apiBaseUrl: config.BC_API_BASE_URL, cloudWebOrigin, http: bcHttp, maxBatchOperations: config.BC_MAX_BATCH_OPERATIONS, tokens,
  });
  // Invitation mail: SMTP when configured, else (local demo) .eml files in MAIL_DIR with the link printed to the log.
  const mailer = config.SMTP_HOST
    ? new SmtpMailer({
      host: config.SMTP_HOST, port: config.SMTP_PORT, secure: config.SMTP_PORT === 465, user: config.SMTP_USER || undefined,
      password: config.SECRET_SMTP_PASSWORD || undefined, from: config.MAIL_FROM,
    })
    : new OutboxFolderMailer(config.MAIL_DIR ?? join(config.DATA_DIR, 'mail'), config.MAIL_FROM, ({ file, link }) =>
      logger.info({ file, link }, 'invitation email written to the outbox folder (no SMTP_HOST): follow the link to continue'));
  let baseUrl: string | null = null;
  const svc = createClientDataService({
    db, source, authModes, appOnly, mailer,
    publicUrl: () => config.PUBLIC_URL ?? baseUrl ?? `http://localhost:${config.PORT}`,
    invitations: { ttlDays: config.INVITATION_TTL_DAYS, sendsPerHour: config.INVITATION_SENDS_PER_HOUR },
    onInvitationMailError: (err, { invitationId }) => logger.warn({ err, invitationId }, 'the email telling the inviter about the answer was not sent; the answer stands'),
    extraHosts: config.BC_EXTRA_ALLOWED_HOSTS, refreshConcurrency: config.REFRESH_CONCURRENCY,
    refreshJobs: { heartbeatMs: config.REFRESH_HEARTBEAT_MS, abandonedAfterMs: config.REFRESH_ABANDONED_AFTER_MS },
    links: { cloudWebOrigin, webBaseUrl: config.BC_WEB_BASE_URL },
    onRefreshError: (err, t) => logger.error({ err, companyId: t?.companyId }, 'refresh failed unexpectedly'),
    proactive: { summaryGraceMs: config.SUMMARY_GRACE_MINUTES * 60_000, taxLeadDays: config.TAX_ALERT_DAYS },
  });

  const dev = config.DEV_IDENTITY ? new DevIdentity() : null;
  const entra = config.AAD_APP_CLIENT_ID
    ? new EntraVerifier({ authorityHost: config.AAD_AUTHORITY_HOST, clientId: config.AAD_APP_CLIENT_ID, appIdUri: config.AAD_APP_ID_URI, allowedTenants: config.AAD_ALLOWED_TENANTS })
    : null;
  const authConfig: AuthConfig = entra
    ? {
      mode: 'entra', clientId: config.AAD_APP_CLIENT_ID ?? null,
      authority: `${config.AAD_AUTHORITY_HOST.replace(/\/$/, '')}/${config.AAD_APP_TENANT_ID ?? 'organizations'}`,
      apiScope: config.AAD_APP_ID_URI ? `${config.AAD_APP_ID_URI}/access_as_user` : null,
    }
    : { mode: 'dev', clientId: null, authority: null, apiScope: null };

  const dashboardCache = new DashboardCache(svc);
  await dashboardCache.start();

  const teams = createTeamsBot({
    svc, dev, log: logger.child({ component: 'bot' }), dashboardUrl: () => dashboardLink(config.TEAMS_APP_ID, config.PUBLIC_URL ?? baseUrl),
    serviceUrlAllowed: serviceUrlPolicy({ production: config.NODE_ENV === 'production', extraHosts: config.BOT_EXTRA_SERVICE_HOSTS }),
    credentials: { botId: config.BOT_ID, password: config.SECRET_BOT_PASSWORD, tenantId: config.BOT_TENANT_ID, type: config.BOT_TYPE, ...(deps.botAuth ? { overrides: deps.botAuth } : {}) },
  });

  const tabDir = deps.tabDir === undefined ? (config.TAB_DIR ?? join(__dirname, '..', '..', 'tab', 'dist')) : deps.tabDir;
  const server = createServer({
    logger,
    authenticator: createAuthenticator({ entra, dev }),
    resolveUser: async ({ principal, dev: isDev, assertion }) => ({ principal, dev: isDev, assertion, userId: await svc.users.ensure(principal) }),
    staticFiles: tabDir ? new StaticFiles(tabDir, {
      sourceMaps: config.NODE_ENV !== 'production', production: config.NODE_ENV === 'production',
      authorityOrigin: entra ? new URL(config.AAD_AUTHORITY_HOST).origin : null,
    }) : null,
    trustedProxies: config.TRUST_PROXY, production: config.NODE_ENV === 'production',
    rawPost: [{ path: teams.path, handler: teams.handler }],
    routes: [...healthRoutes(db), ...authRoutes({ authConfig, dev }), ...clientsRoutes(svc), ...dashboardRoutes(svc, dashboardCache), ...viewsRoutes(svc), ...reportsRoutes({ svc, source, http: bcHttp, tokens, links: { secret: config.SECRET_DOWNLOAD_LINK_KEY } }), ...invitationsRoutes(svc), ...settingsRoutes(svc), ...adminRoutes(svc)],
  });

  const proactive = startProactive({
    config, svc, adapter: teams.adapter, log: logger.child({ component: 'proactive' }),
    dashboardUrl: () => dashboardLink(config.TEAMS_APP_ID, config.PUBLIC_URL ?? baseUrl),
  });

  return {
    svc, dev, bcHttp, proactive,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => {
          const { port } = server.address() as AddressInfo;
          baseUrl = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
          resolve(baseUrl);
        });
      }),
    close: async () => {
      await proactive.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await teams.idle();
      await dashboardCache.close();
      await svc.refresh.idle();
      // An injected database belongs to the caller (tests); only close the one opened here.
      if (!deps.db) await db.close();
    },
  };
}
