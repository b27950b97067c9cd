import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse, type TurnContext,
} from 'botbuilder';
import type { BotLogger } from '../bot/context';

export interface BotCredentials {
  botId: string;
  password: string;
  tenantId: string;
  type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  /** Bot Framework endpoints (tests point ToBotFromChannelOpenIdMetadataUrl / ToBotFromChannelTokenIssuer at a local server). */
  overrides?: Partial<Record<'ToBotFromChannelOpenIdMetadataUrl' | 'ToBotFromChannelTokenIssuer' | 'ToBotFromEmulatorOpenIdMetadataUrl' | 'ToChannelFromBotLoginUrl' | 'ToChannelFromBotOAuthScope', string>>;
}

const MAX_BODY = 1024 * 1024;

/**
 * CloudAdapter with its HTTP edge replaced: botbuilder's own `process` answers a forged token with
 * 500 and echoes internal messages. Here authentication failures are 401, an unreachable OpenID
 * metadata endpoint is 503, and bodies carry only a code and a correlation id.
 */
export class HubAdapter extends CloudAdapter {
  readonly auth: ConfigurationBotFrameworkAuthentication;

  constructor(readonly creds: BotCredentials, private readonly log: BotLogger) {
    const options: ConfigurationBotFrameworkAuthenticationOptions = creds.botId
      ? { MicrosoftAppId: creds.botId, MicrosoftAppType: creds.type, MicrosoftAppTenantId: creds.tenantId, ...(creds.type === 'UserAssignedMSI' ? {} : { MicrosoftAppPassword: creds.password }), ...creds.overrides }
      : { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', ...creds.overrides };
    let auth: ConfigurationBotFrameworkAuthentication;
    try {
      auth = new ConfigurationBotFrameworkAuthentication(options);
    } catch (err) {
      // botbuilder asserts on missing settings; say which of ours to set (never their values).
      throw new Error(`Invalid bot configuration (BOT_ID, BOT_TYPE, BOT_TENANT_ID, SECRET_BOT_PASSWORD): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    super(auth);
    this.auth = auth;
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
  return body as Activity;
}
