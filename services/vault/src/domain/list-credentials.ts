import type { PrismaClient } from '@guild/db';
import type { Principal } from '@guild/platform';
import { openableCredential, openableProject } from './project-access.js';

/** A project's handed-over tools, newest first: a handful per project, so one answer holds them all. */
export async function listProjectCredentials(prisma: PrismaClient, principal: Principal, projectId: string) {
  await openableProject(prisma, principal, projectId);
  return prisma.vaultCredential.findMany({ where: { projectId }, orderBy: [{ handedOverAt: 'desc' }, { id: 'desc' }] });
}

/** The last 100 reads of a credential's secret (who, when, why), newest first; for everyone who sees the credential. */
export async function listReveals(prisma: PrismaClient, principal: Principal, credentialId: string) {
  await openableCredential(prisma, principal, credentialId);
  return prisma.vaultReveal.findMany({ where: { credentialId }, orderBy: [{ revealedAt: 'desc' }, { id: 'desc' }], take: 100 });
}
