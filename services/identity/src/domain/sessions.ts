import { randomUUID } from 'node:crypto';
import type { TokenPair } from '@guild/contracts';
import type { Prisma, PrismaClient, User } from '@guild/db';
import type { TokenIssuer } from '../keys/token-issuer.js';
import { hashSecret, newSecretToken } from '../security/secret-tokens.js';
import { recordAudit, userTarget } from './audit.js';
import { invalidRefreshToken, refreshTokenReused } from './identity-errors.js';
import type { IdentityPolicy } from './policy.js';
import { principalOfUser } from './principal-of-user.js';

export interface SessionDeps {
  prisma: PrismaClient;
  tokens: TokenIssuer;
  policy: IdentityPolicy;
}

async function createRefreshToken(tx: Prisma.TransactionClient, userId: string, familyId: string, policy: IdentityPolicy) {
  const { token, tokenHash } = newSecretToken();
  const createdAt = new Date();
  await tx.refreshToken.create({
    data: { id: randomUUID(), userId, familyId, tokenHash, createdAt, expiresAt: new Date(createdAt.getTime() + policy.refreshTokenTtlMs) },
  });
  return token;
}

async function pairFor(tokens: TokenIssuer, user: User, refreshToken: string): Promise<TokenPair> {
  const { accessToken, expiresIn } = await tokens.issueAccessToken(principalOfUser(user));
  return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn };
}

/** A new session: an access token and the first refresh token of a new family. */
export async function startSession(deps: SessionDeps, tx: Prisma.TransactionClient, user: User): Promise<TokenPair> {
  const refreshToken = await createRefreshToken(tx, user.id, randomUUID(), deps.policy);
  return pairFor(deps.tokens, user, refreshToken);
}

async function revokeFamily(tx: Prisma.TransactionClient, familyId: string, at: Date) {
  await tx.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: at } });
}

type Rotation = { outcome: 'rotated'; user: User; refreshToken: string } | { outcome: 'refused' } | { outcome: 'reused' };

/**
 * Spends a refresh token and issues the next of its family. A token presented a second time
 * means it was copied: the whole family is revoked, the thief's copy and the owner's alike.
 * Two concurrent uses of one token count as a reuse too (only one of them can spend it).
 */
export async function rotateRefreshToken(deps: SessionDeps, presented: string): Promise<TokenPair> {
  const rotation = await deps.prisma.$transaction(async (tx): Promise<Rotation> => {
    const now = new Date();
    const row = await tx.refreshToken.findUnique({ where: { tokenHash: hashSecret(presented) }, include: { user: true } });
    if (!row || row.revokedAt || row.expiresAt <= now) return { outcome: 'refused' };
    const spent = row.usedAt
      ? 0
      : (await tx.refreshToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: now } })).count;
    if (spent === 0) {
      await revokeFamily(tx, row.familyId, now);
      await recordAudit(tx, {
        actor: 'anonymous',
        action: 'refresh_token.reuse_detected',
        target: userTarget(row.userId),
        details: { familyId: row.familyId, refreshTokenId: row.id },
      });
      return { outcome: 'reused' };
    }
    return { outcome: 'rotated', user: row.user, refreshToken: await createRefreshToken(tx, row.userId, row.familyId, deps.policy) };
  });
  // The revocation above is committed before the caller hears the refusal.
  if (rotation.outcome === 'reused') throw refreshTokenReused();
  if (rotation.outcome === 'refused') throw invalidRefreshToken();
  return pairFor(deps.tokens, rotation.user, rotation.refreshToken);
}

/** Signing out ends the session: every token of the presented token's family is revoked. */
export async function endSession(prisma: PrismaClient, presented: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.refreshToken.findUnique({ where: { tokenHash: hashSecret(presented) } });
    if (!row) return;
    await revokeFamily(tx, row.familyId, new Date());
    await recordAudit(tx, { actor: row.userId, action: 'session.signed_out', target: userTarget(row.userId), details: { familyId: row.familyId } });
  });
}

/** After a password change no old session survives. */
export async function revokeAllSessions(tx: Prisma.TransactionClient, userId: string, at: Date): Promise<number> {
  const { count } = await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
  return count;
}
