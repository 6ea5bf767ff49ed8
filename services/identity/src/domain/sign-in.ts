import type { SignInBody, TokenPair } from '@guild/contracts';
import { passwordMatches, rejectWithoutAccount } from '../security/passwords.js';
import { recordAudit, userTarget } from './audit.js';
import { accountLocked, invalidCredentials } from './identity-errors.js';
import { startSession, type SessionDeps } from './sessions.js';
import type { SignInFailures } from './sign-in-failures.js';

/** Where the attempt comes from, and the failures counted so far. */
export interface SignInAttempt {
  address: string;
  failures: SignInFailures;
}

/**
 * Email and password for a session. Unknown emails, accounts not yet activated and wrong
 * passwords all get the same 401 after the same work. `maxFailedSignIns` failures in a row for
 * one email from one address lock that pair for `lockDurationMs` (423, even for the right
 * password), whether or not the account exists; other addresses still sign in.
 */
export async function signIn(deps: SessionDeps, { email, password }: SignInBody, { address, failures }: SignInAttempt): Promise<TokenPair> {
  const { prisma } = deps;
  const lockedUntil = await failures.lockedUntil(email, address);
  if (lockedUntil) throw accountLocked(lockedUntil);

  const user = await prisma.user.findUnique({ where: { email } });
  const matches = user?.passwordHash ? await passwordMatches(user.passwordHash, password) : await rejectWithoutAccount(password);
  if (!user || !matches) {
    const lockedNow = await failures.record(email, address);
    if (!lockedNow) throw invalidCredentials();
    if (user) {
      await recordAudit(prisma, {
        actor: 'anonymous',
        action: 'account.locked',
        target: userTarget(user.id),
        details: { address, lockedUntil: lockedNow.toISOString() },
      });
    }
    throw accountLocked(lockedNow);
  }

  await failures.clear(email, address);
  return prisma.$transaction(async (tx) => {
    await recordAudit(tx, { actor: user.id, action: 'session.signed_in', target: userTarget(user.id) });
    return startSession(deps, tx, user);
  });
}
