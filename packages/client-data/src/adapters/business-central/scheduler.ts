import { z } from 'zod';
import { SourceError } from '../../ports/accounting-source';
import type { BcHttp } from './bc-http';
import { backoffMs, parseRetryAfter } from './retry-after';

/** One GET inside a `$batch`, and its answer. */
export interface BatchOp { id: string; url: string }
export interface BatchResult { status: number; body: unknown }

interface Waiting {
  url: string;
  /** Readable operation id in the batch (e.g. the entity set), made unique per batch. */
  label: string;
  resolve: (r: BatchResult) => void;
  reject: (e: unknown) => void;
  attempts: number;
}

interface Lane {
  key: string;
  gateKey: string;
  limitKey: string;
  apiRoot: string;
  token: string;
  queue: Waiting[];
  scheduled: boolean;
  sending: number;
  /** Removed from the scheduler once idle; a later operation opens a new lane. */
  closed: boolean;
}

/** A JSON `$batch` answer: one response per operation id. */
export const batchAnswers = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number(), headers: z.record(z.string(), z.unknown()).optional(), body: z.unknown().optional() })),
});

const INNER_RETRYABLE = new Set([429, 503, 504]);

/** The lanes of one identity, which share its concurrency slots, in the order they get the next free slot. */
interface Identity {
  lanes: Lane[];
  /** `$batch` requests of this identity sent and not yet answered (counted when sent, before they hold a slot). */
  sending: number;
}

/**
 * Packs single GETs of one environment (any company, any caller) into `$batch` requests: whatever is queued when a
 * concurrency slot frees up is spread over the free slots, at most `maxBatchOperations` per batch. Business Central's
 * limits are per user across environments, so the lanes (environments) of one identity share its slots: a free slot
 * goes to the lane that has waited longest (round robin), with its share of the free slots. So a refresh of many
 * companies in one environment costs about one request per slot per round, the slots stay full, and one environment
 * never starves another. Inner 429/503/504 answers are retried alone (honouring their Retry-After).
 */
export class BatchScheduler {
  private readonly lanes = new Map<string, Lane>();
  private readonly identities = new Map<string, Identity>();
  private last: Lane | undefined;
  /** `$batch` requests sent, and operations carried. */
  batches = 0;

  constructor(
    private readonly http: BcHttp,
    private readonly o: { maxBatchOperations?: number; minOperationsPerBatch?: number; maxInnerAttempts?: number; sleep?: (ms: number) => Promise<void> } = {},
  ) {}

  /** Queues one GET (`url` relative to the API root) and resolves with its inner response. */
  get(gateKey: string, apiRoot: string, token: string, url: string, label = 'op'): Promise<BatchResult> {
    const lane = this.laneFor(gateKey, apiRoot, token);
    return new Promise<BatchResult>((resolve, reject) => {
      lane.queue.push({ url, label, resolve, reject, attempts: 0 });
      this.schedule(lane);
    });
  }

  /**
   * One lane per identity+environment+token: a batch carries one Authorization header. A company's reads come one
   * after another for the same lane, so the last lane is checked first (building and hashing the long key for each
   * of a refresh's thousands of operations was a visible share of its set-up).
   */
  private laneFor(gateKey: string, apiRoot: string, token: string): Lane {
    const last = this.last;
    if (last && !last.closed && last.gateKey === gateKey && last.apiRoot === apiRoot && last.token === token) return last;
    const limitKey = this.http.limitKey(gateKey, `Bearer ${token}`);
    const key = `${limitKey}|${apiRoot}|${token}`;
    let lane = this.lanes.get(key);
    if (!lane) {
      this.lanes.set(key, (lane = { key, gateKey, limitKey, apiRoot, token, queue: [], scheduled: false, sending: 0, closed: false }));
      let identity = this.identities.get(limitKey);
      if (!identity) this.identities.set(limitKey, (identity = { lanes: [], sending: 0 }));
      identity.lanes.push(lane);
    }
    this.last = lane;
    return lane;
  }

  private schedule(lane: Lane): void {
    if (lane.scheduled) return;
    lane.scheduled = true;
    // Let every caller of this turn queue its operations first, then pack them.
    setImmediate(() => {
      lane.scheduled = false;
      this.pump(lane.limitKey);
    });
  }

