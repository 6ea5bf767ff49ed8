import {
  commonConfig,
  createMailMetrics,
  identityMailDirectory,
  natsReady,
  prismaReady,
  runService,
  serviceTokenSource,
  startMailRelay,
  startOutboxRelay,
  tokenVerifierFromConfig,
} from '@guild/platform';
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
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: BILLING_SOURCE, logger });
    const mailMetrics = createMailMetrics(BILLING_SOURCE);
    const serviceToken = serviceTokenSource({
      identityUrl: config.IDENTITY_URL,
      clientId: config.SERVICE_CLIENT_ID,
      clientSecret: config.SERVICE_CLIENT_SECRET,
      jwtSecret: config.JWT_SECRET,
      devSubject: BILLING_SOURCE,
    });
    const mailRelay = startMailRelay({
      prisma,
      source: BILLING_SOURCE,
      templates: billingMailTemplates,
      directory: identityMailDirectory({ identityUrl: config.IDENTITY_URL, serviceToken }),
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      logger,
      metrics: mailMetrics,
    });
    const eventsRecorded = () => {
      relay.nudge();
      mailRelay.nudge();
    };
    const settings = { invoiceDaysUntilDue: config.INVOICE_DAYS_UNTIL_DUE, webhookSecret: config.STRIPE_WEBHOOK_SECRET };
    const approvedWork = startApprovedWorkConsumer({ nc, namespace: config.EVENT_NAMESPACE, deps: { prisma, stripe, settings, eventsRecorded }, logger });
    const app = createServer({
      prisma,
      logger,
      stripe,
      settings,
      verifyToken: tokenVerifierFromConfig(config),
      corsOrigins: config.CORS_ORIGINS,
      bodyLimit: config.BODY_LIMIT,
      ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
      readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
      eventsRecorded,
      mailMetrics,
    });
    return { app, background: [approvedWork, relay, mailRelay] };
  },
});
