import { commonConfig, runService, startServiceOutboxes } from '@guild/platform';
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
    const { relay, mailRelay, appDeps } = startServiceOutboxes({ source: MARKETPLACE_SOURCE, templates: marketplaceMailTemplates, prisma, nc, logger, config });
    const profiles = startProfileSourcesConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger });
    const app = createServer({
      ...appDeps,
      settings: { expertMailDomain: config.EXPERT_MAIL_DOMAIN, projectsPublicUrl: config.PROJECTS_PUBLIC_URL },
    });
    return { app, background: [relay, profiles, mailRelay] };
  },
});
