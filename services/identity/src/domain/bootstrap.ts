import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import { hashPassword } from '../security/passwords.js';
import { recordAudit, userTarget } from './audit.js';

/**
 * The first ops member, so someone can sign in to a new installation and create the rest.
 * Does nothing once any ops member exists, so restarts and a changed variable are harmless.
 */
export async function ensureFirstOpsUser(
  prisma: PrismaClient,
  { email, password }: { email: string; password: string },
): Promise<'created' | 'exists'> {
  if ((await prisma.user.count({ where: { kind: 'ops' } })) > 0) return 'exists';
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    if ((await tx.user.count({ where: { kind: 'ops' } })) > 0) return 'exists';
    const taken = await tx.user.findUnique({ where: { email: email.toLowerCase() } });
    if (taken) throw new Error('the bootstrap ops email already belongs to another account');
    const user = await tx.user.create({
      data: { id: randomUUID(), email: email.toLowerCase(), kind: 'ops', passwordHash, activatedAt: new Date() },
    });
    await recordAudit(tx, { actor: 'system', action: 'ops_user.bootstrapped', target: userTarget(user.id) });
    return 'created';
  });
}
