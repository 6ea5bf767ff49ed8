import { commonConfig, natsReady, prismaReady, runService, startOutboxRelay, tokenVerifierFromConfig } from '@guild/platform';
import { npsLinkKeyOf, projectsConfig } from './config.js';
import { PROJECTS_SOURCE } from './domain/source.js';
import { createServer } from './server.js';

await runService({
  name: PROJECTS_SOURCE,
  config: { ...commonConfig, ...projectsConfig },
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: PROJECTS_SOURCE, logger });
    const app = createServer({
      prisma,
      logger,
      verifyToken: tokenVerifierFromConfig(config),
      corsOrigins: config.CORS_ORIGINS,
      bodyLimit: config.BODY_LIMIT,
      ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
      readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
      eventsRecorded: () => relay.nudge(),
      settings: { rescheduleNoticeHours: config.RESCHEDULE_NOTICE_HOURS, npsLinkKey: npsLinkKeyOf(config) },
    });
    return { app, background: [relay] };
  },
});
