import { commonConfig, runService, startServiceOutboxes } from '@guild/platform';
import { npsLinkKeyOf, projectsConfig } from './config.js';
import { startBillingStandingConsumer } from './consumers/billing-standing.js';
import { startSupportWorkConsumer } from './consumers/support-work.js';
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
    const { relay, mailRelay, eventsRecorded, appDeps } = startServiceOutboxes({ source: PROJECTS_SOURCE, templates: projectsMailTemplates, prisma, nc, logger, config });
    const app = createServer({
      ...appDeps,
      settings: { rescheduleNoticeHours: config.RESCHEDULE_NOTICE_HOURS, npsLinkKey: npsLinkKeyOf(config), publicUrl: config.PROJECTS_PUBLIC_URL },
    });
    // Support's requested tasks and logged minutes land on the customer's project board.
    const supportWork = startSupportWorkConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger });
    // A customer unpaid past dunning has their active projects paused until the invoice is paid.
    const billingStanding = startBillingStandingConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger, eventsRecorded });
    return { app, background: [supportWork, billingStanding, relay, mailRelay] };
  },
});
