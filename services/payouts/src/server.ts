import { createServiceApp, opsAuditTrail, registerOutboxRetention, registerUndeliveredMailRoutes, serviceAppOptions, type ServiceAppDeps } from '@guild/platform';
import type { ListingCheck } from './domain/listing.js';
import { PAYOUTS_SOURCE } from './domain/source.js';
import { registerExpertRoutes } from './routes/experts.js';
import { registerOpsEntryRoutes } from './routes/ops-entries.js';
import { registerPayoutCycleRoutes } from './routes/payout-cycles.js';
import { registerPayoutProcessRoutes } from './routes/payout-process.js';
import type { StripeConnect } from './stripe/connect.js';

export interface PayoutsServerDeps extends ServiceAppDeps {
  /** The only way to Stripe for experts: connected accounts and transfers. */
  stripe: StripeConnect;
  /** Whether the expert's listing is active (see domain/listing.ts). */
  listing: ListingCheck;
}

/** The payouts service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: PayoutsServerDeps) {
  const routeDeps = { prisma: deps.prisma, stripe: deps.stripe, listing: deps.listing, eventsRecorded: deps.eventsRecorded ?? (() => {}) };
  return createServiceApp(
    serviceAppOptions(PAYOUTS_SOURCE, deps, {
      // Invoices travel base64-encoded in the payout request (2 MB of PDF).
      bodyLimit: deps.bodyLimit ?? '3mb',
      auditOpsAction: opsAuditTrail(deps.prisma, 'payouts'),
    }),
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
