import type { PrismaClient, Prisma, VaultProject } from '@guild/db';
import { notFound, type Principal } from '@guild/platform';

type Db = PrismaClient | Prisma.TransactionClient;

/** The customer company's members, the project's expert and ops see a project's vault (the list, never a secret). */
export function mayOpen(principal: Principal, project: VaultProject): boolean {
  if (principal.role === 'ops') return true;
  if (principal.role === 'customer') return principal.customerId === project.customerId;
  if (principal.role === 'expert') return principal.expertId === project.expertId;
  return false;
}

/** Only the company's members hand over and revoke their own tool access (ops may revoke too). */
export const isProjectCustomer = (principal: Principal, project: VaultProject) =>
  principal.role === 'customer' && principal.customerId === project.customerId;

/** Secrets are read by the project's expert while the project runs, and by ops; nobody else. */
export function mayReveal(principal: Principal, project: VaultProject): boolean {
  if (principal.role === 'ops') return true;
  return principal.role === 'expert' && principal.expertId === project.expertId && project.status !== 'ended';
}

/** The project when the caller may open its vault; a project the caller may not see is as unknown (404). */
export async function openableProject(db: Db, principal: Principal, projectId: string): Promise<VaultProject> {
  const project = await db.vaultProject.findUnique({ where: { projectId } });
  if (!project || !mayOpen(principal, project)) throw notFound('project');
  return project;
}

export async function credentialWithProject(db: Db, credentialId: string) {
  const credential = await db.vaultCredential.findUnique({ where: { id: credentialId } });
  const project = credential ? await db.vaultProject.findUnique({ where: { projectId: credential.projectId } }) : null;
  return credential && project ? { credential, project } : undefined;
}

/** A credential and its project when the caller may open the project's vault; else 404. */
export async function openableCredential(db: Db, principal: Principal, credentialId: string) {
  const found = await credentialWithProject(db, credentialId);
  if (!found || !mayOpen(principal, found.project)) throw notFound('credential');
  return found;
}
