/** Answers one GET under {base}/v2.0/{tenant}/{environment}/api/v2.0/ (used directly and by $batch). */
import type { EnumEncoding, Row } from '../types';
import type { CompanyBook } from '../data/build';
import { LINE_SETS } from '../data/rows-docs';
import { ODataError, badRequest, notFound } from '../odata/errors';
import { COMPANY_FIELDS, type EntitySet, entitySet } from './entities';
import { checkFields, filterExpr, pageRows, parseQuery, sortRows } from './query';
import { serializeRow } from './serialize';

export interface EnvContext {
  tenantId: string;
  environment: string;
  encoding: EnumEncoding;
  companies: Row[];
  book(companyId: string): CompanyBook;
  /** Absolute URL of the api/v2.0 root, no trailing slash. */
  apiRoot: string;
  maxPageSize: number;
}

export interface ApiRequest {
  method: string;
  /** Path below api/v2.0/, e.g. "companies(…)/salesInvoices". */
  path: string;
  params: URLSearchParams;
  prefer?: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

interface Segment { name: string; key?: string }

function parsePath(path: string): Segment[] {
  return path.split('/').filter(Boolean).map((raw) => {
    const seg = decodeURIComponent(raw);
    const m = /^([A-Za-z$][\w$]*)(?:\((.*)\))?$/.exec(seg);
    if (!m) throw notFound(`No HTTP resource was found that matches the request URI segment '${seg}'.`);
    return { name: m[1] as string, key: m[2]?.replace(/^'(.*)'$/, '$1').toLowerCase() };
  });
}

function pageSize(env: EnvContext, prefer: string | undefined): { size: number; applied?: string } {
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer ?? '');
  if (!m) return { size: env.maxPageSize };
  const size = Math.max(1, Math.min(env.maxPageSize, Number(m[1])));
  return { size, applied: `odata.maxpagesize=${size}` };
}

/** A document set's lines, for `$expand` and the nested path: the navigation property's name and the rows of one document. */
interface Lines { name: string; of: (row: Row) => Row[] }

function list(env: EnvContext, req: ApiRequest, set: Pick<EntitySet, 'name' | 'typeName' | 'key' | 'fields' | 'nonFilterable'>,
  source: (expr: ReturnType<typeof filterExpr>['expr']) => Row[], contextPath: string, lines?: Lines): ApiResponse {
  const opts = parseQuery(req.params);
  checkFields(opts.select, set, '$select');
  checkFields(opts.orderby?.map((o) => o.field), set, '$orderby');
  for (const e of opts.expand ?? []) {
    if (!(lines && e === lines.name)) throw badRequest(`Could not find a property named '${e}' on type 'Microsoft.NAV.${set.typeName}'.`);
  }
  const { expr, predicate } = filterExpr(opts, set);
  const all = source(expr);
  const rows = sortRows(predicate ? all.filter(predicate) : all, opts.orderby);
  const { size, applied } = pageSize(env, req.prefer);
  const page = pageRows(rows, opts, set.key, size);
  const select = opts.select;
  const body: Record<string, unknown> = { '@odata.context': `${env.apiRoot}/$metadata#${contextPath}${select ? `(${select.join(',')})` : ''}` };
  if (opts.count) body['@odata.count'] = page.total;
  body.value = page.rows.map((row) => {
    const out = serializeRow(row, env.encoding, select);
    if (lines && opts.expand?.includes(lines.name)) out[lines.name] = lines.of(row).map((l) => serializeRow(l, env.encoding));
    return out;
  });
  if (page.nextToken !== undefined) {
    const next = new URLSearchParams(req.params);
    next.set('$skiptoken', page.nextToken);
    const query = [...next.entries()].map(([k, v]) => `${encodeURIComponent(k).replace(/%24/g, '$')}=${encodeURIComponent(v)}`).join('&');
    body['@odata.nextLink'] = `${env.apiRoot}/${req.path}?${query}`;
  }
  return { status: 200, headers: applied ? { 'Preference-Applied': applied } : {}, body };
}

function single(env: EnvContext, row: Row | undefined, typeName: string, key: string, contextPath: string, params: URLSearchParams): ApiResponse {
  if (!row) throw notFound(`The ${typeName} does not exist. Identification fields and values: Id='${key}'`);
  const select = parseQuery(params).select;
  return { status: 200, headers: {}, body: { '@odata.context': `${env.apiRoot}/$metadata#${contextPath}/$entity`, ...serializeRow(row, env.encoding, select) } };
}

