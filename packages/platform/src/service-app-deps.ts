import { randomUUID } from 'node:crypto';
import { sqlPoolOf, type PrismaClient } from '@guild/db';
import type { ServiceAppOptions } from './app.js';
import { groupCommit } from './group-commit.js';
import type { OpsAuditor } from './http/mount-route.js';
import type { Logger } from './logger.js';
import type { MailMetrics } from './mail/metrics.js';
import type { TokenVerifier } from './token-verifier.js';

/** What every service's `createServer` takes besides its own parts; `index.ts` fills it from the config. */
export interface ServiceAppDeps {
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
}

/** `createServiceApp`'s options from a service's deps; `own` adds (or overrides) what the service decides itself. */
export function serviceAppOptions(name: string, deps: ServiceAppDeps, own: Partial<ServiceAppOptions> = {}): ServiceAppOptions {
  return {
    name,
    logger: deps.logger,
    prisma: deps.prisma,
    ...(deps.verifyToken ? { verifyToken: deps.verifyToken } : {}),
    ...(deps.jwtSecret ? { jwtSecret: deps.jwtSecret } : {}),
    ...(deps.corsOrigins ? { corsOrigins: deps.corsOrigins } : {}),
    ...(deps.bodyLimit ? { bodyLimit: deps.bodyLimit } : {}),
    ...(deps.metricsToken ? { metricsToken: deps.metricsToken } : {}),
    ...(deps.mailMetrics ? { metrics: [deps.mailMetrics.registry] } : {}),
    readiness: deps.readiness,
    ...own,
  };
}

interface OpsAuditRow {
  id: string;
  actor: string;
  action: string;
  target: string;
}

// The schema is interpolated into SQL: only a plain identifier is accepted.
const schemaName = /^[a-z][a-z0-9_]*$/;

/**
 * Records each ops call (who, what, which record) in the service's own audit table,
 * `<schema>.ops_audit_entry`. The call is answered only once its row is written, so the trail
 * never misses a read of customer data; rows of calls arriving together share one INSERT
 * (`groupCommit`), sent with pg on the pool the reads use: Prisma's `createMany` spent more CPU
 * on each batch than the audited read itself.
 */
export function opsAuditTrail(prisma: PrismaClient, schema: string): OpsAuditor {
  if (!schemaName.test(schema)) throw new Error(`opsAuditTrail: "${schema}" is not a schema name`);
  const pool = sqlPoolOf(prisma);
  // One text for any number of rows (arrays, not a VALUES list), so each connection prepares it once.
  const insert = {
    name: `ops-audit-${schema}`,
    text: `INSERT INTO "${schema}".ops_audit_entry (id, actor, action, target)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
  };
  const record = groupCommit((rows: OpsAuditRow[]) =>
    pool.query({
      ...insert,
      values: [rows.map((r) => r.id), rows.map((r) => r.actor), rows.map((r) => r.action), rows.map((r) => r.target)],
    }),
  );
  return ({ actor, action, target }) => record({ id: randomUUID(), actor, action, target: JSON.stringify(target) });
}
