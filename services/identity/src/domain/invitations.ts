import { randomUUID } from 'node:crypto';
import { memberJoined, type InvitationView, type OneTimeTokenBody, type TokenPair } from '@guild/contracts';
import type { CompanyRole, Invitation, Prisma, User } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { queueInvitationMail, type InvitationPurpose } from '../mail/messages.js';
import { hashPassword } from '../security/passwords.js';
import { hashSecret, newSecretToken } from '../security/secret-tokens.js';
import { recordAudit, userTarget } from './audit.js';
import { alreadyMember, emailInUse, invalidLinkToken } from './identity-errors.js';
import type { IdentityPolicy } from './policy.js';
import { startSession, type SessionDeps } from './sessions.js';
import { IDENTITY_SOURCE } from './source.js';

export type Invitee =
  | { kind: 'customer'; email: string; companyId: string; companyRole: CompanyRole }
  | { kind: 'expert'; email: string; name: string }
  | { kind: 'ops'; email: string; name?: string | undefined };

export interface IssuedInvitation {
  user: User;
  /** False when a pending account was invited again. */
  created: boolean;
  invitation: Invitation;
  /** The one-time token, for the mail only: the database keeps its hash. */
  token: string;
}

function sameAccount(user: User, invitee: Invitee): boolean {
  if (user.kind !== invitee.kind) return false;
  return invitee.kind !== 'customer' || user.companyId === invitee.companyId;
}

/**
 * Creates (or refreshes) a pending account for the invitee and a one-time invitation link for it,
 * and queues the mail that carries the link (sent by the mail relay, whenever SMTP takes it).
 * The account exists at once, so an expert's id can be used before they accept; it has no password,
 * so nobody can sign in to it until the link is used. An address already taken by an active account,
 * or pending for another company or kind of account, is refused.
 */
export async function inviteUser(
  tx: Prisma.TransactionClient,
  invitee: Invitee,
  { invitedBy, policy }: { invitedBy: string; policy: IdentityPolicy },
): Promise<IssuedInvitation> {
  const existing = await tx.user.findUnique({ where: { email: invitee.email } });
  if (existing?.passwordHash) throw sameAccount(existing, invitee) && invitee.kind === 'customer' ? alreadyMember() : emailInUse();
  if (existing && !sameAccount(existing, invitee)) throw emailInUse();

  const profile = {
    ...(invitee.kind === 'customer' ? { companyRole: invitee.companyRole } : {}),
    ...(invitee.kind !== 'customer' && invitee.name ? { name: invitee.name } : {}),
  };
  const user = existing
    ? await tx.user.update({ where: { id: existing.id }, data: profile })
    : await tx.user.create({
        data: {
          id: randomUUID(),
          email: invitee.email,
          kind: invitee.kind,
          companyId: invitee.kind === 'customer' ? invitee.companyId : null,
          expertId: invitee.kind === 'expert' ? randomUUID() : null,
          ...profile,
        },
      });

  const { token, tokenHash } = newSecretToken();
  const createdAt = new Date();
  const invitation = await tx.invitation.create({
    data: {
      id: randomUUID(),
      userId: user.id,
      companyId: user.companyId,
      email: user.email,
      kind: user.kind,
      companyRole: user.companyRole,
      tokenHash,
      invitedBy,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + policy.invitationTtlMs),
    },
  });
  await queueInvitationMail(tx, invitation, { purpose: await purposeOf(tx, invitee), token, appUrl: policy.appUrl });
  await recordAudit(tx, {
    actor: invitedBy,
    action: 'invitation.sent',
    target: userTarget(user.id),
    details: { invitationId: invitation.id, kind: user.kind, companyId: user.companyId, companyRole: user.companyRole },
  });
  return { user, created: !existing, invitation, token };
}

async function purposeOf(tx: Prisma.TransactionClient, invitee: Invitee): Promise<InvitationPurpose> {
  if (invitee.kind !== 'customer') return { kind: invitee.kind };
  const company = await tx.company.findUniqueOrThrow({ where: { id: invitee.companyId } });
  return { kind: 'customer', companyName: company.name, role: invitee.companyRole };
}

export function toInvitationView(invitation: Invitation): InvitationView {
  return {
    id: invitation.id,
    email: invitation.email,
    kind: invitation.kind,
    companyId: invitation.companyId,
    companyRole: invitation.companyRole,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/**
 * Uses an invitation link: sets the password, activates the account and signs the person in.
 * The link works once; the account's other outstanding invitations die with it. A customer's
 * acceptance announces `identity.member.joined`.
 */
export async function acceptInvitation(deps: SessionDeps, { token, password }: OneTimeTokenBody): Promise<TokenPair> {
  const passwordHash = await hashPassword(password);
  return deps.prisma.$transaction(async (tx) => {
    const now = new Date();
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashSecret(token) }, include: { user: true } });
    if (!invitation || invitation.acceptedAt || invitation.expiresAt <= now || invitation.user.passwordHash) {
      throw invalidLinkToken();
    }
    // The account's row first: two sibling links used at once otherwise lock their invitations in
    // opposite orders and deadlock. The second waits here, then finds the password set.
    await tx.$queryRaw`SELECT id FROM identity."user" WHERE id = ${invitation.userId}::uuid FOR UPDATE`;
    // Both updates are conditional, so two uses of one link, or of two links of one account, cannot
    // both succeed: the account gets its first password once.
    const spent = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: now } });
    const activated = await tx.user.updateMany({
      where: { id: invitation.userId, passwordHash: null },
      data: { passwordHash, activatedAt: now, failedSignIns: 0, lockedUntil: null },
    });
    if (spent.count === 0 || activated.count === 0) throw invalidLinkToken();
    await tx.invitation.updateMany({ where: { userId: invitation.userId, acceptedAt: null }, data: { expiresAt: now } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: invitation.userId } });
    await recordAudit(tx, {
      actor: user.id,
      action: 'invitation.accepted',
      target: userTarget(user.id),
      details: { invitationId: invitation.id, kind: user.kind },
    });
    if (user.kind === 'customer') {
      await recordEvent(tx, IDENTITY_SOURCE, memberJoined, {
        companyId: user.companyId!,
        userId: user.id,
        role: user.companyRole ?? 'member',
        joinedAt: now.toISOString(),
      });
    }
    return startSession(deps, tx, user);
  });
}
