import { createMailMetrics, natsReady, prismaReady, runService, startOutboxRelay } from '@guild/platform';
import { loadIdentityConfig, policyFromConfig, rateLimitSettingsFromConfig, trustProxySetting } from './config.js';
import { ensureFirstOpsUser } from './domain/bootstrap.js';
import { registerServiceClient } from './domain/service-clients.js';
import { IDENTITY_SOURCE } from './domain/source.js';
import { loadSigningKeys } from './keys/load-keys.js';
import { createTokenIssuer } from './keys/token-issuer.js';
import { startIdentityMailRelay } from './mail/identity-mail-relay.js';
import { createMemoryRateLimits } from './rate-limit/rate-limits.js';
import { createServer } from './server.js';

await runService({
  name: 'identity',
  config: async (env) => ({ ...loadIdentityConfig(env), keys: await loadSigningKeys(env) }),
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
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
    for (const client of config.IDENTITY_SERVICE_CLIENTS) {
      const outcome = await registerServiceClient(prisma, { id: client.id, name: `${client.id} service`, secret: client.secret });
      logger.info({ clientId: client.id, outcome }, 'service client');
    }

    const nc = await connect.nats();
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: IDENTITY_SOURCE, logger });
    const mailMetrics = createMailMetrics('identity');
    const mailRelay = startIdentityMailRelay({ prisma, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger, metrics: mailMetrics });
    const { keys } = config;
    const tokens = createTokenIssuer(keys, { accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS });

    const app = createServer({
      prisma,
      logger,
      tokens,
      mailQueued: () => mailRelay.nudge(),
      mailMetrics,
      ...(config.JWT_SECRET ? { jwtSecret: config.JWT_SECRET } : {}),
      corsOrigins: config.CORS_ORIGINS,
      policy: policyFromConfig(config),
      rateLimits: createMemoryRateLimits(rateLimitSettingsFromConfig(config)),
      trustProxy: trustProxySetting(config.TRUST_PROXY),
      bodyLimit: config.BODY_LIMIT,
      ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
      readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
      eventsRecorded: () => relay.nudge(),
    });
    return {
      app,
      background: [relay, mailRelay],
      announce: { kid: keys.current.kid, previousKids: keys.previous.map((k) => k.kid) },
    };
  },
});
