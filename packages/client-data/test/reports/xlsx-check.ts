/** Test helpers: read a workbook back with exceljs and check every formula against the cells it references. */
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

export async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

/** The number a cell shows: its value, or a formula's cached result. */
export function numberAt(ws: ExcelJS.Worksheet, ref: string): number {
  const v = ws.getCell(ref).value as unknown;
  if (v === null || v === undefined || v === '') return 0;
  if (typeof v === 'number') return v;
  // exceljs's reader drops a cached result of 0 (the file has <v>0</v>: see everyFormulaHasResult).
  if (typeof v === 'object' && v && 'formula' in v) return Number((v as { result?: unknown }).result ?? 0);
  throw new Error(`${ref} is not a number: ${JSON.stringify(v)}`);
}

function expand(range: string): string[] {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
  if (!m) throw new Error(`bad ref ${range}`);
  const [, c1, r1, c2, r2] = m;
  if (!c2) return [`${c1}${r1}`];
  const out: string[] = [];
  const colNo = (c: string) => [...c].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const colName = (n: number): string => (n > 26 ? colName(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));
  for (let r = Number(r1); r <= Number(r2); r++) for (let c = colNo(c1 as string); c <= colNo(c2); c++) out.push(`${colName(c)}${r}`);
  return out;
}

/**
 * Evaluates the formulas the workbooks use (refs, ranges, SUM, + - /, IF(x=y,a,b)) from the referenced cells' own
 * numbers, i.e. the sum of the cells a total covers, computed independently of the writer.
 */
export function evaluate(ws: ExcelJS.Worksheet, formula: string): number {
  const tokens = formula.replace(/\s+/g, '').match(/\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|SUM|IF|\d+(?:\.\d+)?|[-+/(),=]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const tok = tokens[i++];
    if (t && tok !== t) throw new Error(`expected ${t} in ${formula}`);
    return tok as string;
  };
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '-') v = take() === '+' ? v + term() : v - term();
    return v;
  };
  const term = (): number => {
    let v = factor();
    while (peek() === '/') { take(); v /= factor(); }
    return v;
  };
  const factor = (): number => {
    const t = take();
    if (t === '-') return -factor();
    if (t === '(') { const v = expr(); take(')'); return v; }
    if (t === 'SUM') {
      take('(');
      let s = 0;
      for (;;) {
        const ref = take();
        for (const r of expand(ref)) s += numberAt(ws, r.replace(/\$/g, ''));
        if (take() === ')') break;
      }
      return s;
    }
    if (t === 'IF') {
      take('(');
      const a = expr(); take('='); const b = expr(); take(',');
      const x = expr(); take(','); const y = expr(); take(')');
      return a === b ? x : y;
    }
    if (/^\d/.test(t)) return Number(t);
    return numberAt(ws, t.replace(/\$/g, ''));
  };
  const v = expr();
  if (i !== tokens.length) throw new Error(`unparsed rest of ${formula}`);
  return v;
}

export interface FormulaCell { ref: string; formula: string; result: number }

export function formulas(ws: ExcelJS.Worksheet): FormulaCell[] {
  const out: FormulaCell[] = [];
  ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.formula) out.push({ ref: cell.address, formula: cell.formula, result: Number((cell.value as { result?: unknown }).result ?? 0) });
  }));
  return out;
}

/** Every formula's cached result equals the formula evaluated over its cells (to the cent / 0.01 %). */
export function checkFormulas(ws: ExcelJS.Worksheet): FormulaCell[] {
  const all = formulas(ws);
  for (const f of all) {
    const got = evaluate(ws, f.formula);
    if (Math.abs(got - f.result) > 0.0049) throw new Error(`${ws.name}!${f.ref} =${f.formula}: cached ${f.result}, evaluates to ${got}`);
  }
  return all;
}

/** Rows as arrays of display values (formula cells as their cached result) for compact assertions. */
export function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value as unknown;
      values[c - 1] = v && typeof v === 'object' && 'formula' in v ? (v as { result?: unknown }).result ?? 0 : v instanceof Date ? v.toISOString().slice(0, 10) : v;
    });
    out[n - 1] = values;
  });
  return out;
}

/** The XML of every worksheet in the file, read with an independent unzipper. */
export async function sheetXml(buf: Buffer): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(buf, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))));
  const out: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.fileName)) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => { out.push(Buffer.concat(chunks).toString('utf8')); zip.readEntry(); });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

/** Every formula in the file carries its cached value, so viewers that do not recalculate show the right number. */
export async function everyFormulaHasResult(buf: Buffer): Promise<number> {
  let count = 0;
  for (const xml of await sheetXml(buf)) {
    for (const m of xml.matchAll(/<c [^>]*>(.*?)<\/c>/g)) {
      const inner = m[1] ?? '';
      if (!inner.includes('<f>')) continue;
      count += 1;
      if (!/<v>[^<]+<\/v>/.test(inner)) throw new Error(`formula without a cached value: ${m[0]}`);
    }
  }
  return count;
}
