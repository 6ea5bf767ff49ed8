import { credentialRevoked } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { notFound, recordEvent, type Principal } from '@guild/platform';
import { isProjectCustomer, openableCredential } from './project-access.js';
import { VAULT_SOURCE } from './source.js';

/**
 * The customer (or ops) takes access back: the sealed secret and notes are erased, not just
 * hidden, so no key — current or leaked — opens them again. Revoking twice changes nothing more.
 */
export async function revokeCredential(prisma: PrismaClient, principal: Principal, credentialId: string) {
  return prisma.$transaction(async (tx) => {
    const { credential, project } = await openableCredential(tx, principal, credentialId);
    if (principal.role !== 'ops' && !isProjectCustomer(principal, project)) throw notFound('credential');
    const revokedAt = new Date();
    const revoked = await tx.vaultCredential.updateMany({
      where: { id: credential.id, revokedAt: null },
      data: { revokedAt, revokedBy: principal.subject, sealedSecret: null, masterKeyId: null },
    });
    if (revoked.count === 1) {
      await recordEvent(tx, VAULT_SOURCE, credentialRevoked, {
        credentialId: credential.id,
        projectId: project.projectId,
        customerId: project.customerId,
        expertId: project.expertId,
        revokedAt: revokedAt.toISOString(),
      });
    }
    return tx.vaultCredential.findUniqueOrThrow({ where: { id: credential.id } });
  });
}
