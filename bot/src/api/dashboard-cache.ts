import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { ClientDataService } from '@hub/client-data';

interface Entry { version: string; etag: string; json: Buffer; gzip: Buffer; br: Buffer; checkedAt: number }

/** Even if a change notification were lost, a cached dashboard is re-checked against the database this often. */
const REVALIDATE_MS = 5_000;

/**
 * The dashboard of hundreds of rows is read far more often than it changes: keep each user's serialised
 * (and gzipped) copy. Every change bumps a version in the database and NOTIFYs all instances, which drop
 * their copy at once; a copy is also re-validated against the stored version every few seconds. While the
 * LISTEN connection is down (the database went away) every read re-validates; when it is back, every copy
 * is dropped, since changes made in between were not notified.
 */
export class DashboardCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped on each notification, so a copy built while a change landed is never kept. */
  private readonly generations = new Map<string, number>();
  /** Bumped when the subscription is lost or restored: a copy built across either is never kept. */
  private epoch = 0;
  private listening = false;
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly svc: ClientDataService, private readonly maxUsers = 1000, private readonly now = () => Date.now()) {}

  async start(): Promise<void> {
    const forgetAll = () => {
      this.epoch += 1;
      this.entries.clear();
    };
    this.stop = await this.svc.dashboard.watch(
      (userId) => {
        this.entries.delete(userId);
        this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
      },
      () => {
        this.listening = false;
        forgetAll();
      },
      () => {
        forgetAll();
        this.listening = true;
      },
    );
    this.listening = true;
  }

  async close(): Promise<void> {
    await this.stop?.();
  }

  async get(userId: string): Promise<Entry> {
    const hit = this.entries.get(userId);
    if (hit && this.listening && this.now() - hit.checkedAt < REVALIDATE_MS) return hit;
    const generation = this.generations.get(userId) ?? 0;
    const epoch = this.epoch;
    const version = await this.svc.dashboard.version(userId);
    if (hit && hit.version === version) {
      hit.checkedAt = this.now();
      return hit;
    }
    const json = Buffer.from(JSON.stringify({ rows: await this.svc.dashboard.rows(userId), generatedAt: new Date().toISOString() }));
    // Compressed once per change, not per request; brotli is what browsers (and Teams' webview) prefer.
    const br = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
    const entry: Entry = { version, etag: `W/"d${version}-${json.length}"`, json, gzip: gzipSync(json, { level: 6 }), br, checkedAt: this.now() };
    if ((this.generations.get(userId) ?? 0) === generation && this.epoch === epoch) {
      this.entries.delete(userId);
      this.entries.set(userId, entry);
      if (this.entries.size > this.maxUsers) this.entries.delete(this.entries.keys().next().value as string);
    }
    return entry;
  }
}
