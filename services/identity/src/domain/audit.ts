import { randomUUID } from 'node:crypto';
import type { Prisma } from '@guild/db';

export interface AuditRecord {
  /** A user id, a service client id, `anonymous` (an unauthenticated caller) or `system`. */
  actor: string;
  /** What changed, e.g. `account.locked`, `refresh_token.reuse_detected`. */
  action: string;
  /** What it changed, e.g. `user:<id>`, `company:<id>`. */
  target: string;
  /** Ids and facts only: never a password, token, secret or hash. */
  details?: Prisma.InputJsonObject;
}

/** Writes an audit entry in the caller's transaction: the entry exists iff the change committed. */
export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditRecord): Promise<void> {
  await tx.auditEntry.create({
    data: { id: randomUUID(), actor: entry.actor, action: entry.action, target: entry.target, details: entry.details ?? {} },
  });
}

export const userTarget = (userId: string) => `user:${userId}`;
export const companyTarget = (companyId: string) => `company:${companyId}`;
