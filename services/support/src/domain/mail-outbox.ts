import type { Prisma } from '@guild/db';
import { queueMail, type MailToQueue, type Recipient } from '@guild/platform';
import { SUPPORT_SOURCE } from './source.js';
import { MAIL_DOMAIN, replyAddressOf, threadMessageIdOf } from './thread.js';

/** Queues a support mail in the caller's transaction; support's mail relay sends it. */
export function queueSupportMail<Data extends Record<string, unknown>>(tx: Prisma.TransactionClient, mail: Omit<MailToQueue<Data>, 'source'>) {
  return queueMail(tx, { ...mail, source: SUPPORT_SOURCE });
}

/** Headers that put a mail into the query's thread and route answers back to the query. */
export function threadHeaders(query: { id: string; threadMessageId: string | null }, messageKey: string) {
  // Our own Message-IDs are in our domain, even when the thread began with the customer's mail.
  const thread = query.threadMessageId ?? threadMessageIdOf(query.id);
  return {
    'Message-ID': `<${messageKey}@${MAIL_DOMAIN}>`,
    'In-Reply-To': thread,
    References: thread,
    'Reply-To': replyAddressOf(query.id),
  };
}

/**
 * Who a customer's query mails go to: the people of the customer's company (as identity knows
 * them when the mail is sent), and the address a mailed-in query came from.
 */
export function customerRecipients(query: { customerId: string; contactEmail: string | null }): Recipient[] {
  const company: Recipient = { kind: 'company', companyId: query.customerId };
  return query.contactEmail ? [company, { kind: 'address', address: query.contactEmail }] : [company];
}
