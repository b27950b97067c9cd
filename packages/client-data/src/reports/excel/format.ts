import { currencyExponent, stripInvisible } from '@hub/contracts';

const SYMBOLS: Record<string, string> = { GBP: '£', EUR: '€', USD: '$', JPY: '¥', CNY: '¥', INR: '₹', KRW: '₩', CHF: 'CHF ', AUD: 'A$', CAD: 'C$', NZD: 'NZ$' };

/** Excel number format for amounts in `currency`: its symbol (or ISO code), thousands separators, its decimals. */
export function moneyFormat(currency: string): string {
  const code = /^[A-Z]{3}$/.test(currency) ? currency : 'XXX';
  const exp = currencyExponent(code);
  const digits = exp > 0 ? `#,##0.${'0'.repeat(exp)}` : '#,##0';
  const symbol = SYMBOLS[code];
  const pos = symbol ? `"${symbol}"${digits}` : `${digits} "${code}"`;
  return `${pos};-${pos};${pos.replace(/#,##/, '')}`;
}

export const PERCENT_FORMAT = '0.0%';
export const DATE_FORMAT = 'dd mmm yyyy';

/** Major units for a cell: the one division from integer minor units (sums are never done in floating point). */
export function cellAmount(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

// XML 1.0 cannot carry these; a client name containing one would make the file unreadable.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without characters XML cannot hold, within Excel's 32,767-character cell limit. */
export function xmlText(value: string | null | undefined): string {
  return (value ?? '').replace(INVALID_XML, '').slice(0, 32_767);
}

/** Whether a spreadsheet would read this text as the start of a formula if it were typed or exported to CSV. */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

// A plain number ("-12", "+3.5") cannot run anything, so it keeps its look; "-2+3" or "-1,A1" is not plain.
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/**
 * Client data (names, numbers, labels read from Business Central or typed by a user) as cell text: always a string
 * value, and never text that turns into a live formula later (OWASP "CSV injection": a leading =, +, -, @, tab or
 * CR gets a single quote in front).
 *
 * Why a literal quote rather than the cell's quotePrefix style: quotePrefix keeps the text a string in the .xlsx
 * and after an edit in Excel, but "Save as CSV" writes the bare `=…` again, which the next program to open that file
 * runs as a formula. The quote as part of the value survives every step: Excel shows `'=…` as text, an edit keeps it
 * text (Excel reads the typed quote as its text marker), and CSV export writes `'=…`, which is text wherever it is
 * opened. (exceljs cannot write quotePrefix in any case.) The hub's own formulas and amounts are not text cells and
 * are untouched.
 */
export function cellText(value: string | null | undefined): string {
  const clean = xmlText(value);
  return looksLikeFormula(clean) && !PLAIN_NUMBER.test(clean) ? `'${clean}`.slice(0, 32_767) : clean;
}

/** Text for a header/footer section: `&` starts a control code there, so it is doubled; kept short (255-char limit). */
export function headerText(value: string, max = 60): string {
  const clean = xmlText(value).replace(/[\r\n\t]+/g, ' ');
  const short = clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
  return short.replace(/&/g, '&&');
}

/** '2026-05-31' → '31 May 2026' (UTC, English month names, as in the workbook's date format). */
export function displayDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** An ISO date as the UTC midnight Date exceljs turns into a whole Excel serial day. */
export function excelDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/**
 * A file name safe on Windows, macOS and Linux and in a Content-Disposition header: no path separators, reserved
 * characters, control characters or trailing dots, and no bidi controls or zero-width characters (a company named
 * "Invoice\u202Exslx.exe" would otherwise be saved as a file that reads "Invoiceexe.xlsx"); at most `max` characters.
 */
export function safeFileName(name: string, max = 150): string {
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
  let s = stripInvisible(xmlText(name))
    .replace(/[<>:"/\\|?*\u0000-\u001F\u007F]/g, ' ') // eslint-disable-line no-control-regex
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s-]+|[.\s]+$/g, '');
  if (s.length > max) s = s.slice(0, max).trim();
  if (!s || reserved.test(s)) s = `report ${s}`.trim();
  return s;
}

/** ASCII-only fallback for old clients' `filename=`. */
export function asciiFileName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
}

/** `attachment` with both the ASCII `filename` and the RFC 5987 UTF-8 `filename*`. */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName(fileName)}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
