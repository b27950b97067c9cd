import { createHash } from 'node:crypto';
import { remember } from '../../domain/remember';
import { Semaphore } from './semaphore';

/**
 * Business Central's documented OData limits (research/bc-api.md §4); configuration, not constants. They are per user
 * (or service principal), not per environment: "Operational limits for Business Central online"
 * (learn.microsoft.com/dynamics365/business-central/dev-itpro/administration/operational-limits-online, "OData request
 * limits (per user)": speed 6,000 requests per 5-minute sliding window, max concurrent requests 5, max connections 100,
 * queue 95) replaced the old per-environment limits (300/600 per minute); the limits that stay per environment there are
 * body, page and batch sizes and the operation timeout. No page says the per-user limits are counted per environment,
 * so one identity's requests to all its environments share them.
 */
export interface BcLimits {
  /** Requests running at once per identity, across its environments (BC: 5; beyond that a strict server answers 429). */
  maxConcurrent: number;
  /** Operations per sliding window per identity (BC: 6,000 per 5 minutes; `$batch` operations count each). */
  windowRequests: number;
  windowMs: number;
  /** Operations per `$batch` (BC: 100). */
  maxBatchOperations: number;
}

export const BC_DEFAULT_LIMITS: BcLimits = { maxConcurrent: 5, windowRequests: 6000, windowMs: 300_000, maxBatchOperations: 100 };

const identities = new Map<string, string>();

/**
 * Who Business Central counts a request against: the user or service principal, i.e. the token's tenant (`tid`) and
 * subject (`oid`, else `sub`, else the app id for app-only tokens), read from the JWT payload without verifying it
 * (Business Central verifies it). The accountant invited into each client tenant is a different (guest) user there,
 * so each client tenant has its own limits. A token that is not a JWT counts as one identity per distinct value, by
 * hash. Never the token itself. Memoised: the scheduler asks for every queued operation, and a token is reused for its
 * whole lifetime.
 */
export function tokenIdentity(authorization: string | undefined): string {
  const key = authorization ?? '';
  return remember(identities, key, 1000, () => identityOf(key));
}

function identityOf(authorization: string): string {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? '';
  const parts = token.split('.');
  if (parts.length === 3) {
    try {
      const claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
      const subject = claims.oid ?? claims.sub ?? claims.appid ?? claims.azp;
      const tid = typeof claims.tid === 'string' ? claims.tid : '';
      if (typeof subject === 'string' && subject) return `${tid}/${subject}`;
    } catch {
      // not a JWT after all: fall through to the hash
    }
  }
  return `h:${createHash('sha256').update(token).digest('base64url').slice(0, 16)}`;
}

/** A sliding window of operation timestamps: `take(n)` waits until n more fit. */
export class SlidingWindow {
  private readonly stamps: number[] = [];
  private chain: Promise<void> = Promise.resolve();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Milliseconds until `n` more operations fit (0 = now). */
  waitFor(n: number): number {
    const now = this.now();
    while (this.stamps.length > 0 && (this.stamps[0] as number) <= now - this.windowMs) this.stamps.shift();
    const excess = this.stamps.length + Math.min(n, this.limit) - this.limit;
    if (excess <= 0) return 0;
    return (this.stamps[excess - 1] as number) + this.windowMs - now + 1;
  }

  /** Reserves `n` operations in FIFO order, waiting as long as the window needs. */
  take(n: number): Promise<void> {
    const run = async () => {
      for (let wait = this.waitFor(n); wait > 0; wait = this.waitFor(n)) await this.sleep(wait);
      const now = this.now();
      for (let i = 0; i < n; i += 1) this.stamps.push(now);
    };
    const next = this.chain.then(run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  get used(): number {
    return this.stamps.length;
  }
}

/** Concurrency gate + rate window per identity (across its environments). */
export class LimitBook {
  private readonly gates = new Map<string, { gate: Semaphore; window: SlidingWindow; inFlight: number }>();
  constructor(private readonly limits: BcLimits, private readonly sleep?: (ms: number) => Promise<void>) {}

  entry(key: string) {
    let e = this.gates.get(key);
    if (!e) {
      e = { gate: new Semaphore(this.limits.maxConcurrent), window: new SlidingWindow(this.limits.windowRequests, this.limits.windowMs, Date.now, this.sleep), inFlight: 0 };
      this.gates.set(key, e);
    }
    return e;
  }

  /** Runs `fn` holding a slot, after reserving `cost` operations in the window. */
  async run<T>(key: string, cost: number, fn: () => Promise<T>): Promise<T> {
    const e = this.entry(key);
    await e.window.take(cost);
    return e.gate.run(async () => {
      e.inFlight += 1;
      try {
        return await fn();
      } finally {
        e.inFlight -= 1;
      }
    });
  }

  get settings(): BcLimits {
    return this.limits;
  }
}
