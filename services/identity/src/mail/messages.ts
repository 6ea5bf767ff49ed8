import type { Prisma } from '@guild/db';
import { queueMail } from '@guild/platform';
import { IDENTITY_SOURCE } from '../domain/source.js';
import { invitationMail, passwordResetMail } from './templates.js';

// The token travels in the link's fragment: browsers never send a fragment to a server, so it
// stays out of access logs and Referer headers; the page posts it back in a request body.
function linkTo(appUrl: string, page: string, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/${page}#token=${encodeURIComponent(token)}`;
}

function whenItExpires(expiresAt: Date): string {
  return expiresAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export type InvitationPurpose =
  | { kind: 'customer'; companyName: string; role: 'owner' | 'member' }
  | { kind: 'expert' }
  | { kind: 'ops' };

function invitedAs(purpose: InvitationPurpose): string {
  switch (purpose.kind) {
    case 'customer':
      return purpose.role === 'owner'
        ? `to manage ${purpose.companyName}'s team on Guild`
        : `to join ${purpose.companyName}'s team on Guild`;
    case 'expert':
      return 'to join Guild as an expert';
    case 'ops':
      return 'to join Guild operations';
  }
}

/**
 * Queues the invitation mail with the invitation itself: it goes out when SMTP can take it, so a
 * mail server that is down never loses an invitation. The person is addressed as a user, whose
 * address identity reads when the mail is sent.
 */
export async function queueInvitationMail(
  tx: Prisma.TransactionClient,
  invitation: { id: string; userId: string; expiresAt: Date },
  opts: { purpose: InvitationPurpose; token: string; appUrl: string },
): Promise<void> {
  await queueMail(tx, {
    source: IDENTITY_SOURCE,
    idempotencyKey: `invitation:${invitation.id}`,
    template: invitationMail,
    data: {
      invitedAs: invitedAs(opts.purpose),
      link: linkTo(opts.appUrl, 'accept-invitation', opts.token),
      expiresAt: whenItExpires(invitation.expiresAt),
    },
    to: [{ kind: 'user', userId: invitation.userId }],
  });
}

export async function queuePasswordResetMail(
  tx: Prisma.TransactionClient,
  reset: { id: string; userId: string; expiresAt: Date },
  opts: { token: string; appUrl: string },
): Promise<void> {
  await queueMail(tx, {
    source: IDENTITY_SOURCE,
    idempotencyKey: `password-reset:${reset.id}`,
    template: passwordResetMail,
    data: { link: linkTo(opts.appUrl, 'reset-password', opts.token), expiresAt: whenItExpires(reset.expiresAt) },
    to: [{ kind: 'user', userId: reset.userId }],
  });
}
