import { defineMailTemplate, mailTemplates } from '@guild/platform';
import { z } from 'zod';

const link = z.url();
/** "2026-05-01 09:30 UTC" */
const when = z.string().min(1);

/** An invitation: what the person is invited to, the one-time link (it holds the token), and when it stops working. */
export const invitationMail = defineMailTemplate({
  name: 'identity.invitation',
  data: z.object({ invitedAs: z.string().min(1), link, expiresAt: when }),
  subject: () => 'Your invitation to Guild',
  text: (d) =>
    [
      `You have been invited ${d.invitedAs}.`,
      '',
      'Choose your password here (at least 12 characters):',
      d.link,
      '',
      `The link works once, until ${d.expiresAt}.`,
      'If you did not expect this invitation, ignore this mail.',
    ].join('\n'),
  holdsSecrets: true,
});

export const passwordResetMail = defineMailTemplate({
  name: 'identity.password-reset',
  data: z.object({ link, expiresAt: when }),
  subject: () => 'Reset your Guild password',
  text: (d) =>
    [
      'Someone, hopefully you, asked to reset the password of this Guild account.',
      '',
      'Choose a new password here:',
      d.link,
      '',
      `The link works once, until ${d.expiresAt}. Resetting signs you out everywhere.`,
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ].join('\n'),
  holdsSecrets: true,
});

export const identityMailTemplates = mailTemplates(invitationMail, passwordResetMail);
