import { commonConfig, identityClientConfig, runService, startServiceOutboxes } from '@guild/platform';
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
    const { relay, mailRelay, appDeps } = startServiceOutboxes({ source: SALES_SOURCE, templates: salesMailTemplates, prisma, nc, logger, config });
    const commissions = startCommissionConsumer({
      nc,
      namespace: config.EVENT_NAMESPACE,
      prisma,
      logger,
      refundWindowSeconds: config.COMMISSION_REFUND_WINDOW_SECONDS,
      booked: () => relay.nudge(),
    });
    const app = createServer({ ...appDeps, publicUrl: config.SALES_PUBLIC_URL });
    return { app, background: [relay, mailRelay, commissions] };
  },
});
