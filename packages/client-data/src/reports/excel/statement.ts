import type { StatementLine } from '../lines';
import { type Book, type Cell, type ReportMeta, SheetWriter, sumFormula } from './sheet';
import type { Pace } from './trial-balance';

interface Section { indentation: number; rows: number[]; minor: number }
interface Written { row: number; minor: number }

/** Signs for a combination of `n` terms, fewest minus signs first, the first term positive first. */
function signPatterns(n: number): number[][] {
  const all: number[][] = [];
  for (let mask = 0; mask < 1 << n; mask++) all.push(Array.from({ length: n }, (_, i) => ((mask >> i) & 1 ? -1 : 1)));
  const key = (p: number[]) => 2 * p.filter((s) => s < 0).length + ((p[0] ?? 1) < 0 ? 1 : 0);
  return all.sort((a, b) => key(a) - key(b));
}

const MAX_TERMS = 4;

/**
 * A statement (balance sheet, income statement, cash flow) as Business Central's financial report lays it out.
 * Totals become live formulas:
 * - a total that closes a section (header ... details ... total) and equals the sum of the section's direct rows is
 *   `SUM(...)` over those rows (nested subtotals count, their details do not);
 * - a total outside any section (Gross Profit, Net Income, Total Liabilities and Equity, Cash at End of Period) is
 *   matched, in exact minor units, against ± combinations of the most recent earlier totals (longest first, up to 4);
 * - a total that matches neither is written as the number Business Central reported.
 */
export async function writeStatement(book: Book, meta: ReportMeta, sheetName: string, pages: AsyncIterable<StatementLine[]>, pace: Pace): Promise<void> {
  const sheet = new SheetWriter(book, sheetName, meta, [
    { header: '', width: 56, kind: 'text' },
    { header: `Amount (${meta.currency})`, width: 20, kind: 'money' },
  ], { orientation: 'portrait' });
  const stack: Section[] = [];
  let candidates: Written[] = [];
  const addToParent = (w: Written) => {
    const top = stack[stack.length - 1];
    if (top) {
      top.rows.push(w.row);
      top.minor += w.minor;
    } else {
      candidates.push(w);
    }
  };
  const combination = (target: number): { terms: Written[]; signs: number[] } | null => {
    for (let n = Math.min(MAX_TERMS, candidates.length); n >= 1; n--) {
      const terms = candidates.slice(-n);
      for (const signs of signPatterns(n)) {
        if (terms.reduce((s, t, i) => s + (signs[i] ?? 1) * t.minor, 0) === target) return { terms, signs };
      }
    }
    return null;
  };

  for await (const page of pages) {
    for (const line of page) {
      const label = { text: line.display, indent: line.indentation };
      if (line.lineType === 'spacer') {
        sheet.row([]);
      } else if (line.lineType === 'header') {
        // A header at this level or above ends sections that never got a total: their rows belong to the parent.
        while (stack.length && (stack[stack.length - 1]?.indentation ?? -1) >= line.indentation) {
          const open = stack.pop() as Section;
          const parent = stack[stack.length - 1];
          if (parent) {
            parent.rows.push(...open.rows);
            parent.minor += open.minor;
          }
        }
        sheet.row([label], 'heading');
        stack.push({ indentation: line.indentation, rows: [], minor: 0 });
      } else if (line.lineType === 'detail') {
        const row = sheet.row([label, { minor: line.amount }]);
        addToParent({ row, minor: line.amount });
      } else {
        const top = stack[stack.length - 1];
        let cell: Cell;
        let closes = false;
        if (top && top.rows.length && top.minor === line.amount) {
          stack.pop();
          closes = true;
          cell = { formula: sumFormula('B', top.rows), minor: line.amount };
        } else {
          const combo = top ? null : combination(line.amount);
          if (combo) {
            const formula = combo.terms.map((t, i) => `${(combo.signs[i] ?? 1) < 0 ? '-' : i > 0 ? '+' : ''}B${t.row}`).join('');
            candidates = candidates.slice(0, candidates.length - combo.terms.length);
            cell = { formula, minor: line.amount };
          } else {
            cell = { minor: line.amount };
          }
        }
        const row = sheet.row([label, cell], closes ? 'total' : 'grandTotal');
        addToParent({ row, minor: line.amount });
      }
    }
    await pace();
  }
  sheet.commit();
}
