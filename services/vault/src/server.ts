import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@guild/db';
import { createServiceApp, registerOutboxRetention, type Logger, type Sealer, type TokenVerifier } from '@guild/platform';
import { VAULT_SOURCE } from './domain/source.js';
import { registerCredentialRoutes } from './routes/credentials.js';

export interface VaultServerDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** Seals and opens secrets under the master key ring. */
  sealer: Sealer;
  maxSecretBytes: number;
  /** How bearer tokens are verified; tests may give just the dev secret. */
  verifyToken?: TokenVerifier;
  jwtSecret?: string;
  corsOrigins?: readonly string[];
  bodyLimit?: string;
  /** Lets a scraper off the host read /metrics (`METRICS_TOKEN`). */
  metricsToken?: string;
  readiness: Record<string, () => Promise<void>>;
  /** Called after a commit that wrote an event, so the outbox relay publishes it at once. */
  eventsRecorded?: () => void;
}

/** The vault's HTTP app; `index.ts` only wires real connections to it and listens. */
export function createServer(deps: VaultServerDeps) {
  return createServiceApp(
    {
      name: VAULT_SOURCE,
      logger: deps.logger,
      prisma: deps.prisma,
      ...(deps.verifyToken ? { verifyToken: deps.verifyToken } : {}),
      ...(deps.jwtSecret ? { jwtSecret: deps.jwtSecret } : {}),
      ...(deps.corsOrigins ? { corsOrigins: deps.corsOrigins } : {}),
      ...(deps.bodyLimit ? { bodyLimit: deps.bodyLimit } : {}),
      ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
      readiness: deps.readiness,
      auditOpsAction: async ({ actor, action, target }) => {
        await deps.prisma.vaultOpsAuditEntry.create({ data: { id: randomUUID(), actor, action, target: JSON.stringify(target) } });
      },
    },
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
