import { commonConfig, identityClientConfig, natsReady, prismaReady, runService, startOutboxRelay, startServiceMailRelay, tokenVerifierFromConfig } from '@guild/platform';
import { salesConfig } from './config.js';
import { startCommissionConsumer } from './consumers/commissions.js';
import { SALES_SOURCE } from './domain/source.js';
import { salesMailTemplates } from './mail/templates.js';
import { createServer } from './server.js';

await runService({
  name: SALES_SOURCE,
  config: { ...commonConfig, ...identityClientConfig, ...salesConfig },
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: SALES_SOURCE, logger });
    const { relay: mailRelay, metrics: mailMetrics } = startServiceMailRelay({ source: SALES_SOURCE, templates: salesMailTemplates, prisma, logger, config });
    const commissions = startCommissionConsumer({
      nc,
      namespace: config.EVENT_NAMESPACE,
      prisma,
      logger,
      refundWindowSeconds: config.COMMISSION_REFUND_WINDOW_SECONDS,
      booked: () => relay.nudge(),
    });
    const app = createServer({
      prisma,
      logger,
      publicUrl: config.SALES_PUBLIC_URL,
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
    return { app, background: [relay, mailRelay, commissions] };
  },
});
