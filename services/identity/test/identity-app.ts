import { randomUUID } from 'node:crypto';
import type { TokenPair } from '@guild/contracts';
import type { CompanyRole, UserKind } from '@guild/db';
import { createTestDatabase } from '@guild/db/testing';
import { createMailMetrics, type MailRelay, type Principal } from '@guild/platform';
import { bearerCaller, captureLogs, startMailSink, testJwtSecret } from '@guild/testkit';
import supertest from 'supertest';
import { expect } from 'vitest';
import { defaultIdentityPolicy, type IdentityPolicy } from '../src/domain/policy.js';
import { generateSigningKeyPair } from '../src/keys/generate-key-pair.js';
import { signingKeysFromPem } from '../src/keys/signing-keys.js';
import { createTokenIssuer } from '../src/keys/token-issuer.js';
import { startIdentityMailRelay } from '../src/mail/identity-mail-relay.js';
import { createMemoryRateLimits, type RateLimitSettings } from '../src/rate-limit/rate-limits.js';
import { hashPassword } from '../src/security/passwords.js';
import { createServer } from '../src/server.js';

export interface IdentityAppOptions {
  policy?: Partial<IdentityPolicy>;
  /** Generous unless given: only the rate-limit tests want to hit them. */
  rateLimits?: Partial<RateLimitSettings>;
  privateKeyPem?: string;
  previousPublicKeysPem?: string;
  /** Where identity's mail relay sends; the test's mail sink unless given (a closed port plays an SMTP outage). */
  smtpUrl?: string;
}

const generousLimits: RateLimitSettings = {
  windowMs: 60_000,
  signInPerIp: 10_000,
  signInPerAccount: 10_000,
  passwordResetPerIp: 10_000,
  passwordResetPerAccount: 10_000,
};

export const goodPassword = 'correct horse battery staple';

/** A unique address per call, so tests never read each other's mail. */
export const uniqueEmail = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.com`;

/**
 * The identity app on a fresh database of its own, a real SMTP sink, its own signing key and a
 * log that the test can read.
 */
export async function startIdentityApp(opts: IdentityAppOptions = {}) {
  const db = await createTestDatabase();
  const mail = await startMailSink();
  const logs = captureLogs('identity-test');
  const logger = logs.logger;
  const keys = await signingKeysFromPem(opts.privateKeyPem ?? generateSigningKeyPair().privateKeyPem, opts.previousPublicKeysPem);
  const tokens = createTokenIssuer(keys);
  const mailMetrics = createMailMetrics('identity');
  // Quick retries: a test that plays an SMTP outage sees the mail go out soon after it ends.
  const startRelay = (smtpUrl: string): MailRelay =>
    startIdentityMailRelay({
      prisma: db.prisma,
      smtpUrl,
      from: 'Guild <no-reply@guild.test>',
      logger,
      metrics: mailMetrics,
      pollMs: 50,
      retryBaseMs: 50,
      retryMaxMs: 500,
    });
  let mailRelay = startRelay(opts.smtpUrl ?? mail.smtpUrl);
  const app = createServer({
    prisma: db.prisma,
    logger,
    tokens,
    mailQueued: () => mailRelay.nudge(),
    mailMetrics,
    jwtSecret: testJwtSecret,
    policy: { ...defaultIdentityPolicy, ...opts.policy },
    rateLimits: createMemoryRateLimits({ ...generousLimits, ...opts.rateLimits }),
    trustProxy: 'loopback',
    readiness: {},
  });
  const http = supertest(app);

  /** Requests with an access token, as a front end sends them. */
  const as = (accessToken: string) => bearerCaller(app, accessToken);

  /** An active account made directly in the database, for tests that are not about invitations. */
  async function addUser(
    user: { kind: UserKind; email?: string; password?: string; companyId?: string; companyRole?: CompanyRole } = { kind: 'ops' },
  ) {
    return db.prisma.user.create({
      data: {
        id: randomUUID(),
        email: user.email ?? uniqueEmail(user.kind),
        kind: user.kind,
        passwordHash: await hashPassword(user.password ?? goodPassword),
        companyId: user.companyId ?? null,
        companyRole: user.companyRole ?? null,
        expertId: user.kind === 'expert' ? randomUUID() : null,
        activatedAt: new Date(),
      },
    });
  }

  async function signIn(email: string, password = goodPassword): Promise<TokenPair> {
    const res = await http.post('/auth/sign-in').send({ email, password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as TokenPair;
  }

  /** An ops member's access token. */
  async function opsToken(): Promise<string> {
    const ops = await addUser({ kind: 'ops' });
    return (await tokens.issueAccessToken({ subject: ops.id, role: 'ops' })).accessToken;
  }

  return {
    db,
    app,
    http,
    mail,
    tokens,
    keys,
    logLines: logs.lines,
    as,
    addUser,
    signIn,
    opsToken,
    /** Stops the mail relay and starts another that sends to `smtpUrl` (the sink unless given): SMTP is back. */
    async restartMailRelay(smtpUrl = mail.smtpUrl) {
      await mailRelay.stop();
      mailRelay = startRelay(smtpUrl);
    },
    async close() {
      await mailRelay.stop();
      await mail.stop();
      await db.drop();
    },
  };
}

export type IdentityApp = Awaited<ReturnType<typeof startIdentityApp>>;

/** The claims of an access token, unverified (tests verify separately where it matters). */
export function claimsOf(accessToken: string): Record<string, unknown> {
  const payload = accessToken.split('.')[1];
  if (!payload) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A well-formed token signed by a key the app does not publish. */
export async function tokenFromAnotherKey(principal: Principal): Promise<string> {
  const stranger = createTokenIssuer(await signingKeysFromPem(generateSigningKeyPair().privateKeyPem));
  return (await stranger.issueAccessToken(principal)).accessToken;
}
