import { reportKindSchema, reportRoutes, type ReportKind } from '@hub/contracts';
import {
  BcReportReader, contentDisposition, createReportsService, queryObject, SourceError, StaticTokenProvider,
  type BcHttp, type BcTokenProvider, type BusinessCentralSource, type ClientDataService, type ReportDownload,
} from '@hub/client-data';
import { HttpError } from '../http/errors';
import { idParam } from '../http/parse';
import { authed, type Route, type RouteResult } from '../http/route';

export interface ReportsRoutesDeps {
  svc: ClientDataService;
  /** The app's Business Central connector and HTTP client: report reads share their limits and retries. */
  source: BusinessCentralSource;
  http: BcHttp;
  tokens?: BcTokenProvider;
}

/** Business Central failures as the API answers them: throttled or unreachable → 503, anything else → 502. */
export function sourceErrorToHttp(err: SourceError): HttpError {
  const unavailable = err.kind === 'throttled' || err.kind === 'network';
  return new HttpError(unavailable ? 503 : 502, `business_central_${err.kind}`, err.message, undefined, err.kind === 'throttled' ? { 'retry-after': '60' } : undefined);
}

async function fromBusinessCentral(fn: () => Promise<ReportDownload>): Promise<RouteResult> {
  let d: ReportDownload;
  try {
    d = await fn();
  } catch (err) {
    throw err instanceof SourceError ? sourceErrorToHttp(err) : err;
  }
  return {
    status: 200,
    stream: d.stream,
    headers: {
      'content-type': d.contentType, 'content-disposition': contentDisposition(d.fileName),
      'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff',
    },
  };
}

/** `<kind>.xlsx` → kind; anything else names no report (404). */
function kindOf(file: string | undefined): ReportKind {
  const m = /^([a-z-]+)\.xlsx$/.exec(file ?? '');
  const kind = reportKindSchema.safeParse(m?.[1]);
  if (!kind.success) throw new HttpError(404, 'not_found', 'No such report. GET /api/v1/reports lists them.');
  return kind.data;
}

/** Reports API: the list of kinds, one company's workbook, and a zip of several companies' workbooks (streamed). */
export function reportsRoutes(d: ReportsRoutesDeps): Route[] {
  const reports = createReportsService({
    db: d.svc.db, source: d.source,
    reader: new BcReportReader({ source: d.source, http: d.http, tokens: d.tokens ?? new StaticTokenProvider('unconfigured') }),
  });
  return [
    authed('GET', reportRoutes.list, async () => ({ status: 200, body: reports.list() })),
    authed('GET', reportRoutes.workbookPattern, async ({ user, params, query }) => {
      const companyId = idParam(params);
      const kind = kindOf(params.file);
      return fromBusinessCentral(() => reports.workbook(user.userId, companyId, kind, queryObject(query), user.assertion ?? undefined));
    }),
    authed('POST', reportRoutes.zip, async ({ user, body }) => fromBusinessCentral(() => reports.zip(user.userId, body, user.assertion ?? undefined))),
  ];
}
