import { gzipSync } from 'node:zlib';
import type { ClientDataService } from '@hub/client-data';

interface Entry { version: string; etag: string; json: Buffer; gzip: Buffer }

/**
 * The dashboard of hundreds of rows is read far more often than it changes: keep each user's serialised
 * (and gzipped) copy until the database's dashboard version for that user moves. The version lives in
 * PostgreSQL, so a refresh done by another instance invalidates this copy too.
 */
export class DashboardCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly svc: ClientDataService, private readonly maxUsers = 1000) {}

  async get(userId: string): Promise<Entry> {
    const version = await this.svc.dashboard.version(userId);
    const hit = this.entries.get(userId);
    if (hit && hit.version === version) return hit;
    const json = Buffer.from(JSON.stringify({ rows: await this.svc.dashboard.rows(userId), generatedAt: new Date().toISOString() }));
    const entry = { version, etag: `W/"d${version}-${json.length}"`, json, gzip: gzipSync(json, { level: 6 }) };
    this.entries.delete(userId);
    this.entries.set(userId, entry);
    if (this.entries.size > this.maxUsers) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}
