import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: 'POST' | 'PUT';
  /** 'send' (new message), 'reply' (POST …/activities/:replyToId), 'update' (PUT …/activities/:id), 'create' (new conversation). */
  kind: 'send' | 'reply' | 'update' | 'create';
  conversationId: string;
  /** The id the activity got (send/reply), or the one updated. */
  activityId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
  authorization?: string;
  status: number;
  at: number;
  /** A send whose activity id this conversation already received: answered like the first, not shown again. */
  duplicate?: boolean;
  /** Refused by the enforced rate limits ('app' per second, or the conversation's windows). */
  throttled?: 'app' | 'conversation';
}

/** Teams-like limits the connector enforces when asked (429 + Retry-After when exceeded). */
export interface ConnectorLimits {
  /** Accepted messages per sliding second for the whole bot (Teams: 50 per app per tenant). */
  globalPerSecond?: number;
  /** Per conversation [messages, window ms] (Teams: 7/1 s, 8/2 s, 60/30 s, 1800/3600 s). */
  perConversation?: readonly (readonly [number, number])[];
}

export interface BotConnectorOptions {
  limits?: ConnectorLimits;
  /** Added before answering each call (a remote service is never instant). */
  latencyMs?: number;
}

export const TEAMS_LIMITS: Required<ConnectorLimits> = { globalPerSecond: 50, perConversation: [[7, 1_000], [8, 2_000], [60, 30_000], [1800, 3_600_000]] };

export interface ConnectorFault {
  status: 429 | 403 | 404 | 412 | 500 | 502 | 503 | 504;
  /** Seconds, sent as Retry-After (429). */
  retryAfter?: number;
}

