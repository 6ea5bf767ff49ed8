import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import { createServiceApp, registerOutboxRetention, registerUndeliveredMailRoutes, type Logger, type MailMetrics, type TokenVerifier } from '@guild/platform';
import type { ListingCheck } from './domain/listing.js';
import { PAYOUTS_SOURCE } from './domain/source.js';
import { registerExpertRoutes } from './routes/experts.js';
import { registerOpsEntryRoutes } from './routes/ops-entries.js';
import { registerPayoutCycleRoutes } from './routes/payout-cycles.js';
import { registerPayoutProcessRoutes } from './routes/payout-process.js';
import type { StripeConnect } from './stripe/connect.js';

export interface PayoutsServerDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** The only way to Stripe for experts: connected accounts and transfers. */
  stripe: StripeConnect;
  /** Whether the expert's listing is active (see domain/listing.ts). */
  listing: ListingCheck;
  /** How bearer tokens are verified; tests may give just the dev secret. */
  verifyToken?: TokenVerifier;
  jwtSecret?: string;
  corsOrigins?: readonly string[];
  bodyLimit?: string;
  metricsToken?: string;
  mailMetrics?: MailMetrics;
  readiness: Record<string, () => Promise<void>>;
  /** Called after a commit that wrote an event or a mail, so the relays send it at once. */
  eventsRecorded?: () => void;
}

/** The payouts service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: PayoutsServerDeps) {
  const routeDeps = { prisma: deps.prisma, stripe: deps.stripe, listing: deps.listing, eventsRecorded: deps.eventsRecorded ?? (() => {}) };
  return createServiceApp(
    {
      name: PAYOUTS_SOURCE,
      logger: deps.logger,
      prisma: deps.prisma,
      ...(deps.verifyToken ? { verifyToken: deps.verifyToken } : {}),
      ...(deps.jwtSecret ? { jwtSecret: deps.jwtSecret } : {}),
      ...(deps.corsOrigins ? { corsOrigins: deps.corsOrigins } : {}),
      // Invoices travel base64-encoded in the payout request (2 MB of PDF).
      bodyLimit: deps.bodyLimit ?? '3mb',
      ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
      ...(deps.mailMetrics ? { metrics: [deps.mailMetrics.registry] } : {}),
      readiness: deps.readiness,
      auditOpsAction: async ({ actor, action, target }) => {
        await deps.prisma.payoutsOpsAuditEntry.create({ data: { id: randomUUID(), actor, action, target: JSON.stringify(target) } });
      },
    },
    (r) => {
      registerExpertRoutes(r, routeDeps);
      registerPayoutProcessRoutes(r, routeDeps);
      registerPayoutCycleRoutes(r, routeDeps);
      registerOpsEntryRoutes(r, routeDeps);
      registerOutboxRetention(r, { prisma: deps.prisma, source: PAYOUTS_SOURCE });
      registerUndeliveredMailRoutes(r, { prisma: deps.prisma, source: PAYOUTS_SOURCE });
    },
  );
}
