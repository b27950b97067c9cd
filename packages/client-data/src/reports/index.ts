import type { Db } from '../adapters/store/db';
import { SnapshotsRepo } from '../adapters/store/snapshots-repo';
import type { AccountingSource } from '../ports/accounting-source';
import { systemClock, type Clock } from '../ports/clock';
import type { ReportReader } from './report-reader';
import { ReportsService } from './reports-service';

/** The reports use case over the hub's store (access checks, company targets) and a report reader. */
export function createReportsService(deps: { db: Db; source: AccountingSource; reader: ReportReader; clock?: Clock }): ReportsService {
  return new ReportsService({ snapshots: new SnapshotsRepo(deps.db), reader: deps.reader, source: deps.source, clock: deps.clock ?? systemClock });
}

export { ReportsService, type ReportDownload, type ReportsServiceDeps } from './reports-service';
export type { RawRow, ReportCompany, ReportReader } from './report-reader';
export { resolveReportPeriod, queryObject, type ReportPeriod } from './params';
export { prepareWorkbook, periodText, type PreparedWorkbook, type ReportSubject } from './workbooks';
export { contentDisposition, safeFileName, XLSX_CONTENT_TYPE } from './excel/format';
