import type { PrismaClient } from '@guild/db';
import type { Logger } from '@guild/platform';
import type { IdentityPolicy } from '../domain/policy.js';
import type { TokenIssuer } from '../keys/token-issuer.js';
import type { RateLimits } from '../rate-limit/rate-limits.js';
import type { SignInFailures } from '../domain/sign-in-failures.js';

/** What the identity routes work with; `createServer` builds it from its own deps. */
export interface IdentityRouteDeps {
  prisma: PrismaClient;
  tokens: TokenIssuer;
  policy: IdentityPolicy;
  rateLimits: RateLimits;
  /** Failed sign-ins per email and address; a password reset lifts an email's locks. */
  signInFailures: SignInFailures;
  logger: Logger;
  /** Called after a commit that wrote an event, so the outbox relay publishes it at once. */
  eventsRecorded: () => void;
  /** Called after a commit that queued a mail, so the mail relay sends it at once. */
  mailQueued: () => void;
}
