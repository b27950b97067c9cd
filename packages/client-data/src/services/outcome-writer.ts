import type { RefreshOutcome } from '../adapters/store/snapshots-repo';

/** Outcomes of one environment, and the job (if any) that counts them. */
export interface OutcomeBatch {
  outcomes: readonly RefreshOutcome[];
  jobId?: string;
}

export interface OutcomeWriterOptions {
  /** True while reads are in flight whose outcomes could join the next write. */
  moreComing?: () => boolean;
  /** How long outcomes may wait for others while more are coming. */
  lingerMs?: number;
  /** Write at once when this many companies are waiting. */
  maxCompanies?: number;
}

/**
 * Stores refresh outcomes write-behind: outcomes that finish close together go into one write, so a refresh of many
 * environments costs a few transactions instead of one per environment (each costs the store far more than its
 * rows). While other reads are in flight an outcome waits up to `lingerMs` for company; the last one is written at
 * once. A caller's promise settles when its own outcomes are stored or their write failed; nothing is dropped, and
 * one failed write does not stop the next.
 */
export class OutcomeWriter {
  private queue: { batch: OutcomeBatch; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private queuedCompanies = 0;
  private writing = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: (batches: readonly OutcomeBatch[]) => Promise<void>, private readonly o: OutcomeWriterOptions = {}) {}

  write(batch: OutcomeBatch): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.queuedCompanies += batch.outcomes.length;
      this.kick();
    });
  }

  private kick(): void {
    if (this.writing || this.queue.length === 0) return;
    const wait = (this.o.moreComing?.() ?? false) && this.queuedCompanies < (this.o.maxCompanies ?? 50);
    if (!wait) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.drain();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        if (!this.writing) void this.drain();
      }, this.o.lingerMs ?? 25);
    }
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const waiting = this.queue.splice(0);
      this.queuedCompanies = 0;
      try {
        await this.store(waiting.map((w) => w.batch));
        for (const w of waiting) w.resolve();
      } catch (err) {
        for (const w of waiting) w.reject(err);
      }
    }
    this.writing = false;
  }
}
