import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions, type InvokeResponse, type TurnContext,
} from 'botbuilder';
import type { BotLogger } from '../bot/context';
import type { ServiceUrlPolicy } from './service-url';
import { withoutNul } from './without-nul';

export interface BotCredentials {
  botId: string;
  password: string;
  tenantId: string;
  type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Bot Framework endpoints (tests point ToBotFromChannelOpenIdMetadataUrl / ToBotFromChannelTokenIssuer at a local server). */
  overrides?: Partial<Record<'ToBotFromChannelOpenIdMetadataUrl' | 'ToBotFromChannelTokenIssuer' | 'ToBotFromEmulatorOpenIdMetadataUrl' | 'ToChannelFromBotLoginUrl' | 'ToChannelFromBotOAuthScope', string>>;
}

const MAX_BODY = 1024 * 1024;

/** What the Bot Connector answered to a proactive send (never thrown for an HTTP status). */
export interface ProactiveSendResult {
  status: number;
  /** The id Teams gave the message (success). */
  id?: string;
  /** Retry-After, in ms, when the answer carried one. */
  retryAfterMs?: number;
  /** The connector's error code, e.g. ConversationNotFound, BotNotInConversationRoster. */
  code?: string;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * CloudAdapter with its HTTP edge replaced: botbuilder's own `process` answers a forged token with
 * 500 and echoes internal messages. Here authentication failures are 401, an unreachable OpenID
 * metadata endpoint is 503, and bodies carry only a code and a correlation id.
 */
export class HubAdapter extends CloudAdapter {
  readonly auth: ConfigurationBotFrameworkAuthentication;
  private readonly credentials: ConfigurationServiceClientCredentialFactory;

