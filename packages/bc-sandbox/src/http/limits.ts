/** BC's per-user OData limits, held per user identity across its environments: a concurrency gate with a queue and a sliding window. */
import type { SandboxLimits } from '../types';
import { ODataError } from '../odata/errors';

interface KeyState {
  running: number;
  queue: (() => void)[];
  window: number[];
}

export class Limiter {
  private readonly keys = new Map<string, KeyState>();
  /** Highest number of requests in flight (running + queued) for one key. */
  maxConcurrentSeen = 0;
  /** The same, per key (user identity). */
  readonly maxSeenByKey = new Map<string, number>();
  /** Requests refused with 429 because too many were in flight. */
  refused = 0;

  constructor(private readonly limits: SandboxLimits, private readonly now: () => number = Date.now) {}

  private state(key: string): KeyState {
    let s = this.keys.get(key);
    if (!s) { s = { running: 0, queue: [], window: [] }; this.keys.set(key, s); }
    return s;
  }

  /** Counts one operation in the sliding window, or throws 429 with Retry-After. */
  count(key: string): void {
    const s = this.state(key);
    const now = this.now();
    let drop = 0;
    while (drop < s.window.length && (s.window[drop] as number) <= now - this.limits.windowMs) drop++;
    if (drop > 0) s.window.splice(0, drop);
    if (s.window.length >= this.limits.windowRequests) {
      const retry = Math.max(1, Math.ceil(((s.window[0] as number) + this.limits.windowMs - now) / 1000));
      throw new ODataError(429, 'Application_TooManyRequests',
        `Too many requests reached. Actual (${s.window.length + 1}). Maximum (${this.limits.windowRequests}) per ${this.limits.windowMs / 1000} seconds.`,
        { 'Retry-After': String(retry) });
    }
    s.window.push(now);
  }

  /** Waits for a concurrency slot (queueing up to maxQueuePerUser); resolves with the release function. */
  async acquire(key: string): Promise<() => void> {
    const s = this.state(key);
    const release = () => {
      const next = s.queue.shift();
      if (next) next(); else s.running--;
    };
    if (s.running < this.limits.maxConcurrentPerUser) {
      s.running++;
      this.seen(key, s);
      return release;
    }
    if (s.queue.length >= this.limits.maxQueuePerUser) {
      this.refused++;
      throw new ODataError(429, 'Application_TooManyRequests',
        `Too many concurrent requests: ${this.limits.maxConcurrentPerUser} running and ${s.queue.length} queued (maximum queue ${this.limits.maxQueuePerUser}).`,
        { 'Retry-After': '1' });
    }
    const waiting = new Promise<void>((resolve) => s.queue.push(resolve));
    this.seen(key, s);
    await waiting;
    return release;
  }

  private seen(key: string, s: KeyState): void {
    const now = s.running + s.queue.length;
    this.maxConcurrentSeen = Math.max(this.maxConcurrentSeen, now);
    if (now > (this.maxSeenByKey.get(key) ?? 0)) this.maxSeenByKey.set(key, now);
  }

  reset(): void {
    this.maxConcurrentSeen = 0;
    this.maxSeenByKey.clear();
    this.refused = 0;
  }
}
