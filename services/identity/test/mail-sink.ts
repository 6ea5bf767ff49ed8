import type { SunkMail } from '@guild/platform/testing';

export { startMailSink, type MailSink, type SunkMail } from '@guild/platform/testing';

/** The one-time token of the link in a mail (`…#token=…`). */
export function tokenOfLink(mail: SunkMail): string {
  const match = /#token=([^\s]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no link with a token in the mail "${mail.subject}"`);
  return decodeURIComponent(match[1]);
}
