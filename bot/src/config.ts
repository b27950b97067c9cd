import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');
const csv = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Every setting the server reads, parsed once at start-up; names only ever appear in errors, never values. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().default('127.0.0.1'),
    /** Public origin of the app (tab, deep links, invitation links). */
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Unset: embedded PGlite under DATA_DIR. Set: a PostgreSQL server shared by every instance. */
    DATABASE_URL: z.string().optional(),
    DATA_DIR: z.string().default('.data'),
    /**
     * Reverse proxies in front of the server that append to X-Forwarded-For: rate limits take the address the
     * outermost trusted one appended (that many entries from the right), never an entry the caller wrote.
     * `true` = 1 (App Service); 2 for Front Door + App Service; `false`/0 = the TCP peer.
     */
    TRUST_PROXY: z.string().trim().regex(/^(true|false|[0-5])?$/i, 'true, false or a number of proxies (0-5)')
      .transform((v) => (/^true$/i.test(v) ? 1 : /^(false)?$/i.test(v) ? 0 : Number(v))).default(0),
    /** Folder of the built tab served at `/` (default: tab/dist of this checkout). */
    TAB_DIR: z.string().optional(),
    /** Local demo identity; refused unless the server listens on loopback and NODE_ENV is not production. */
    DEV_IDENTITY: bool.default(false),
    /** Start the local Business Central sandbox in-process and point the connector at it. */
    EMBEDDED_SANDBOX: bool.default(false),
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
    AAD_APP_CLIENT_ID: z.string().optional(),
    AAD_APP_TENANT_ID: z.string().optional(),
    AAD_APP_ID_URI: z.string().optional(),
    AAD_AUTHORITY_HOST: z.url().default('https://login.microsoftonline.com'),
    /**
     * Entra tenants allowed to sign in, or `*` for any work tenant. Production requires it to be set (an explicit
     * choice); outside production, unset = any tenant. Parsed to [] for "any".
     */
    AAD_ALLOWED_TENANTS: csv.refine((v) => !v.includes('*') || v.length === 1, '`*` (any tenant) cannot be combined with tenant ids')
      .transform((v) => (v.includes('*') ? [] : v.map((t) => t.toLowerCase()))).default([]),
    /**
     * Which client tenants each firm may read with the hub's own app (app-only), as `firmTenant:clientTenant` pairs,
     * comma separated; set by the hub's administrator once the client's administrator has agreed. Any other tenant is
     * read only as the signed-in accountant (delegated).
     */
    APP_ONLY_TENANTS: csv.pipe(z.array(z.string().regex(/^[^:\s]+:[^:\s]+$/, 'each entry is firmTenant:clientTenant'))).default([]),
    SECRET_AAD_APP_CLIENT_SECRET: z.string().optional(),
    BOT_ID: z.string().default(''),
    SECRET_BOT_PASSWORD: z.string().default(''),
    BOT_TENANT_ID: z.string().default(''),
    BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    /** Bot Connector hosts besides Bot Framework's documented ones (sovereign clouds such as smba.teams.sovcloud-core.fr). */
    BOT_EXTRA_SERVICE_HOSTS: csv.default([]),
    /** The Teams app (manifest) id: the bot's "Open dashboard" buttons deep-link to its personal tab. */
    TEAMS_APP_ID: z.string().default(''),
    BC_API_BASE_URL: z.url().default('https://api.businesscentral.dynamics.com'),
    BC_WEB_BASE_URL: z.url().default('https://businesscentral.dynamics.com'),
    /** Hosts besides Business Central's own that client URLs may point at (the sandbox, on-premises servers). */
    BC_EXTRA_ALLOWED_HOSTS: csv.default([]),
    /** Business Central's limits are per user across environments (packages/client-data/.../limits.ts). */
    BC_MAX_CONCURRENT_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
    BC_WINDOW_REQUESTS: z.coerce.number().int().min(1).default(6000),
    BC_WINDOW_MS: z.coerce.number().int().min(1000).default(300_000),
    BC_MAX_BATCH_OPERATIONS: z.coerce.number().int().min(1).max(100).default(100),
    /** Business Central's API resource (token audience); tokens are asked for `{resource}/.default`. */
    BC_API_RESOURCE: z.url().default('https://api.businesscentral.dynamics.com'),
    BC_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /** Most bytes one Business Central answer may have (streamed bytes counted; Business Central's largest page is 20,000 entities). */
    BC_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).default(64 * 1024 * 1024),
    /** Longest one Business Central answer may take in all (BC_REQUEST_TIMEOUT_MS bounds each wait within it). */
    BC_RESPONSE_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
    /** Companies refreshed at once; whole environments are scheduled together (the connector packs them into $batch). */
    REFRESH_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(200),
    /** A running "Refresh all" tells other instances it is alive this often; one silent this long was abandoned (a crash). */
    REFRESH_HEARTBEAT_MS: z.coerce.number().int().min(100).default(10_000),
    REFRESH_ABANDONED_AFTER_MS: z.coerce.number().int().min(300).default(45_000),
    /** Key (32+ chars) that encrypts cached Business Central tokens at rest. */
    SECRET_TOKEN_CACHE_KEY: z.string().min(32).optional(),
    /**
     * Key (32+ chars) that signs the tab's one-minute report download links. Unset (the local demo, one process):
     * a random key per start, so links die with a restart; production requires one shared by every instance.
     */
    SECRET_DOWNLOAD_LINK_KEY: z.string().min(32).default(() => randomBytes(32).toString('base64url')),
    /** Proactive scheduler (morning summaries, alerts). Unset: on, except under a test runner (NODE_ENV=test). */
    SCHEDULER_ENABLED: bool.optional(),
    SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
    /** Companies whose figures are older than this are re-read in the background (summaries and alerts need current data). */
    BACKGROUND_REFRESH_MINUTES: z.coerce.number().int().min(5).default(240),
    /** Most companies re-read per scheduler run, to spread the load on Business Central. */
    BACKGROUND_REFRESH_BATCH: z.coerce.number().int().min(1).max(5000).default(200),
    /** Sends queued proactive cards (any instance may; rows are leased). */
    PROACTIVE_SENDER_ENABLED: bool.default(true),
    /** Proactive messages per second for the whole app (Teams allows 50 per app per tenant). */
    SEND_RATE_PER_SECOND: z.coerce.number().min(0.1).max(50).default(48),
    SEND_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
    /** How long a sender holds leased outbox rows; a crashed instance's rows are sent by another after it. */
    SEND_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
    /** How late a missed morning summary is still sent (server down at the time). */
    SUMMARY_GRACE_MINUTES: z.coerce.number().int().min(1).max(720).default(120),
    /** Days before a tax due date to alert. */
    TAX_ALERT_DAYS: z.string().regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/, 'comma-separated whole days, e.g. 7,1').transform((v) => v.split(',').map((x) => Number(x.trim()))).default([7, 1]),
    /** Outgoing mail (invitations). Unset SMTP_HOST: mails are written to MAIL_DIR as .eml files and their link is logged (local demo). */
    SMTP_HOST: z.string().optional(),
    /** 465 = implicit TLS; otherwise STARTTLS (required unless the host is loopback). */
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_USER: z.string().optional(),
    SECRET_SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().default('Accountant Hub <no-reply@accountant-hub.local>'),
    /** The demo's outbox folder (default: DATA_DIR/mail). */
    MAIL_DIR: z.string().optional(),
    /** How long an invitation link works. */
    INVITATION_TTL_DAYS: z.coerce.number().min(0.001).max(90).default(14),
    /** Invitation emails per hour per sender address (IP), per signed-in sender and per recipient. */
    INVITATION_SENDS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  });
