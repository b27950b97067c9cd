/** Validates a parsed $filter against an entity schema (BC's rules) and compiles it to a row predicate. */
import type { JsonValue, Row } from '../types';
import { badRequest } from './errors';
import { type CompareOp, type Expr, fieldsOf, parseFilter } from './parser';

export interface FilterSchema {
  /** e.g. 'salesInvoice' (used in messages as Microsoft.NAV.salesInvoice). */
  typeName: string;
  fields: ReadonlySet<string>;
  nonFilterable?: ReadonlySet<string>;
}

export type Predicate = (row: Row) => boolean;

/** BC encodes spaces in enum values as _x0020_; both forms compare equal. */
export function decodeEnum(text: string): string {
  return text.replace(/_x0020_/g, ' ');
}

function validate(expr: Expr, schema: FilterSchema): void {
  for (const name of fieldsOf(expr)) {
    if (!schema.fields.has(name)) throw badRequest(`Could not find a property named '${name}' on type 'Microsoft.NAV.${schema.typeName}'.`);
    if (schema.nonFilterable?.has(name)) throw badRequest(`The property '${name}' cannot be used in a filter expression; it is not a field of the underlying table.`, 'BadRequest_InvalidFilter');
  }
  const walk = (e: Expr): void => {
    if (e.kind === 'or') {
      if (fieldsOf(e).size > 1) throw badRequest("The 'OR' operator is not supported on distinct fields");
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'and' || e.kind === 'compare') { walk(e.left); walk(e.right); }
    else if (e.kind === 'not') walk(e.expr);
    else if (e.kind === 'call') e.args.forEach(walk);
  };
  walk(expr);
}

type Value = { v: JsonValue; literal?: string };

function value(e: Expr, row: Row): Value {
  switch (e.kind) {
    case 'literal': return { v: e.value, literal: e.type };
    case 'field': return { v: row[e.name] ?? null };
    case 'call': {
      const args = e.args.map((a) => value(a, row).v);
      const s = (i: number) => decodeEnum(String(args[i] ?? ''));
      switch (e.name) {
        case 'tolower': return { v: s(0).toLowerCase() };
        case 'toupper': return { v: s(0).toUpperCase() };
        case 'trim': return { v: s(0).trim() };
        case 'startswith': return { v: s(0).startsWith(s(1)) };
        case 'endswith': return { v: s(0).endsWith(s(1)) };
        case 'contains': return { v: s(0).includes(s(1)) };
      }
      throw badRequest(`Unknown function '${e.name}'.`);
    }
    default: return { v: evaluate(e, row) };
  }
}

function ordered(op: CompareOp, c: number): boolean {
  switch (op) {
    case 'eq': return c === 0;
    case 'ne': return c !== 0;
    case 'gt': return c > 0;
    case 'ge': return c >= 0;
    case 'lt': return c < 0;
    case 'le': return c <= 0;
  }
}

function compare(op: CompareOp, a: Value, b: Value): boolean {
  if (a.v === null || b.v === null || a.literal === 'null' || b.literal === 'null') {
    const blank = (x: Value) => x.v === null || x.v === '';
    const same = blank(a) && blank(b);
    if (op === 'eq') return same;
    if (op === 'ne') return !same;
    return false;
  }
  const lit = a.literal ?? b.literal;
  if (lit === 'datetime' || ((lit === 'date') && (String(a.v).length > 10 || String(b.v).length > 10))) {
    const t = (x: Value) => Date.parse(x.literal === 'date' ? `${String(x.v)}T00:00:00Z` : String(x.v));
    return ordered(op, Math.sign(t(a) - t(b)));
  }
  if (typeof a.v === 'number' || typeof b.v === 'number') {
    const x = Number(a.v);
    const y = Number(b.v);
    if (Number.isNaN(x) || Number.isNaN(y)) throw badRequest('A binary operator with incompatible types was detected. Found operand types \'Edm.Decimal\' and \'Edm.String\'.');
    return ordered(op, Math.sign(x - y));
  }
  if (typeof a.v === 'boolean' || typeof b.v === 'boolean') {
    if (typeof a.v !== typeof b.v) throw badRequest('A binary operator with incompatible types was detected. Found operand types \'Edm.Boolean\' and \'Edm.String\'.');
    return ordered(op, a.v === b.v ? 0 : 1);
  }
  let x = decodeEnum(String(a.v));
  let y = decodeEnum(String(b.v));
  if (lit === 'guid') { x = x.toLowerCase(); y = y.toLowerCase(); }
  return ordered(op, x < y ? -1 : x > y ? 1 : 0);
}

export function evaluate(e: Expr, row: Row): boolean {
  switch (e.kind) {
    case 'and': return evaluate(e.left, row) && evaluate(e.right, row);
    case 'or': return evaluate(e.left, row) || evaluate(e.right, row);
    case 'not': return !evaluate(e.expr, row);
    case 'compare': return compare(e.op, value(e.left, row), value(e.right, row));
    default: {
      const v = value(e, row).v;
      if (typeof v !== 'boolean') throw badRequest('The $filter expression must evaluate to a boolean.');
      return v;
    }
  }
}

export function compileFilter(text: string, schema: FilterSchema): { expr: Expr; predicate: Predicate } {
  const expr = parseFilter(text);
  validate(expr, schema);
  return { expr, predicate: (row) => evaluate(expr, row) };
}

/** Pulls `field op literal` constraints joined by top-level 'and' (used for dateFilter, agedAsOfDate...). */
export function constraintsOn(expr: Expr | undefined, field: string): { op: CompareOp; value: string }[] {
  if (!expr) return [];
  if (expr.kind === 'and') return [...constraintsOn(expr.left, field), ...constraintsOn(expr.right, field)];
  if (expr.kind === 'compare' && expr.left.kind === 'field' && expr.left.name === field && expr.right.kind === 'literal') {
    return [{ op: expr.op, value: String(expr.right.value) }];
  }
  return [];
}
