import type { CompanyDetails, DashboardRow, SameCompanyMark } from '@hub/contracts';
import { groupSameCompanies } from '../domain/company-identity';
import { companyLink, glAccountLink, purchaseInvoiceLink, salesInvoiceLink } from '../domain/deep-links';
import type { DashboardRecord, SnapshotsRepo } from '../adapters/store/snapshots-repo';
import { NotFoundError } from '../errors';
import { linkTarget } from './links';

export interface LinkConfig {
  cloudWebOrigin: string;
  webBaseUrl: string;
}

/** Rows of one company under several clients, each with the others and the row that counts. */
function sameCompanyMarks(records: readonly DashboardRecord[]): Map<string, SameCompanyMark> {
  const marks = new Map<string, SameCompanyMark>();
  for (const g of groupSameCompanies(records)) {
    for (const r of g.rows) {
      const others = g.rows.filter((o) => o !== r).map((o) => ({ companyId: o.companyId, clientId: o.clientId, clientName: o.clientName }));
      marks.set(r.companyId, { countedRow: g.counted.companyId, others, match: g.match });
    }
  }
  return marks;
}

/** Reads the dashboard and a company's details from the last snapshots; never calls Business Central. */
export class DashboardService {
  constructor(private readonly d: { snapshots: SnapshotsRepo; links: LinkConfig }) {}

  toRow(r: DashboardRecord, sameCompany: SameCompanyMark | null = null): DashboardRow {
    const { bcTenant, bcEnvironment, bcOrigin, bcCompanyId: _id, clientCreatedAt: _added, ...row } = r;
    return { ...row, bcUrl: companyLink(linkTarget(this.d.links, { bcTenant, bcEnvironment, bcOrigin }, r.companyName)), sameCompany };
  }

  private async marked(userId: string, companyId: string): Promise<{ record: DashboardRecord; row: DashboardRow }> {
    const like = await this.d.snapshots.rowsLike(userId, companyId);
    const record = like.find((r) => r.companyId === companyId);
    if (!record) throw new NotFoundError('Company');
    return { record, row: this.toRow(record, sameCompanyMarks(like).get(companyId) ?? null) };
  }

  /** Subscribes to dashboard changes of any user (see SnapshotsRepo.watch). */
  watch(onUser: (userId: string) => void, onLost: () => void, onRestored: () => void): Promise<() => Promise<void>> {
    return this.d.snapshots.watch(onUser, onLost, onRestored);
  }

  version(userId: string): Promise<string> {
    return this.d.snapshots.version(userId);
  }

  /** Every row of the user's; a company shown under several clients is marked on each of its rows. */
  async rows(userId: string): Promise<DashboardRow[]> {
    const records = await this.d.snapshots.rows(userId);
    const marks = sameCompanyMarks(records);
    return records.map((r) => this.toRow(r, marks.get(r.companyId) ?? null));
  }

  async row(userId: string, companyId: string): Promise<DashboardRow> {
    return (await this.marked(userId, companyId)).row;
  }

  async details(userId: string, companyId: string): Promise<CompanyDetails> {
    const { record, row } = await this.marked(userId, companyId);
    const snap = await this.d.snapshots.snapshot(userId, companyId);
    const target = linkTarget(this.d.links, record, record.companyName);
    return {
      row,
      cashAccounts: (snap?.cashAccounts ?? []).map((a) => ({ ...a, bcUrl: glAccountLink(target, a.number) })),
      forecast: snap?.forecast ?? null,
      overdueSales: (snap?.overdueSales ?? []).map((l) => ({ ...l, bcUrl: salesInvoiceLink(target, l.number) })),
      overduePurchases: (snap?.overduePurchases ?? []).map((l) => ({ ...l, bcUrl: purchaseInvoiceLink(target, l.number) })),
      ...(snap?.unavailable ? { unavailable: snap.unavailable } : {}),
    };
  }
}