export interface BotConnector {
  /** The serviceUrl to put in activities (no trailing slash). */
  url: string;
  /** Every call answered, successful or not, in order. */
  calls: ConnectorCall[];
  /** Successful message posts and updates only (a repeated activity id counts once). */
  messages(): ConnectorCall[];
  /** The next `count` calls (any conversation) fail with `fault`. */
  failNext(fault: ConnectorFault, count?: number): void;
  /** The user left: every call to this conversation gets 403 (or 404) from now on. */
  removeUser(conversationId: string, status?: 403 | 404): void;
  /** Resolves with the first call matching `pred` (waiting for it), or rejects after `timeoutMs`. */
  waitFor(pred: (c: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  reset(): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * A local stand-in for the Bot Connector service (Teams' side of the Bot Framework REST API): records
 * what the bot sends, and can throttle (429 + Retry-After) or report a removed user (403), the way
 * Teams does. Tests put its `url` in activities as `serviceUrl`.
 */
export async function startBotConnector(o: BotConnectorOptions = {}): Promise<BotConnector> {
  const calls: ConnectorCall[] = [];
  // Activity ids seen per conversation (the bot's own stable ids): the id the first one got.
  const seenIds = new Map<string, string>();
  const accepted: number[] = [];
  const perConversation = new Map<string, number[]>();
  const limits = o.limits;
  const longest = Math.max(0, ...(limits?.perConversation ?? []).map(([, ms]) => ms));
  /** Which limit a send now would break, and in how many seconds it would not. */
  const overLimit = (conversationId: string, now: number): { by: 'app' | 'conversation'; retryAfter: number } | null => {
    if (!limits) return null;
    if (limits.globalPerSecond !== undefined) {
      while (accepted.length > 0 && now - (accepted[0] as number) >= 1000) accepted.shift();
      if (accepted.length >= limits.globalPerSecond) return { by: 'app', retryAfter: 1 };
    }
    const times = perConversation.get(conversationId) ?? [];
    for (const [limit, ms] of limits.perConversation ?? []) {
      const inWindow = times.filter((t) => now - t < ms);
      if (inWindow.length >= limit) return { by: 'conversation', retryAfter: Math.max(1, Math.ceil(((inWindow[inWindow.length - limit] as number) + ms - now) / 1000)) };
    }
    return null;
  };
  const countAccepted = (conversationId: string, now: number) => {
    if (!limits) return;
    accepted.push(now);
    const times = (perConversation.get(conversationId) ?? []).filter((t) => now - t < longest);
    times.push(now);
    perConversation.set(conversationId, times);
  };
  const waiters = new Set<{ pred: (c: ConnectorCall) => boolean; resolve: (c: ConnectorCall) => void }>();
  let faults: ConnectorFault[] = [];
  const gone = new Map<string, 403 | 404>();
  let seq = 0;

  const record = (c: ConnectorCall) => {
    calls.push(c);
    for (const w of [...waiters]) {
      if (w.pred(c)) {
        waiters.delete(w);
        w.resolve(c);
      }
    }
  };

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(payload);
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://connector');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method: ConnectorCall['method'] = req.method === 'PUT' ? 'PUT' : 'POST';
    const body = req.method === 'POST' || req.method === 'PUT' ? await readJson(req) : {};
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;

    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return send(res, 404, { error: { code: 'NotFound', message: `No route ${url.pathname}` } });
    if (parts.length === 2 && method === 'POST') {
      const id = `a:created-${++seq}`;
      record({ method, kind: 'create', conversationId: id, activityId: '', activity: body, ...(authorization ? { authorization } : {}), status: 201, at: Date.now() });
      return send(res, 201, { id });
    }
    const conversationId = parts[2] ?? '';
    const pathId = parts[4];
    if (parts[3] !== 'activities' || (method === 'PUT' && !pathId)) return send(res, 404, { error: { code: 'NotFound', message: 'Unknown operation' } });
    const kind: ConnectorCall['kind'] = method === 'PUT' ? 'update' : pathId ? 'reply' : 'send';
    const activityId = method === 'PUT' ? (pathId as string) : `activity-${++seq}`;
    const base = { method, kind, conversationId, activityId, ...(kind === 'reply' ? { replyToId: pathId as string } : {}), activity: body, ...(authorization ? { authorization } : {}), at: Date.now() };

    const goneStatus = gone.get(conversationId);
    if (goneStatus) {
      record({ ...base, status: goneStatus });
      return send(res, goneStatus, { error: { code: goneStatus === 403 ? 'BotNotInConversationRoster' : 'ConversationNotFound', message: 'The bot is not part of the conversation roster.' } });
    }
    const now = Date.now();
    const over = overLimit(conversationId, now);
    if (over) {
      record({ ...base, status: 429, throttled: over.by });
      return send(res, 429, { error: { code: 'TooManyRequests', message: `Rate limit exceeded (${over.by})` } }, { 'retry-after': String(over.retryAfter) });
    }
    const fault = faults.shift();
    if (fault) {
      record({ ...base, status: fault.status });
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      return send(res, fault.status, { error: { code: fault.status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'Injected fault' } }, headers);
    }
    if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs));
    countAccepted(conversationId, now);
    const ownId = kind === 'send' && typeof body.id === 'string' && body.id ? `${conversationId}\u0000${body.id}` : null;
    const first = ownId ? seenIds.get(ownId) : undefined;
    if (first) {
      record({ ...base, activityId: first, status: 201, duplicate: true });
      return send(res, 201, { id: first });
    }
    if (ownId) seenIds.set(ownId, activityId);
    record({ ...base, status: method === 'PUT' ? 200 : 201 });
    return send(res, method === 'PUT' ? 200 : 201, { id: activityId });
  };

  const server: Server = createServer((req, res) => {
    handler(req, res).catch(() => send(res, 500, { error: { code: 'ServiceError', message: 'connector stub failed' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    messages: () => calls.filter((c) => c.status < 300 && c.kind !== 'create' && !c.duplicate),
    failNext: (fault, count = 1) => {
      faults.push(...Array.from({ length: count }, () => fault));
    },
    removeUser: (conversationId, status = 403) => {
      gone.set(conversationId, status);
    },
    waitFor: (pred, timeoutMs = 10_000) => {
      const found = calls.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (c: ConnectorCall) => { clearTimeout(timer); resolve(c); } };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`No matching Bot Connector call within ${timeoutMs} ms (${calls.length} calls recorded)`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    reset: () => {
      calls.length = 0;
      seenIds.clear();
      accepted.length = 0;
      perConversation.clear();
      faults = [];
      gone.clear();
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** The Adaptive Card of a recorded message (its first attachment), or null. */
export function cardOf(call: ConnectorCall): Record<string, unknown> | null {
  const attachments = call.activity.attachments as { contentType?: string; content?: Record<string, unknown> }[] | undefined;
  const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return card?.content ?? null;
}
