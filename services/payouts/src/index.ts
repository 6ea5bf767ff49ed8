import { commonConfig, runService, startServiceOutboxes } from '@guild/platform';
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
    const { relay, mailRelay, directory, appDeps } = startServiceOutboxes({ source: PAYOUTS_SOURCE, templates: payoutsMailTemplates, prisma, nc, logger, config });
    const approvedHours = startApprovedHoursConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, stripe, logger });
    const app = createServer({ ...appDeps, stripe, listing: listingCheck(prisma, directory) });
    return { app, background: [relay, approvedHours, mailRelay] };
  },
});
