import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@guild/db/testing';
import type { Principal } from '@guild/platform';
import { listenOnFreePort, startMailSink } from '@guild/testkit';
import { createMemoryRateLimits, createServer, startIdentityMailRelay } from '@guild/identity/server';
import { createTokenIssuer, generateSigningKeyPair, signingKeysFromPem } from '@guild/identity/tokens';
import { captureServerErrors } from '../server-log.js';
import { readOpenApiDocument, seedCaller, type ServiceUnderTest } from '../service-under-test.js';
import { password, seedIdentityTenants } from './seed.js';

// Generous: the matrix and the fuzzer are not about rate limits, and a 429 would hide the route.
const generousLimits = { windowMs: 60_000, signInPerIp: 100_000, signInPerAccount: 100_000, passwordResetPerIp: 100_000, passwordResetPerAccount: 100_000 };

/**
 * The identity app as its own tests build it — a fresh database, a signing key pair made for the
 * run, a mail relay that really sends by SMTP to a maildev sink so invitation links can be used — but
 * configured as deployed: no HS256 dev secret, only tokens its own key signed are accepted.
 */
export async function startIdentity(): Promise<ServiceUnderTest> {
  const db = await createTestDatabase();
  const mail = await startMailSink();
  const log = captureServerErrors('identity');
  const tokens = createTokenIssuer(await signingKeysFromPem(generateSigningKeyPair().privateKeyPem));
  const mailRelay = startIdentityMailRelay({ prisma: db.prisma, smtpUrl: mail.smtpUrl, from: 'Guild <no-reply@guild.test>', logger: log.logger, pollMs: 50 });
  const app = createServer({
    prisma: db.prisma,
    logger: log.logger,
    tokens,
    mailQueued: () => mailRelay.nudge(),
    rateLimits: createMemoryRateLimits(generousLimits),
    readiness: {},
  });
  const { baseUrl, close: closeServer } = await listenOnFreePort(app);
  const document = await readOpenApiDocument(baseUrl);
  const sign = async (principal: Principal) => (await tokens.issueAccessToken(principal)).accessToken;
  const ops = await sign({ subject: randomUUID(), role: 'ops' });
  const tenants = await seedIdentityTenants(seedCaller(baseUrl), mail, ops);
  return {
    name: 'identity',
    baseUrl,
    document,
    prisma: db.prisma,
    schemas: ['identity', 'platform'],
    home: tenants.home,
    foreignTokens: { 'foreign customer': tenants.foreignCustomer, 'foreign expert': tenants.foreignExpert },
    roleTokens: { customer: tenants.homeOwner, expert: tenants.foreignExpert, ops, service: await sign({ subject: 'temporal-worker', role: 'service' }) },
    sign,
    lastServerError: log.lastError,
    logLines: log.lines,
    // Every password and token of the run: the seeded ones, and each access token issued since.
    secrets: () => [password, ...Object.values(tenants), ops].filter((v): v is string => typeof v === 'string' && v.length >= 16),
    async close() {
      await closeServer();
      await mailRelay.stop();
      await mail.stop();
      await db.drop();
    },
  };
}
