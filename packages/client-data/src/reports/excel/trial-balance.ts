import type { TrialBalanceLine } from '../lines';
import { type Book, type ReportMeta, SheetWriter, sumFormula } from './sheet';

export type Pace = () => Promise<void>;
const noPace: Pace = async () => undefined;

/**
 * Trial balance: one row per G/L account as the pages arrive (headings bold, without amounts); column totals are
 * SUM formulas over the account rows and a difference row checks that debits equal credits.
 */
export async function writeTrialBalance(book: Book, meta: ReportMeta, pages: AsyncIterable<TrialBalanceLine[]>, pace: Pace = noPace): Promise<void> {
  const sheet = new SheetWriter(book, 'Trial balance', meta, [
    { header: 'No.', width: 10, kind: 'text' },
    { header: 'Name', width: 42, kind: 'text' },
    { header: 'Net change debit', width: 17, kind: 'money' },
    { header: 'Net change credit', width: 17, kind: 'money' },
    { header: 'Balance debit', width: 17, kind: 'money' },
    { header: 'Balance credit', width: 17, kind: 'money' },
  ], { orientation: 'landscape', freezeColumns: 2 });
  const first = sheet.next;
  const totals = [0, 0, 0, 0];
  let last = first - 1;
  for await (const page of pages) {
    for (const a of page) {
      if (!a.posting) {
        last = sheet.row([a.number, a.name], 'heading');
        continue;
      }
      const amounts = [a.periodDebit, a.periodCredit, a.balanceDebit, a.balanceCredit];
      amounts.forEach((m, i) => { totals[i] = (totals[i] ?? 0) + m; });
      last = sheet.row([a.number, { text: a.name, indent: 1 }, ...amounts.map((minor) => ({ minor }))]);
    }
    await pace();
  }
  sheet.row([]);
  const rows = last >= first ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [];
  const letters = ['C', 'D', 'E', 'F'];
  const total = sheet.row(['', 'Total', ...letters.map((c, i) => (rows.length ? { formula: sumFormula(c, rows), minor: totals[i] ?? 0 } : { minor: 0 }))], 'grandTotal');
  sheet.row(['', 'Difference (debit - credit)',
    { formula: `C${total}-D${total}`, minor: (totals[0] ?? 0) - (totals[1] ?? 0) }, undefined,
    { formula: `E${total}-F${total}`, minor: (totals[2] ?? 0) - (totals[3] ?? 0) }], 'note');
  sheet.commit();
}
