import { createPrismaClient } from '@guild/db';
import {
  ConfigError,
  connectNats,
  createLogger,
  ensureEventStream,
  natsReady,
  prismaReady,
  startOutboxRelay,
} from '@guild/platform';
import { loadIdentityConfig, policyFromConfig, rateLimitSettingsFromConfig, trustProxySetting } from './config.js';
import { ensureFirstOpsUser } from './domain/bootstrap.js';
import { registerServiceClient } from './domain/service-clients.js';
import { IDENTITY_SOURCE } from './domain/source.js';
import { loadSigningKeys } from './keys/load-keys.js';
import { createTokenIssuer } from './keys/token-issuer.js';
import { createSmtpMailer } from './mail/mailer.js';
import { createMemoryRateLimits } from './rate-limit/rate-limits.js';
import { createServer } from './server.js';

async function configured<T>(load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const config = await configured(() => loadIdentityConfig());
const keys = await configured(() => loadSigningKeys());
const logger = createLogger('identity', config.LOG_LEVEL);
const prisma = createPrismaClient(config.DATABASE_URL);

if (config.IDENTITY_BOOTSTRAP_OPS_EMAIL && config.IDENTITY_BOOTSTRAP_OPS_PASSWORD) {
  const outcome = await ensureFirstOpsUser(prisma, {
    email: config.IDENTITY_BOOTSTRAP_OPS_EMAIL,
    password: config.IDENTITY_BOOTSTRAP_OPS_PASSWORD,
  });
  logger.info({ outcome }, 'bootstrap ops user');
}
if (config.IDENTITY_WORKER_CLIENT_ID && config.IDENTITY_WORKER_CLIENT_SECRET) {
  const outcome = await registerServiceClient(prisma, {
    id: config.IDENTITY_WORKER_CLIENT_ID,
    name: 'Temporal worker',
    secret: config.IDENTITY_WORKER_CLIENT_SECRET,
  });
  logger.info({ clientId: config.IDENTITY_WORKER_CLIENT_ID, outcome }, 'worker service client');
}

const nc = await connectNats(config.NATS_URL, logger);
await ensureEventStream(nc, config.EVENT_NAMESPACE);
const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: IDENTITY_SOURCE, logger });
const mailer = createSmtpMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
const tokens = createTokenIssuer(keys, { accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS });

const app = createServer({
  prisma,
  logger,
  tokens,
  mailer,
  ...(config.JWT_SECRET ? { jwtSecret: config.JWT_SECRET } : {}),
  corsOrigins: config.CORS_ORIGINS,
  policy: policyFromConfig(config),
  rateLimits: createMemoryRateLimits(rateLimitSettingsFromConfig(config)),
  trustProxy: trustProxySetting(config.TRUST_PROXY),
  bodyLimit: config.BODY_LIMIT,
  readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
  eventsRecorded: () => relay.nudge(),
});
const server = app.listen(config.PORT, () =>
  logger.info({ port: config.PORT, kid: keys.current.kid, previousKids: keys.previous.map((k) => k.kid) }, 'identity service listening'),
);

async function shutdown(signal: string) {
  logger.info({ signal }, 'identity service stopping');
  server.close();
  await relay.stop();
  await nc.drain();
  mailer.close();
  await prisma.$disconnect();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
