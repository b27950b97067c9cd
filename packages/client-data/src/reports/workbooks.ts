import type { Writable } from 'node:stream';
import { reportCatalog, type ReportKind } from '@hub/contracts';
import { cashForecast } from '../domain/forecast';
import { DETAIL_PARTS, unavailableOf } from '../domain/availability';
import { SourceError, type AccountingSource } from '../ports/accounting-source';
import { agedPages, statementPages, trialBalancePages } from './lines';
import type { ReportPeriod } from './params';
import type { ReportCompany, ReportReader } from './report-reader';
import { writeAged } from './excel/aged';
import { displayDate, safeFileName } from './excel/format';
import { writeForecast } from './excel/forecast';
import { newBook, type ReportMeta } from './excel/sheet';
import { writeStatement } from './excel/statement';
import { writeTrialBalance } from './excel/trial-balance';

export interface ReportSubject {
  clientName: string;
  companyName: string;
  company: ReportCompany;
}

/** A workbook whose first data has been read (so Business Central errors surface before any byte is sent). */
export interface PreparedWorkbook {
  kind: ReportKind;
  /** e.g. "Contoso Ltd - Contoso Retail Ltd - Balance sheet 2026-05-31.xlsx" */
  fileName: string;
  /** The same without client and company, for an entry inside a company's folder of a zip. */
  shortName: string;
  /** Streams the xlsx into `out` (and ends it); rejects if reading or writing fails. */
  write(out: Writable): Promise<void>;
}

export interface WorkbookDeps {
  reader: ReportReader;
  source: AccountingSource;
  now: () => Date;
}

/** An async iterable whose first element has already been fetched; iterating it yields that one, then the rest. */
async function primed<T>(source: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  let used = false;
  return {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        if (!used) {
          used = true;
          return first;
        }
        return first.done ? first : it.next();
      },
      return: async () => (it.return ? it.return() : { done: true as const, value: undefined }),
    }),
  };
}

/**
 * Between pages: waits while the consumer (HTTP response, zip) is behind, so at most about a page of output is ever
 * buffered, and stops reading from Business Central once the consumer is gone (client closed the download).
 */
function paceOn(out: Writable): () => Promise<void> {
  const gone = () => new Error('The download was closed before the workbook was complete.');
  return async () => {
    if (out.destroyed) throw gone();
    if (!out.writableNeedDrain) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (err?: Error) => {
        out.off('drain', onDrain);
        out.off('close', onClose);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () => settle(gone());
      out.on('drain', onDrain);
      out.on('close', onClose);
    });
  };
}

export function periodText(p: ReportPeriod): string {
  if (p.kind === 'cash-forecast') return `13 weeks from the week of ${displayDate(p.to)}`;
  if (p.kind === 'trial-balance') return `Net change ${displayDate(p.from ?? p.to)} to ${displayDate(p.to)}; balance at ${displayDate(p.to)}`;
  if (p.from) return `${displayDate(p.from)} to ${displayDate(p.to)}`;
  if (p.period) return `As of ${displayDate(p.to)}, aged by due date in ${p.period} periods`;
  return `As of ${displayDate(p.to)}`;
}

export function reportLabel(kind: ReportKind): string {
  return reportCatalog.find((r) => r.kind === kind)?.label ?? kind;
}

/** "<client> - <company> - <label> <period>" made safe; the client is left out when the company has its name. */
export function workbookBaseName(s: ReportSubject | null, p: ReportPeriod): string {
  const when = p.from ? `${p.from} to ${p.to}` : p.to;
  if (!s) return safeFileName(`${reportLabel(p.kind)} ${when}`);
  const who = s.clientName && s.clientName !== s.companyName ? `${s.clientName} - ${s.companyName}` : s.companyName;
  return safeFileName(`${who} - ${reportLabel(p.kind)} ${when}`);
}

/** Reads the company's currency and the report's first page, then returns the writer for the rest. */
export async function prepareWorkbook(deps: WorkbookDeps, s: ReportSubject, p: ReportPeriod): Promise<PreparedWorkbook> {
  const generatedAt = deps.now().toISOString();
  const meta = (currency: string): ReportMeta => ({
    clientName: s.clientName, companyName: s.companyName, title: reportLabel(p.kind), periodText: periodText(p), currency, generatedAt,
  });
  const base = { kind: p.kind, fileName: `${workbookBaseName(s, p)}.xlsx`, shortName: `${workbookBaseName(null, p)}.xlsx` };
  const finish = async (out: Writable, fill: (book: ReturnType<typeof newBook>) => Promise<void> | void, m: ReportMeta) => {
    const book = newBook(out, m);
    await fill(book);
    await book.commit();
  };

  if (p.kind === 'cash-forecast') {
    const data = await deps.source.readCompany(s.company.env, { bcCompanyId: s.company.bcCompanyId, name: s.company.name }, { today: p.to, taxPeriod: null });
    const missing = unavailableOf(DETAIL_PARTS, data.unavailable)?.forecast;
    if (missing) throw new SourceError('unavailable', `The 13-week cash forecast needs data this company does not give the hub: ${missing}`);
    const forecast = cashForecast(data, p.to);
    return { ...base, write: (out) => finish(out, (book) => writeForecast(book, meta(data.currency), forecast), meta(data.currency)) };
  }
  const lcy = await deps.reader.localCurrency(s.company);
  const m = meta(lcy);
  switch (p.kind) {
    case 'trial-balance': {
      const pages = await primed(trialBalancePages(deps.reader, s.company, lcy, p));
      return { ...base, write: (out) => finish(out, (book) => writeTrialBalance(book, m, pages, paceOn(out)), m) };
    }
    case 'balance-sheet':
    case 'income-statement':
    case 'cash-flow': {
      const kind = p.kind;
      const pages = await primed(statementPages(deps.reader, s.company, lcy, kind, p));
      return { ...base, write: (out) => finish(out, (book) => writeStatement(book, m, reportLabel(kind), pages, paceOn(out)), m) };
    }
    case 'aged-receivables':
    case 'aged-payables': {
      const side = p.kind === 'aged-receivables' ? 'receivables' : 'payables';
      const pages = await primed(agedPages(deps.reader, s.company, lcy, side, p));
      return { ...base, write: (out) => finish(out, (book) => writeAged(book, m, side, p.period ?? '30D', pages, paceOn(out)), m) };
    }
  }
}
