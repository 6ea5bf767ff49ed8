import {
  commonConfig,
  natsReady,
  prismaReady,
  runService,
  startOutboxRelay,
  startServiceMailRelay,
  tokenVerifierFromConfig,
} from '@guild/platform';
import { payoutsConfig } from './config.js';
import { startApprovedHoursConsumer } from './consumers/approved-hours.js';
import { listingCheck } from './domain/listing.js';
import { PAYOUTS_SOURCE } from './domain/source.js';
import { payoutsMailConfig } from './mail/config.js';
import { payoutsMailTemplates } from './mail/templates.js';
import { createServer } from './server.js';
import { stripeConnect } from './stripe/connect.js';

await runService({
  name: PAYOUTS_SOURCE,
  config: { ...commonConfig, ...payoutsMailConfig, ...payoutsConfig },
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const stripe = stripeConnect({ secretKey: config.STRIPE_SECRET_KEY, apiUrl: config.STRIPE_API_URL });
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: PAYOUTS_SOURCE, logger });
    const approvedHours = startApprovedHoursConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, stripe, logger });
    const {
      relay: mailRelay,
      metrics: mailMetrics,
      directory: identity,
    } = startServiceMailRelay({ source: PAYOUTS_SOURCE, templates: payoutsMailTemplates, prisma, logger, config });
    const app = createServer({
      prisma,
      logger,
      stripe,
      listing: listingCheck(prisma, identity),
      verifyToken: tokenVerifierFromConfig(config),
      corsOrigins: config.CORS_ORIGINS,
      ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
      readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
      eventsRecorded: () => {
        relay.nudge();
        mailRelay.nudge();
      },
      mailMetrics,
    });
    return { app, background: [relay, approvedHours, mailRelay] };
  },
});
