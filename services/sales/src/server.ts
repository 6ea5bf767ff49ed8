import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import { createServiceApp, registerOutboxRetention, registerUndeliveredMailRoutes, type Logger, type MailMetrics, type TokenVerifier } from '@guild/platform';
import { SALES_SOURCE } from './domain/source.js';
import { registerAcceptDraftRoutes } from './routes/accept-draft.js';
import { registerLeadRoutes } from './routes/leads.js';
import { registerPolicyAndCommissionRoutes } from './routes/policy-and-commissions.js';

export interface SalesServerDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** The public address the draft's accept link points to. */
  publicUrl: string;
  verifyToken?: TokenVerifier;
  jwtSecret?: string;
  corsOrigins?: readonly string[];
  bodyLimit?: string;
  metricsToken?: string;
  mailMetrics?: MailMetrics;
  readiness: Record<string, () => Promise<void>>;
  /** Called after a commit that wrote an event or a mail, so the relays send it at once. */
  eventsRecorded?: () => void;
}

/** The sales service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: SalesServerDeps) {
  const eventsRecorded = deps.eventsRecorded ?? (() => {});
  return createServiceApp(
    {
      name: SALES_SOURCE,
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
        await deps.prisma.salesOpsAuditEntry.create({ data: { id: randomUUID(), actor, action, target: JSON.stringify(target) } });
      },
    },
    (r) => {
      registerLeadRoutes(r, { prisma: deps.prisma, publicUrl: deps.publicUrl, eventsRecorded });
      registerAcceptDraftRoutes(r, { prisma: deps.prisma, eventsRecorded });
      registerPolicyAndCommissionRoutes(r, { prisma: deps.prisma, eventsRecorded });
      registerOutboxRetention(r, { prisma: deps.prisma, source: SALES_SOURCE });
      registerUndeliveredMailRoutes(r, { prisma: deps.prisma, source: SALES_SOURCE });
    },
  );
}