export type Config = z.infer<typeof configSchema>;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const truthy = (v: string | undefined) => v === 'true' || v === '1';

/** Rules across settings, checked on the raw values so they are reported even when another key is malformed. */
function crossChecks(env: NodeJS.ProcessEnv): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const production = env.NODE_ENV === 'production';
  const dev = truthy(env.DEV_IDENTITY);
  if (production) {
    for (const key of ['AAD_APP_CLIENT_ID', 'DATABASE_URL', 'PUBLIC_URL', 'SECRET_AAD_APP_CLIENT_SECRET', 'SECRET_TOKEN_CACHE_KEY', 'SECRET_DOWNLOAD_LINK_KEY']) {
      if (!env[key]) issues.push({ path: key, message: 'required in production' });
    }
    if (dev) issues.push({ path: 'DEV_IDENTITY', message: 'not allowed in production' });
  }
  if (!dev && !env.AAD_APP_CLIENT_ID) issues.push({ path: 'AAD_APP_CLIENT_ID', message: 'required unless DEV_IDENTITY=true' });
  if (dev && !isLoopback(env.HOST ?? '127.0.0.1')) issues.push({ path: 'DEV_IDENTITY', message: 'only allowed when HOST is a loopback address' });
  // A few missed heartbeats, not one late timer, must be what makes a running job count as abandoned.
  const beat = Number(env.REFRESH_HEARTBEAT_MS ?? 10_000);
  const abandoned = Number(env.REFRESH_ABANDONED_AFTER_MS ?? 45_000);
  if (abandoned < 3 * beat) issues.push({ path: 'REFRESH_ABANDONED_AFTER_MS', message: 'must be at least three times REFRESH_HEARTBEAT_MS' });
  // An empty allow-list lets every Entra tenant sign in: in production that must be said (`*`), never implied.
  if (production && !env.AAD_ALLOWED_TENANTS?.trim()) issues.push({ path: 'AAD_ALLOWED_TENANTS', message: 'required in production: tenant ids, or * for any tenant' });
  issues.push(...botCredentialChecks(env, !production && dev && isLoopback(env.HOST ?? '127.0.0.1')));
  return issues;
}

