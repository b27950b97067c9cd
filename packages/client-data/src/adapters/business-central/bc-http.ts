import { SourceError } from '../../ports/accounting-source';
import { undiciTransport, type HttpAnswer, type HttpTransport } from '../network/http-transport';
import { describeProblem, entityProblem } from './bc-errors';
import { BC_DEFAULT_LIMITS, LimitBook, tokenIdentity, type BcLimits } from './limits';
import { backoffMs, parseRetryAfter } from './retry-after';

export interface BcHttpOptions {
  /** Concurrent requests per identity (Business Central allows 5 per user). Shorthand for limits.maxConcurrent. */
  maxConcurrent?: number;
  /** Business Central's per-user limits (default: the documented 5 concurrent, 6,000 per 5 minutes, 100 per $batch). */
  limits?: Partial<BcLimits>;
  timeoutMs: number;
  /**
   * Most bytes one answer may have (counted as it streams in, whatever Content-Length says); a larger one fails that
   * request at once. Business Central's largest page is 20,000 entities, a few tens of MB at most.
   */
  maxResponseBytes?: number;
  /** Longest one answer may take in all, headers and body (`timeoutMs` bounds each wait within it). */
  responseTimeoutMs?: number;
  maxAttempts?: number;
  /** Longest Retry-After the connector waits for before giving up as throttled. */
  maxRetryWaitMs?: number;
  /** The outbound HTTP; production passes the guarded transport (adapters/network) that only reaches allowed hosts. */
  transport?: HttpTransport;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_RESPONSE_TIMEOUT_MS = 120_000;
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface ODataErrorBody { error?: { code?: string; message?: string } }

function parseErrorBody(text: string): ODataErrorBody | undefined {
  try {
    return JSON.parse(text) as ODataErrorBody;
  } catch {
    return undefined;
  }
}

/** Classifies a failed Business Central response in words an accountant can act on. */
export function classifyStatus(status: number, body: ODataErrorBody | undefined): SourceError {
  const detail = body?.error?.message ? ` (${body.error.message})` : '';
  // An entity set missing in this version, or not permitted: not a missing environment or company (bc-errors.ts).
  const problem = entityProblem(status, body);
  if (problem) return new SourceError('unavailable', describeProblem(problem, undefined, status), status);
  if (status === 401 || status === 403) {
    return new SourceError('auth', `Business Central refused access (${status}): the hub's sign-in to this client is missing, expired or lacks permission${detail}.`, status);
  }
  if (status === 404) return new SourceError('not_found', `Business Central could not find this environment or company (404)${detail}.`, status);
  if (status === 429) return new SourceError('throttled', `Business Central is throttling requests (429); try again in a few minutes${detail}.`, status);
  if (status >= 500) return new SourceError('upstream', `Business Central is not answering properly (${status})${detail}.`, status);
  return new SourceError('upstream', `Business Central rejected the request (${status})${detail}.`, status);
}

/** Words for a request that never got an HTTP answer: DNS, refused address, redirect, timeout. */
export function classifyNetworkError(err: unknown, timeoutMs: number): SourceError {
  type Failure = { name?: unknown; message?: unknown; code?: unknown; cause?: Failure } | null | undefined;
  const e = err as Failure;
  // undici throws its own errors; fetch wraps them as a TypeError's cause.
  const cause = e?.code === undefined && e?.cause ? e.cause : e;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (e?.name === 'AnswerTooLargeError') {
    const big = e as { maxBytes?: unknown; declaredBytes?: unknown };
    const mb = (n: unknown) => Math.round(Number(n) / (1024 * 1024));
    return new SourceError('upstream', typeof big.declaredBytes === 'number'
      ? `Business Central announced an answer of ${mb(big.declaredBytes)} MB, more than the ${mb(big.maxBytes)} MB the hub reads at once; it did not read it (BC_MAX_RESPONSE_BYTES).`
      : `Business Central sent an answer larger than ${mb(big.maxBytes)} MB, the most the hub reads at once; it stopped reading it (BC_MAX_RESPONSE_BYTES).`);
  }
  if (e?.name === 'AnswerTooSlowError') {
    const s = Math.round(Number((e as { deadlineMs?: unknown }).deadlineMs) / 1000);
    return new SourceError('network', `Business Central's answer was still arriving after ${s} s, the longest the hub waits for one; it stopped reading it (BC_RESPONSE_TIMEOUT_MS).`);
  }
  // Checked by name: the abort error is a DOMException, which may come from another realm.
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || (code && TIMEOUT_CODES.has(code))) {
    return new SourceError('network', `Business Central did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  }
  if (cause?.name === 'AddressNotAllowedError' || code === 'EADDRNOTALLOWED') {
    return new SourceError('network', `Refused: ${String(cause?.message ?? 'the address is not a public Business Central address')}.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new SourceError('network', 'The Business Central host name could not be found (DNS). Check the address.');
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new SourceError('network', `Business Central could not be reached (${code}).`);
  }
  if (/redirect/i.test(String(e?.message ?? '')) || /redirect/i.test(String(cause?.message ?? ''))) {
    return new SourceError('network', 'Business Central answered with a redirect; the hub does not follow redirects.');
  }
  return new SourceError('network', 'Business Central could not be reached (network error).');
}

/**
 * HTTP to Business Central: Business Central's per-user limits held per token identity across its environments —
 * a concurrency gate and a sliding rate window where each `$batch` operation counts — a timeout per attempt,
 * retries on 429/502/503/504 and network failures honouring Retry-After, and no redirects followed.
 */
export class BcHttp {
  readonly limits: BcLimits;
  private readonly book: LimitBook;
  private readonly transport: HttpTransport;
  private readonly sleep: (ms: number) => Promise<void>;
  /** HTTP requests sent (attempts included). */
  requests = 0;
  /** Operations sent (a `$batch` counts its operations). */
  operations = 0;

