import type { PrismaClient } from '@guild/db';
import express from 'express';
import type { Registry } from 'prom-client';
import swaggerUi from 'swagger-ui-express';
import { AppError } from './errors.js';
import { errorHandler } from './http/error-handler.js';
import { createHttpMetrics, metricsAccess } from './http/metrics.js';
import { createIdempotencyStore } from './http/idempotency.js';
import { mountRoute, type OpsAuditor } from './http/mount-route.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { healthz, readyz } from './http/probes.js';
import { corsAllowList } from './http/cors.js';
import { lendRequestLoggers, requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { cachedTokenVerifier } from './http/token-cache.js';
import { refuseSecretsInUrl } from './http/url-secrets.js';
import type { AnyRouteDefinition, RouteRegistrar } from './http/route.js';
import type { Logger } from './logger.js';
import { createTokenVerifier, type TokenVerifier } from './token-verifier.js';

export interface ServiceAppOptions {
  name: string;
  version?: string;
  logger: Logger;
  /** How bearer tokens are verified (`createTokenVerifier`); or, for dev and tests, just a secret. */
  verifyToken?: TokenVerifier;
  jwtSecret?: string;
  /** Front-end origins browsers may call this service from. */
  corsOrigins?: readonly string[];
  /** Records every successful call by ops (who, route, record) in the service's audit trail. */
  auditOpsAction?: OpsAuditor;
  /** Largest JSON body accepted, e.g. '100kb'; larger ones get 413. */
  bodyLimit?: string;
  /** The service's database; routes declaring `idempotent` keep their keys in it. */
  prisma?: PrismaClient;
  /** More metrics to serve on /metrics beside the HTTP ones, e.g. the mail relay's registry. */
  metrics?: readonly Registry[];
  /** Lets a scraper off this host read /metrics with `Authorization: Bearer <token>`; loopback callers need none. */
  metricsToken?: string;
  /** Named dependency checks run by /readyz, e.g. `{ database: () => prismaReady(prisma) }`. */
  readiness: Record<string, () => Promise<void>>;
}

const probePaths = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The Express app every service starts from: request ids, logs, metrics, probes, OpenAPI and
 * Swagger UI, authentication, validation and one error format. `register` declares the routes.
 */
export function createServiceApp(opts: ServiceAppOptions, register: (r: RouteRegistrar) => void): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const metrics = createHttpMetrics(opts.name, opts.metrics);
  const verifier = cachedTokenVerifier(opts.verifyToken ?? createTokenVerifier({ jwtSecret: opts.jwtSecret }));

  app.use(securityHeaders);
  app.use(corsAllowList(opts.corsOrigins ?? []));

  lendRequestLoggers(app.request, opts.logger);
  app.use(requestLog(opts.logger, (url) => probePaths.has(url)));
  app.use(refuseSecretsInUrl);
  app.use(metrics.measure);
  app.use(express.json({ limit: opts.bodyLimit ?? '100kb' }));

  app.get('/healthz', healthz);
  app.get('/readyz', readyz(opts.readiness, opts.logger));
  app.get('/metrics', metricsAccess(opts.metricsToken), metrics.expose);

  const idempotency = opts.prisma ? createIdempotencyStore(opts.prisma, opts.name) : undefined;
  const routes: AnyRouteDefinition[] = [];
  register({
    route: (definition) => {
      const route = definition as unknown as AnyRouteDefinition;
      mountRoute(app, route, verifier, { auditOps: opts.auditOpsAction, idempotency });
      routes.push(route);
    },
  });

  const document = buildOpenApiDocument({ name: opts.name, version: opts.version ?? '0.1.0' }, routes);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: `${opts.name} API` }));

  app.use((req, _res, next) => {
    next(new AppError('not_found', { status: 404, message: `no route for ${req.method} ${req.path}` }));
  });
  app.use(errorHandler);
  return app;
}
