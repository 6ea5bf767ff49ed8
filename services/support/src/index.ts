import { createPrismaClient } from '@guild/db';
import {
  commonConfig,
  connectNats,
  createLogger,
  ensureEventStream,
  loadConfigOrExit,
  natsReady,
  prismaReady,
  startOutboxRelay,
} from '@guild/platform';
import { z } from 'zod';
import { startTaskLinkConsumer } from './consumers/link-created-tasks.js';
import { SUPPORT_SOURCE } from './domain/source.js';
import { defaultSupportSettings } from './domain/settings.js';
import { createServer } from './server.js';

const config = loadConfigOrExit({
  ...commonConfig,
  PORT: z.coerce.number().int().positive().default(4010),
  OPS_EMAIL: z.email().default('ops@guild.local'),
  EXPERT_MAIL_DOMAIN: z.string().min(1).default('experts.guild.local'),
});
const logger = createLogger('support', config.LOG_LEVEL);
const prisma = createPrismaClient(config.DATABASE_URL);
const nc = await connectNats(config.NATS_URL, logger);
await ensureEventStream(nc, config.EVENT_NAMESPACE);
const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: SUPPORT_SOURCE, logger });

const taskLinks = startTaskLinkConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger });

const app = createServer({
  prisma,
  logger,
  jwtSecret: config.JWT_SECRET,
  bodyLimit: config.BODY_LIMIT,
  readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
  eventsRecorded: () => relay.nudge(),
  settings: { ...defaultSupportSettings, opsEmail: config.OPS_EMAIL, expertMailDomain: config.EXPERT_MAIL_DOMAIN },
});
const server = app.listen(config.PORT, () => logger.info({ port: config.PORT }, 'support service listening'));

async function shutdown(signal: string) {
  logger.info({ signal }, 'support service stopping');
  server.close();
  await relay.stop();
  await taskLinks.stop();
  await nc.drain();
  await prisma.$disconnect();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