  constructor(private readonly opts: BcHttpOptions) {
    this.limits = { ...BC_DEFAULT_LIMITS, ...(opts.maxConcurrent ? { maxConcurrent: opts.maxConcurrent } : {}), ...opts.limits };
    this.transport = opts.transport ?? undiciTransport();
    this.sleep = opts.sleep ?? defaultSleep;
    this.book = new LimitBook(this.limits);
  }

  /** The key limits are held under: who (the token's user), across environments (limits.ts says why). */
  limitKey(_gateKey: string, authorization: string | undefined): string {
    return tokenIdentity(authorization);
  }

  /** Requests in flight for a limit key (the batch scheduler packs work into the free slots). */
  inFlight(limitKey: string): number {
    return this.book.entry(limitKey).inFlight;
  }

  /**
   * One JSON request. `gateKey` names the environment; the limits are the token identity's (from the Authorization
   * header), so every caller with the same user shares them, whichever environment it reads. `cost` is the number
   * of operations it carries (a `$batch` of n counts n against the rate window).
   */
  async json(gateKey: string, url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, cost = 1): Promise<unknown> {
    const maxAttempts = this.opts.maxAttempts ?? 4;
    const maxWait = this.opts.maxRetryWaitMs ?? 60_000;
    const key = this.limitKey(gateKey, init.headers.authorization);
    for (let attempt = 0; ; attempt += 1) {
      let res: HttpAnswer;
      try {
        res = await this.book.run(key, cost, () => {
          this.requests += 1;
          this.operations += cost;
          return this.transport(url, {
            ...init, timeoutMs: this.opts.timeoutMs,
            maxBytes: this.opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, deadlineMs: this.opts.responseTimeoutMs ?? DEFAULT_RESPONSE_TIMEOUT_MS,
          });
        });
      } catch (err) {
        const classified = classifyNetworkError(err, this.opts.timeoutMs);
        // A refused address, a redirect or an answer over the size or time cap would only do the same again.
        const final = /^Refused|redirect/.test(classified.message) || /Answer(TooLarge|TooSlow)Error/.test(String((err as { name?: unknown } | null)?.name));
        if (!final && attempt + 1 < maxAttempts) {
          await this.sleep(backoffMs(attempt));
          continue;
        }
        throw classified;
      }
      if (res.status >= 200 && res.status < 300) {
        try {
          return JSON.parse(res.body) as unknown;
        } catch {
          throw new SourceError('bad_data', 'Business Central sent a response that is not valid JSON.');
        }
      }
      if (res.status >= 300 && res.status < 400) {
        throw new SourceError('network', 'Business Central answered with a redirect; the hub does not follow redirects.', res.status);
      }
      const body = parseErrorBody(res.body);
      const wait = parseRetryAfter(res.header('retry-after') ?? null) ?? backoffMs(attempt);
      if (RETRYABLE.has(res.status) && attempt + 1 < maxAttempts && wait <= maxWait) {
        await this.sleep(wait);
        continue;
      }
      throw classifyStatus(res.status, body);
    }
  }
}