/** Header entity set → its lines entity set (salesInvoices → salesInvoiceLines, ...). */
const LINES_OF = new Map<string, string>(Object.entries(LINE_SETS).map(([kind, lines]) => [`${kind}s`, lines]));

/**
 * What Business Central answers for an entity set this company does not serve: 404 as for an API page its version
 * lacks (microsoft/AL#8283), or the permission error a user without the permission set gets
 * (MicrosoftDocs/dynamics365smb-devitpro-pb#1966).
 */
function unavailableError(book: CompanyBook, name: string, env: EnvContext, path: string): ODataError | undefined {
  const why = book.unavailable.get(name);
  if (why === 'missing') return notFound(`No HTTP resource was found that matches the request URI '${env.apiRoot}/${path}'.`);
  if (why === 'denied') {
    const page = `APIV2 - ${name[0]?.toUpperCase()}${name.slice(1).replace(/([a-z])([A-Z])/g, '$1 $2')}`;
    return new ODataError(400, 'Internal_ServerError', `You do not have the following permissions on Page ${page}: Execute.\r\n\r\nTo view details about your permissions, see the Effective Permissions page.`);
  }
  return undefined;
}

export function handleApi(env: EnvContext, req: ApiRequest): ApiResponse {
  if (req.method !== 'GET') throw new ODataError(405, 'BadRequest_MethodNotAllowed', `The sandbox is read-only; '${req.method}' is not allowed.`);
  const segments = parsePath(req.path);
  const companyParam = req.params.get('company');
  if (segments[0]?.name !== 'companies' && companyParam) segments.unshift({ name: 'companies', key: companyParam.toLowerCase() });
  const [first, second, third] = segments;
  const noResource = () => notFound(`No HTTP resource was found that matches the request URI '${env.apiRoot}/${req.path}'.`);
  if (!first || first.name !== 'companies' || segments.length > 3) throw noResource();
  const companySet = { name: 'companies', typeName: 'company', key: 'id', fields: COMPANY_FIELDS };
  if (!second) {
    if (first.key === undefined) return list(env, req, companySet, () => env.companies, 'companies');
    return single(env, env.companies.find((c) => c.id === first.key), 'company', first.key, 'companies', req.params);
  }
  const company = env.companies.find((c) => c.id === first.key);
  if (!company || first.key === undefined) throw notFound(`Cannot find the company with id '${first.key ?? ''}' in environment '${env.environment}'.`, 'Internal_CompanyNotFound');
  const set = entitySet(second.name);
  if (!set) throw noResource();
  const book = env.book(first.key);
  const unavailable = unavailableError(book, set.name, env, req.path) ?? (third ? unavailableError(book, third.name, env, req.path) : undefined);
  if (unavailable) throw unavailable;
  const ctxPath = `companies(${first.key})/${set.name}`;
  const lineSetName = LINES_OF.get(set.name);
  const lineSet = lineSetName ? entitySet(lineSetName) : undefined;
  let byDoc: Map<unknown, Row[]> | undefined;
  const linesOf = (row: Row): Row[] => {
    if (!byDoc) {
      const index = new Map<unknown, Row[]>();
      for (const l of lineSet?.rows(book, undefined) ?? []) index.set(l.documentId, [...(index.get(l.documentId) ?? []), l]);
      byDoc = index;
    }
    return byDoc.get(row.id) ?? [];
  };
  if (third) {
    // companies(…)/salesInvoices(…)/salesInvoiceLines[(…)]: a document's lines, as the header's navigation property.
    if (!lineSet || third.name !== lineSet.name || second.key === undefined) throw noResource();
    const header = set.rows(book, undefined).find((r) => r.id === second.key);
    if (!header) throw notFound(`The ${set.typeName} does not exist. Identification fields and values: Id='${second.key}'`);
    const path = `${ctxPath}(${second.key})/${lineSet.name}`;
    if (third.key !== undefined) {
      const key = third.key;
      return single(env, linesOf(header).find((l) => String(l.id).toLowerCase() === key), lineSet.typeName, key, path, req.params);
    }
    return list(env, req, lineSet, () => linesOf(header), path);
  }
  if (second.key !== undefined) {
    const key = second.key;
    return single(env, set.rows(book, undefined).find((r) => String(r[set.key]).toLowerCase() === key), set.typeName, key, ctxPath, req.params);
  }
  return list(env, req, set, (expr) => set.rows(book, expr), ctxPath, lineSet ? { name: lineSet.name, of: linesOf } : undefined);
}