  /** Fills the identity's free slots from its lanes with queued work, longest-waiting lane first. */
  private pump(limitKey: string): void {
    const identity = this.identities.get(limitKey);
    if (!identity) return;
    const { maxConcurrent } = this.http.limits;
    const maxBatchOperations = Math.min(this.http.limits.maxBatchOperations, this.o.maxBatchOperations ?? Infinity);
    for (;;) {
      const waiting = identity.lanes.filter((l) => l.queue.length > 0);
      const free = maxConcurrent - Math.max(identity.sending, this.http.inFlight(limitKey));
      if (waiting.length === 0 || free <= 0) return;
      const lane = waiting[0] as Lane;
      // This lane's share of the free slots. Spread its queue over them (Business Central runs requests in parallel
      // but a batch's operations one after another), but not thinner than about one company's worth per batch.
      const slots = Math.max(1, Math.floor(free / waiting.length));
      const floor = Math.min(lane.queue.length, this.o.minOperationsPerBatch ?? 10);
      const size = Math.min(maxBatchOperations, Math.max(floor, Math.ceil(lane.queue.length / slots)));
      const chunk = lane.queue.splice(0, size);
      // Served: to the back of the line.
      identity.lanes.splice(identity.lanes.indexOf(lane), 1);
      identity.lanes.push(lane);
      lane.sending += 1;
      identity.sending += 1;
      void this.send(lane, chunk).finally(() => {
        lane.sending -= 1;
        identity.sending -= 1;
        if (lane.queue.length === 0 && lane.sending === 0) this.close(lane, identity);
        this.pump(limitKey);
      });
    }
  }

  private close(lane: Lane, identity: Identity): void {
    lane.closed = true;
    this.lanes.delete(lane.key);
    identity.lanes.splice(identity.lanes.indexOf(lane), 1);
    if (identity.lanes.length === 0 && identity.sending === 0) this.identities.delete(lane.limitKey);
  }

  private async send(lane: Lane, chunk: Waiting[]): Promise<void> {
    this.batches += 1;
    const seen = new Map<string, number>();
    const ids = chunk.map((w) => {
      const n = seen.get(w.label) ?? 0;
      seen.set(w.label, n + 1);
      return n === 0 ? w.label : `${w.label}-${n}`;
    });
    let raw: unknown;
    try {
      raw = await this.http.json(lane.gateKey, `${lane.apiRoot}/$batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${lane.token}`, 'content-type': 'application/json', accept: 'application/json', 'data-access-intent': 'ReadOnly' },
        body: JSON.stringify({ requests: chunk.map((w, i) => ({ id: ids[i], method: 'GET', url: w.url, headers: { accept: 'application/json' } })) }),
      }, chunk.length);
    } catch (err) {
      for (const w of chunk) w.reject(err);
      return;
    }
    const parsed = batchAnswers.safeParse(raw);
    if (!parsed.success) {
      const err = new SourceError('bad_data', 'Business Central sent a $batch response the hub cannot read.');
      for (const w of chunk) w.reject(err);
      return;
    }
    const byId = new Map(parsed.data.responses.map((r) => [r.id, r]));
    const retry: { w: Waiting; wait: number }[] = [];
    chunk.forEach((w, i) => {
      const r = byId.get(ids[i] as string);
      if (!r) return w.reject(new SourceError('bad_data', 'Business Central\'s $batch response lacks an answer.'));
      if (INNER_RETRYABLE.has(r.status) && w.attempts + 1 < (this.o.maxInnerAttempts ?? 4)) {
        const header = Object.entries(r.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
        retry.push({ w, wait: parseRetryAfter(typeof header === 'string' ? header : null) ?? backoffMs(w.attempts) });
        return;
      }
      w.resolve({ status: r.status, body: r.body });
    });
    if (retry.length > 0) {
      const wait = Math.max(...retry.map((r) => r.wait));
      await (this.o.sleep ?? ((ms: number) => new Promise<void>((res) => setTimeout(res, ms))))(wait);
      for (const { w } of retry) {
        w.attempts += 1;
        lane.queue.push(w);
      }
    }
  }
}
