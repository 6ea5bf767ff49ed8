import type { PrismaClient } from '@guild/db';
import { submitQuery } from '../domain/submit-query.js';
import type { InboundMail } from './parse-inbound-mail.js';

// The limits of a query submitted through the API; a mail is cut to fit rather than refused.
const maxSubject = 200;
const maxBody = 20_000;

export const mailSubjectOf = (mail: InboundMail) => (mail.subject || '(no subject)').slice(0, maxSubject);

/** A mail's text as a query or message body: never empty, never longer than the API allows. */
export function mailBodyOf(mail: InboundMail): string {
  const text = mail.text || (mail.attachments.length > 0 ? '(no text; see the attached files)' : '(no text)');
  return text.length <= maxBody ? text : `${text.slice(0, maxBody - 60)}\n\n[cut here: the mail was longer than ${maxBody} characters]`;
}

/**
 * A mail from a customer's address that continues no open query opens a new one: assigned and
 * clocked like any query, answered to the address it came from, threaded on its own Message-ID.
 */
export function openQueryFromMail(prisma: PrismaClient, customerId: string, mail: InboundMail) {
  return submitQuery(
    prisma,
    customerId,
    { subject: mailSubjectOf(mail), body: mailBodyOf(mail) },
    { channel: 'email', contactEmail: mail.from, threadMessageId: mail.messageId },
  );
}
