import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellAmount, cellText, DATE_FORMAT, displayDate, excelDate, headerText, moneyFormat, PERCENT_FORMAT } from './format';

export type Book = ExcelJS.stream.xlsx.WorkbookWriter;

/** What every page of a report says: whose books, which statement, which period, in which currency. */
export interface ReportMeta {
  clientName: string;
  companyName: string;
  title: string;
  /** e.g. "1 Jan 2026 – 31 May 2026" or "As of 31 May 2026". */
  periodText: string;
  currency: string;
  /** ISO date-time the workbook was made. */
  generatedAt: string;
}

export interface ColumnSpec {
  header: string;
  width: number;
  kind: 'text' | 'money' | 'percent' | 'date';
}

/** A cell: text (always a string cell), an amount in minor units, a formula with its cached result, or a date. */
export type Cell =
  | undefined
  | string
  | { text: string; indent?: number }
  | { minor: number }
  | { formula: string; minor: number }
  | { formula: string; percent: number }
  | { date: string };

export type RowStyle = 'normal' | 'heading' | 'total' | 'grandTotal' | 'note';

/** The streaming writer: rows become XML as they are written and are gone from memory after commit. */
export function newBook(out: Writable, meta: ReportMeta): Book {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'Accountant Hub';
  book.lastModifiedBy = 'Accountant Hub';
  book.created = new Date(meta.generatedAt);
  book.modified = book.created;
  book.title = `${meta.title} - ${meta.companyName}`;
  book.company = meta.clientName;
  return book;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };

/** Column letter of a 1-based column index (A..Z, AA..). */
export function col(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * One printable worksheet: a title block (rows 1-3), the column headers (row 5, frozen and repeated on every
 * printed page), landscape or portrait fitted to one page wide, header and footer with client, company, period
 * and "Page n of m".
 */
export class SheetWriter {
  static readonly HEADER_ROW = 5;
  readonly ws: ExcelJS.Worksheet;
  private nextRow = 1;

  constructor(
    book: Book,
    name: string,
    private readonly meta: ReportMeta,
    private readonly columns: ColumnSpec[],
    opts: { orientation: 'portrait' | 'landscape'; freezeColumns?: number },
  ) {
    const who = meta.clientName && meta.clientName !== meta.companyName ? `${meta.clientName} - ${meta.companyName}` : meta.companyName;
    this.ws = book.addWorksheet(name.slice(0, 31), {
      views: [{ state: 'frozen', xSplit: opts.freezeColumns ?? 0, ySplit: SheetWriter.HEADER_ROW, showGridLines: false }],
      pageSetup: {
        paperSize: 9, orientation: opts.orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0,
        margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
        printTitlesRow: `${SheetWriter.HEADER_ROW}:${SheetWriter.HEADER_ROW}`, horizontalCentered: true,
      },
      headerFooter: {
        oddHeader: `&L&B${headerText(who, 70)}&B&C${headerText(meta.title)}&R${headerText(meta.periodText)}`,
        oddFooter: `&LGenerated ${headerText(displayDate(meta.generatedAt.slice(0, 10)))}&CPage &P of &N&RAmounts in ${headerText(meta.currency, 3)}`,
      },
    });
    this.ws.columns = columns.map((c) => ({ width: c.width }));
    this.row([{ text: meta.title }], 'heading', { fontSize: 14 });
    this.row([{ text: who }], 'normal');
    this.row([{ text: `${meta.periodText}. Amounts in ${meta.currency}.` }], 'note');
    this.row([], 'normal');
    const header = this.ws.getRow(this.nextRow++);
    columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = { bottom: THIN };
      cell.alignment = { horizontal: c.kind === 'text' ? 'left' : 'right', vertical: 'bottom', wrapText: true };
    });
    header.height = 30;
    header.commit();
  }

  /** The next row's number (for formulas that reference rows not written yet). */
  get next(): number {
    return this.nextRow;
  }

  /** Writes and commits one row; returns its number. */
  row(cells: Cell[], style: RowStyle = 'normal', opts: { fontSize?: number } = {}): number {
    const n = this.nextRow++;
    const row = this.ws.getRow(n);
    const bold = style === 'heading' || style === 'total' || style === 'grandTotal';
    cells.forEach((c, i) => {
      if (c === undefined) return;
      const cell = row.getCell(i + 1);
      const kind = this.columns[i]?.kind ?? 'text';
      if (typeof c === 'string' || 'text' in c) {
        // Client data: a string value, never a formula, whatever its first character.
        cell.value = cellText(typeof c === 'string' ? c : c.text);
        const indent = typeof c === 'string' ? 0 : c.indent ?? 0;
        cell.alignment = { horizontal: 'left', vertical: 'top', ...(indent ? { indent } : {}), ...(kind === 'text' && i > 0 ? { wrapText: true } : {}) };
      } else if ('date' in c) {
        cell.value = excelDate(c.date);
        cell.numFmt = DATE_FORMAT;
        cell.alignment = { horizontal: 'left' };
      } else if ('formula' in c && 'percent' in c) {
        cell.value = { formula: c.formula, result: c.percent };
        cell.numFmt = PERCENT_FORMAT;
      } else if ('formula' in c) {
        cell.value = { formula: c.formula, result: cellAmount(c.minor, this.meta.currency) };
        cell.numFmt = moneyFormat(this.meta.currency);
      } else {
        cell.value = cellAmount(c.minor, this.meta.currency);
        cell.numFmt = moneyFormat(this.meta.currency);
      }
      if (bold || opts.fontSize || style === 'note') cell.font = { bold, ...(opts.fontSize ? { size: opts.fontSize } : {}), ...(style === 'note' ? { italic: true, color: { argb: 'FF595959' } } : {}) };
      if (style === 'total') cell.border = { top: THIN };
      if (style === 'grandTotal') cell.border = { top: THIN, bottom: { style: 'double', color: { argb: 'FF808080' } } };
    });
    if (style === 'total' || style === 'grandTotal') {
      for (let i = cells.length; i < this.columns.length; i++) row.getCell(i + 1).border = style === 'total' ? { top: THIN } : { top: THIN, bottom: { style: 'double', color: { argb: 'FF808080' } } };
    }
    row.commit();
    return n;
  }

  commit(): void {
    this.ws.commit();
  }
}

/** A SUM over the given rows of one column, with adjacent rows merged into ranges: `SUM(C6:C9,C12)`. */
export function sumFormula(column: string, rows: readonly number[]): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i] as number;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i] as number;
    i += 1;
    parts.push(start === end ? `${column}${start}` : `${column}${start}:${column}${end}`);
  }
  return parts.length ? `SUM(${parts.join(',')})` : '0';
}
