import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@guild/db/testing';
import { createLogger, signToken, startMailRelay, type MailDirectory, type MailRelayOptions, type Principal } from '@guild/platform';
import { startMailSink, testJwtSecret } from '@guild/platform/testing';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import supertest from 'supertest';
import { createFileAttachmentStore } from '../src/attachments/attachment-store.js';
import { mailSizeLimitFor } from '../src/mail/config.js';
import { startInboundMail, type InboundMailLimits } from '../src/mail/inbound-listener.js';
import { SUPPORT_SOURCE } from '../src/domain/source.js';
import { supportMailTemplates } from '../src/mail/templates.js';
import { createServer } from '../src/server.js';

export { freePort, startMailSink, type SunkMail } from '@guild/platform/testing';

export type { MailSink } from '@guild/platform/testing';

/** Log lines a test can read: what ops would see. */
export function capturedLogs() {
  const lines: string[] = [];
  return { lines, logger: createLogger('support-mail-test', 'info', { write: (line: string) => void lines.push(line) }) };
}

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
  const logs = capturedLogs();
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
  const http = supertest(app);
  const as = (principal: Principal) => {
    const token = signToken(testJwtSecret, principal);
    return {
      get: async (p: string) => http.get(p).set('authorization', `Bearer ${await token}`),
      post: async (p: string, body?: object) => http.post(p).set('authorization', `Bearer ${await token}`).send(body),
      put: async (p: string, body?: object) => http.put(p).set('authorization', `Bearer ${await token}`).send(body),
      upload: async (p: string, bytes: Buffer, contentType: string) =>
        http.post(p).set('authorization', `Bearer ${await token}`).set('content-type', contentType).send(bytes),
      download: async (p: string) =>
        http
          .get(p)
          .set('authorization', `Bearer ${await token}`)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          }),
    };
  };
  const mailClient = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });

  return {
    db,
    prisma: db.prisma,
    app,
    as,
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
