import { createServiceApp, opsAuditTrail, registerOutboxRetention, registerUndeliveredMailRoutes, serviceAppOptions, type ServiceAppDeps } from '@guild/platform';
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

export interface ProjectsServerDeps extends ServiceAppDeps {
  settings: ProjectsSettings;
}

/** The projects service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: ProjectsServerDeps) {
  const routeDeps = { prisma: deps.prisma, eventsRecorded: deps.eventsRecorded ?? (() => {}), settings: deps.settings };
  return createServiceApp(
    serviceAppOptions(PROJECTS_SOURCE, deps, { auditOpsAction: opsAuditTrail(deps.prisma, 'projects') }),
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
