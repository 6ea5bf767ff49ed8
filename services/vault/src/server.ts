import { createServiceApp, opsAuditTrail, registerOutboxRetention, serviceAppOptions, type Sealer, type ServiceAppDeps } from '@guild/platform';
import { VAULT_SOURCE } from './domain/source.js';
import { registerCredentialRoutes } from './routes/credentials.js';

export interface VaultServerDeps extends ServiceAppDeps {
  /** Seals and opens secrets under the master key ring. */
  sealer: Sealer;
  maxSecretBytes: number;
}

/** The vault's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: VaultServerDeps) {
  return createServiceApp(
    serviceAppOptions(VAULT_SOURCE, deps, { auditOpsAction: opsAuditTrail(deps.prisma, 'vault') }),
    (r) => {
      registerCredentialRoutes(r, {
        prisma: deps.prisma,
        sealer: deps.sealer,
        maxSecretBytes: deps.maxSecretBytes,
        eventsRecorded: deps.eventsRecorded ?? (() => {}),
      });
      registerOutboxRetention(r, { prisma: deps.prisma, source: VAULT_SOURCE });
    },
  );
}
