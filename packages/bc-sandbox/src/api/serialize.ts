/** Row serialisation as BC does it: @odata.etag first, enum values encoded per tenant, $select projection. */
import type { EnumEncoding, JsonValue, Row } from '../types';
import { hashString } from '../util/prng';

const ENUM_FIELDS = new Set(['status', 'documentType', 'accountType', 'category', 'blocked', 'lineType', 'type', 'taxType', 'disputeStatus']);

export function etag(row: Row): string {
  const seed = `${String(row.id ?? row.customerId ?? row.vendorId ?? row.accountId ?? row.lineNumber)}|${String(row.lastModifiedDateTime ?? '')}`;
  const token = `'${String(hashString(seed))}${String(hashString(seed, 1))};`;
  return `W/"${Buffer.from(`${token.length}${token}`).toString('base64')}"`;
}

function encodeValue(field: string, value: JsonValue, encoding: EnumEncoding): JsonValue {
  if (encoding === 'x0020' && typeof value === 'string' && ENUM_FIELDS.has(field)) return value.replace(/ /g, '_x0020_');
  return value;
}

export function serializeRow(row: Row, encoding: EnumEncoding, select?: string[]): Row {
  const out: Row = { '@odata.etag': etag(row) };
  for (const field of select ?? Object.keys(row)) {
    const value = row[field];
    if (value !== undefined) out[field] = encodeValue(field, value, encoding);
  }
  return out;
}
