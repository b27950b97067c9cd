import { PassThrough, type Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { reportCatalog, reportZipRequestSchema, type ReportDownloadRequest, type ReportKind, type ReportList } from '@hub/contracts';
import { todayUtc } from '../domain/dates';
import { NotFoundError, ValidationError } from '../errors';
import type { CompanyTarget, SnapshotsRepo } from '../adapters/store/snapshots-repo';
import { SourceError, type AccountingSource } from '../ports/accounting-source';
import type { Clock } from '../ports/clock';
import { envRef } from '../services/links';
import type { SsoAssertion } from '../domain/client-url';
import { sameCompanyMatch } from '../domain/company-identity';
import { XLSX_CONTENT_TYPE, safeFileName } from './excel/format';
import { resolveReportPeriod, type ReportPeriod } from './params';
import type { ReportReader } from './report-reader';
import { prepareWorkbook, type PreparedWorkbook, type ReportSubject, type WorkbookDeps } from './workbooks';

export interface ReportsServiceDeps {
  snapshots: SnapshotsRepo;
  reader: ReportReader;
  source: AccountingSource;
  clock: Clock;
}

/** A download ready to stream: Business Central has already answered for (the first of) its workbooks. */
export interface ReportDownload {
  fileName: string;
  contentType: string;
  stream: Readable;
}

/** Who reads: the user (their delegated tokens) and, when they just signed in through Entra, their SSO token. */
export interface ReportAsker { userId: string; assertion?: SsoAssertion }

const subject = (t: CompanyTarget, asker: ReportAsker): ReportSubject => ({
  clientName: t.clientName, companyName: t.companyName,
  company: { env: { ...envRef(t), access: { clientId: t.clientId, ...asker } }, bcCompanyId: t.bcCompanyId, name: t.companyName },
});

/** Excel workbooks of a company's statements, read through Business Central's report entities and streamed. */
export class ReportsService {
  private readonly wb: WorkbookDeps;
  constructor(private readonly d: ReportsServiceDeps) {
    this.wb = { reader: d.reader, source: d.source, now: () => d.clock.now() };
  }

  list(): ReportList {
    return { reports: [...reportCatalog] };
  }

  private async target(userId: string, companyId: string): Promise<CompanyTarget> {
    const [t] = await this.d.snapshots.targets(userId, [companyId]);
    if (!t) throw new NotFoundError('Company');
    return t;
  }

  /** One workbook; NotFoundError for a company the user cannot see, ValidationError for bad dates, SourceError from Business Central. */
  async workbook(userId: string, companyId: string, kind: ReportKind, query: unknown, assertion?: SsoAssertion): Promise<ReportDownload> {
    const t = await this.target(userId, companyId);
    const period = resolveReportPeriod(kind, query, todayUtc(this.d.clock.now()));
    const prepared = await prepareWorkbook(this.wb, subject(t, { userId, ...(assertion ? { assertion } : {}) }), period);
    const out = new PassThrough();
    prepared.write(out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
    return { fileName: prepared.fileName, contentType: XLSX_CONTENT_TYPE, stream: out };
  }

  /** The user's companies in the order asked and each report's period; NotFoundError / ValidationError as the API answers them. */
  private async plan(userId: string, body: unknown): Promise<{ request: ReportDownloadRequest; targets: CompanyTarget[]; periods: ReportPeriod[] }> {
    const parsed = reportZipRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      throw new ValidationError('The request body is not valid.', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    }
    const { companyIds, kinds, ...query } = parsed.data;
    const today = todayUtc(this.d.clock.now());
    const periods = kinds.map((k) => resolveReportPeriod(k, query, today));
    const found = await this.d.snapshots.targets(userId, companyIds);
    if (found.length !== companyIds.length) throw new NotFoundError('Company');
    const byId = new Map(found.map((t) => [t.companyId, t]));
    // A company selected under two clients is one set of books: its workbooks go in once (under the first selected).
    const targets: CompanyTarget[] = [];
    for (const id of companyIds) {
      const t = byId.get(id) as CompanyTarget;
      if (!targets.some((k) => k.companyId === t.companyId || sameCompanyMatch(k, t))) targets.push(t);
    }
    return { request: { ...parsed.data, companyIds: targets.map((t) => t.companyId) }, targets, periods };
  }

  /**
   * Checks a download before a link to it is issued: every company the user's (else NotFoundError), the periods
   * valid, and Business Central answering: its company list is read once per client, as the user. That signs in now
   * (on-behalf-of, when the user just signed in through Entra), while the tab can still say what went wrong; msal
   * caches the sign-in, which the link's GET (no SSO token) then uses silently. SourceError when Business Central
   * refuses, throttles or no longer has a company.
   */
  async checkDownload(userId: string, body: unknown, assertion?: SsoAssertion): Promise<ReportDownloadRequest> {
    const { request, targets } = await this.plan(userId, body);
    const perClient = new Map<string, CompanyTarget[]>();
    for (const t of targets) perClient.set(t.clientId, [...(perClient.get(t.clientId) ?? []), t]);
    const groups = [...perClient.values()];
    // A few clients at a time: a zip may span many, each its own Entra tenant and Business Central.
    for (let i = 0; i < groups.length; i += 4) {
      await Promise.all(groups.slice(i, i + 4).map(async (group) => {
        const [first] = group as [CompanyTarget];
        const remote = await this.d.source.listCompanies({ ...envRef(first), access: { clientId: first.clientId, userId, ...(assertion ? { assertion } : {}) } });
        const gone = group.find((t) => !remote.some((c) => c.bcCompanyId === t.bcCompanyId));
        if (gone) throw new SourceError('not_found', `Business Central no longer has the company ${gone.companyName}.`);
      }));
    }
    return request;
  }

  /** What `checkDownload` allowed: one company and one report → that workbook; anything more → one zip. */
  async download(userId: string, request: ReportDownloadRequest): Promise<ReportDownload> {
    const { companyIds: [companyId, ...moreCompanies], kinds: [kind, ...moreKinds], ...query } = request;
    if (companyId && kind && moreCompanies.length === 0 && moreKinds.length === 0) return this.workbook(userId, companyId, kind, query);
    return this.zip(userId, request);
  }

  /**
   * Several companies' workbooks in one zip ("<client> - <company>/<report> <period>.xlsx"), built one after the
   * other while the zip streams. The first workbook is prepared before answering, so a Business Central that refuses
   * or throttles yields an error response; a later company that fails is listed in "errors.txt" inside the zip.
   */
  async zip(userId: string, body: unknown, assertion?: SsoAssertion): Promise<ReportDownload> {
    const { targets: ordered, periods } = await this.plan(userId, body);
    const today = todayUtc(this.d.clock.now());

    const folders = uniqueNames(ordered.map((t) => safeFileName(t.clientName && t.clientName !== t.companyName ? `${t.clientName} - ${t.companyName}` : t.companyName, 100)));
    const jobs: { folder: string; target: CompanyTarget; period: ReportPeriod }[] = [];
    ordered.forEach((target, i) => periods.forEach((period) => jobs.push({ folder: folders[i] as string, target, period })));
    const first = jobs[0];
    if (!first) throw new ValidationError('Nothing to put in the zip.');
    const asker: ReportAsker = { userId, ...(assertion ? { assertion } : {}) };
    const firstPrepared = await prepareWorkbook(this.wb, subject(first.target, asker), first.period);

    const zip = new yazl.ZipFile();
    const mtime = this.d.clock.now();
    const run = async () => {
      const failures: string[] = [];
      for (const [i, job] of jobs.entries()) {
        let prepared: PreparedWorkbook;
        try {
          prepared = i === 0 ? firstPrepared : await prepareWorkbook(this.wb, subject(job.target, asker), job.period);
        } catch (err) {
          if (!(err instanceof SourceError)) throw err;
          failures.push(`${job.folder} / ${job.period.kind}: ${err.message}`);
          continue;
        }
        const entry = new PassThrough();
        zip.addReadStream(entry, `${job.folder}/${prepared.shortName}`, { mtime, compressionLevel: 1 });
        await prepared.write(entry);
        await finished(entry);
      }
      if (failures.length) {
        zip.addBuffer(Buffer.from(`Some workbooks could not be made because Business Central did not answer:\r\n\r\n${failures.join('\r\n')}\r\n`), 'errors.txt', { mtime });
      }
      zip.end();
    };
    const output = zip.outputStream as unknown as Readable;
    run().catch((err: unknown) => output.destroy(err instanceof Error ? err : new Error(String(err))));
    const name = ordered.length === 1 ? folders[0] as string : `Reports ${ordered.length} companies`;
    return { fileName: `${safeFileName(`${name} ${today}`)}.zip`, contentType: 'application/zip', stream: output };
  }
}

/** Appends " (2)", " (3)" to repeated names, case-insensitively (zip entries on Windows). */
function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const key = n.toLowerCase();
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count === 1 ? n : `${n} (${count})`;
  });
}
