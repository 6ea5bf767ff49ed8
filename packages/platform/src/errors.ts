/** One field of a request that failed validation, e.g. `{ path: 'body.eta', message: '…' }`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An error the caller is meant to see: the error middleware sends its status, code and message
 * as they are. Anything that is not an AppError becomes a generic 500.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: string;
  readonly status: number;
  readonly fields: FieldProblem[] | undefined;

  constructor(code: string, opts: { status: number; message: string; fields?: FieldProblem[]; cause?: unknown }) {
    super(opts.message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.status = opts.status;
    this.fields = opts.fields;
  }
}

/** Also what a caller gets for a record they may not see, so they cannot tell it exists. */
export function notFound(what: string): AppError {
  return new AppError('not_found', { status: 404, message: `${what} not found` });
}

export function badRequest(message: string, fields?: FieldProblem[]): AppError {
  return new AppError('invalid_request', { status: 400, message, ...(fields ? { fields } : {}) });
}

export function unauthorized(message: string): AppError {
  return new AppError('unauthorized', { status: 401, message });
}

/** A route the caller's role does not serve. Records of another tenant are `notFound` instead. */
export function forbidden(message: string): AppError {
  return new AppError('forbidden', { status: 403, message });
}

/**
 * A page cursor this list did not give the caller. Foreign and made-up cursors get the same
 * answer, so a cursor can never probe for rows the caller cannot see.
 */
export function invalidCursor(): AppError {
  return new AppError('invalid_cursor', { status: 400, message: 'invalid cursor: pass the nextCursor of a previous page of this list' });
}
