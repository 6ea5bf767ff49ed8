import {
  createMemoryRateLimiter,
  createServiceApp,
  opsAuditTrail,
  registerOutboxRetention,
  registerUndeliveredMailRoutes,
  serviceAppOptions,
  type MailDirectory,
  type ServiceAppDeps,
} from '@guild/platform';
import { registerAttachmentRoutes, type AttachmentSettings } from './attachments/routes.js';
import { registerHeldMailRoutes } from './mail/held-mail-routes.js';
import { registerAssignmentRoutes } from './routes/assignments.js';
import { registerQueryRoutes } from './routes/queries.js';
import { registerQueueRoutes } from './routes/queue.js';
import { registerSlaEventRoutes } from './routes/sla-events.js';
import { registerCommunityRoutes } from './community/routes.js';
import { registerFaqRoutes } from './faq/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { registerHoursRoutes } from './hours/routes.js';
import { SUPPORT_SOURCE } from './domain/source.js';
import type { ResolutionSettings } from './domain/rating-link.js';
import { ratingLinkKeyOf } from './domain/resolution-config.js';
import { registerRatingRoutes } from './routes/ratings.js';

export interface SupportServerDeps extends ServiceAppDeps {
  /** Query submissions per hour, per account and per client IP. */
  submissionsPerHour?: { perAccount: number; perIp: number };
  /** Identity's people: whether a customer can be mailed, whether an expert exists. Without it, support's own assignments name the experts. */
  mailDirectory?: MailDirectory;
  /** Rating links of resolution mails; by default signed with a key derived from `jwtSecret`, on the local address. */
  resolution?: ResolutionSettings;
  /** The sealed file store and attachment policy; without it the attachment and held-mail routes are absent. */
  attachments?: AttachmentSettings;
}

/** The support service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: SupportServerDeps) {
  const eventsRecorded = deps.eventsRecorded ?? (() => {});
  const hourly = (limit: number) => createMemoryRateLimiter({ limit, windowMs: 60 * 60_000 });
  const perHour = deps.submissionsPerHour ?? { perAccount: 60, perIp: 600 };
  const submissionLimits = { perAccount: hourly(perHour.perAccount), perIp: hourly(perHour.perIp) };
  const resolution = deps.resolution ?? { ratingLinkKey: ratingLinkKeyOf({ JWT_SECRET: deps.jwtSecret }), publicUrl: 'http://127.0.0.1:4010' };
  return createServiceApp(
    serviceAppOptions('support', deps, { auditOpsAction: opsAuditTrail(deps.prisma, 'support') }),
    (r) => {
      registerQueryRoutes(r, { prisma: deps.prisma, eventsRecorded, submissionLimits, resolution, directory: deps.mailDirectory, logger: deps.logger });
      registerRatingRoutes(r, { prisma: deps.prisma, ratingLinkKey: resolution.ratingLinkKey });
      registerAssignmentRoutes(r, { prisma: deps.prisma, eventsRecorded });
      registerSlaEventRoutes(r, { prisma: deps.prisma, eventsRecorded, resolution });
      registerQueueRoutes(r, { prisma: deps.prisma });
      if (deps.attachments) {
        const files = deps.attachments;
        registerAttachmentRoutes(r, { prisma: deps.prisma, ...files });
        registerHeldMailRoutes(r, {
          prisma: deps.prisma,
          store: files.store,
          sealer: files.sealer,
          maxAttachmentBytes: files.maxBytes,
          caps: { perMail: files.maxPerMail, perQuery: files.maxPerQuery },
          eventsRecorded,
        });
      }
      registerCommunityRoutes(r, { prisma: deps.prisma, eventsRecorded });
      registerFaqRoutes(r, { prisma: deps.prisma });
      registerReportRoutes(r, { prisma: deps.prisma });
      registerHoursRoutes(r, { prisma: deps.prisma, eventsRecorded });
      registerOutboxRetention(r, { prisma: deps.prisma, source: SUPPORT_SOURCE });
      registerUndeliveredMailRoutes(r, { prisma: deps.prisma, source: SUPPORT_SOURCE });
    },
  );
}
