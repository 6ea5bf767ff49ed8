import { commonConfig, identityClientConfig, runService, startServiceOutboxes } from '@guild/platform';
import { z } from 'zod';
import { attachmentConfig, attachmentDirOf, attachmentKeysOrExit } from './attachments/config.js';
import { createFileAttachmentStore } from './attachments/attachment-store.js';
import { createSealer } from '@guild/platform';
import { startProjectFollower } from './consumers/follow-projects.js';
import { startTaskLinkConsumer } from './consumers/link-created-tasks.js';
import { startDetractorQueryOpener } from './consumers/open-detractor-queries.js';
import { resolutionConfig, ratingLinkKeyOf } from './domain/resolution-config.js';
import { SUPPORT_SOURCE } from './domain/source.js';
import { createServer } from './server.js';
import { supportMailConfig, mailSizeLimitFor } from './mail/config.js';
import { defaultInboundMailLimits, startInboundMail } from './mail/inbound-listener.js';
import { mailauthSenderCheck } from './mail/verify-sender.js';
import { supportMailTemplates } from './mail/templates.js';

await runService({
  name: 'support',
  config: {
    ...commonConfig,
    ...supportMailConfig,
    ...attachmentConfig,
    ...resolutionConfig,
    PORT: z.coerce.number().int().positive().default(4010),
    // Query submissions per hour; the benchmarks set them high for a run.
    QUERY_SUBMISSIONS_PER_HOUR_PER_ACCOUNT: z.coerce.number().int().positive().default(60),
    QUERY_SUBMISSIONS_PER_HOUR_PER_IP: z.coerce.number().int().positive().default(600),
    ...identityClientConfig,
  },
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const { relay, mailRelay, directory, eventsRecorded: recorded, appDeps } = startServiceOutboxes({
      source: SUPPORT_SOURCE,
      templates: supportMailTemplates,
      prisma,
      nc,
      logger,
      config,
    });
    // Files and held mail are kept encrypted: without ATTACHMENT_KEYS support does not start.
    const sealer = createSealer(attachmentKeysOrExit());
    const attachmentStore = createFileAttachmentStore(attachmentDirOf(config.ATTACHMENT_DIR), sealer);
    const attachmentCaps = { perMail: config.ATTACHMENTS_PER_MAIL, perQuery: config.ATTACHMENTS_PER_QUERY };
    const inboundMail = await startInboundMail({
      prisma,
      port: config.SUPPORT_SMTP_PORT,
      host: config.SUPPORT_SMTP_HOST,
      logger,
      maxMessageBytes: mailSizeLimitFor(config.ATTACHMENT_MAX_BYTES),
      maxAttachmentBytes: config.ATTACHMENT_MAX_BYTES,
      attachmentStore,
      attachmentCaps,
      senderCheck: mailauthSenderCheck(),
      sealer,
      onRecorded: recorded,
      limits: defaultInboundMailLimits(config.INBOUND_MAIL_PER_SENDER_PER_HOUR, config.INBOUND_MAIL_PER_IP_PER_HOUR),
    });
    const taskLinks = startTaskLinkConsumer({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger });
    const customerProjects = startProjectFollower({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger });
    const detractorQueries = startDetractorQueryOpener({ nc, namespace: config.EVENT_NAMESPACE, prisma, logger, eventsRecorded: recorded });

    const app = createServer({
      ...appDeps,
      submissionsPerHour: { perAccount: config.QUERY_SUBMISSIONS_PER_HOUR_PER_ACCOUNT, perIp: config.QUERY_SUBMISSIONS_PER_HOUR_PER_IP },
      attachments: {
        store: attachmentStore,
        sealer,
        maxBytes: config.ATTACHMENT_MAX_BYTES,
        maxPerMail: attachmentCaps.perMail,
        maxPerQuery: attachmentCaps.perQuery,
        uploadsPerHour: config.ATTACHMENT_UPLOADS_PER_HOUR,
      },
      mailDirectory: directory,
      resolution: { ratingLinkKey: ratingLinkKeyOf(config), publicUrl: config.SUPPORT_PUBLIC_URL },
    });
    // Inbound mail stops first so nothing new is recorded while the relays finish.
    return { app, background: [inboundMail, relay, mailRelay, taskLinks, customerProjects, detractorQueries] };
  },
});
