import type { RefreshOutcome } from '../adapters/store/snapshots-repo';

/** Outcomes of one environment, and the job (if any) that counts them. */
export interface OutcomeBatch {
  outcomes: readonly RefreshOutcome[];
  jobId?: string;
}

/**
 * Stores refresh outcomes write-behind: what finishes while a write runs goes into the next one, so a refresh of
 * many environments costs a few transactions instead of one per environment (each costs the store far more than
 * its rows). A caller's promise settles when its own outcomes are stored or their write failed; nothing is
 * dropped, and one failed write does not stop the next.
 */
export class OutcomeWriter {
  private queue: { batch: OutcomeBatch; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private writing = false;

  constructor(private readonly store: (batches: readonly OutcomeBatch[]) => Promise<void>) {}

  write(batch: OutcomeBatch): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length > 0) {
      const waiting = this.queue.splice(0);
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
