import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@guild/db';
import type { Logger } from '@guild/platform';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AttachmentStore } from '../attachments/attachment-store.js';
import type { Sealer } from '@guild/platform';
import { holdInboundMail } from './held-mail.js';
import { receiveInboundMail, type AttachmentCaps } from './inbound-routing.js';
import { MailRefused } from './mail-refused.js';
import { parseInboundMail } from './parse-inbound-mail.js';
import { createMemoryRateLimiter, type RateLimiter } from '@guild/platform';
import type { SenderCheck } from './verify-sender.js';

export interface InboundMailLimits {
  /** Mails per proven sender (the From address, once SPF/DKIM/DMARC proved it): a forger cannot spend the real sender's allowance. */
  perSender: RateLimiter;
  /** Mails per connecting IP address. */
  perIp: RateLimiter;
}

export interface InboundMailOptions {
  prisma: PrismaClient;
  /** 0 picks a free port (tests); `port` on the result says which. */
  port: number;
  host: string;
  logger: Logger;
  /** Larger mails are refused with 552, announced in EHLO and checked while reading. */
  maxMessageBytes: number;
  maxAttachmentBytes: number;
  attachmentStore: AttachmentStore;
  /** Policy: files per mail and per query. */
  attachmentCaps: AttachmentCaps;
  /** Proves the From domain (SPF, DKIM, DMARC); a mail it does not prove is held. */
  senderCheck: SenderCheck;
  /** Seals held mail at rest, like attachments. */
  sealer: Sealer;
  /** Called after a mail was stored with its events, so the outbox relay publishes them at once. */
  onRecorded: () => void;
  limits?: InboundMailLimits;
}

export interface InboundMailListener {
  port: number;
  /** Stops accepting connections and waits for the open ones to finish. */
  stop(): Promise<void>;
}

const hour = 60 * 60 * 1000;

export const defaultInboundMailLimits = (perSenderPerHour = 30, perIpPerHour = 300): InboundMailLimits => ({
  perSender: createMemoryRateLimiter({ limit: perSenderPerHour, windowMs: hour }),
  perIp: createMemoryRateLimiter({ limit: perIpPerHour, windowMs: hour }),
});

const tooMany = (who: string) => new MailRefused(450, 'rate_limited', `4.7.1 Too many mails from ${who}; please try again later.`);

/**
 * The SMTP listener customers' mail arrives at. Every mail is answered — accepted, refused with a
 * reason the sender's server bounces, or deferred with 451 when storing it failed — and no mail,
 * however malformed, takes the listener down. A mail whose From domain does not vouch for it
 * (SPF/DKIM/DMARC) is accepted and held for ops, opening nothing. Mail bodies never reach the logs.
 */
export async function startInboundMail(opts: InboundMailOptions): Promise<InboundMailListener> {
  const { prisma, logger } = opts;
  const limits = opts.limits ?? defaultInboundMailLimits();

  const allowed = async (limiter: RateLimiter, key: string) => (await limiter.hit(key)).allowed;

  // A sender's own allowance is counted only once the mail proved who sent it (in receive).
  async function onMailFrom(_address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) {
    if (!(await allowed(limits.perIp, session.remoteAddress))) {
      logger.warn({ smtpSession: session.id, ip: session.remoteAddress }, 'inbound mail refused: too many from this IP address');
      return callback(tooMany('this address'));
    }
    callback();
  }

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      // Past the limit the rest is read and dropped: the mail is refused whole.
      if (bytes <= opts.maxMessageBytes) chunks.push(chunk);
    }
    if (stream.sizeExceeded) {
      throw new MailRefused(552, 'too_large', `5.3.4 The message is larger than ${opts.maxMessageBytes} bytes, the most support accepts.`);
    }
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '';
    const envelope = { mailFrom: envelopeFrom, rcptTo: session.envelope.rcptTo.map((r) => r.address) };
    const raw = Buffer.concat(chunks);
    const mail = await parseInboundMail(raw, envelope, opts.maxAttachmentBytes);
    if (!mail.automatic) {
      const verdict = await opts.senderCheck(raw, mail.from, { ip: session.remoteAddress, helo: session.hostNameAppearsAs, mailFrom: envelopeFrom });
      if (verdict.proven === 'retry') {
        throw new MailRefused(451, 'sender_check_unavailable', '4.7.0 The sender could not be verified just now (DNS); please try again later.');
      }
      if (!verdict.proven) {
        // Accepted, not bounced: a bounce would go to the forged From, not to the forger.
        const held = await holdInboundMail(prisma, opts.sealer, { raw, mail, envelope, remoteIp: session.remoteAddress, verdict: { ...verdict.results, reason: verdict.reason } });
        logger.warn({ smtpSession: session.id, heldMailId: held.id, from: mail.from, ip: session.remoteAddress, reason: verdict.reason }, 'inbound mail held: sender not proven');
        return 'Accepted';
      }
      if (!(await allowed(limits.perSender, mail.from))) throw tooMany(mail.from);
    }
    const outcome = await receiveInboundMail(prisma, opts.attachmentStore, mail, opts.attachmentCaps);
    logger.info({ smtpSession: session.id, emailMessageId: mail.messageId, attachments: mail.attachments.length, ...outcome }, `inbound mail: ${outcome.kind}`);
    if (outcome.kind === 'follow_up' || outcome.kind === 'opened') opts.onRecorded();
    return outcome.kind === 'automatic' ? 'Accepted' : `Accepted for query ${outcome.queryId}`;
  }

  function onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) {
    receive(stream, session).then(
      (message) => callback(null, message),
      (error: unknown) => {
        stream.resume();
        if (error instanceof MailRefused) {
          logger.warn(
            { smtpSession: session.id, ip: session.remoteAddress, envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', reason: error.reason, responseCode: error.responseCode },
            `inbound mail refused: ${error.message}`,
          );
          return callback(error);
        }
        logger.error({ smtpSession: session.id, err: error }, 'storing an inbound mail failed; the sender is asked to retry');
        callback(Object.assign(new Error('4.3.0 The message could not be stored just now; please try again later.'), { responseCode: 451 }));
      },
    );
  }

  const server = new SMTPServer({
    banner: 'Guild support',
    // Loopback behind the domain's mail exchanger: no authentication, no TLS of its own.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxMessageBytes,
    rejectOversized: true,
    maxRecipients: 20,
    maxClients: 100,
    disableReverseLookup: true,
    closeTimeout: 5_000,
    logger: false,
    onMailFrom: (address, session, callback) => void onMailFrom(address, session, callback),
    onData,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Socket errors of single connections arrive here; they end that connection, not the listener.
  server.on('error', (error) => logger.warn({ err: error }, 'inbound mail connection error'));
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ host: opts.host, port }, 'inbound mail listening');

  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
