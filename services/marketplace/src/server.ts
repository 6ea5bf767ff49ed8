import type { PrismaClient } from '@guild/db';
import { createServiceApp, registerOutboxRetention, registerUndeliveredMailRoutes, type Logger, type MailMetrics, type TokenVerifier } from '@guild/platform';
import type { HiringSettings } from './domain/hiring-steps.js';
import { MARKETPLACE_SOURCE } from './domain/source.js';
import { registerExpertRoutes } from './routes/experts.js';
import { registerHiringProcessRoutes } from './routes/hiring-process.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerOfferRoutes } from './routes/offers.js';
import { registerOpsRoutes } from './routes/ops.js';

export interface MarketplaceServerDeps {
  prisma: PrismaClient;
  logger: Logger;
  settings: HiringSettings;
  /** How bearer tokens are verified; tests may give just the dev secret. */
  verifyToken?: TokenVerifier;
  jwtSecret?: string;
  corsOrigins?: readonly string[];
  metricsToken?: string;
  mailMetrics?: MailMetrics;
  readiness: Record<string, () => Promise<void>>;
  /** Called after a commit that wrote an event or a mail, so the relays send it at once. */
  eventsRecorded?: () => void;
}

/** The marketplace's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: MarketplaceServerDeps) {
  const routeDeps = { prisma: deps.prisma, settings: deps.settings, eventsRecorded: deps.eventsRecorded ?? (() => {}) };
  return createServiceApp(
    {
      name: MARKETPLACE_SOURCE,
      logger: deps.logger,
      prisma: deps.prisma,
      ...(deps.verifyToken ? { verifyToken: deps.verifyToken } : {}),
      ...(deps.jwtSecret ? { jwtSecret: deps.jwtSecret } : {}),
      ...(deps.corsOrigins ? { corsOrigins: deps.corsOrigins } : {}),
      ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
      ...(deps.mailMetrics ? { metrics: [deps.mailMetrics.registry] } : {}),
      readiness: deps.readiness,
    },
    (r) => {
      registerExpertRoutes(r, routeDeps);
      registerJobRoutes(r, routeDeps);
      registerOfferRoutes(r, routeDeps);
      registerHiringProcessRoutes(r, routeDeps);
      registerOpsRoutes(r, routeDeps);
      registerOutboxRetention(r, { prisma: deps.prisma, source: MARKETPLACE_SOURCE });
      registerUndeliveredMailRoutes(r, { prisma: deps.prisma, source: MARKETPLACE_SOURCE });
    },
  );
}
