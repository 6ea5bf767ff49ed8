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
  return (req, res, next) => {
    const started = performance.now();
    const id = requestIdFor(req, res);
    req.id = id;
    let log: Logger | undefined;
    Object.defineProperty(req, 'log', { configurable: true, enumerable: false, get: () => (log ??= logger.child({ reqId: id })) });
    if (skip(req.url)) {
      next();
      return;
    }
    let logged = false;
    const logLine = () => {
      if (logged) return;
      logged = true;
      const line = {
        reqId: id,
        req: { method: req.method, url: redactedUrl(req.originalUrl), route: routeOf(req) },
        res: { statusCode: res.statusCode },
        responseTime: Math.round((performance.now() - started) * 10) / 10,
        ...(res.err ? { err: res.err } : {}),
      };
      const msg = !res.writableFinished ? 'request aborted' : res.err || res.statusCode >= 500 ? 'request errored' : 'request completed';
      logger[levelOf(res)](line, msg);
    };
    res.once('finish', logLine);
    res.once('close', logLine);
    next();
  };
}
