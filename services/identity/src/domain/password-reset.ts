import { randomUUID } from 'node:crypto';
import type { OneTimeTokenBody } from '@guild/contracts';
import type { PrismaClient, User } from '@guild/db';
import { queuePasswordResetMail } from '../mail/messages.js';
import { hashPassword } from '../security/passwords.js';
import { hashSecret, newSecretToken } from '../security/secret-tokens.js';
import { recordAudit, userTarget } from './audit.js';
import { invalidLinkToken } from './identity-errors.js';
import type { IdentityPolicy } from './policy.js';
import { revokeAllSessions } from './sessions.js';

/**
 * A one-time reset link for an active account, its mail queued with it; undefined when there is no
 * such account (the caller answers the same either way). Pending accounts use their invitation instead.
 */
export async function requestPasswordReset(prisma: PrismaClient, email: string, policy: IdentityPolicy): Promise<User | undefined> {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user?.passwordHash) return undefined;
  const { token, tokenHash } = newSecretToken();
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + policy.passwordResetTtlMs);
  await prisma.$transaction(async (tx) => {
    const reset = await tx.passwordReset.create({ data: { id: randomUUID(), userId: user.id, tokenHash, createdAt, expiresAt } });
    await queuePasswordResetMail(tx, reset, { token, appUrl: policy.appUrl });
    await recordAudit(tx, { actor: 'anonymous', action: 'password_reset.requested', target: userTarget(user.id), details: { passwordResetId: reset.id } });
  });
  return user;
}

/**
 * Sets a new password with a reset link. The link works once and within its lifetime; using it
 * voids the account's other reset links, lifts a lock and revokes every session.
 */
export async function confirmPasswordReset(prisma: PrismaClient, { token, password }: OneTimeTokenBody): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const reset = await tx.passwordReset.findUnique({ where: { tokenHash: hashSecret(token) } });
    if (!reset || reset.usedAt || reset.expiresAt <= now) throw invalidLinkToken();
    const { count } = await tx.passwordReset.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: now } });
    if (count === 0) throw invalidLinkToken();
    const user = await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    const revokedSessions = await revokeAllSessions(tx, reset.userId, now);
    await recordAudit(tx, {
      actor: reset.userId,
      action: 'password.reset',
      target: userTarget(reset.userId),
      details: { passwordResetId: reset.id, revokedRefreshTokens: revokedSessions },
    });
    return { email: user.email };
  });
}
