/** Teams' documented per-conversation limits for a bot: [messages, window ms]. */
export const TEAMS_CONVERSATION_LIMITS: readonly (readonly [number, number])[] = [[7, 1_000], [8, 2_000], [60, 30_000], [1800, 3_600_000]];
/** Teams' limit per bot per tenant, messages per second. */
export const TEAMS_APP_RATE = 50;

/** The app-wide window, a little over a second so jitter between here and Teams does not tip it over. */
const GLOBAL_WINDOW_MS = 1050;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Paces proactive sends: a smooth token bucket for the whole app (one permit every 1/rate s, so no
 * one-second window ever holds more than `rate`), sliding windows per conversation, and a global
 * pause that a 429 sets for everybody (Retry-After or backoff).
 */
export class SendRateLimiter {
  private nextSlot = 0;
  private pausedUntil = 0;
  private readonly history = new Map<string, number[]>();
  private readonly sent: number[] = [];
  private readonly longest: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly conversationLimits: readonly (readonly [number, number])[] = TEAMS_CONVERSATION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.longest = Math.max(0, ...conversationLimits.map(([, ms]) => ms));
  }

  /** Pauses every send for `ms` (a 429 anywhere means the app is over its limit). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  get paused(): boolean {
    return this.now() < this.pausedUntil;
  }

  /** Waits until one message may go to `conversationId`, and counts it. */
  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const wait = Math.max(this.conversationWait(conversationId), this.pausedUntil - this.now());
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      const now = this.now();
      const slot = Math.max(now, this.nextSlot);
      this.nextSlot = slot + 1000 / this.ratePerSecond;
      if (slot > now) await sleep(slot - now);
      // A pause or another send to the same conversation may have come while waiting for the slot.
      if (this.now() < this.pausedUntil || this.conversationWait(conversationId) > 0) continue;
      // Timers fire late when the event loop is busy, and late permits would bunch up: also hold the
      // sliding one-second window (with a small margin for the network) on the times sends really start.
      const windowWait = this.globalWait();
      if (windowWait > 0) {
        await sleep(windowWait);
        continue;
      }
      this.sent.push(this.now());
      this.record(conversationId);
      return;
    }
  }

  private globalWait(): number {
    const now = this.now();
    while (this.sent.length > 0 && now - (this.sent[0] as number) >= GLOBAL_WINDOW_MS) this.sent.shift();
    const limit = Math.max(1, Math.floor(this.ratePerSecond * (GLOBAL_WINDOW_MS / 1000)));
    return this.sent.length >= limit ? (this.sent[this.sent.length - limit] as number) + GLOBAL_WINDOW_MS - now : 0;
  }

  private conversationWait(id: string): number {
    const times = this.history.get(id);
    if (!times || times.length === 0) return 0;
    const now = this.now();
    let wait = 0;
    for (const [limit, ms] of this.conversationLimits) {
      const inWindow = times.filter((t) => now - t < ms);
      if (inWindow.length >= limit) wait = Math.max(wait, (inWindow[inWindow.length - limit] as number) + ms - now);
    }
    return wait;
  }

  private record(id: string): void {
    const now = this.now();
    const times = (this.history.get(id) ?? []).filter((t) => now - t < this.longest);
    times.push(now);
    this.history.set(id, times);
    if (this.history.size > 50_000) for (const [k, v] of this.history) if (v.every((t) => now - t >= this.longest)) this.history.delete(k);
  }
}
