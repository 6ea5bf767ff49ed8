import { createServiceApp, registerOutboxRetention, registerUndeliveredMailRoutes, serviceAppOptions, type ServiceAppDeps } from '@guild/platform';
import type { HiringSettings } from './domain/hiring-steps.js';
import { MARKETPLACE_SOURCE } from './domain/source.js';
import { registerExpertRoutes } from './routes/experts.js';
import { registerHiringProcessRoutes } from './routes/hiring-process.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerOfferRoutes } from './routes/offers.js';
import { registerOpsRoutes } from './routes/ops.js';

export interface MarketplaceServerDeps extends ServiceAppDeps {
  settings: HiringSettings;
}

/** The marketplace's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: MarketplaceServerDeps) {
  const routeDeps = { prisma: deps.prisma, settings: deps.settings, eventsRecorded: deps.eventsRecorded ?? (() => {}) };
  return createServiceApp(
    serviceAppOptions(MARKETPLACE_SOURCE, deps),
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
