import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import { createServiceApp, registerOutboxRetention, registerUndeliveredMailRoutes, type Logger, type MailMetrics, type TokenVerifier } from '@guild/platform';
import type { ProjectsSettings } from './domain/settings.js';
import { PROJECTS_SOURCE } from './domain/source.js';
import { registerMeetingRoutes } from './routes/meetings.js';
import { registerNpsAnswerPage } from './routes/nps-answer-page.js';
import { registerNpsRoutes } from './routes/nps.js';
import { registerMilestoneAndStakeholderRoutes } from './routes/people-and-milestones.js';
import { registerProcessMailRoutes } from './routes/process-mails.js';
import { registerProjectRoutes } from './routes/projects.js';
import { registerReleaseRoutes } from './routes/releases.js';
import { registerTaskRoutes } from './routes/tasks.js';
import { registerTimeEntryRoutes } from './routes/time-entries.js';
import { registerWeekRoutes } from './routes/weeks.js';

export interface ProjectsServerDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** How bearer tokens are verified; tests may give just the dev secret. */
  verifyToken?: TokenVerifier;
  jwtSecret?: string;
  corsOrigins?: readonly string[];
  bodyLimit?: string;
  /** Lets a scraper off the host read /metrics (`METRICS_TOKEN`). */
  metricsToken?: string;
  /** The mail relay's counters, served on /metrics. */
  mailMetrics?: MailMetrics;
  readiness: Record<string, () => Promise<void>>;
  /** Called after a commit that wrote an event or a mail, so the relays send it at once. */
  eventsRecorded?: () => void;
  settings: ProjectsSettings;
}

/** The projects service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: ProjectsServerDeps) {
  const routeDeps = { prisma: deps.prisma, eventsRecorded: deps.eventsRecorded ?? (() => {}), settings: deps.settings };
  return createServiceApp(
    {
      name: PROJECTS_SOURCE,
      logger: deps.logger,
      prisma: deps.prisma,
      ...(deps.verifyToken ? { verifyToken: deps.verifyToken } : {}),
      ...(deps.jwtSecret ? { jwtSecret: deps.jwtSecret } : {}),
      ...(deps.corsOrigins ? { corsOrigins: deps.corsOrigins } : {}),
      ...(deps.bodyLimit ? { bodyLimit: deps.bodyLimit } : {}),
      ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
      ...(deps.mailMetrics ? { metrics: [deps.mailMetrics.registry] } : {}),
      readiness: deps.readiness,
      auditOpsAction: async ({ actor, action, target }) => {
        await deps.prisma.projectsOpsAuditEntry.create({ data: { id: randomUUID(), actor, action, target: JSON.stringify(target) } });
      },
    },
    (r) => {
      registerProjectRoutes(r, routeDeps);
      registerTaskRoutes(r, routeDeps);
      registerTimeEntryRoutes(r, routeDeps);
      registerWeekRoutes(r, routeDeps);
      registerMilestoneAndStakeholderRoutes(r, routeDeps);
      registerMeetingRoutes(r, routeDeps);
      registerReleaseRoutes(r, routeDeps);
      registerNpsRoutes(r, routeDeps);
      registerNpsAnswerPage(r, routeDeps);
      registerProcessMailRoutes(r, routeDeps);
      registerOutboxRetention(r, { prisma: deps.prisma, source: PROJECTS_SOURCE });
      registerUndeliveredMailRoutes(r, { prisma: deps.prisma, source: PROJECTS_SOURCE });
    },
  );
}
