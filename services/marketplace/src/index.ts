import { commonConfig, natsReady, prismaReady, runService, startOutboxRelay, startServiceMailRelay, tokenVerifierFromConfig } from '@guild/platform';
import { marketplaceConfig } from './config.js';
import { startProfileSourcesConsumer } from './consumers/profile-sources.js';
import { MARKETPLACE_SOURCE } from './domain/source.js';
import { marketplaceMailConfig } from './mail/config.js';
import { marketplaceMailTemplates } from './mail/templates.js';
import { createServer } from './server.js';

await runService({
  name: MARKETPLACE_SOURCE,
  config: { ...commonConfig, ...marketplaceMailConfig, ...marketplaceConfig },
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: MARKETPLACE_SOURCE, logger });
    const profiles = startProfileSourcesConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger });
    const { relay: mailRelay, metrics: mailMetrics } = startServiceMailRelay({ source: MARKETPLACE_SOURCE, templates: marketplaceMailTemplates, prisma, logger, config });
    const app = createServer({
      prisma,
      logger,
      settings: { expertMailDomain: config.EXPERT_MAIL_DOMAIN, projectsPublicUrl: config.PROJECTS_PUBLIC_URL },
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
    return { app, background: [relay, profiles, mailRelay] };
  },
});
