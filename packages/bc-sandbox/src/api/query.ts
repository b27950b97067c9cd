/** Applies OData query options to a row list: $filter, $orderby, $skip, $top, $skiptoken paging, $select, $count. */
import type { Row } from '../types';
import { badRequest } from '../odata/errors';
import { type FilterSchema, compileFilter } from '../odata/evaluate';
import type { Expr } from '../odata/parser';

export interface QueryOptions {
  filter?: string;
  select?: string[];
  orderby?: { field: string; desc: boolean }[];
  top?: number;
  skip?: number;
  skiptoken?: string;
  count: boolean;
  expand?: string[];
}

const KNOWN = new Set(['$filter', '$select', '$orderby', '$top', '$skip', '$skiptoken', '$count', '$expand', '$schemaversion', '$format', 'company', 'tenant']);

function nonNegativeInt(name: string, text: string | null): number | undefined {
  if (text === null) return undefined;
  if (!/^\d+$/.test(text.trim())) throw badRequest(`Invalid value '${text}' for ${name}; a non-negative integer is expected.`);
  return Number(text);
}

function list(text: string | null): string[] | undefined {
  if (text === null) return undefined;
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseQuery(params: URLSearchParams): QueryOptions {
  for (const key of params.keys()) {
    if (key.startsWith('$') && !KNOWN.has(key)) throw badRequest(`The query parameter '${key}' is not supported.`);
  }
  const orderby = list(params.get('$orderby'))?.map((part) => {
    const [field, dir, extra] = part.split(/\s+/);
    if (!field || extra !== undefined || (dir !== undefined && !/^(asc|desc)$/i.test(dir))) throw badRequest(`Invalid $orderby clause '${part}'.`);
    return { field, desc: dir?.toLowerCase() === 'desc' };
  });
  const count = params.get('$count');
  if (count !== null && count !== 'true' && count !== 'false') throw badRequest(`Invalid value '${count}' for $count.`);
  return {
    filter: params.get('$filter') ?? undefined, select: list(params.get('$select')), orderby,
    top: nonNegativeInt('$top', params.get('$top')), skip: nonNegativeInt('$skip', params.get('$skip')),
    skiptoken: params.get('$skiptoken') ?? undefined, count: count === 'true', expand: list(params.get('$expand')),
  };
}

export function checkFields(fields: string[] | undefined, schema: FilterSchema, what: string): void {
  for (const f of fields ?? []) {
    if (!schema.fields.has(f)) throw badRequest(`Could not find a property named '${f}' on type 'Microsoft.NAV.${schema.typeName}' (in ${what}).`);
  }
}

export function filterExpr(opts: QueryOptions, schema: FilterSchema): { expr?: Expr; predicate?: (row: Row) => boolean } {
  if (!opts.filter || !opts.filter.trim()) return {};
  return compileFilter(opts.filter, schema);
}

export function sortRows(rows: Row[], orderby: QueryOptions['orderby']): Row[] {
  if (!orderby || orderby.length === 0) return rows;
  const indexed = rows.map((row, i) => ({ row, i }));
  indexed.sort((a, b) => {
    for (const { field, desc } of orderby) {
      const x = a.row[field] ?? null;
      const y = b.row[field] ?? null;
      const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
      if (c !== 0) return desc ? -c : c;
    }
    return a.i - b.i;
  });
  return indexed.map((x) => x.row);
}

export interface Page {
  rows: Row[];
  /** Key of the page's last row when more rows follow. */
  nextToken?: string;
  total: number;
}

/** Server-driven paging inside the $skip/$top window; the skiptoken is the key of the previous page's last row. */
export function pageRows(rows: Row[], opts: QueryOptions, key: string, pageSize: number): Page {
  const skip = opts.skip ?? 0;
  const window = rows.slice(skip, opts.top === undefined ? undefined : skip + opts.top);
  let start = 0;
  if (opts.skiptoken !== undefined) {
    const token = opts.skiptoken.replace(/^'(.*)'$/, '$1');
    const at = window.findIndex((r) => String(r[key]) === token);
    if (at < 0) throw badRequest(`The skip token '${opts.skiptoken}' is not valid for this request.`);
    start = at + 1;
  }
  const page = window.slice(start, start + pageSize);
  const more = start + pageSize < window.length;
  const last = page[page.length - 1];
  return { rows: page, nextToken: more && last ? String(last[key]) : undefined, total: rows.length };
}
