import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger.js';
import { requestIdFor } from './request-id.js';
import { redactedUrl } from './url-secrets.js';

declare module 'http' {
  interface IncomingMessage {
    /** The request id: the caller's `x-request-id`, or one of ours; echoed in the response. */
    id: string;
    /** The process logger with this request's id bound; made on first use. */
    log: Logger;
  }
  interface ServerResponse {
    /** An unexpected failure, set by the error handler, logged with the request's line. */
    err?: Error | undefined;
  }
}

const arrivedAt = Symbol('arrived at');
const childLogger = Symbol('child logger');
type LoggedResponse = Response & { [arrivedAt]: number };

/**
 * `req.log` for every request of an app: a getter defined once on the app's request prototype
 * (`app.request`). Defining it on each request, with a getter of its own, gave every request
 * object a shape of its own; that alone cost ~30 µs a request, a quarter of a read.
 */
export function lendRequestLoggers(request: Request, logger: Logger): void {
  Object.defineProperty(request, 'log', {
    configurable: true,
    enumerable: false,
    get(this: Request & { [childLogger]?: Logger }) {
      return (this[childLogger] ??= logger.child({ reqId: this.id }));
    },
  });
}

/** The route template (`/queries/:id`) once a route matched; never a raw id. */
const routeOf = (req: Request) => {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : undefined;
};

function levelOf(res: Response): 'error' | 'warn' | 'info' {
  if (res.err || res.statusCode >= 500) return 'error';
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/**
 * One line per request, built from fields known to be safe: the request id, method, route
 * template, URL with credential parameters censored, status and duration. Headers and bodies
 * are never part of it, so no token or cookie can reach it. `skip` leaves out probes.
 */
export function requestLog(logger: Logger, skip: (path: string) => boolean): RequestHandler {
  // A response emits 'close' once, after 'finish' or when the client went away first; one
  // listener shared by every response (`this`) instead of closures made per request.
  function logLine(this: LoggedResponse) {
    const req = this.req;
    const line = {
      reqId: req.id,
      req: { method: req.method, url: redactedUrl(req.originalUrl), route: routeOf(req) },
      res: { statusCode: this.statusCode },
      responseTime: Math.round((performance.now() - this[arrivedAt]) * 10) / 10,
      ...(this.err ? { err: this.err } : {}),
    };
    const msg = !this.writableFinished ? 'request aborted' : this.err || this.statusCode >= 500 ? 'request errored' : 'request completed';
    logger[levelOf(this)](line, msg);
  }

  return (req, res, next) => {
    req.id = requestIdFor(req, res);
    if (!skip(req.url)) {
      (res as LoggedResponse)[arrivedAt] = performance.now();
      res.on('close', logLine);
    }
    next();
  };
}
