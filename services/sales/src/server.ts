import { createServiceApp, opsAuditTrail, registerOutboxRetention, registerUndeliveredMailRoutes, serviceAppOptions, type ServiceAppDeps } from '@guild/platform';
import { SALES_SOURCE } from './domain/source.js';
import { registerAcceptDraftRoutes } from './routes/accept-draft.js';
import { registerLeadRoutes } from './routes/leads.js';
import { registerPolicyAndCommissionRoutes } from './routes/policy-and-commissions.js';

export interface SalesServerDeps extends ServiceAppDeps {
  /** The public address the draft's accept link points to. */
  publicUrl: string;
}

/** The sales service's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: SalesServerDeps) {
  const eventsRecorded = deps.eventsRecorded ?? (() => {});
  return createServiceApp(
    serviceAppOptions(SALES_SOURCE, deps, { auditOpsAction: opsAuditTrail(deps.prisma, 'sales') }),
    (r) => {
      registerLeadRoutes(r, { prisma: deps.prisma, publicUrl: deps.publicUrl, eventsRecorded });
      registerAcceptDraftRoutes(r, { prisma: deps.prisma, eventsRecorded });
      registerPolicyAndCommissionRoutes(r, { prisma: deps.prisma, eventsRecorded });
      registerOutboxRetention(r, { prisma: deps.prisma, source: SALES_SOURCE });
      registerUndeliveredMailRoutes(r, { prisma: deps.prisma, source: SALES_SOURCE });
    },
  );
}
