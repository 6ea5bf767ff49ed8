import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { sha256Of } from '../attachments/attachment-store.js';
import { contentTypeOf, fileNameOf, type AttachedFile } from '../attachments/record-attachment.js';
import { MAIL_DOMAIN } from '../domain/thread.js';
import { MailRefused } from './mail-refused.js';

/** An inbound mail reduced to what support needs from it. */
export interface InboundMail {
  /** The mail's Message-ID with its angle brackets; the same mail delivered twice has the same one. */
  messageId: string;
  /** The sender's address from the From header, lower-cased. */
  from: string;
  /** Envelope recipients, then To and Cc addresses, lower-cased. */
  recipients: string[];
  /** Message-IDs the mail answers: In-Reply-To first, then References newest first. */
  threadRefs: string[];
  subject: string;
  text: string;
  /** An auto-reply, a bounce or list traffic: no person wrote it. */
  automatic: boolean;
  attachments: AttachedFile[];
}

export interface SmtpEnvelope {
  /** The MAIL FROM address; empty for bounces. */
  mailFrom: string;
  rcptTo: string[];
}

const messageIdPattern = /<[^<>\s]+>/g;
const addressPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const maxThreadRefs = 20;

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  [field ?? []]
    .flat()
    .flatMap((o) => o.value)
    .flatMap((a) => [a, ...(a.group ?? [])])
    .map((a) => a.address?.trim().toLowerCase())
    .filter((a): a is string => Boolean(a));

const messageIdsIn = (value: string | string[] | undefined) => [value ?? []].flat().flatMap((v) => v.match(messageIdPattern) ?? []);

function headerText(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

// RFC 3834 and common practice: auto-replies, bounces and bulk mail must not become customer
// messages, or an out-of-office answer to a reminder would reopen the query.
function isAutomatic(mail: ParsedMail, envelope: SmtpEnvelope): boolean {
  const autoSubmitted = headerText(mail, 'auto-submitted');
  return (
    envelope.mailFrom === '' ||
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    ['bulk', 'junk', 'list', 'auto_reply'].includes(headerText(mail, 'precedence')) ||
    mail.headers.has('x-autoreply') ||
    mail.headers.has('x-autorespond')
  );
}

/**
 * Parses a raw mail. A mail that cannot be read, or names no sender, is refused: the sending
 * server bounces it, and nothing is stored. So is a mail with a file over the size limit.
 */
export async function parseInboundMail(raw: Buffer, envelope: SmtpEnvelope, maxAttachmentBytes: number): Promise<InboundMail> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  } catch {
    throw new MailRefused(554, 'unparseable', '5.6.0 The message could not be read; please send it again as a plain email.');
  }
  const from = addressesOf(mail.from)[0];
  if (!from || !addressPattern.test(from)) {
    throw new MailRefused(550, 'no_sender', '5.1.7 The message has no valid From address, so it cannot be matched to a customer.');
  }
  const tooLarge = mail.attachments.find((a) => a.size > maxAttachmentBytes);
  if (tooLarge) {
    throw new MailRefused(
      552,
      'attachment_too_large',
      `5.3.4 The file ${fileNameOf(tooLarge.filename) ?? 'attached'} is larger than ${maxAttachmentBytes} bytes, the most support accepts per file.`,
    );
  }
  return {
    // A mail without a Message-ID gets one from its bytes, so a redelivery is still recognised.
    messageId: messageIdsIn(mail.messageId)[0] ?? `<sha256-${sha256Of(raw)}@${MAIL_DOMAIN}>`,
    from,
    recipients: [...new Set([...envelope.rcptTo.map((a) => a.toLowerCase()), ...addressesOf(mail.to), ...addressesOf(mail.cc)])],
    threadRefs: [...new Set([...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references).reverse()])].slice(0, maxThreadRefs),
    subject: mail.subject?.trim() ?? '',
    text: mail.text?.trim() ?? '',
    automatic: isAutomatic(mail, envelope),
    attachments: mail.attachments.map((a, i) => ({
      filename: fileNameOf(a.filename) ?? `attachment-${i + 1}`,
      contentType: contentTypeOf(a.contentType),
      bytes: a.content,
    })),
  };
}
