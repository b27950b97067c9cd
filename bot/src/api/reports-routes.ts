import { reportKindSchema, reportLinkRequestSchema, reportRoutes, type ReportDownloadRequest, type ReportKind, type ReportLink } from '@hub/contracts';
import {
  BcReportReader, contentDisposition, createReportsService, NotFoundError, queryObject, SourceError, StaticTokenProvider, ValidationError,
  type BcHttp, type BcTokenProvider, type BusinessCentralSource, type ClientDataService, type ReportDownload,
} from '@hub/client-data';
import { HttpError } from '../http/errors';
import { messagePage } from '../http/message-page';
import { idParam, parseBody } from '../http/parse';
import { authed, type Route, type RouteContext, type RouteResult } from '../http/route';
import { SignedLinks, type LinkRefusal } from '../http/signed-links';

export interface ReportsRoutesDeps {
  svc: ClientDataService;
  /** The app's Business Central connector and HTTP client: report reads share their limits and retries. */
  source: BusinessCentralSource;
  http: BcHttp;
  tokens?: BcTokenProvider;
  /** SECRET_DOWNLOAD_LINK_KEY, and how long a link works (tests shorten or fake the clock). */
  links: { secret: string; ttlMs?: number; now?: () => number };
}

/** Business Central failures as the API answers them: throttled or unreachable → 503, anything else → 502. */
export function sourceErrorToHttp(err: SourceError): HttpError {
  const unavailable = err.kind === 'throttled' || err.kind === 'network';
  return new HttpError(unavailable ? 503 : 502, `business_central_${err.kind}`, err.message, undefined, err.kind === 'throttled' ? { 'retry-after': '60' } : undefined);
}

function streamed(d: ReportDownload, headers: Record<string, string> = {}): RouteResult {
  return {
    status: 200,
    stream: d.stream,
    headers: {
      'content-type': d.contentType, 'content-disposition': contentDisposition(d.fileName),
      'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff', ...headers,
    },
  };
}

async function fromBusinessCentral(fn: () => Promise<ReportDownload>): Promise<RouteResult> {
  try {
    return streamed(await fn());
  } catch (err) {
    throw err instanceof SourceError ? sourceErrorToHttp(err) : err;
  }
}

const AGAIN = 'Go back to Accountant Hub and choose Download again.';
const refusals: Record<LinkRefusal, [number, string, string]> = {
  invalid: [400, 'This download link is not valid', `The link is incomplete or has been changed. ${AGAIN}`],
  expired: [410, 'This download link has expired', `Download links work for one minute. ${AGAIN}`],
  used: [410, 'This download link has already been used', `Each download link works once. ${AGAIN}`],
};

/** A failed link download as a page the person reads in the browser window the link opened. */
function downloadFailedPage(err: unknown, ctx: RouteContext): RouteResult {
  if (err instanceof NotFoundError) {
    return messagePage(404, 'Nothing to download here', 'The company is not on your dashboard, or this link was made for someone else. Open the dashboard and download from there.');
  }
  if (err instanceof ValidationError) return messagePage(400, 'The report settings are not valid', `${err.message} ${AGAIN}`);
  if (err instanceof SourceError) {
    const http = sourceErrorToHttp(err);
    return messagePage(http.status, 'Business Central did not give the figures', `${err.message} ${AGAIN}`, http.headers);
  }
  ctx.log.error({ err }, 'report download failed');
  return messagePage(500, 'The report could not be made', `Something went wrong on our side. Reference: ${ctx.correlationId}.`);
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
  const links = new SignedLinks<ReportDownloadRequest>({ ...d.links, schema: reportLinkRequestSchema });
  return [
    authed('GET', reportRoutes.list, async () => ({ status: 200, body: reports.list() })),
    authed('GET', reportRoutes.workbookPattern, async ({ user, params, query }) => {
      const companyId = idParam(params);
      const kind = kindOf(params.file);
      return fromBusinessCentral(() => reports.workbook(user.userId, companyId, kind, queryObject(query), user.assertion ?? undefined));
    }),
    authed('POST', reportRoutes.zip, async ({ user, body }) => fromBusinessCentral(() => reports.zip(user.userId, body, user.assertion ?? undefined))),

    // The tab's downloads: a signed link, so Teams or the browser can fetch the file without the bearer token.
    authed('POST', reportRoutes.links, async ({ user, body }) => {
      const wanted = parseBody(reportLinkRequestSchema, body ?? {});
      let allowed: ReportDownloadRequest;
      try {
        allowed = await reports.checkDownload(user.userId, wanted, user.assertion ?? undefined);
      } catch (err) {
        throw err instanceof SourceError ? sourceErrorToHttp(err) : err;
      }
      const { token, expiresAt } = links.sign(user.userId, allowed);
      const link: ReportLink = { url: `${reportRoutes.download}?token=${token}`, expiresAt: expiresAt.toISOString() };
      return { status: 201, body: link };
    }),
    {
      method: 'GET', path: reportRoutes.download, auth: false,
      handle: async (ctx) => {
        const link = links.redeem(ctx.query.get('token') ?? '');
        if (!link.ok) return messagePage(...refusals[link.reason]);
        try {
          // Access is checked again (the company may have gone since); no referrer leaks the link onwards.
          return streamed(await reports.download(link.userId, link.body), { 'referrer-policy': 'no-referrer' });
        } catch (err) {
          return downloadFailedPage(err, ctx);
        }
      },
    },
  ];
}
