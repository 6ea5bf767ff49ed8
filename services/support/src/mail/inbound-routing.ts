import type { PrismaClient } from '@guild/db';
import type { AttachmentStore } from '../attachments/attachment-store.js';
import { recordMailAttachments, type AttachmentOwner } from '../attachments/record-attachment.js';
import { queryThread, type QueryWithThread } from '../domain/query-view.js';
import { recordCustomerMessage } from '../domain/record-customer-message.js';
import { SUPPORT_SOURCE } from '../domain/source.js';
import { queryIdOfAddress } from '../domain/thread.js';
import { isUniqueViolation } from '../domain/unique-violation.js';
import { MailRefused } from './mail-refused.js';
import { mailBodyOf, openQueryFromMail } from './open-query-from-mail.js';
import type { InboundMail } from './parse-inbound-mail.js';

export type InboundOutcome =
  | { kind: 'follow_up'; queryId: string; messageId: string }
  | { kind: 'opened'; queryId: string; followsUpOn: string | null }
  | { kind: 'duplicate'; queryId: string }
  | { kind: 'automatic' };

/** Policy: files one mail may bring, and files a query may hold in all. */
export interface AttachmentCaps {
  perMail: number;
  perQuery: number;
}

const tooManyInMail = (caps: AttachmentCaps, count: number) =>
  new MailRefused(552, 'too_many_attachments', `5.3.4 The mail brings ${count} files; support takes at most ${caps.perMail} per mail. Send them in several mails.`);
const queryFull = (caps: AttachmentCaps) =>
  new MailRefused(552, 'query_attachments_full', `5.3.4 This support query already holds the most files it can (${caps.perQuery}). Ask your expert where to send more.`);

/**
 * What an inbound mail becomes. A mail to a query's reply address, or answering one of its mails,
 * is a follow-up on that query, from a registered address of the query's customer only; it reopens a
 * resolved or closed query inside the reopen window, and after it opens a new query following the
 * old one. Any other mail from a registered address
 * opens a query. The same mail delivered again changes nothing. Only a mail whose sender is proven
 * (see verify-sender.ts), or one ops released, comes here.
 */
export async function receiveInboundMail(prisma: PrismaClient, store: AttachmentStore, mail: InboundMail, caps: AttachmentCaps): Promise<InboundOutcome> {
  // Accepted and dropped: refusing them would bounce a bounce, or answer an out-of-office.
  if (mail.automatic) return { kind: 'automatic' };
  if (mail.attachments.length > caps.perMail) throw tooManyInMail(caps, mail.attachments.length);

  const contact = await prisma.customerContact.findUnique({ where: { email: mail.from } });
  if (!contact) {
    throw new MailRefused(
      550,
      'unknown_sender',
      `5.7.1 ${mail.from} is not a registered address of a Guild customer. Write from your registered address, or ask us to add this one.`,
    );
  }
  const notTheirs = () =>
    new MailRefused(550, 'not_a_contact_of_query', `5.7.1 ${mail.from} is not a registered address of the customer of this support query.`);

  const recorded = await alreadyRecorded(prisma, mail.messageId);
  if (recorded) {
    if (recorded.customerId !== contact.customerId) throw notTheirs();
    await recordMailAttachments(prisma, store, recorded.owner, mail.attachments);
    return { kind: 'duplicate', queryId: recorded.owner.queryId };
  }

  const thread = await threadOf(prisma, mail);
  if (thread && thread.customerId !== contact.customerId) throw notTheirs();
  try {
    if (thread) {
      // A follow-up (which reopens a resolved query inside its reopen window), or after the window a new query following it.
      const continues = !thread.reopenWindowEndedAt;
      if (continues && thread.attachments.length + mail.attachments.length > caps.perQuery) throw queryFull(caps);
      const updated = await recordCustomerMessage(prisma, thread, { body: mailBodyOf(mail), channel: 'email', emailMessageId: mail.messageId });
      if (updated.id !== thread.id) {
        await recordMailAttachments(prisma, store, { queryId: updated.id, messageId: null }, mail.attachments);
        return { kind: 'opened', queryId: updated.id, followsUpOn: thread.id };
      }
      const message = updated.messages.find((m) => m.emailMessageId === mail.messageId);
      if (!message) throw new Error(`the follow-up ${mail.messageId} on query ${thread.id} was not stored`);
      await recordMailAttachments(prisma, store, { queryId: thread.id, messageId: message.id }, mail.attachments);
      return { kind: 'follow_up', queryId: thread.id, messageId: message.id };
    }
    const query = await openQueryFromMail(prisma, contact.customerId, mail);
    await recordMailAttachments(prisma, store, { queryId: query.id, messageId: null }, mail.attachments);
    return { kind: 'opened', queryId: query.id, followsUpOn: null };
  } catch (error) {
    // The same mail delivered twice at once: the unique Message-ID lets one copy in.
    if (!isUniqueViolation(error)) throw error;
    const winner = await alreadyRecorded(prisma, mail.messageId);
    if (!winner) throw error;
    return { kind: 'duplicate', queryId: winner.owner.queryId };
  }
}

/** The query or follow-up an earlier delivery of this mail made, if any. */
async function alreadyRecorded(prisma: PrismaClient, messageId: string): Promise<{ customerId: string; owner: AttachmentOwner } | null> {
  const opened = await prisma.query.findUnique({ where: { threadMessageId: messageId } });
  if (opened) return { customerId: opened.customerId, owner: { queryId: opened.id, messageId: null } };
  const message = await prisma.customerMessage.findUnique({ where: { emailMessageId: messageId }, include: { query: true } });
  if (message) return { customerId: message.query.customerId, owner: { queryId: message.queryId, messageId: message.id } };
  return null;
}

/**
 * The query a mail continues: the query of a reply address it was sent to, else the query of the
 * newest mail it answers — a query's first mail, a mail we sent about it, or the customer's own.
 */
async function threadOf(prisma: PrismaClient, mail: InboundMail): Promise<QueryWithThread | null> {
  for (const address of mail.recipients) {
    const id = queryIdOfAddress(address);
    const query = id ? await prisma.query.findUnique({ where: { id }, include: queryThread }) : null;
    if (query) return query;
  }
  const refs = mail.threadRefs;
  if (refs.length === 0) return null;
  const [firsts, sent, messages] = await Promise.all([
    prisma.query.findMany({ where: { threadMessageId: { in: refs } }, select: { id: true, threadMessageId: true } }),
    prisma.outboundMail.findMany({ where: { source: SUPPORT_SOURCE, messageId: { in: refs } }, select: { messageId: true, data: true } }),
    prisma.customerMessage.findMany({ where: { emailMessageId: { in: refs } }, select: { queryId: true, emailMessageId: true } }),
  ]);
  const queryOfRef = new Map<string, string>();
  for (const m of messages) queryOfRef.set(m.emailMessageId!, m.queryId);
  for (const s of sent) {
    const queryId = (s.data as { queryId?: unknown }).queryId;
    if (typeof queryId === 'string') queryOfRef.set(s.messageId!, queryId);
  }
  for (const q of firsts) queryOfRef.set(q.threadMessageId!, q.id);
  for (const ref of refs) {
    const id = queryOfRef.get(ref);
    if (id) return prisma.query.findUnique({ where: { id }, include: queryThread });
  }
  return null;
}
