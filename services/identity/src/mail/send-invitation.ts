import { AppError, type Logger } from '@guild/platform';
import type { IssuedInvitation } from '../domain/invitations.js';
import type { Mailer } from './mailer.js';
import { invitationMail, type InvitationPurpose } from './messages.js';

/**
 * Mails an invitation that is already stored. The inviter must know when it did not go out, so a
 * failure is a 502; inviting again sends a fresh link (the unsent one simply expires).
 */
export async function sendInvitation(
  deps: { mailer: Mailer; logger: Logger; appUrl: string },
  issued: IssuedInvitation,
  purpose: InvitationPurpose,
): Promise<void> {
  const mail = invitationMail({
    to: issued.invitation.email,
    purpose,
    token: issued.token,
    expiresAt: issued.invitation.expiresAt,
    appUrl: deps.appUrl,
  });
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    deps.logger.error({ err: error, invitationId: issued.invitation.id }, 'the invitation mail could not be sent');
    throw new AppError('mail_not_sent', {
      status: 502,
      message: 'the invitation is stored but its mail could not be sent; invite again to send a new link',
    });
  }
}
