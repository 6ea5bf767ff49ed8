import { commonConfig, runService, startServiceOutboxes } from '@guild/platform';
import { billingConfig } from './config.js';
import { startApprovedWorkConsumer } from './consumers/draw-approved-work.js';
import { BILLING_SOURCE } from './domain/source.js';
import { billingMailTemplates } from './mail/templates.js';
import { createServer } from './server.js';
import { createStripeClient } from './stripe/client.js';

await runService({
  name: BILLING_SOURCE,
  config: { ...commonConfig, ...billingConfig },
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const stripe = createStripeClient(config.STRIPE_SECRET_KEY, config.STRIPE_API_URL);
    const { relay, mailRelay, eventsRecorded, appDeps } = startServiceOutboxes({ source: BILLING_SOURCE, templates: billingMailTemplates, prisma, nc, logger, config });
    const settings = { invoiceDaysUntilDue: config.INVOICE_DAYS_UNTIL_DUE, webhookSecret: config.STRIPE_WEBHOOK_SECRET };
    const approvedWork = startApprovedWorkConsumer({ nc, namespace: config.EVENT_NAMESPACE, deps: { prisma, stripe, settings, eventsRecorded }, logger });
    const app = createServer({ ...appDeps, stripe, settings });
    return { app, background: [approvedWork, relay, mailRelay] };
  },
});
