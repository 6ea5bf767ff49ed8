import { randomBytes, randomUUID } from 'node:crypto';
import { projectCreated, projectEnded } from '@guild/contracts';
import { createSealer } from '@guild/platform';
import { createServer } from '@guild/vault/server';
import { testJwtSecret } from '@guild/testkit';
// The vault learns of projects only from projects' events, through this consumer; its key ring as its index.ts loads it.
import { loadVaultMasterKeys } from '../../../../services/vault/src/config.js';
import { followProject } from '../../../../services/vault/src/consumers/follow-projects.js';
import type { ServiceUnderTest } from '../service-under-test.js';
import { startSeededService } from '../start-seeded-service.js';
import { homeAccess, homeCustomerId, homeExpertId, otherCustomerId, otherExpertId, seedVaultTenants } from './seed.js';

/** The vault on a fresh database of its own, sealing under a key made for the run, with both tenants seeded. */
export function startVault(): Promise<ServiceUnderTest> {
  const sealer = createSealer(loadVaultMasterKeys({ VAULT_MASTER_KEYS: `security:${randomBytes(32).toString('base64')}` }));
  return startSeededService({
    name: 'vault',
    createApp: (db, logger) => createServer({ prisma: db.prisma, logger, jwtSecret: testJwtSecret, readiness: {}, sealer, maxSecretBytes: 4 * 1024 }),
    seed: async (call, people, db) => {
      const follow = followProject(db.prisma);
      /** A project as projects announces it (`projects.project.created`, then `ended` when asked). */
      const announce = async (customerId: string, expertId: string, ended = false) => {
        const projectId = randomUUID();
        const at = new Date().toISOString();
        const envelope = { id: randomUUID(), version: 1, source: 'projects', occurredAt: at };
        const created = { projectId, customerId, expertId, customerRateCents: 9_000, expertRateCents: 6_000, currency: 'USD', talentRegion: 'eu_asia', billingMode: 'deposit', timeZone: 'Europe/Warsaw', weekStartDay: 'monday', createdAt: at };
        await follow({ ...envelope, subject: projectCreated.subject, payload: created });
        if (ended) await follow({ ...envelope, id: randomUUID(), subject: projectEnded.subject, payload: { projectId, customerId, expertId, at } });
        return projectId;
      };
      const projects = { home: await announce(homeCustomerId, homeExpertId), homeEnded: await announce(homeCustomerId, homeExpertId, true), other: await announce(otherCustomerId, otherExpertId) };
      return seedVaultTenants(call, people, projects);
    },
    // The handed-over secret above all: revealed twice, it must never reach a log line.
    secrets: [homeAccess.secret],
  });
}
