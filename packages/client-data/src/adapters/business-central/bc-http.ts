import { SourceError } from '../../ports/accounting-source';
import { backoffMs, parseRetryAfter } from './retry-after';
import { Semaphore } from './semaphore';

export interface BcHttpOptions {
  /** Concurrent requests per environment and identity (Business Central allows 5). */
  maxConcurrent: number;
  timeoutMs: number;
  maxAttempts?: number;
  /** Longest Retry-After the connector waits for before giving up as throttled. */
  maxRetryWaitMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface ODataErrorBody { error?: { code?: string; message?: string } }

/** Classifies a failed Business Central response in words an accountant can act on. */
export function classifyStatus(status: number, body: ODataErrorBody | undefined): SourceError {
  const detail = body?.error?.message ? ` (${body.error.message})` : '';
  if (status === 401 || status === 403) {
    return new SourceError('auth', `Business Central refused access (${status}): the hub's sign-in to this client is missing, expired or lacks permission${detail}.`, status);
  }
  if (status === 404) return new SourceError('not_found', `Business Central could not find this environment or company (404)${detail}.`, status);
  if (status === 429) return new SourceError('throttled', `Business Central is throttling requests (429); try again in a few minutes${detail}.`, status);
  if (status >= 500) return new SourceError('upstream', `Business Central is not answering properly (${status})${detail}.`, status);
  return new SourceError('upstream', `Business Central rejected the request (${status})${detail}.`, status);
}

/**
 * HTTP to one Business Central API host: bounded concurrency per environment, a timeout per attempt,
 * retries on 429/502/503/504 and network failures honouring Retry-After, and no redirects followed.
 */
export class BcHttp {
  private readonly gates = new Map<string, Semaphore>();
  private readonly fetchFn: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  requests = 0;

  constructor(private readonly opts: BcHttpOptions) {
    this.fetchFn = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  private gate(key: string): Semaphore {
    let g = this.gates.get(key);
    if (!g) this.gates.set(key, (g = new Semaphore(this.opts.maxConcurrent)));
    return g;
  }

  async json(gateKey: string, url: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<unknown> {
    const maxAttempts = this.opts.maxAttempts ?? 4;
    const maxWait = this.opts.maxRetryWaitMs ?? 60_000;
    for (let attempt = 0; ; attempt += 1) {
      let res: Response;
      try {
        res = await this.gate(gateKey).run(() => {
          this.requests += 1;
          return this.fetchFn(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.opts.timeoutMs) });
        });
      } catch (err) {
        if (attempt + 1 < maxAttempts) {
          await this.sleep(backoffMs(attempt));
          continue;
        }
        // Checked by name: the abort error is a DOMException, which may come from another realm.
        const name = (err as { name?: unknown } | null)?.name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        throw new SourceError('network', timedOut ? `Business Central did not answer within ${Math.round(this.opts.timeoutMs / 1000)} s.` : 'Business Central could not be reached (network error or redirect).');
      }
      if (res.ok) {
        try {
          return await res.json();
        } catch {
          throw new SourceError('bad_data', 'Business Central sent a response that is not valid JSON.');
        }
      }
      const body = (await res.json().catch(() => undefined)) as ODataErrorBody | undefined;
      const wait = parseRetryAfter(res.headers.get('retry-after')) ?? backoffMs(attempt);
      if (RETRYABLE.has(res.status) && attempt + 1 < maxAttempts && wait <= maxWait) {
        await this.sleep(wait);
        continue;
      }
      throw classifyStatus(res.status, body);
    }
  }
}
