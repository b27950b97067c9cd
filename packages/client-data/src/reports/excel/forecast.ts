import type { CompanyDetails } from '@hub/contracts';
import { type Book, type ReportMeta, SheetWriter } from './sheet';

type Forecast = NonNullable<CompanyDetails['forecast']>;

/**
 * The hub's 13-week cash forecast: opening cash, then per week receipts and payments, net (= receipts - payments)
 * and closing balance (= previous closing + net) as formulas, so changing an expected receipt moves every later week.
 */
export function writeForecast(book: Book, meta: ReportMeta, f: Forecast): void {
  const sheet = new SheetWriter(book, 'Cash forecast', meta, [
    { header: 'Week starting', width: 16, kind: 'date' },
    { header: 'Receipts (open sales invoices)', width: 20, kind: 'money' },
    { header: 'Payments (open purchase invoices)', width: 20, kind: 'money' },
    { header: 'Net cash flow', width: 17, kind: 'money' },
    { header: 'Closing balance', width: 18, kind: 'money' },
  ], { orientation: 'portrait', freezeColumns: 1 });
  const opening = sheet.row(['Opening cash', undefined, undefined, undefined, { minor: f.opening.minor }], 'heading');
  let previous = opening;
  let closing = f.opening.minor;
  const totals = [0, 0, 0];
  const first = sheet.next;
  for (const w of f.weeks) {
    const n = sheet.next;
    const net = w.receipts.minor - w.payments.minor;
    closing += net;
    totals[0] = (totals[0] ?? 0) + w.receipts.minor;
    totals[1] = (totals[1] ?? 0) + w.payments.minor;
    totals[2] = (totals[2] ?? 0) + net;
    sheet.row([{ date: w.weekStart }, { minor: w.receipts.minor }, { minor: w.payments.minor },
      { formula: `B${n}-C${n}`, minor: net }, { formula: `E${previous}+D${n}`, minor: closing }]);
    previous = n;
  }
  const last = previous;
  sheet.row(['Total 13 weeks',
    { formula: `SUM(B${first}:B${last})`, minor: totals[0] ?? 0 }, { formula: `SUM(C${first}:C${last})`, minor: totals[1] ?? 0 },
    { formula: `SUM(D${first}:D${last})`, minor: totals[2] ?? 0 }, { formula: `E${last}`, minor: closing }], 'grandTotal');
  sheet.row([]);
  sheet.row(['Overdue documents are expected in the first week; documents due after week 13 are outside the horizon.'], 'note');
  if (f.excludedForeignDocuments > 0) {
    sheet.row([`${f.excludedForeignDocuments} document(s) in another currency are left out (no exchange rate is applied).`], 'note');
  }
  sheet.commit();
}
