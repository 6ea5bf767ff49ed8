import { commonConfig, natsReady, prismaReady, runService, startOutboxRelay, tokenVerifierFromConfig } from '@guild/platform';
import { z } from 'zod';
import { attachmentConfig, attachmentDirOf } from './attachments/config.js';
import { createFileAttachmentStore } from './attachments/attachment-store.js';
import { startTaskLinkConsumer } from './consumers/link-created-tasks.js';
import { SUPPORT_SOURCE } from './domain/source.js';
import { defaultSupportSettings } from './domain/settings.js';
import { createServer } from './server.js';
import { mailConfig, mailSizeLimitFor } from './mail/config.js';
import { defaultInboundMailLimits, startInboundMail } from './mail/inbound-listener.js';
import { startMailRelay } from './mail/mail-relay.js';

await runService({
  name: 'support',
  config: {
    ...commonConfig,
    ...mailConfig,
    ...attachmentConfig,
    PORT: z.coerce.number().int().positive().default(4010),
    OPS_EMAIL: z.email().default('ops@guild.local'),
    EXPERT_MAIL_DOMAIN: z.string().min(1).default('experts.guild.local'),
  },
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source: SUPPORT_SOURCE, logger });
    const mailRelay = startMailRelay({ prisma, smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, logger });
    const recorded = () => {
      relay.nudge();
      mailRelay.nudge();
    };
    const attachmentStore = createFileAttachmentStore(attachmentDirOf(config.ATTACHMENT_DIR));
    const inboundMail = await startInboundMail({
      prisma,
      port: config.SUPPORT_SMTP_PORT,
      host: config.SUPPORT_SMTP_HOST,
      logger,
      maxMessageBytes: mailSizeLimitFor(config.ATTACHMENT_MAX_BYTES),
      maxAttachmentBytes: config.ATTACHMENT_MAX_BYTES,
      attachmentStore,
      onRecorded: recorded,
      limits: defaultInboundMailLimits(config.INBOUND_MAIL_PER_SENDER_PER_HOUR, config.INBOUND_MAIL_PER_IP_PER_HOUR),
    });
    const taskLinks = startTaskLinkConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger });

    const app = createServer({
      prisma,
      logger,
      verifyToken: tokenVerifierFromConfig(config),
      corsOrigins: config.CORS_ORIGINS,
      bodyLimit: config.BODY_LIMIT,
      ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
      readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
      eventsRecorded: recorded,
      attachments: { store: attachmentStore, maxBytes: config.ATTACHMENT_MAX_BYTES },
      settings: { ...defaultSupportSettings, opsEmail: config.OPS_EMAIL, expertMailDomain: config.EXPERT_MAIL_DOMAIN },
    });
    // Inbound mail stops first so nothing new is recorded while the relays finish.
    return { app, background: [inboundMail, relay, mailRelay, taskLinks] };
  },
});
