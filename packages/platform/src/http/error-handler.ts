import type { ErrorRequestHandler, Request } from 'express';
import { AppError, type FieldProblem } from '../errors.js';
import { busyRetryAfterSeconds, databaseBusyError } from './database-busy.js';

interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: FieldProblem[] };
}

// Express and body-parser report the client's mistakes as http-errors with a 4xx `status`; some
// carry a `type` (body-parser's parse and size failures), some not (a body that does not match
// its content-encoding, a path with broken percent-encoding).
interface HttpClientError {
  type?: string;
  status: number;
  expose?: boolean;
  message: string;
}

function isHttpClientError(error: unknown): error is HttpClientError {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as HttpClientError).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const busy = databaseBusyError(error);
  if (busy) return busy;
  if (error instanceof URIError) {
    return new AppError('bad_request', { status: 400, message: 'the path is not valid percent-encoding' });
  }
  if (!isHttpClientError(error)) return undefined;
  if (error.type === 'entity.parse.failed') {
    return new AppError('invalid_json', { status: 400, message: 'the request body is not valid JSON' });
  }
  if (error.type === 'entity.too.large') {
    return new AppError('payload_too_large', { status: 413, message: 'the request body is too large' });
  }
  return new AppError(error.status === 415 ? 'unsupported_media_type' : 'bad_request', {
    status: error.status,
    // http-errors marks client errors whose message is safe to show; others get a plain one.
    message: error.expose === false ? 'the request could not be read' : error.message,
  });
}

function requestIdOf(req: Request): string {
  return String(req.id);
}

/** The status and body a client error is answered with; undefined for anything unexpected. */
export function clientErrorResponseOf(error: unknown, req: Request): { status: number; body: ErrorBody } | undefined {
  const known = toAppError(error);
  return known ? { status: known.status, body: errorBodyOf(known, requestIdOf(req)) } : undefined;
}

function errorBodyOf(appError: AppError, requestId: string): ErrorBody {
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, requestId } };
  if (appError.fields) body.error.fields = appError.fields;
  return body;
}

/**
 * The one place errors become responses. Client errors keep their code and message; anything
 * unexpected is logged with the request id and answered with a generic 500, never a stack.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const known = toAppError(error);
  // The request's log line (request-log.ts) carries this error, its stack and the request id.
  if (!known) res.err = error instanceof Error ? error : new Error(String(error));
  const appError =
    known ?? new AppError('internal', { status: 500, message: 'something went wrong; quote the request id when reporting it' });
  if (appError.status === 401) res.setHeader('www-authenticate', 'Bearer');
  if (appError.status === 503) res.setHeader('retry-after', String(busyRetryAfterSeconds));
  res.status(appError.status).json(errorBodyOf(appError, requestIdOf(req)));
};
