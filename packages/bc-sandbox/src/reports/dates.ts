/** Reads the date range a statement/report request asks for from its $filter. */
import { addDays, isIsoDate } from '../util/dates';
import { badRequest } from '../odata/errors';
import { constraintsOn } from '../odata/evaluate';
import type { Expr } from '../odata/parser';

export interface DateRange {
  from?: string;
  to: string;
}

export function dateRange(expr: Expr | undefined, field: string, defaults: DateRange): DateRange {
  const range: DateRange = { ...defaults };
  const constraints = constraintsOn(expr, field);
  if (constraints.length > 0) { delete range.from; }
  for (const { op, value } of constraints) {
    const date = value.slice(0, 10);
    if (!isIsoDate(date)) throw badRequest(`The value '${value}' is not a valid date for '${field}'.`);
    if (op === 'eq') { range.from = date; range.to = date; }
    else if (op === 'ge') range.from = date;
    else if (op === 'gt') range.from = addDays(date, 1);
    else if (op === 'le') range.to = date;
    else if (op === 'lt') range.to = addDays(date, -1);
  }
  return range;
}
