import type { Mail } from './mailer.js';

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

export function invitationMail(opts: {
  to: string;
  purpose: InvitationPurpose;
  token: string;
  expiresAt: Date;
  appUrl: string;
}): Mail {
  return {
    to: opts.to,
    subject: 'Your invitation to Guild',
    text: [
      `You have been invited ${invitedAs(opts.purpose)}.`,
      '',
      'Choose your password here (at least 12 characters):',
      linkTo(opts.appUrl, 'accept-invitation', opts.token),
      '',
      `The link works once, until ${whenItExpires(opts.expiresAt)}.`,
      'If you did not expect this invitation, ignore this mail.',
    ].join('\n'),
  };
}

export function passwordResetMail(opts: { to: string; token: string; expiresAt: Date; appUrl: string }): Mail {
  return {
    to: opts.to,
    subject: 'Reset your Guild password',
    text: [
      'Someone, hopefully you, asked to reset the password of this Guild account.',
      '',
      'Choose a new password here:',
      linkTo(opts.appUrl, 'reset-password', opts.token),
      '',
      `The link works once, until ${whenItExpires(opts.expiresAt)}. Resetting signs you out everywhere.`,
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ].join('\n'),
  };
}
