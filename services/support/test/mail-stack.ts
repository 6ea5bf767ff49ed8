import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@guild/db/testing';
import { createLogger, startMailRelay, type MailDirectory, type MailRelayOptions } from '@guild/platform';
import { callerAs, captureLogs, startMailSink, testJwtSecret } from '@guild/testkit';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { createFileAttachmentStore } from '../src/attachments/attachment-store.js';
import { loadAttachmentKeys } from '../src/attachments/config.js';
import { createSealer } from '@guild/platform';
import type { AttachmentCaps } from '../src/mail/inbound-routing.js';
import { mailauthSenderCheck, type DNSResolver } from '../src/mail/verify-sender.js';
import { mailSizeLimitFor } from '../src/mail/config.js';
import { startInboundMail, type InboundMailLimits } from '../src/mail/inbound-listener.js';
import { SUPPORT_SOURCE } from '../src/domain/source.js';
import { supportMailTemplates } from '../src/mail/templates.js';
import { createServer } from '../src/server.js';


/** Identity as support's tests see it: it knows nobody, so only plain addresses receive mail. */
export const nobodyKnown: MailDirectory = async (people) => ({ addresses: [], unresolved: people });

/** A DNS answer that does not exist, as the system resolver reports it. */
const notFound = (name: string) => Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });

/**
 * DNS for the tests, offline: every domain lets the test's own address (127.0.0.1) send its mail
 * (SPF) and asks receivers to reject what fails (DMARC), unless `txt` says otherwise for a name.
 */
export function fakeDns(txt: Record<string, string[]> = {}): DNSResolver {
  return async (name, rrtype) => {
    const lower = name.toLowerCase();
    if (rrtype !== 'TXT') throw notFound(name);
    if (lower in txt) return txt[lower]!.map((record) => [record]);
    // A record for each registered domain (two labels), none above: a DMARC tree walk must not find
    // one at the top level, or every domain under it would share one organizational domain.
    if (lower.startsWith('_dmarc.')) {
      if (lower.split('.').length !== 3) throw notFound(name);
      return [['v=DMARC1; p=reject']];
    }
    if (lower.includes('._domainkey.')) throw notFound(name);
    return [['v=spf1 ip4:127.0.0.1 -all']];
  };
}

/** Attachment keys of one test run, as ATTACHMENT_KEYS would list them. */
export const testAttachmentKeys = (...ids: string[]) =>
  loadAttachmentKeys({ ATTACHMENT_KEYS: (ids.length ? ids : ['test']).map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',') });

/** Support's mail relay as index.ts starts it, sending to `smtpUrl`. */
export function startSupportMailRelay(opts: Pick<MailRelayOptions, 'prisma' | 'smtpUrl' | 'logger'> & Partial<MailRelayOptions>) {
  return startMailRelay({ source: SUPPORT_SOURCE, templates: supportMailTemplates, directory: nobodyKnown, from: 'Guild support <support@support.guild.local>', ...opts });
}

/**
 * The support service with its mail channel on a fresh database: the HTTP app with attachments,
 * the inbound SMTP listener, the mail relay sending into a real sink, and a customer's mail client.
 */
export async function startMailStack(
  opts: { maxAttachmentBytes?: number; limits?: InboundMailLimits; caps?: AttachmentCaps; uploadsPerHour?: number; dns?: DNSResolver } = {},
) {
  const maxAttachmentBytes = opts.maxAttachmentBytes ?? 64 * 1024;
  const caps = opts.caps ?? { perMail: 10, perQuery: 50 };
  const db = await createTestDatabase();
  const attachmentDir = await mkdtemp(path.join(tmpdir(), 'guild-attachments-'));
  const sealer = createSealer(testAttachmentKeys());
  const store = createFileAttachmentStore(attachmentDir, sealer);
  const logs = captureLogs('support-mail-test', 'info');
  const sink = await startMailSink();
  const relay = startSupportMailRelay({ prisma: db.prisma, smtpUrl: sink.smtpUrl, logger: logs.logger, pollMs: 100 });
  const inbound = await startInboundMail({
    prisma: db.prisma,
    port: 0,
    host: '127.0.0.1',
    logger: logs.logger,
    maxMessageBytes: mailSizeLimitFor(maxAttachmentBytes),
    maxAttachmentBytes,
    attachmentStore: store,
    attachmentCaps: caps,
    senderCheck: mailauthSenderCheck({ resolver: opts.dns ?? fakeDns(), mta: 'mx.support.guild.local' }),
    sealer,
    onRecorded: () => relay.nudge(),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const app = createServer({
    prisma: db.prisma,
    logger: createLogger('support-test', 'silent'),
    jwtSecret: testJwtSecret,
    readiness: {},
    eventsRecorded: () => relay.nudge(),
    attachments: { store, sealer, maxBytes: maxAttachmentBytes, maxPerMail: caps.perMail, maxPerQuery: caps.perQuery, uploadsPerHour: opts.uploadsPerHour ?? 1_000 },
  });
  const mailClient = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });

  return {
    db,
    prisma: db.prisma,
    app,
    as: callerAs(app),
    sink,
    relay,
    inbound,
    store,
    sealer,
    attachmentDir,
    logs: logs.lines,
    /** Sends a mail to the support listener as a customer's mail client would. */
    sendMail: (mail: SendMailOptions) => mailClient.sendMail(mail),
    async stop() {
      mailClient.close();
      await inbound.stop();
      await relay.stop();
      await sink.stop();
      await db.drop();
      await rm(attachmentDir, { recursive: true, force: true });
    },
  };
}

export type MailStack = Awaited<ReturnType<typeof startMailStack>>;
