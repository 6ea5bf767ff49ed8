import type { ErrorRequestHandler, Request } from 'express';
import { AppError, type FieldProblem } from '../errors.js';

interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: FieldProblem[] };
}

// body-parser reports its failures as http-errors with a `type`; these are the client's fault.
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number'
  );
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!isBodyParserError(error)) return undefined;
  if (error.type === 'entity.parse.failed') {
    return new AppError('invalid_json', { status: 400, message: 'the request body is not valid JSON' });
  }
  if (error.type === 'entity.too.large') {
    return new AppError('payload_too_large', { status: 413, message: 'the request body is too large' });
  }
  if (error.status >= 400 && error.status < 500 && error.expose) {
    return new AppError(error.status === 415 ? 'unsupported_media_type' : 'bad_request', {
      status: error.status,
      message: error.message,
    });
  }
  return undefined;
}

function requestIdOf(req: Request): string {
  return String(req.id);
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
  const requestId = requestIdOf(req);
  const known = toAppError(error);
  // pino-http logs the request's completion line with this error, its stack and the request id.
  if (!known) res.err = error instanceof Error ? error : new Error(String(error));
  const appError =
    known ?? new AppError('internal', { status: 500, message: 'something went wrong; quote the request id when reporting it' });
  const body: ErrorBody = { error: { code: appError.code, message: appError.message, requestId } };
  if (appError.fields) body.error.fields = appError.fields;
  if (appError.status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.status(appError.status).json(body);
};
