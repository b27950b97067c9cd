/** OData-shaped errors: {"error":{"code","message"}} with an HTTP status. */

export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function badRequest(message: string, code = 'BadRequest'): ODataError {
  return new ODataError(400, code, message);
}

export function notFound(message: string, code = 'BadRequest_NotFound'): ODataError {
  return new ODataError(404, code, message);
}
