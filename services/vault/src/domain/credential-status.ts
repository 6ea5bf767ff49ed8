import type { CredentialStatus } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';

/** Whether the customer has handed over at least one tool still in force; a project the vault does not know yet has none. */
export async function credentialStatusOf(prisma: PrismaClient, projectId: string): Promise<CredentialStatus> {
  const count = await prisma.vaultCredential.count({ where: { projectId, revokedAt: null } });
  return { handedOver: count > 0, count };
}
