import type { CompanyDetails, DashboardRow } from '@hub/contracts';
import { companyLink, glAccountLink, purchaseInvoiceLink, salesInvoiceLink } from '../domain/deep-links';
import type { DashboardRecord, SnapshotsRepo } from '../adapters/store/snapshots-repo';
import { NotFoundError } from '../errors';
import { linkTarget } from './links';

export interface LinkConfig {
  cloudWebOrigin: string;
  webBaseUrl: string;
}

/** Reads the dashboard and a company's details from the last snapshots; never calls Business Central. */
export class DashboardService {
  constructor(private readonly d: { snapshots: SnapshotsRepo; links: LinkConfig }) {}

  toRow(r: DashboardRecord): DashboardRow {
    const { bcTenant, bcEnvironment, bcOrigin, ...row } = r;
    return { ...row, bcUrl: companyLink(linkTarget(this.d.links, { bcTenant, bcEnvironment, bcOrigin }, r.companyName)) };
  }

  /** Subscribes to dashboard changes of any user (see SnapshotsRepo.watch). */
  watch(onUser: (userId: string) => void, onLost: () => void, onRestored: () => void): Promise<() => Promise<void>> {
    return this.d.snapshots.watch(onUser, onLost, onRestored);
  }

  version(userId: string): Promise<string> {
    return this.d.snapshots.version(userId);
  }

  async rows(userId: string): Promise<DashboardRow[]> {
    return (await this.d.snapshots.rows(userId)).map((r) => this.toRow(r));
  }

  async row(userId: string, companyId: string): Promise<DashboardRow> {
    const r = await this.d.snapshots.row(userId, companyId);
    if (!r) throw new NotFoundError('Company');
    return this.toRow(r);
  }

  async details(userId: string, companyId: string): Promise<CompanyDetails> {
    const record = await this.d.snapshots.row(userId, companyId);
    if (!record) throw new NotFoundError('Company');
    const snap = await this.d.snapshots.snapshot(userId, companyId);
    const target = linkTarget(this.d.links, record, record.companyName);
    return {
      row: this.toRow(record),
      cashAccounts: (snap?.cashAccounts ?? []).map((a) => ({ ...a, bcUrl: glAccountLink(target, a.number) })),
      forecast: snap?.forecast ?? null,
      overdueSales: (snap?.overdueSales ?? []).map((l) => ({ ...l, bcUrl: salesInvoiceLink(target, l.number) })),
      overduePurchases: (snap?.overduePurchases ?? []).map((l) => ({ ...l, bcUrl: purchaseInvoiceLink(target, l.number) })),
    };
  }
}
