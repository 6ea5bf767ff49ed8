import type { SignInBody, TokenPair } from '@guild/contracts';
import type { User } from '@guild/db';
import { passwordMatches, rejectWithoutAccount } from '../security/passwords.js';
import { recordAudit, userTarget } from './audit.js';
import { accountLocked, invalidCredentials } from './identity-errors.js';
import { startSession, type SessionDeps } from './sessions.js';

/**
 * Email and password for a session. Unknown emails, accounts not yet activated and wrong
 * passwords all get the same 401 after the same work. `maxFailedSignIns` wrong passwords in a row
 * lock the account for `lockDurationMs`, during which even the right password is refused; a
 * successful sign-in clears the count.
 */
export async function signIn(deps: SessionDeps, { email, password }: SignInBody): Promise<TokenPair> {
  const { prisma } = deps;
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await rejectWithoutAccount(password);
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) throw accountLocked(user.lockedUntil);

  if (!(await passwordMatches(user.passwordHash, password))) {
    await recordFailedSignIn(deps, user);
    throw invalidCredentials();
  }

  return prisma.$transaction(async (tx) => {
    const signedIn = await tx.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
    await recordAudit(tx, { actor: user.id, action: 'session.signed_in', target: userTarget(user.id) });
    return startSession(deps, tx, signedIn);
  });
}

/** Counts a wrong password atomically; the one that reaches the limit locks the account (and says so). */
async function recordFailedSignIn({ prisma, policy }: SessionDeps, user: User): Promise<void> {
  const lockedUntil = await prisma.$transaction(async (tx) => {
    const { failedSignIns } = await tx.user.update({ where: { id: user.id }, data: { failedSignIns: { increment: 1 } } });
    if (failedSignIns < policy.maxFailedSignIns) return undefined;
    const until = new Date(Date.now() + policy.lockDurationMs);
    await tx.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: until } });
    await recordAudit(tx, {
      actor: 'anonymous',
      action: 'account.locked',
      target: userTarget(user.id),
      details: { failedSignIns, lockedUntil: until.toISOString() },
    });
    return until;
  });
  if (lockedUntil) throw accountLocked(lockedUntil);
}
