import { randomUUID } from 'node:crypto';
import { companyCreated, type CreateCompanyBody } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { companyTarget, recordAudit } from './audit.js';
import { inviteUser } from './invitations.js';
import type { IdentityPolicy } from './policy.js';
import { IDENTITY_SOURCE } from './source.js';

/**
 * Opens a customer company and invites its owner, who then invites the rest of the team.
 * The company, the owner's pending account, the invitation and `identity.company.created` commit
 * together.
 */
export async function createCompany(
  prisma: PrismaClient,
  body: CreateCompanyBody,
  { actor, policy }: { actor: string; policy: IdentityPolicy },
) {
  return prisma.$transaction(async (tx) => {
    const company = await tx.company.create({ data: { id: randomUUID(), name: body.name } });
    const owner = await inviteUser(
      tx,
      { kind: 'customer', email: body.ownerEmail, companyId: company.id, companyRole: 'owner' },
      { invitedBy: actor, policy },
    );
    await recordEvent(tx, IDENTITY_SOURCE, companyCreated, {
      companyId: company.id,
      name: company.name,
      createdAt: company.createdAt.toISOString(),
    });
    await recordAudit(tx, { actor, action: 'company.created', target: companyTarget(company.id), details: { ownerUserId: owner.user.id } });
    return { company, owner };
  });
}
