import type { AgedLine } from '../lines';
import { type Book, type ReportMeta, SheetWriter, sumFormula } from './sheet';
import type { Pace } from './trial-balance';

/** Labels when Business Central sends none: "1-30 days", "31-60 days", "Over 60 days" for 30D. */
export function defaultAgingLabels(period: string): [string, string, string] {
  const m = /^(\d+)([DWMQ])$/.exec(period) ?? ['', '30', 'D'];
  const n = Number(m[1]);
  const unit = { D: 'days', W: 'weeks', M: 'months', Q: 'quarters' }[m[2] as 'D'] ?? 'days';
  return [`1-${n} ${unit}`, `${n + 1}-${2 * n} ${unit}`, `Over ${2 * n} ${unit}`];
}

/**
 * Aged receivables or payables: one row per customer/vendor with a balance (zero rows left out), each row's
 * balance a SUM of its buckets, column totals as SUMs and a "% of total" row of the aging profile.
 */
export async function writeAged(
  book: Book, meta: ReportMeta, side: 'receivables' | 'payables', period: string, pages: AsyncIterable<AgedLine[]>, pace: Pace,
): Promise<void> {
  const iterator = pages[Symbol.asyncIterator]();
  let pending = await iterator.next();
  const firstRow = pending.done ? undefined : pending.value.find((l) => !l.isTotal && l.labels.every(Boolean));
  const labels = firstRow?.labels ?? defaultAgingLabels(period);
  const party = side === 'receivables' ? 'Customer' : 'Vendor';
  const sheet = new SheetWriter(book, side === 'receivables' ? 'Aged receivables' : 'Aged payables', meta, [
    { header: 'No.', width: 11, kind: 'text' },
    { header: `${party} name`, width: 36, kind: 'text' },
    { header: `${party} currency`, width: 10, kind: 'text' },
    { header: 'Not yet due', width: 16, kind: 'money' },
    { header: labels[0], width: 16, kind: 'money' },
    { header: labels[1], width: 16, kind: 'money' },
    { header: labels[2], width: 16, kind: 'money' },
    { header: 'Balance due', width: 17, kind: 'money' },
  ], { orientation: 'landscape', freezeColumns: 2 });
  const first = sheet.next;
  const totals = [0, 0, 0, 0, 0];
  let last = first - 1;
  while (!pending.done) {
    for (const l of pending.value) {
      const buckets = [l.current, l.period1, l.period2, l.period3];
      if (l.isTotal || buckets.every((b) => b === 0)) continue;
      const balance = buckets.reduce((s, b) => s + b, 0);
      buckets.forEach((b, i) => { totals[i] = (totals[i] ?? 0) + b; });
      totals[4] = (totals[4] ?? 0) + balance;
      const n = sheet.next;
      last = sheet.row([l.number, l.name, l.currencyCode, ...buckets.map((minor) => ({ minor })), { formula: `SUM(D${n}:G${n})`, minor: balance }]);
    }
    await pace();
    pending = await iterator.next();
  }
  sheet.row([]);
  const rows = last >= first ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [];
  const letters = ['D', 'E', 'F', 'G', 'H'];
  const t = sheet.row(['', 'Total', '', ...letters.map((c, i) => (rows.length ? { formula: sumFormula(c, rows), minor: totals[i] ?? 0 } : { minor: 0 }))], 'grandTotal');
  const grand = totals[4] ?? 0;
  sheet.row(['', '% of total', '', ...letters.map((c, i) => ({ formula: `IF($H$${t}=0,0,${c}${t}/$H$${t})`, percent: grand === 0 ? 0 : (totals[i] ?? 0) / grand }))], 'note');
  if (rows.length === 0) sheet.row(['', `No ${side === 'receivables' ? 'customer' : 'vendor'} has an open balance on this date.`], 'note');
  sheet.commit();
}