  /** `serviceUrlAllowed`: where replies and proactive cards may go (production: Bot Framework's hosts only). */
  constructor(readonly creds: BotCredentials, private readonly log: BotLogger, readonly serviceUrlAllowed: ServiceUrlPolicy) {
    const options: ConfigurationBotFrameworkAuthenticationOptions = creds.botId
      ? { MicrosoftAppId: creds.botId, MicrosoftAppType: creds.type, MicrosoftAppTenantId: creds.tenantId, ...(creds.type === 'UserAssignedMSI' ? {} : { MicrosoftAppPassword: creds.password }), ...creds.overrides }
      : { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', ...creds.overrides };
    let auth: ConfigurationBotFrameworkAuthentication;
    let credentials: ConfigurationServiceClientCredentialFactory;
    try {
      credentials = new ConfigurationServiceClientCredentialFactory(options);
      auth = new ConfigurationBotFrameworkAuthentication(options, credentials);
    } catch (err) {
      // botbuilder asserts on missing settings; say which of ours to set (never their values).
      throw new Error(`Invalid bot configuration (BOT_ID, BOT_TYPE, BOT_TENANT_ID, SECRET_BOT_PASSWORD): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    super(auth);
    this.auth = auth;
    this.credentials = credentials;
  }

  /**
   * Posts one proactive message straight to the Bot Connector (POST v3/conversations/{id}/activities),
   * with the caller's stable activity id: botbuilder's own send drops that id and retries 429 inside
   * each call, where the proactive sender must see throttling to pause everything.
   */
  async sendProactive(reference: Record<string, unknown>, activity: Record<string, unknown>, signal?: AbortSignal): Promise<ProactiveSendResult> {
    const serviceUrl = String(reference.serviceUrl ?? '').replace(/\/$/, '');
    const conversation = reference.conversation as { id?: string } | undefined;
    if (!serviceUrl || !conversation?.id) return { status: 404, code: 'ConversationNotFound' };
    // A reference stored before its host was checked (or tampered with in the database) never gets the bot's token.
    if (!this.serviceUrlAllowed(serviceUrl)) {
      this.log.warn({ conversationId: conversation.id }, 'proactive send refused: the conversation\'s serviceUrl is not a Bot Framework host');
      return { status: 421, code: 'ServiceUrlNotAllowed' };
    }
    const body = {
      ...activity, channelId: reference.channelId ?? 'msteams', serviceUrl, conversation,
      from: reference.bot, recipient: reference.user,
    };
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    const token = await this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${serviceUrl}/v3/conversations/${encodeURIComponent(conversation.id)}/activities`, {
      method: 'POST', headers, body: JSON.stringify(body), ...(signal ? { signal } : {}),
    });
    const text = await res.text();
    let json: { id?: unknown; error?: { code?: unknown } } = {};
    try {
      json = text ? (JSON.parse(text) as typeof json) : {};
    } catch {
      json = {};
    }
    const retry = retryAfterMs(res.headers.get('retry-after'));
    return {
      status: res.status,
      ...(typeof json.id === 'string' ? { id: json.id } : {}),
      ...(retry !== undefined ? { retryAfterMs: retry } : {}),
      ...(typeof json.error?.code === 'string' ? { code: json.error.code } : {}),
    };
  }

  /** A Bot Connector token for this bot (cached and renewed by msal); null when authentication is off (Playground, tests). */
  private async token(): Promise<string | null> {
    if (!this.creds.botId) return null;
    const tenant = this.creds.type === 'SingleTenant' && this.creds.tenantId ? this.creds.tenantId : 'botframework.com';
    const login = this.creds.overrides?.ToChannelFromBotLoginUrl ?? `https://login.microsoftonline.com/${tenant}`;
    const scope = this.creds.overrides?.ToChannelFromBotOAuthScope ?? 'https://api.botframework.com';
    const c = await this.credentials.createCredentials(this.creds.botId, scope, login, true);
    return (await (c as unknown as { getToken(force?: boolean): Promise<string> }).getToken()) || null;
  }

  /** The Node-level handler for POST /api/messages. */
  async handle(req: IncomingMessage, res: ServerResponse, logic: (ctx: TurnContext) => Promise<void>): Promise<void> {
    const correlationId = randomUUID();
    const reply = (status: number, body?: unknown) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      res.writeHead(status, { 'x-correlation-id': correlationId, ...(payload ? { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length } : { 'content-length': 0 }) });
      res.end(payload);
    };
    const fail = (status: number, code: string, message: string) => reply(status, { error: { code, message, correlationId } });

    let activity: Activity;
    try {
      activity = await readActivity(req);
    } catch (err) {
      fail(err instanceof RangeError ? 413 : 400, 'bad_request', err instanceof RangeError ? 'The activity is too large.' : 'The body must be a Bot Framework activity (JSON with a type).');
      return;
    }

    let authResult: Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
    try {
      authResult = await this.auth.authenticateRequest(activity, String(req.headers.authorization ?? ''));
    } catch (err) {
      if (isAuthRejection(err)) {
        this.log.warn({ correlationId, reason: err instanceof Error ? err.message : String(err) }, 'bot request refused: not authenticated');
        fail(401, 'unauthorized', 'The request is not authenticated.');
      } else {
        this.log.error({ correlationId, err }, 'bot authentication unavailable (OpenID metadata could not be read)');
        fail(503, 'auth_unavailable', 'Bot authentication is temporarily unavailable; try again later.');
      }
      return;
    }

    // Replies go to the activity's serviceUrl with the bot's token: refuse a host that is not Bot Framework's.
    if (typeof activity.serviceUrl !== 'string' || !this.serviceUrlAllowed(activity.serviceUrl)) {
      this.log.warn({ correlationId }, 'bot request refused: serviceUrl is not a Bot Framework host');
      fail(403, 'service_url_not_allowed', 'The activity\'s serviceUrl is not a Bot Framework service.');
      return;
    }

    try {
      const invoke: InvokeResponse | undefined = await this.processActivity(authResult, activity, logic);
      reply(invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      this.log.error({ correlationId, err }, 'bot turn failed');
      fail(500, 'internal', 'The bot could not handle this activity.');
    }
  }
}

/** A token that was checked and found wanting, as opposed to a check that could not be made. */
function isAuthRejection(err: unknown): boolean {
  const e = err as { statusCode?: unknown; name?: unknown };
  if (e?.statusCode === 401) return true;
  return typeof e?.name === 'string' && ['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'].includes(e.name);
}

async function readActivity(req: IncomingMessage & { body?: unknown }): Promise<Activity> {
  let body = req.body;
  if (body === undefined) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new RangeError('too large');
      chunks.push(chunk as Buffer);
    }
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  }
  if (!body || typeof body !== 'object' || typeof (body as { type?: unknown }).type !== 'string') throw new TypeError('not an activity');
  return withoutNul(body) as Activity;
}
