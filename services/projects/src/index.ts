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
import { npsLinkKeyOf, projectsConfig } from './config.js';
import { PROJECTS_SOURCE } from './domain/source.js';
import { projectsMailConfig } from './mail/config.js';
import { projectsMailTemplates } from './mail/templates.js';
import { createServer } from './server.js';

await runService({
  name: PROJECTS_SOURCE,
  config: { ...commonConfig, ...projectsConfig, ...projectsMailConfig },
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: PROJECTS_SOURCE, logger });
    const mailMetrics = createMailMetrics(PROJECTS_SOURCE);
    const serviceToken = serviceTokenSource({
      identityUrl: config.IDENTITY_URL,
      clientId: config.SERVICE_CLIENT_ID,
      clientSecret: config.SERVICE_CLIENT_SECRET,
      jwtSecret: config.JWT_SECRET,
      devSubject: PROJECTS_SOURCE,
    });
    const mailRelay = startMailRelay({
      prisma,
      source: PROJECTS_SOURCE,
      templates: projectsMailTemplates,
      directory: identityMailDirectory({ identityUrl: config.IDENTITY_URL, serviceToken }),
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      logger,
      metrics: mailMetrics,
    });
    const app = createServer({
      prisma,
      logger,
      verifyToken: tokenVerifierFromConfig(config),
      corsOrigins: config.CORS_ORIGINS,
      bodyLimit: config.BODY_LIMIT,
      ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
      readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
      eventsRecorded: () => {
        relay.nudge();
        mailRelay.nudge();
      },
      mailMetrics,
      settings: { rescheduleNoticeHours: config.RESCHEDULE_NOTICE_HOURS, npsLinkKey: npsLinkKeyOf(config), publicUrl: config.PROJECTS_PUBLIC_URL },
    });
    return { app, background: [relay, mailRelay] };
  },
});
