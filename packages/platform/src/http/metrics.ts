import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../errors.js';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The route template (`/queries/:id`), never the raw URL, so label values stay few. */
function routeLabelOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched';
}

const arrivedAt = Symbol('arrived at');
type MeasuredResponse = Response & { [arrivedAt]: number };

/**
 * A registry per app rather than prom-client's global one, so several apps in one process
 * (tests, mostly) do not collide on metric names.
 */
export function createHttpMetrics(service: string, more: readonly Registry[] = []) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by method, route template and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Each method, route and status gets its labelled series once; a request then observes one value.
  const series = new Map<string, { observe(seconds: number): void }>();

  // One listener shared by every response (`this`), rather than a timer closure per request.
  function observeDuration(this: MeasuredResponse) {
    const method = this.req.method;
    const route = routeLabelOf(this.req);
    const status = this.statusCode;
    const key = `${method} ${route} ${status}`;
    let labelled = series.get(key);
    if (!labelled) {
      labelled = duration.labels(method, route, String(status));
      series.set(key, labelled);
    }
    labelled.observe((performance.now() - this[arrivedAt]) / 1000);
  }

  const measure: RequestHandler = (_req, res, next) => {
    (res as MeasuredResponse)[arrivedAt] = performance.now();
    res.on('finish', observeDuration);
    next();
  };

  const served = more.length > 0 ? Registry.merge([registry, ...more]) : registry;
  const expose: RequestHandler = async (_req, res) => {
    res.setHeader('content-type', served.contentType);
    res.send(await served.metrics());
  };

  return { measure, expose };
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

// A proxy on the same host makes every caller look local: a forwarded request is not loopback.
function isLoopbackCaller(req: Request): boolean {
  return loopback.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may read /metrics: callers on this host (`npm start`, a sidecar), and in a deployment a
 * scraper sending `Authorization: Bearer <METRICS_TOKEN>`. Anyone else gets 403.
 */
export function metricsAccess(token: string | undefined): RequestHandler {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return (req, _res, next) => {
    const sent = req.headers.authorization;
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (isLoopbackCaller(req) || (expected && sent !== undefined && timingSafeEqual(digest(sent), expected))) {
      next();
      return;
    }
    next(new AppError('forbidden', { status: 403, message: 'metrics are served to loopback callers, or with the METRICS_TOKEN bearer token' }));
  };
}