/**
 * Without BOT_ID botbuilder switches Bot Framework authentication off and believes whatever tenant and user an
 * activity names: allowed only for the local demo identity on loopback (the Agents Playground sends no credentials).
 * With it, botbuilder's own rules per app type (ConfigurationServiceClientCredentialFactory): UserAssignedMSI needs the
 * identity's client id and tenant and no password; SingleTenant the id, tenant and password; MultiTenant the password.
 */
function botCredentialChecks(env: NodeJS.ProcessEnv, localDemo: boolean): { path: string; message: string }[] {
  const id = env.BOT_ID?.trim();
  const password = env.SECRET_BOT_PASSWORD?.trim();
  const tenant = env.BOT_TENANT_ID?.trim();
  const type = env.BOT_TYPE ?? 'SingleTenant';
  if (!id) {
    return localDemo ? [] : [{
      path: 'BOT_ID', message: env.NODE_ENV === 'production'
        ? 'required in production (the bot app id, or the managed identity\'s client id with BOT_TYPE=UserAssignedMSI)'
        : 'required unless DEV_IDENTITY=true on a loopback HOST (the Agents Playground)',
    }];
  }
  const issues: { path: string; message: string }[] = [];
  if ((type === 'UserAssignedMSI' || type === 'SingleTenant') && !tenant) issues.push({ path: 'BOT_TENANT_ID', message: `required with BOT_TYPE=${type}` });
  if (type === 'UserAssignedMSI' && password) issues.push({ path: 'SECRET_BOT_PASSWORD', message: 'must be empty with BOT_TYPE=UserAssignedMSI (the managed identity has no password)' });
  if (type !== 'UserAssignedMSI' && !password) issues.push({ path: 'SECRET_BOT_PASSWORD', message: `required with BOT_TYPE=${type}` });
  return issues;
}

/** Parses the environment; on failure names every bad key at once (never its value). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  const issues = [
    ...(result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }))),
    ...crossChecks(env),
  ];
  if (result.success && issues.length === 0) return result.data;
  throw new Error(`Invalid configuration:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
}
