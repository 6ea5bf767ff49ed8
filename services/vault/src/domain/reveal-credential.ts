import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import { notFound, type Principal, type Sealer } from '@guild/platform';
import { credentialWithProject, mayReveal } from './project-access.js';
import { sealContextOf, type SealedParts } from './sealing.js';
import { credentialRevoked } from './vault-errors.js';

/**
 * Opens a credential's secret for the project's expert or ops. The audit row (who, when, why)
 * commits before the secret leaves: a reveal that cannot be recorded reveals nothing. Anyone
 * else, the customer included, gets the 404 of an unknown credential.
 */
export async function revealCredential(prisma: PrismaClient, sealer: Sealer, principal: Principal, credentialId: string, reason: string) {
  const { credential, project, revealedAt } = await prisma.$transaction(async (tx) => {
    const found = await credentialWithProject(tx, credentialId);
    if (!found || !mayReveal(principal, found.project)) throw notFound('credential');
    if (!found.credential.sealedSecret) throw credentialRevoked();
    const reveal = await tx.vaultReveal.create({
      data: { id: randomUUID(), credentialId, projectId: found.project.projectId, revealedBy: principal.subject, role: principal.role, reason },
    });
    return { ...found, revealedAt: reveal.revealedAt };
  });
  const parts = JSON.parse(sealer.open(Buffer.from(credential.sealedSecret!), sealContextOf(credential.id)).toString('utf8')) as SealedParts;
  return {
    id: credential.id,
    projectId: project.projectId,
    system: credential.system,
    login: credential.login,
    secret: parts.secret,
    notes: parts.notes,
    revealedAt: revealedAt.toISOString(),
  };
}
