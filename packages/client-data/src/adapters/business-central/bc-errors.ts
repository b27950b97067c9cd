/**
 * What a Business Central error says about one entity set. Two answers mean "this company's data has no such entity
 * for the hub", not "no such environment or company":
 * - 404 for an API page the environment's version lacks: `BadRequest_NotFound` "No HTTP resource was found that
 *   matches the request URI '…/companies(…)/<entitySet>'" (microsoft/AL#8283), or OData's `BadRequest_ResourceNotFound`
 *   "Resource not found for the segment '<entitySet>'";
 * - the permission error of a user without the permission set: "You do not have the following permissions on Page
 *   APIV2 - Customers: Execute." (a 400, MicrosoftDocs/dynamics365smb-devitpro-pb#1966) or, in newer versions, "Sorry,
 *   the current permissions prevented the action." (hougaard/Simple-Object-Designer#149); taken from a 400 or 403.
 */
export interface EntityProblem {
  kind: 'missing' | 'denied';
  /** The entity set named in the answer, when it names one. */
  entity?: string;
}

interface ErrorBody { error?: { code?: string; message?: string } }

const SEGMENT = /Resource not found for the segment '([^']+)'/i;
const NO_RESOURCE = /No HTTP resource was found that matches the request URI '([^']*)'/i;
const PERMISSION = /You do not have the following permissions|current permissions prevented the action/i;

/** The entity set a URI names under a company (`…/companies(…)/salesInvoices(…)/salesInvoiceLines?…` → salesInvoiceLines). */
function entityOfUri(uri: string): string | undefined {
  const path = uri.split('?')[0] ?? '';
  const at = path.search(/\/companies\([^)]*\)\//i);
  if (at < 0) return undefined;
  const names = path.slice(at).split('/').slice(2).map((seg) => seg.replace(/\(.*$/, '')).filter((n) => /^[A-Za-z]\w*$/.test(n));
  return names.at(-1);
}

export function entityProblem(status: number, body: ErrorBody | undefined): EntityProblem | undefined {
  const code = body?.error?.code ?? '';
  const message = body?.error?.message ?? '';
  if (status === 404) {
    const segment = SEGMENT.exec(message)?.[1];
    if (segment || code === 'BadRequest_ResourceNotFound') return { kind: 'missing', ...(segment ? { entity: segment } : {}) };
    const uri = NO_RESOURCE.exec(message)?.[1];
    const entity = uri === undefined ? undefined : entityOfUri(uri);
    // "No HTTP resource" for the environment itself (no company in the URI) is not about an entity.
    return entity ? { kind: 'missing', entity } : undefined;
  }
  if ((status === 400 || status === 403) && PERMISSION.test(message)) return { kind: 'denied' };
  return undefined;
}

/** "purchaseCreditMemos" → "purchase credit memos". */
export function entityLabel(entity: string): string {
  return entity.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The reason an accountant reads: which entity, and what to do about it. */
export function describeProblem(problem: EntityProblem, entity: string | undefined, status: number): string {
  const name = entity ?? problem.entity;
  const what = name ? `${entityLabel(name)} (${name})` : 'this data';
  return problem.kind === 'missing'
    ? `This Business Central has no ${what} API (${status}); older versions lack it.`
    : `The hub's sign-in may not read ${what} in this company (${status}: no permission). Ask the client to add it to the hub's permission set in Business Central.`;
}
