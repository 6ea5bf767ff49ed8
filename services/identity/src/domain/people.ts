import { expertRegistered } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { inviteUser } from './invitations.js';
import type { IdentityPolicy } from './policy.js';
import { IDENTITY_SOURCE } from './source.js';

interface InviteContext {
  actor: string;
  policy: IdentityPolicy;
}

/**
 * Registers an expert: their stable `expertId` exists from now on (ops can assign them at once)
 * and they get an invitation to set their password. A new expert is announced with
 * `identity.expert.registered`; inviting a pending expert again keeps their id and announces nothing.
 */
export async function registerExpert(prisma: PrismaClient, body: { email: string; name: string }, { actor, policy }: InviteContext) {
  return prisma.$transaction(async (tx) => {
    const issued = await inviteUser(tx, { kind: 'expert', email: body.email, name: body.name }, { invitedBy: actor, policy });
    if (issued.created) {
      await recordEvent(tx, IDENTITY_SOURCE, expertRegistered, {
        expertId: issued.user.expertId!,
        userId: issued.user.id,
        registeredAt: issued.user.createdAt.toISOString(),
      });
    }
    return issued;
  });
}

/** Invites a member of the ops team. */
export async function inviteOpsUser(
  prisma: PrismaClient,
  body: { email: string; name?: string | undefined },
  { actor, policy }: InviteContext,
) {
  return prisma.$transaction((tx) =>
    inviteUser(tx, { kind: 'ops', email: body.email, name: body.name }, { invitedBy: actor, policy }),
  );
}
