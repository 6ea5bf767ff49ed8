import { createServer } from '@guild/projects/server';
import { testJwtSecret } from '@guild/testkit';
import type { ServiceUnderTest } from '../service-under-test.js';
import { startSeededService } from '../start-seeded-service.js';
import { seedProjectsTenants } from './seed.js';

/** The projects app on a fresh database of its own, listening on a free port, with both tenants seeded. */
export function startProjects(): Promise<ServiceUnderTest> {
  return startSeededService({
    name: 'projects',
    createApp: (db, logger) =>
      createServer({
        prisma: db.prisma,
        logger,
        jwtSecret: testJwtSecret,
        readiness: {},
        settings: { rescheduleNoticeHours: 12, npsLinkKey: 'nps-security-key-0123456789abcdef0123', publicUrl: 'http://127.0.0.1:9' },
      }),
    seed: (call, people) => seedProjectsTenants(call, people),
  });
}
