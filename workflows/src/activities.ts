import type { PrismaClient } from '@guild/db';
import { signToken } from '@guild/platform';
import { createOutboxRetentionActivities } from './outbox-retention/activities.js';
import { createQuerySlaActivities } from './query-sla/activities.js';
import { createServiceHttp } from './service-http.js';
import { createSupportQueryActivities } from './support-query/activities.js';

export interface ActivityDeps {
  supportUrl: string;
  jwtSecret: string;
  prisma: PrismaClient;
}

/** A service token for the worker, minted once and renewed well before it expires. */
export function serviceTokenSource(jwtSecret: string) {
  let cached: { token: string; renewAt: number } | undefined;
  return async () => {
    if (!cached || Date.now() >= cached.renewAt) {
      const token = await signToken(jwtSecret, { subject: 'temporal-worker', role: 'service' }, { expiresIn: '1h' });
      cached = { token, renewAt: Date.now() + 45 * 60_000 };
    }
    return cached.token;
  };
}

/** Every activity the worker offers, built over its clients. */
export function createActivities({ supportUrl, jwtSecret, prisma }: ActivityDeps) {
  const support = createServiceHttp(supportUrl, serviceTokenSource(jwtSecret));
  return {
    ...createQuerySlaActivities({ support }),
    ...createSupportQueryActivities({ support }),
    ...createOutboxRetentionActivities({ prisma }),
  };
}
