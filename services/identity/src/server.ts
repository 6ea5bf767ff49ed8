import { randomUUID } from 'node:crypto';
import { createServiceApp, createTokenVerifier, registerOutboxRetention, registerUndeliveredMailRoutes, serviceAppOptions, type ServiceAppDeps } from '@guild/platform';
import express from 'express';
import { defaultIdentityPolicy, type IdentityPolicy } from './domain/policy.js';
import { IDENTITY_SOURCE } from './domain/source.js';
import type { TokenIssuer } from './keys/token-issuer.js';
import { createMemoryRateLimits, type RateLimits } from './rate-limit/rate-limits.js';
import { createMemorySignInFailures } from './domain/sign-in-failures.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerCompanyRoutes } from './routes/companies.js';
import type { IdentityRouteDeps } from './routes/deps.js';
import { registerInvitationRoutes } from './routes/invitations.js';
import { registerMeRoutes } from './routes/me.js';
import { registerPasswordResetRoutes } from './routes/password-reset.js';
import { registerMailAddressRoutes } from './routes/mail-addresses.js';
import { registerPeopleRoutes } from './routes/people.js';

export interface IdentityServerDeps extends Omit<ServiceAppDeps, 'verifyToken'> {
  /** Signs access tokens and publishes their keys (`createTokenIssuer(await loadSigningKeys())`). */
  tokens: TokenIssuer;
  /** Called after a commit that queued a mail, so the mail relay sends it at once. */
  mailQueued?: () => void;
  policy?: IdentityPolicy;
  rateLimits?: RateLimits;
  /** Express `trust proxy`; per-IP rate limits count the client address it yields. */
  trustProxy?: boolean | number | string;
}

export { defaultIdentityPolicy, type IdentityPolicy } from './domain/policy.js';
export { createMemoryRateLimits, defaultRateLimitSettings, type RateLimits, type RateLimitSettings } from './rate-limit/rate-limits.js';
export { createMemoryRateLimiter, type RateLimiter, type RateLimitDecision } from '@guild/platform';
export { createTokenIssuer, type TokenIssuer } from './keys/token-issuer.js';
export { startIdentityMailRelay } from './mail/identity-mail-relay.js';

/** The identity service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: IdentityServerDeps): express.Express {
  const routeDeps: IdentityRouteDeps = {
    prisma: deps.prisma,
    tokens: deps.tokens,
    policy: deps.policy ?? defaultIdentityPolicy,
    rateLimits: deps.rateLimits ?? createMemoryRateLimits(),
    signInFailures: createMemorySignInFailures({
      maxFailures: (deps.policy ?? defaultIdentityPolicy).maxFailedSignIns,
      lockMs: (deps.policy ?? defaultIdentityPolicy).lockDurationMs,
    }),
    logger: deps.logger,
    eventsRecorded: deps.eventsRecorded ?? (() => {}),
    mailQueued: deps.mailQueued ?? (() => {}),
  };
  const serviceApp = createServiceApp(
    serviceAppOptions('identity', deps, {
      // The service verifies with its own published keys (current and previous), no JWKS fetch.
      verifyToken: createTokenVerifier({ jwks: deps.tokens.jwks(), jwtSecret: deps.jwtSecret }),
      auditOpsAction: async ({ actor, action, target }) => {
        await deps.prisma.auditEntry.create({ data: { id: randomUUID(), actor, action: `ops ${action}`, target: JSON.stringify(target) } });
      },
    }),
    (r) => {
      registerAuthRoutes(r, routeDeps);
      registerPasswordResetRoutes(r, routeDeps);
      registerInvitationRoutes(r, routeDeps);
      registerCompanyRoutes(r, routeDeps);
      registerPeopleRoutes(r, routeDeps);
      registerMeRoutes(r, routeDeps);
      registerMailAddressRoutes(r, routeDeps);
      registerUndeliveredMailRoutes(r, { prisma: deps.prisma, source: IDENTITY_SOURCE });
      registerOutboxRetention(r, { prisma: deps.prisma, source: IDENTITY_SOURCE });
    },
  );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(serviceApp);
  return app;
}
