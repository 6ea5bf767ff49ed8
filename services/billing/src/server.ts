import { createServiceApp, opsAuditTrail, registerOutboxRetention, registerUndeliveredMailRoutes, serviceAppOptions, type ServiceAppDeps } from '@guild/platform';
import express from 'express';
import type { BillingSettings } from './domain/billing-deps.js';
import { BILLING_SOURCE } from './domain/source.js';
import { registerBillingProcessRoutes } from './routes/billing-process.js';
import { registerCustomerRoutes } from './routes/customers.js';
import { registerOpsRoutes } from './routes/ops.js';
import { registerStripeWebhookRoute } from './routes/stripe-webhook.js';
import type { StripeClient } from './stripe/client.js';

export interface BillingServerDeps extends ServiceAppDeps {
  stripe: StripeClient;
  settings: BillingSettings;
}

/** Stripe signs the exact bytes it sent: this path's body is read raw, before any JSON parsing. */
const STRIPE_WEBHOOK_PATH = '/stripe/webhook';

/** The billing service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: BillingServerDeps) {
  const billing = { prisma: deps.prisma, stripe: deps.stripe, settings: deps.settings, eventsRecorded: deps.eventsRecorded ?? (() => {}) };
  const app = createServiceApp(
    serviceAppOptions(BILLING_SOURCE, deps, { auditOpsAction: opsAuditTrail(deps.prisma, 'billing') }),
    (r) => {
      registerCustomerRoutes(r, billing);
      registerOpsRoutes(r, billing);
      registerBillingProcessRoutes(r, billing);
      registerStripeWebhookRoute(r, billing);
      registerOutboxRetention(r, { prisma: deps.prisma, source: BILLING_SOURCE });
      registerUndeliveredMailRoutes(r, { prisma: deps.prisma, source: BILLING_SOURCE });
    },
  );
  // The raw body is read first; the service app's JSON parser then finds the body already read.
  const outer = express();
  outer.disable('x-powered-by');
  outer.use(STRIPE_WEBHOOK_PATH, express.raw({ type: () => true, limit: '1mb' }));
  outer.use(app);
  return outer;
}
