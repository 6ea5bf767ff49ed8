import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@guild/db/testing';
import { createLogger, startMailRelay, type MailDirectory, type MailRelayOptions } from '@guild/platform';
import { callerAs, captureLogs, startMailSink, testJwtSecret } from '@guild/testkit';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import { createFileAttachmentStore } from '../src/attachments/attachment-store.js';
import { mailSizeLimitFor } from '../src/mail/config.js';
import { startInboundMail, type InboundMailLimits } from '../src/mail/inbound-listener.js';
import { SUPPORT_SOURCE } from '../src/domain/source.js';
import { supportMailTemplates } from '../src/mail/templates.js';
import { createServer } from '../src/server.js';


/** Identity as support's tests see it: it knows nobody, so only plain addresses receive mail. */
export const nobodyKnown: MailDirectory = async (people) => ({ addresses: [], unresolved: people });

/** Support's mail relay as index.ts starts it, sending to `smtpUrl`. */
export function startSupportMailRelay(opts: Pick<MailRelayOptions, 'prisma' | 'smtpUrl' | 'logger'> & Partial<MailRelayOptions>) {
  return startMailRelay({ source: SUPPORT_SOURCE, templates: supportMailTemplates, directory: nobodyKnown, from: 'Guild support <support@support.guild.local>', ...opts });
}

/**
 * The support service with its mail channel on a fresh database: the HTTP app with attachments,
 * the inbound SMTP listener, the mail relay sending into a real sink, and a customer's mail client.
 */
export async function startMailStack(opts: { maxAttachmentBytes?: number; limits?: InboundMailLimits } = {}) {
  const maxAttachmentBytes = opts.maxAttachmentBytes ?? 64 * 1024;
  const db = await createTestDatabase();
  const attachmentDir = await mkdtemp(path.join(tmpdir(), 'guild-attachments-'));
  const store = createFileAttachmentStore(attachmentDir);
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
    onRecorded: () => relay.nudge(),
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const app = createServer({
    prisma: db.prisma,
    logger: createLogger('support-test', 'silent'),
    jwtSecret: testJwtSecret,
    readiness: {},
    eventsRecorded: () => relay.nudge(),
    attachments: { store, maxBytes: maxAttachmentBytes },
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
